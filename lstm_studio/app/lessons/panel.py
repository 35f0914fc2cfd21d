"""The lesson panel: the open lesson's claim, what to look at, and its key numbers with a verdict,
recomputed on every edit — so a student who drags a weight sees the verdict change.

The panel reads the lesson from ``model.document.lesson`` and the numbers from the lesson's own
measures on ``model.evaluation``; it changes nothing itself but asks the :class:`LessonsFeature`
(through its signals) to open, step through or rebuild a lesson.
"""

from __future__ import annotations

import html
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app.lessons.figure import LessonFigure
from lstm_studio.app.lessons.texts import translated
from lstm_studio.app.widgets import RefreshWhenSeen
from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP
from lstm_studio.lessons import CHAPTER_TITLES, Report, Text, by_chapter, lesson

HOLDS_STYLE = "QLabel { background: #2e7d32; color: white; padding: 4px 6px; border-radius: 3px; }"
FAILS_STYLE = "QLabel { background: #c62828; color: white; padding: 4px 6px; border-radius: 3px; }"
SLOW_MEASURE_SECONDS = 0.03
"""Measures slower than this are recomputed at most every LATER_MS while numbers keep changing."""
LATER_MS = 150
MAX_SEED = 9999


def wrapped_label(parent=None, *, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
    return label


class LessonPanel(RefreshWhenSeen, QWidget):
    """Claim, page, what to look at, verdict, key numbers and figure of the open lesson."""

    openRequested = Signal(str, int, int)
    """Open lesson id at page for seed."""
    stopRequested = Signal()

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.report = None
        self.last_measure_seconds = 0.0
        self.setToolTip(self.tr("The open lesson: its claim, what to look at, and the numbers that carry "
                                "it, measured again after every edit."))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(self._build_chooser())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = wrapped_label(body, bold=True)
        self.claim = wrapped_label(body)
        self.page_label = wrapped_label(body)
        self.page_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.look = wrapped_label(body)
        self.verdict = wrapped_label(body)
        self.verdict.setToolTip(self.tr("Whether the claim holds for the numbers shown now"))
        self.numbers = QGridLayout()
        self.numbers.setHorizontalSpacing(8)
        self.numbers.setVerticalSpacing(2)
        for column, stretch in enumerate((3, 1, 3, 1)):
            self.numbers.setColumnStretch(column, stretch)
        self._number_labels: list[tuple[QLabel, QLabel]] = []
        self.figure = LessonFigure(body)
        # the verdict and the picture first, the explanation below them
        for widget in (self.title, self.claim):
            layout.addWidget(widget)
        layout.addLayout(self._build_pager())
        layout.addWidget(self.verdict)
        layout.addLayout(self.numbers)
        layout.addWidget(self.figure)
        layout.addWidget(self.look)
        layout.addStretch(1)
        outer.addWidget(scroll, 1)
        outer.addLayout(self._build_progress())
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.refresh)
        model.evaluationChanged.connect(self._numbers_changed)
        model.documentReplaced.connect(self.refresh_or_defer)
        self.refresh()

    def retranslate(self) -> None:
        """After a language switch: title, claim, page, verdict, numbers and figure of the open
        lesson, measured and written again (the controls' texts are re-set by the window's walk)."""
        self.refresh_or_defer()

    # -- construction ------------------------------------------------------------------------------
    def _build_chooser(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.chooser = QComboBox(self)
        self.chooser.setToolTip(self.tr("Every lesson of the course, chapter by chapter: choosing one opens it "
                                        "(one undoable step)"))
        self.chooser.addItem(self.tr("Choose a lesson…"), "")
        for chapter, items in by_chapter().items():
            self.chooser.addItem(translated(CHAPTER_TITLES[chapter]), None)
            header = self.chooser.model().item(self.chooser.count() - 1)
            header.setEnabled(False)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            for item in items:
                self.chooser.addItem("   " + translated(item.title), item.id)
        self.chooser.activated.connect(self._chosen)
        # long lesson titles must not make the dock (and its column) wide
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(16)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, MAX_SEED)
        self.seed.setPrefix(self.tr("seed "))
        self.seed.setToolTip(self.tr("The random numbers the lesson is built from. Its claim holds for every "
                                     "seed: change it and press Reset lesson to try another."))
        row.addWidget(self.chooser, 1)
        row.addWidget(self.seed)
        return row

    def _build_pager(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("◀ Back"), self)
        self.back_button.setToolTip(self.tr("The previous step of this lesson"))
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.next_button.setToolTip(self.tr("The next step of this lesson"))
        self.reset_button = QPushButton(self.tr("Reset lesson"), self)
        self.reset_button.setToolTip(self.tr("Build this step again from scratch (with the seed shown), undoing "
                                             "every edit made since"))
        self.back_button.clicked.connect(lambda: self._go(-1))
        self.next_button.clicked.connect(lambda: self._go(+1))
        self.reset_button.clicked.connect(lambda: self._go(0))
        row.addWidget(self.page_label, 1)
        for button in (self.back_button, self.next_button, self.reset_button):
            row.addWidget(button)
        return row

    def _build_progress(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setToolTip(self.tr("Stop building this lesson (the session stays as it is)"))
        self.stop_button.clicked.connect(self.stopRequested)
        for widget in (self.progress_label, self.progress, self.stop_button):
            row.addWidget(widget)
        self.show_progress(None)
        return row

    # -- what is open ------------------------------------------------------------------------------
    def current(self):
        """(lesson, page, seed) of the session, or None when it is not a lesson."""
        info = self.model.document.lesson or {}
        try:
            item = lesson(info.get("id", ""))
        except KeyError:
            return None
        page = int(info.get("page", 0))
        if not 0 <= page < len(item.pages):
            return None
        return item, page, int(info.get("seed", 0))

    def _chosen(self, index: int) -> None:
        lesson_id = self.chooser.itemData(index)
        if lesson_id:
            self.openRequested.emit(lesson_id, 0, self.seed.value())

    def _go(self, step: int) -> None:
        current = self.current()
        if current is not None:
            item, page, _seed = current
            self.openRequested.emit(item.id, min(max(page + step, 0), len(item.pages) - 1), self.seed.value())

    def show_progress(self, share: float | None, text: str = "") -> None:
        """Show a build's progress (``share`` 0..1) or hide the bar (None)."""
        building = share is not None
        for widget in (self.progress_label, self.progress, self.stop_button):
            widget.setVisible(building)
        if building:
            self.progress_label.setText(text)
            self.progress.setValue(int(round(1000 * share)))
        for widget in (self.chooser, self.back_button, self.next_button, self.reset_button, self.seed):
            widget.setEnabled(not building)
        if not building:
            self._sync_pager()

    # -- numbers -----------------------------------------------------------------------------------
    def _numbers_changed(self) -> None:
        if self.current() is None and self.report is None:
            return
        if self.last_measure_seconds > SLOW_MEASURE_SECONDS:
            if not self._later.isActive():
                self._later.start(LATER_MS)
        else:
            self.refresh_or_defer()

    def refresh(self) -> None:
        """Show the open lesson and measure it on the current evaluation."""
        self._later.stop()
        current = self.current()
        self._sync_pager()
        if current is None:
            self.report = None
            self.title.setText(self.tr("No lesson is open"))
            self.claim.setText(self.tr("Choose a lesson above or in the Lessons menu: each one builds a session "
                                       "that shows one claim of the course, says what to look at, and measures "
                                       "whether the claim holds while you edit."))
            for widget in (self.look, self.verdict, self.figure):
                widget.hide()
            self._show_numbers(())
            return
        item, page, seed = current
        started = time.perf_counter()
        try:
            report = item.measures(self.model.evaluation, self.model.evaluated_document, page)
        except (ValueError, ArithmeticError, IndexError, KeyError):  # a session edited beyond the lesson
            report = Report(False, Text(QT_TRANSLATE_NOOP(
                "Lessons", "Cannot measure: the session no longer has what this lesson measures; Reset lesson builds it again.")))
        self.report = report
        self.last_measure_seconds = time.perf_counter() - started
        self.title.setText(translated(item.title))
        self.claim.setText(translated(item.claim))
        self.look.setText("<b>{0}</b> {1}".format(self.tr("What to look at:"),
                                                  html.escape(translated(item.pages[page].look))))
        mark = "✔ " if report.holds else "✘ "
        self.verdict.setText(mark + translated(report.reason))
        self.verdict.setStyleSheet(HOLDS_STYLE if report.holds else FAILS_STYLE)
        for widget in (self.look, self.verdict):
            widget.show()
        self._show_numbers(report.measures)
        if report.figures:
            self.figure.show_figure(report.figures[0])
            self.figure.show()
        else:
            self.figure.hide()

    def _sync_pager(self) -> None:
        current = self.current()
        index = self.chooser.findData(current[0].id if current else "")
        self.chooser.setCurrentIndex(max(index, 0))
        if current is None:
            self.page_label.setText("")
            for button in (self.back_button, self.next_button, self.reset_button):
                button.setVisible(False)
            return
        item, page, seed = current
        if self.seed.isEnabled():
            self.seed.setValue(seed)
        self.page_label.setText(self.tr("Step {0} of {1}: {2}").format(
            page + 1, len(item.pages), translated(item.pages[page].title)))
        many = len(item.pages) > 1
        self.back_button.setVisible(many)
        self.next_button.setVisible(many)
        self.reset_button.setVisible(True)
        self.back_button.setEnabled(many and page > 0 and not self.progress.isVisible())
        self.next_button.setEnabled(many and page < len(item.pages) - 1 and not self.progress.isVisible())

    def _show_numbers(self, measures) -> None:
        """The measures as label/value pairs, two pairs to a row."""
        pairs = self._number_labels
        while len(pairs) < len(measures):
            label, value = QLabel(self), QLabel(self)
            label.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            index = len(pairs)
            self.numbers.addWidget(label, index // 2, 2 * (index % 2))
            self.numbers.addWidget(value, index // 2, 2 * (index % 2) + 1)
            pairs.append((label, value))
        for index, (label, value) in enumerate(pairs):
            shown = index < len(measures)
            label.setVisible(shown)
            value.setVisible(shown)
            if shown:
                label.setText(translated(measures[index].label))
                value.setText(measures[index].formatted())

    def numbers_shown(self) -> dict[str, str]:
        """Label -> value text as shown (for tests and the README)."""
        return {label.text(): value.text() for label, value in self._number_labels if not label.isHidden()}
