"""Small widget factories, the edit-or-refuse helper shared by docks and editors, the walk
that retranslates a window's texts after a language switch (:func:`retranslate_tree`), and
:func:`call_soon`."""

from __future__ import annotations

import math
import re
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetricsF, QPainter, QUndoStack, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QUndoView,
    QWidget,
)

from lstm_studio.app import i18n
from lstm_studio.app.i18n import error_text
from lstm_studio.app.refresh_queue import refresh_for_result


def call_soon(owner: QObject, slot) -> None:
    """Call ``slot`` once control is back in the event loop, unless ``owner`` is deleted first.

    ``QTimer.singleShot(0, owner, slot)`` does not call it then either, but PySide keeps ``slot``
    for ever, and with it whatever it holds: a lambda or bound method holding a window's object
    kept every Python object of that window alive. A timer that is a child of ``owner`` goes with
    it, and its connection lets go of ``slot``."""
    timer = QTimer(owner, singleShot=True, interval=0)
    timer.timeout.connect(slot)
    timer.timeout.connect(timer.deleteLater)
    timer.start()


def button(text: str, tip: str, slot) -> QPushButton:
    """A push button with a tooltip, calling ``slot`` when clicked."""
    widget = QPushButton(text)
    widget.setToolTip(tip)
    widget.clicked.connect(slot)
    return widget


def spin_box(low: int, high: int, tip: str, value: int | None = None) -> QSpinBox:
    """An integer spin box over ``[low, high]`` with a tooltip."""
    widget = QSpinBox()
    widget.setRange(low, high)
    if value is not None:
        widget.setValue(value)
    widget.setToolTip(tip)
    return widget


class BoundedSpinBox(QDoubleSpinBox):
    """A decimal spin box that takes any number typed (``1e-4`` too) and refuses, out loud, one
    outside its range: ``outOfRange(number)`` is emitted and the box keeps its value (a plain
    QDoubleSpinBox silently drops the keystroke or falls back to the previous value). The value
    changes when the typing is finished (Enter or leaving the box), not at every keystroke."""

    outOfRange = Signal(float)

    _PARTIAL = re.compile(r"\s*[+-]?\d*[.,]?\d*([eE][+-]?\d*)?\s*")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setKeyboardTracking(False)

    def _number(self, text: str) -> float | None:
        text = text.strip()
        for affix in (self.prefix(), self.suffix()):
            if affix:
                text = text.replace(affix, "")
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return None
        return number if math.isfinite(number) else None

    def validate(self, text: str, pos: int):
        number = self._number(text)
        if number is None:  # a number being typed ("1e", "-") may go on; anything else may not
            state = QValidator.State.Intermediate if self._PARTIAL.fullmatch(text) else QValidator.State.Invalid
            return state, text, pos
        inside = self.minimum() <= number <= self.maximum()
        return (QValidator.State.Acceptable if inside else QValidator.State.Intermediate), text, pos

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt's name
        number = self._number(text)
        return super().valueFromText(text) if number is None else number

    def fixup(self, text: str) -> str:
        number = self._number(text)
        if number is not None and not self.minimum() <= number <= self.maximum():
            self.outOfRange.emit(number)
        return super().fixup(text)


def double_spin_box(low: float, high: float, decimals: int, step: float, tip: str,
                    value: float | None = None, bounded: bool = False) -> QDoubleSpinBox:
    """A decimal spin box over ``[low, high]`` with a tooltip (a :class:`BoundedSpinBox` when
    ``bounded``: typed numbers outside the range are refused with ``outOfRange``)."""
    widget = BoundedSpinBox() if bounded else QDoubleSpinBox()
    widget.setRange(low, high)
    widget.setDecimals(decimals)
    widget.setSingleStep(step)
    if value is not None:
        widget.setValue(value)
    widget.setToolTip(tip)
    return widget


class LiveText(QWidget):
    """Read-only text for numbers that change on every update (loss, time step, timings).

    ``QLabel.setText`` asks every ancestor for a new layout, so a changing label re-lays out and
    repaints the whole main window each time. A new text here only repaints this widget; it asks
    for a layout only when the text needs more room (wider, or another line when ``wrap``).
    """

    MARGIN = 2

    def __init__(self, text: str = "", parent=None, wrap: bool = False, stretch: bool = False):
        super().__init__(parent)
        self._text = text
        self._wrap = wrap
        self._stretch = stretch
        self._width = 0  # widest text so far (default mode): never shrinks, so nothing jitters
        self._height = 0  # height of the text at the current width (wrap mode)
        self.setAutoFillBackground(True)  # opaque: a new text does not repaint the parents
        Policy = QSizePolicy.Policy
        if wrap:
            self.setSizePolicy(Policy.Preferred, Policy.Fixed)
        elif stretch:
            self.setSizePolicy(Policy.Ignored, Policy.Fixed)
        else:
            self.setSizePolicy(Policy.Fixed, Policy.Fixed)
        self._fit()

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        if self._fit() or not self.isVisible():
            self.updateGeometry()
        self.update()

    def _flags(self) -> int:
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return flags | Qt.TextFlag.TextWordWrap if self._wrap else flags

    def _fit(self) -> bool:
        """Whether the text needs another size than the widget has."""
        if self._wrap:
            height = self.heightForWidth(self.width())
            if height != self._height:
                self._height = height
                return True
            return False
        if self._stretch:
            return False
        width = self.text_width(self._text)
        if width > self._width:
            self._width = width
            return True
        return False

    def text_width(self, text: str) -> int:
        """Pixels ``text`` needs: its exact advance rounded up, and one more (the whole-pixel
        advance rounds down, and a text given only that is elided — "loss = 1.106e-…")."""
        return math.ceil(QFontMetricsF(self.font()).horizontalAdvance(text)) + 1

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        if self._wrap:
            width = min(metrics.horizontalAdvance(self._text), 40 * metrics.averageCharWidth())
            # as tall as the text is at the width it has (a layout that does not ask for the height
            # for a width would otherwise keep the lines of the 40 characters above: a third line cut)
            height = self.heightForWidth(self.width() if self.isVisible() and self.width() > 1
                                         else width + 2 * self.MARGIN)
            return QSize(width + 2 * self.MARGIN, height)
        return QSize(self._width + 2 * self.MARGIN, metrics.height() + 2 * self.MARGIN)

    def minimumSizeHint(self) -> QSize:
        if self._wrap:
            return QSize(8 * self.fontMetrics().averageCharWidth(), self.fontMetrics().height())
        return self.sizeHint()

    def hasHeightForWidth(self) -> bool:
        return self._wrap

    def heightForWidth(self, width: int) -> int:
        inner = QRect(0, 0, max(width - 2 * self.MARGIN, 1), 1 << 20)
        lines = self.fontMetrics().boundingRect(inner, int(self._flags()), self._text or " ")
        return lines.height() + 2 * self.MARGIN

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # measure again
            self._width = self._height = 0
            self._fit()
            self.updateGeometry()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._wrap and self._fit():  # another width may need another number of lines
            self.updateGeometry()

    def paintEvent(self, _event):
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        area = self.rect().adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        text = self._text
        if not self._wrap:
            text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(self._flags()), text)


class RefreshWhenSeen:
    """For views with ``refresh()``: new numbers reach a view hidden in a shown window (closed, or
    behind another dock's tab) only when it is shown again, so it costs nothing meanwhile."""

    _stale = False

    def is_out_of_sight(self) -> bool:
        """True in a shown window when this view is not."""
        return self.window().isVisible() and not self.isVisible()

    def refresh_or_defer(self, *_args) -> None:
        """``refresh()`` now, or when the view is shown again."""
        if self.is_out_of_sight():
            self._stale = True
        else:
            self._stale = False
            self.refresh()

    def refresh_for_result(self, *_args) -> None:
        """On ``evaluationChanged``: a background result is drawn in this view's own turn of the
        event loop (:mod:`~lstm_studio.app.refresh_queue`), any other at once."""
        refresh_for_result(self)

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


class CommandEditorMixin:
    """For editors with ``undo_stack``, a ``message`` label and an ``errorOccurred(str)`` signal:
    build an undo command and push it, or show why the edit was refused (nothing changes)."""

    def _push(self, make_command) -> bool:
        """Build a command (ValueError: refused with a message, nothing changes) and push it."""
        try:
            command = make_command()
        except ValueError as error:
            self._refuse(error_text(error))
            return False
        self.message.clear()
        self.undo_stack.push(command)
        return True

    def _refuse(self, message: str) -> None:
        self.message.setText("⚠ " + message)
        self.errorOccurred.emit(message)


class NarrowSpinBox(QSpinBox):
    """A spin box as wide as ``digits`` digits, not as its maximum (a wider value still fits:
    the box scrolls its text). Boxes as wide as 999999 or 2**31 would push toolbars and editors
    past a 1024-pixel screen."""

    def __init__(self, parent=None, *, digits: int = 4):
        super().__init__(parent)
        self.digits = digits

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._narrowed(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._narrowed(super().minimumSizeHint())

    def _narrowed(self, hint: QSize) -> QSize:
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(str(self.maximum())), metrics.horizontalAdvance(str(self.minimum())))
        excess = widest - metrics.horizontalAdvance("8" * self.digits)
        return QSize(hint.width() - max(0, excess), hint.height())


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that resizes it: it fills a dock that is large
    enough and scrolls in one that is smaller than its minimum size (small screens)."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


# -- language switch ---------------------------------------------------------------------------------
def retranslate_tree(root: QWidget) -> bool:
    """After a language switch, show every text of ``root`` (a window) and of its children in
    the new language: once per switch (False when this switch was done already).

    First a generic pass re-sets each text the app translated — widget and action texts,
    tooltips, status tips, window and dock titles, menu titles, tabs, combo items, table and
    tree headers, spin box affixes, undo command texts, pyqtgraph titles, axis labels and
    legend entries, scene texts and tooltips — through :func:`i18n.retranslated`; texts that
    are no translation (numbers, file names, the user's words) stay. Then every object with a
    ``retranslate()`` method recomputes the texts it puts together or computes from the model.
    """
    generation = i18n.switch_generation()
    if root.property("lstm_studio_retranslated") == generation:
        return False
    root.setProperty("lstm_studio_retranslated", generation)
    objects = [root, *root.findChildren(QObject)]
    # A dock names its toggle action after its title whenever the title changes: the actions'
    # own texts ("&History") are read before any title changes, and set after.
    actions = [(action, _action_texts(action)) for action in objects if isinstance(action, QAction)]
    for obj in objects:
        if shiboken6.isValid(obj) and not isinstance(obj, QAction):
            retranslate_object(obj)
    for action, texts in actions:
        if shiboken6.isValid(action):
            _retranslate_action(action, texts)
    for obj in objects:
        method = getattr(obj, "retranslate", None)
        if callable(method) and shiboken6.isValid(obj):  # an earlier retranslate() may have rebuilt it
            method()
    return True


def _contexts(obj) -> set[str]:
    """Class names that may have asked for ``obj``'s texts: its own, its bases', its parents'."""
    names = set()
    while obj is not None:
        names.update(cls.__name__ for cls in type(obj).__mro__)
        obj = obj.parent() if isinstance(obj, QObject) else None
    return names


def _reset(getter, setter, contexts) -> None:
    text = getter()
    if not isinstance(text, str) or not text.strip():
        return
    new = i18n.retranslated(text, contexts)
    if new and new != text:
        setter(new)


_ACTION_TEXTS = ("text", "iconText", "toolTip", "statusTip", "whatsThis")


def _stripped(text: str) -> str:
    """An action's text as Qt shows it in a tooltip: without "&" and a trailing "(&X)"."""
    return re.sub(r"\s*\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&").replace("...", "")


def _action_texts(action: QAction) -> dict[str, str]:
    return {name: getattr(action, name)() for name in _ACTION_TEXTS}


def _retranslate_action(action: QAction, texts: dict[str, str]) -> None:
    """Re-set the texts an action had (``texts``) in the new language: the text first (the
    tooltip and icon text follow it unless they were set on their own)."""
    contexts = _contexts(action)
    derived = _stripped(texts["text"])
    for name in _ACTION_TEXTS:
        if name in ("iconText", "toolTip") and texts[name] == derived:
            continue  # follows the text (Qt's own: the text without its shortcut marks)
        setter = getattr(action, "set" + name[0].upper() + name[1:])
        _reset(lambda: texts[name], setter, contexts)
        if name == "text" and getattr(action, name)() != texts[name] and not i18n.retranslated(texts[name], contexts):
            setter(texts[name])  # renamed meanwhile (a dock's title): back to its own text


def retranslate_object(obj) -> None:
    """The generic pass of :func:`retranslate_tree` for one object."""
    contexts = _contexts(obj)

    def reset(getter, setter):
        _reset(getter, setter, contexts)

    if isinstance(obj, QAction):
        _retranslate_action(obj, _action_texts(obj))
        return
    if isinstance(obj, QUndoStack):
        for index in range(obj.count()):
            command = obj.command(index)
            reset(command.text, command.setText)
        return
    if not isinstance(obj, QWidget):
        return
    reset(obj.windowTitle, obj.setWindowTitle)
    for getter, setter in ((obj.toolTip, obj.setToolTip), (obj.statusTip, obj.setStatusTip),
                           (obj.whatsThis, obj.setWhatsThis)):
        reset(getter, setter)
    if isinstance(obj, (QLabel, QAbstractButton, LiveText)):
        reset(obj.text, obj.setText)
    if isinstance(obj, QGroupBox):
        reset(obj.title, obj.setTitle)
    if isinstance(obj, QMenu):
        reset(obj.title, obj.setTitle)
    if isinstance(obj, (QLineEdit, QPlainTextEdit, QTextEdit)):
        reset(obj.placeholderText, obj.setPlaceholderText)
    if isinstance(obj, QUndoView):
        reset(obj.emptyLabel, obj.setEmptyLabel)
    if isinstance(obj, QAbstractSpinBox) and hasattr(obj, "suffix"):
        reset(obj.prefix, obj.setPrefix)
        reset(obj.suffix, obj.setSuffix)
    if isinstance(obj, QAbstractSpinBox):
        reset(obj.specialValueText, obj.setSpecialValueText)
    if isinstance(obj, QTabBar):
        for index in range(obj.count()):
            reset(lambda: obj.tabText(index), lambda text: obj.setTabText(index, text))
            reset(lambda: obj.tabToolTip(index), lambda text: obj.setTabToolTip(index, text))
    if isinstance(obj, QComboBox):
        role = Qt.ItemDataRole.ToolTipRole
        for index in range(obj.count()):
            reset(lambda: obj.itemText(index), lambda text: obj.setItemText(index, text))
            reset(lambda: obj.itemData(index, role), lambda text: obj.setItemData(index, text, role))
    if isinstance(obj, QTableWidget):
        items = [obj.horizontalHeaderItem(i) for i in range(obj.columnCount())]
        items += [obj.verticalHeaderItem(i) for i in range(obj.rowCount())]
        _reset_items([item for item in items if item is not None], 1, contexts)
    elif isinstance(obj, QTreeWidget):
        _reset_items([obj.headerItem()], obj.columnCount(), contexts)
    elif isinstance(obj, QListWidget):
        _reset_items([obj.item(i) for i in range(obj.count())], 1, contexts)
    elif isinstance(obj, QAbstractItemView) and obj.model() is not None:
        model = obj.model()  # headers asked for at paint time: ask again
        for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),
                                   (Qt.Orientation.Vertical, model.rowCount())):
            if count:
                model.headerDataChanged.emit(orientation, 0, count - 1)
        obj.viewport().update()
    if isinstance(obj, QGraphicsView) and obj.scene() is not None:
        for item in obj.scene().items():
            retranslate_scene_item(item, contexts)


def _reset_items(items, columns: int, contexts) -> None:
    role = Qt.ItemDataRole.ToolTipRole
    for item in items:
        for column in range(columns):
            if columns == 1 and not hasattr(item, "columnCount"):
                _reset(item.text, item.setText, contexts)
                _reset(item.toolTip, item.setToolTip, contexts)
            else:
                _reset(lambda: item.text(column), lambda text: item.setText(column, text), contexts)
                _reset(lambda: item.data(column, role), lambda text: item.setData(column, role, text), contexts)


def retranslate_scene_item(item, contexts=()) -> None:
    """The generic pass for an item of a QGraphicsScene: pyqtgraph's titles, axis labels and
    legend entries, plain scene texts, and tooltips."""
    import pyqtgraph as pg

    if isinstance(item, pg.LabelItem):  # plot titles and legend entries
        _reset(lambda: item.text, item.setText, contexts)
    elif isinstance(item, pg.AxisItem):
        _reset(lambda: item.labelText,
               lambda text: item.setLabel(text, units=item.labelUnits or None,
                                          unitPrefix=item.labelUnitPrefix or None), contexts)
    elif isinstance(item, pg.TextItem):
        _reset(item.textItem.toPlainText, item.setText, contexts)
    elif isinstance(item, QGraphicsSimpleTextItem):
        _reset(item.text, item.setText, contexts)
    elif isinstance(item, QGraphicsTextItem) and not isinstance(item.parentItem(), pg.GraphicsItem):  # not a label's
        _reset(item.toPlainText, item.setPlainText, contexts)
    _reset(item.toolTip, item.setToolTip, contexts)


@contextmanager
def blocked(*widgets):
    """Block the signals of several widgets for the duration of a ``with`` block."""
    previous = [widget.blockSignals(True) for widget in widgets]
    try:
        yield
    finally:
        for widget, was_blocked in zip(widgets, previous):
            widget.blockSignals(was_blocked)
