"""Shared widgets: LiveText repaints itself without re-laying out the window around it;
``call_soon`` calls later, and not at all (holding nothing) once its owner is gone."""

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from lstm_studio.app.widgets import LiveText, RefreshWhenSeen, call_soon


class LayoutRequests(QObject):
    """Counts LayoutRequest events reaching ``widget``."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def in_window(qtbot, text: LiveText) -> QWidget:
    """``text`` as a panel's header: a row above a stretching area."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    row = QHBoxLayout()
    row.addWidget(text, 1)
    layout.addLayout(row)
    layout.addStretch(1)
    window.resize(400, 200)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(10)
    return window


def test_a_new_text_of_the_same_size_asks_for_no_layout(qtbot):
    text = LiveText("loss = 0.1234")
    window = in_window(qtbot, text)
    requests = LayoutRequests(window)
    text.setText("loss = 0.1233")
    qtbot.wait(10)
    assert text.text() == "loss = 0.1233"
    assert requests.count == 0


def test_a_wider_text_grows_the_widget_and_never_shrinks_it(qtbot):
    text = LiveText("t = 1")
    window = in_window(qtbot, text)
    narrow = text.sizeHint().width()
    text.setText("t = 1000 / 2000, a much longer text")
    qtbot.waitUntil(lambda: text.width() >= text.sizeHint().width())
    assert text.sizeHint().width() > narrow
    text.setText("t = 2")
    assert text.sizeHint().width() > narrow  # no jitter as numbers change length
    window.close()


def test_wrapped_text_takes_more_lines_when_it_needs_them(qtbot):
    text = LiveText("short", wrap=True)
    window = in_window(qtbot, text)
    one_line = text.height()
    requests = LayoutRequests(window)
    text.setText("other")
    qtbot.wait(10)
    assert requests.count == 0 and text.height() == one_line
    text.setText(" ".join(["a long header text"] * 20))
    qtbot.waitUntil(lambda: text.height() > 3 * one_line)
    window.close()


def test_wrapped_text_beside_a_control_in_a_narrow_row_shows_every_line(qtbot):
    """The output panel's loss line beside its free-running control at 1024 × 768: three lines
    where forty characters would take two (its third line was cut)."""
    from PySide6.QtWidgets import QCheckBox

    text = LiveText("Total loss L = 0.1773 (MSE, mean over 1000 of 1000 steps)", wrap=True)
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    row = QHBoxLayout()
    row.addWidget(text, 1)
    row.addWidget(QCheckBox("own predictions from t = 2, a control that takes room"))
    layout.addLayout(row)
    layout.addStretch(1)
    window.resize(420, 300)
    window.show()
    qtbot.waitExposed(window)
    needed = text.heightForWidth(text.width())
    assert needed > 2 * text.fontMetrics().height()  # three lines at this width
    qtbot.waitUntil(lambda: text.height() >= text.heightForWidth(text.width()), timeout=2000)
    window.close()


def test_stretched_text_never_asks_for_room(qtbot):
    text = LiveText("hover", stretch=True)
    window = in_window(qtbot, text)
    requests = LayoutRequests(window)
    text.setText("t = 3, unit 4: value = 0.25 " * 20)
    qtbot.wait(10)
    assert requests.count == 0
    text.grab()  # elided, painted without error


class Counting(RefreshWhenSeen, QWidget):
    def __init__(self):
        super().__init__()
        self.refreshes = 0

    def refresh(self):
        self.refreshes += 1


def test_a_view_out_of_sight_refreshes_once_when_shown_again(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    view = Counting()
    QVBoxLayout(window).addWidget(view)
    window.show()
    qtbot.waitExposed(window)
    view.refresh_or_defer()
    assert view.refreshes == 1
    view.hide()  # e.g. behind another dock's tab
    view.refresh_or_defer()
    view.refresh_or_defer()
    assert view.refreshes == 1
    view.show()
    assert view.refreshes == 2
    view.hide()
    view.show()  # nothing new meanwhile
    assert view.refreshes == 2


def test_a_view_in_a_window_not_shown_yet_refreshes_at_once():
    view = Counting()
    view.refresh_or_defer()
    assert view.refreshes == 1


class Owner(QObject):
    def __init__(self):
        super().__init__()
        self.calls = []
        self.payload = Payload()

    def record(self):
        self.calls.append("called")


class Payload:
    """Something only an owner holds, to see whether it outlives its owner."""


def test_call_soon_calls_once_control_is_back_in_the_event_loop(qtbot):
    owner = Owner()
    call_soon(owner, owner.record)
    call_soon(owner, lambda: owner.record())
    assert owner.calls == []
    qtbot.waitUntil(lambda: owner.calls == ["called", "called"])
    qtbot.wait(20)
    assert owner.calls == ["called", "called"]  # once each
    assert owner.findChildren(QTimer) == []  # its timers went once they fired


def test_call_soon_with_a_deleted_owner_neither_calls_nor_keeps_what_the_slot_holds(qtbot):
    import gc
    import weakref

    owner = Owner()
    payload = weakref.ref(owner.payload)
    calls = owner.calls
    call_soon(owner, owner.record)
    call_soon(owner, lambda: owner.record())
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del owner
    qtbot.wait(20)
    gc.collect()
    assert calls == []
    assert payload() is None
