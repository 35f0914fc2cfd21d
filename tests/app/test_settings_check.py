"""A damaged settings file on start is set aside (renamed, kept) with a message in the status bar,
and settings of the wrong type fall back to defaults: the app starts either way."""

import os

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from lstm_studio.app import i18n, settings_check, theme
from lstm_studio.app.application import configure_pyqtgraph, create_application, make_window
from lstm_studio.app.files import actions as file_actions


@pytest.fixture
def settings_file():
    """The file behind QSettings() in this test (a fresh temp folder, see conftest.py)."""
    path = QSettings().fileName()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


@pytest.fixture
def app_names():
    """create_application names the app; give the tests their names back afterwards."""
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    yield
    QCoreApplication.setOrganizationName(names[0])
    QCoreApplication.setApplicationName(names[1])


def set_aside_copies(path):
    folder, name = os.path.split(path)
    return sorted(os.path.join(folder, other) for other in os.listdir(folder)
                  if other.startswith(name + ".corrupt-"))


DAMAGED = {
    "unparsable": b"[ui\ntheme=dark\n",
    "binary": bytes(range(256)) * 4,
    "not_utf8": b"[ui]\ntheme=\xff\xfe dark\n",
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_a_damaged_settings_file_is_set_aside_and_kept(qapp, settings_file, kind):
    with open(settings_file, "wb") as fh:
        fh.write(DAMAGED[kind])
    settings = QSettings()
    assert settings_check.corrupt_reason(settings) == kind
    message = settings_check.set_aside_if_corrupt(settings)
    kept = set_aside_copies(settings_file)
    assert len(kept) == 1 and kept[0] in message and "starts with its defaults" in message
    with open(kept[0], "rb") as fh:
        assert fh.read() == DAMAGED[kind]  # kept as it was, for whoever wants to look
    assert not os.path.exists(settings_file)
    assert QSettings().allKeys() == [] and settings.allKeys() == []
    settings_check._notices.clear()


def test_a_folder_in_place_of_the_settings_file_is_set_aside(qapp, settings_file):
    os.mkdir(settings_file)
    assert settings_check.set_aside_if_corrupt(QSettings()) is not None
    assert os.path.isdir(set_aside_copies(settings_file)[0])
    settings_check._notices.clear()


def test_a_good_settings_file_is_left_alone(qapp, settings_file):
    settings = QSettings()
    settings.setValue("ui/theme", "dark")
    settings.setValue("files/recent", ["/tmp/a.lstms", "/tmp/ü.lstms"])
    settings.sync()
    assert settings_check.set_aside_if_corrupt(QSettings()) is None
    assert set_aside_copies(settings_file) == []
    assert QSettings().value("ui/theme") == "dark"


def test_start_up_with_a_damaged_file_says_so_once_in_the_status_bar(qtbot, settings_file, app_names,
                                                                     monkeypatch, dialogs):
    monkeypatch.setattr(QCoreApplication, "setOrganizationName", lambda *args: None)  # keep the test's file
    monkeypatch.setattr(QCoreApplication, "setApplicationName", lambda *args: None)
    with open(settings_file, "wb") as fh:
        fh.write(DAMAGED["binary"])
    create_application()
    assert len(set_aside_copies(settings_file)) == 1
    window = make_window(restore_layout=False)
    qtbot.addWidget(window)
    assert "damaged" in window.statusBar().currentMessage()
    assert dialogs.calls == []
    second = make_window(restore_layout=False)  # said once
    qtbot.addWidget(second)
    assert "damaged" not in second.statusBar().currentMessage()


@pytest.mark.parametrize("key, value", [
    (theme.SETTINGS_KEY, ["a", "b"]), (theme.SETTINGS_KEY, 5), (i18n.SETTINGS_KEY, ["x", "y"]),
    (i18n.SETTINGS_KEY, {"k": 1}), (file_actions.RECENT_KEY, 5), ("compare/lstm_forget_bias", ["1", "2"]),
])
def test_settings_of_the_wrong_type_fall_back_to_defaults(qtbot, settings_file, key, value):
    settings = QSettings()
    settings.setValue(key, value)
    settings.sync()
    assert i18n.saved_language(QSettings()) is None or key != i18n.SETTINGS_KEY
    assert theme.saved_theme(QSettings()) in theme.THEMES
    configure_pyqtgraph()
    window = make_window(restore_layout=False)  # every feature reads its settings
    qtbot.addWidget(window)
    window.show()
    assert window.file_actions.recent_files() == [] or key != file_actions.RECENT_KEY
