"""The network toolbar and the budget on work (session/document.py): a size whose recompute is
estimated at more than a second is accepted with the estimate in the status bar; one beyond the
budget is refused with the estimate in the warning. The machine speed is set so that small
networks count as slow or huge, and the real computation stays fast."""

import pytest
from test_main_window import make_window, warnings_shown

from lstm_studio.engine import cost
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel


@pytest.fixture
def window(qtbot):
    w = make_window(qtbot, SessionModel(new_document(NetworkConfig(hidden_size=4, seq_len=10))))
    yield w
    cost.set_machine_speed(None)


def test_a_slow_change_is_accepted_and_says_how_long_a_recompute_takes(window):
    cost.set_machine_speed(2000.0)  # H = 6, T = 10 now counts as a few seconds
    window.config_toolbar.sizes["hidden_size"].setValue(6)
    assert window.model.config.hidden_size == 6
    message = window.statusBar().currentMessage()
    assert message.startswith("Every change of this network takes about ") and message.endswith(" s to recompute.")


def test_a_fast_change_says_nothing_of_time(window):
    cost.set_machine_speed(1.0)
    window.config_toolbar.sizes["hidden_size"].setValue(6)
    assert "to recompute" not in window.statusBar().currentMessage()


def test_a_change_beyond_the_budget_is_refused_with_the_estimate(window, dialogs):
    cost.set_machine_speed(1e6)
    window.config_toolbar.sizes["hidden_size"].setValue(6)
    assert window.model.config.hidden_size == 4
    assert window.config_toolbar.sizes["hidden_size"].value() == 4
    (warning,) = warnings_shown(dialogs)
    assert "This network would take about" in warning[1][2] and "more than the 60 s allowed" in warning[1][2]
