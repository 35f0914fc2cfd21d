"""Lessons in the window: the Lessons menu, the lesson dock, File ▸ Examples.

Opening a lesson (menu, dock, Back/Next, Reset lesson) is ONE undoable step that replaces the
session with the lesson page's document and brings its panel, unit and time step into view.
File ▸ Examples opens the Moscow demo or a lesson as a fresh untitled session instead (after
asking about unsaved changes). Pages that train are built off the GUI thread, with progress and
Stop in the dock; built pages are kept for the rest of the run, so stepping back and forth is
instant.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from lstm_studio.app import threads
from lstm_studio.app.editors.commands import ReplaceDocumentCommand
from lstm_studio.app.i18n import error_text
from lstm_studio.app.lessons.builder import LessonBuilder
from lstm_studio.app.lessons.panel import LessonPanel
from lstm_studio.app.lessons.texts import translated
from lstm_studio.app.widgets import call_soon
from lstm_studio.lessons import CHAPTER_TITLES, by_chapter, lesson
from lstm_studio.session.demos import moscow_demo

Area = Qt.DockWidgetArea


class LessonsFeature(QObject):
    """The lesson dock, the Lessons menu and File ▸ Examples of one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window, self.model = window, window.model
        self.builder: LessonBuilder | None = None
        self._building = None  # (key, as_example, progress text) of the build under way
        self._built: dict[tuple[str, int, int], object] = {}
        self.panel = LessonPanel(self.model)
        self.dock = window.add_dock("lessons", self.tr("Lesson"), self.panel, Area.RightDockWidgetArea,
                                    visible=False)
        self._place_dock()
        self.panel.openRequested.connect(self.open_lesson)
        self.panel.stopRequested.connect(self.stop_building)
        self._build_menu()
        self._build_examples_menu()
        window.closing.connect(self.stop_building)  # only once the close is accepted

    def _place_dock(self) -> None:
        """Put the lesson dock in front of the cell diagram, as a tab beside it at the top of the
        right-hand column (the lessons point at the other panels, which stay in view)."""
        window, docks = self.window, self.window.docks
        window.removeDockWidget(self.dock)
        window.tabifyDockWidget(docks["cell_diagram"], self.dock)
        self.dock.setVisible(False)
        docks["output"].raise_()

    # -- menus -------------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        menu = self.window.menu("Lessons")
        menu.setToolTipsVisible(True)
        self.show_action = self.dock.toggleViewAction()
        self.show_action.setText(self.tr("Lesson &panel"))
        self.show_action.setShortcut(QKeySequence("Ctrl+L"))
        self.show_action.setToolTip(self.tr("Show or hide the lesson panel (Ctrl+L)"))
        menu.addAction(self.show_action)
        menu.addSeparator()
        self.lesson_actions = {}
        for chapter, items in by_chapter().items():
            sub = menu.addMenu(translated(CHAPTER_TITLES[chapter]))
            sub.setToolTipsVisible(True)
            for item in items:
                action = sub.addAction(translated(item.title))
                action.setToolTip(translated(item.claim))
                action.setStatusTip(self.tr("Open this lesson (one undoable step)"))
                action.triggered.connect(lambda _checked=False, key=item.id: self.open_lesson(key, 0))
                self.lesson_actions[item.id] = action
        menu.addSeparator()
        self.reset_action = QAction(self.tr("&Reset lesson"), self.window)
        self.reset_action.setToolTip(self.tr("Build the open lesson step again from scratch"))
        self.reset_action.triggered.connect(lambda: self.panel._go(0))
        menu.addAction(self.reset_action)
        menu.aboutToShow.connect(lambda: self.reset_action.setEnabled(self.panel.current() is not None))

    def _build_examples_menu(self) -> None:
        file_menu = self.window.menu("File")
        examples = file_menu.addMenu(self.tr("E&xamples"))
        examples.setToolTipsVisible(True)
        examples.setToolTip(self.tr("The demo and every lesson, each as a new session"))
        actions = [action for action in file_menu.actions() if action.menu() is not examples]
        anchor = next((a for a in actions if a.menu() is not None), None)  # after Open Recent
        if anchor is not None:
            file_menu.removeAction(examples.menuAction())
            index = file_menu.actions().index(anchor)
            following = file_menu.actions()[index + 1] if index + 1 < len(file_menu.actions()) else None
            file_menu.insertMenu(following, examples) if following else file_menu.addMenu(examples)
        demo = examples.addAction(self.tr("The Moscow demo"))
        demo.setToolTip(self.tr("The trained LSTM the app opens with: the first word decides the answer at "
                                "the end"))
        demo.triggered.connect(lambda: self.open_example(None))
        examples.addSeparator()
        for chapter, items in by_chapter().items():
            sub = examples.addMenu(translated(CHAPTER_TITLES[chapter]))
            for item in items:
                action = sub.addAction(translated(item.title))
                action.setToolTip(translated(item.claim))
                action.setStatusTip(self.tr("Open this lesson as a new session"))
                action.triggered.connect(lambda _checked=False, key=item.id: self.open_example(key))
        self.examples_menu = examples

    # -- opening -----------------------------------------------------------------------------------
    def open_lesson(self, lesson_id: str, page: int = 0, seed: int | None = None) -> None:
        """Open page ``page`` of the lesson as one undoable step (after building it if it trains)."""
        self._start(lesson_id, page, seed, as_example=False)

    def open_example(self, lesson_id: str | None) -> bool:
        """File ▸ Examples: the demo (``None``) or a lesson's first page as a fresh untitled session."""
        if not self.window.file_actions.maybe_save():
            return False
        if lesson_id is None:
            self._show_example(moscow_demo())
            return True
        self._start(lesson_id, 0, 0, as_example=True)
        return True

    def _start(self, lesson_id: str, page: int, seed: int | None, *, as_example: bool) -> None:
        item = lesson(lesson_id)
        if seed is None:
            current = self.panel.current()
            seed = current[2] if current is not None else self.panel.seed.value()
        key = (lesson_id, page, seed)
        self.stop_building()
        if key in self._built:
            self._arrived(key, self._built[key].copy(), as_example)
            return
        if not item.pages[page].trains:
            try:
                document = item.build(seed, page)
            except ValueError as exc:
                self.window.show_error(self.tr("Cannot open the lesson"), error_text(exc))
                return
            self._arrived(key, document, as_example)
            return
        self.dock.show()
        self.dock.raise_()
        text = self._progress_text(item, page)
        self.panel.show_progress(0.0, text)
        self.builder = builder = LessonBuilder(item, page, seed)
        self._building = (key, as_example, text)
        builder.progressed.connect(self._on_build_progressed)
        builder.built.connect(self._on_build_arrived)
        builder.failed.connect(self._on_build_failed)
        builder.finished.connect(self._on_build_finished)
        threads.start(builder)

    def _progress_text(self, item, page: int) -> str:
        return self.tr("Training “{0}”…").format(translated(item.pages[page].title))

    def retranslate(self) -> None:
        """After a language switch: a build under way goes on, its progress said in the new
        language (the menus and the panel are re-set by the window's walk)."""
        if self._building is not None:
            key, as_example, _text = self._building
            self._building = (key, as_example, self._progress_text(lesson(key[0]), key[1]))
            self.panel.progress_label.setText(self._building[2])

    # signals of a stopped build may still be queued: only the build under way is heard
    def _on_build_progressed(self, share: float) -> None:
        if self.sender() is self.builder:
            self.panel.show_progress(share, self._building[2])

    def _on_build_arrived(self, document) -> None:
        if self.sender() is self.builder:
            key, as_example, _text = self._building
            self._arrived(key, document, as_example)

    def _on_build_failed(self, message: str) -> None:
        if self.sender() is self.builder:
            self._failed(message)

    def _on_build_finished(self) -> None:
        if self.sender() is self.builder:
            self.builder = None
            self.panel.show_progress(None)

    def _failed(self, message: str) -> None:
        self.window.show_error(self.tr("Cannot open the lesson"), message)

    STOP_WAIT_MS = 250
    """How long Stop waits for a build to end (a training step takes milliseconds); a build
    that takes longer ends in the background, unheard."""

    def stop_building(self) -> None:
        """Stop a build under way (nothing changes). Never waits longer than STOP_WAIT_MS."""
        builder, self.builder = self.builder, None
        if builder is not None:
            builder.stop()
            builder.wait(self.STOP_WAIT_MS)
            self.panel.show_progress(None)

    def _arrived(self, key, document, as_example: bool) -> None:
        self._built.setdefault(key, document.copy())
        item = lesson(key[0])
        if as_example:
            self._show_example(document)
        else:
            text = self.tr("Lesson: {0} ({1}/{2})").format(translated(item.title), key[1] + 1, len(item.pages))
            self.window.undo_stack.push(ReplaceDocumentCommand(self.model, document, text))
        self.bring_into_view()

    def _show_example(self, document) -> None:
        actions = self.window.file_actions
        actions.replace_document(document, "", modified=False)
        actions.autosave.discard()
        self.bring_into_view()

    def bring_into_view(self) -> None:
        """Show the lesson dock and the panel the open lesson points at."""
        current = self.panel.current()
        if current is None:
            return
        item, page, _seed = current
        target = item.pages[page].panel
        self.dock.show()
        self.dock.raise_()
        call_soon(self, lambda: self._make_room(target))  # once the dock has its place
        panel_dock = self.window.docks.get(target)
        if panel_dock is not None:
            panel_dock.show()
            panel_dock.raise_()

    PANEL_SHARE = 0.45
    """Share of the right-hand column for the output's tabs when a lesson points at them."""
    SIDE_SHARE = 0.6
    """Share of the window's width for a panel the lesson points at on the other side."""

    def _make_room(self, target: str) -> None:
        """Give the lesson dock the room of its column, keeping PANEL_SHARE for the output's tabs
        when the lesson points at them and their minimum otherwise."""
        window, output = self.window, self.window.docks["output"]
        if self.dock.isFloating() or output.isFloating() or not output.isVisible() \
                or window.dockWidgetArea(output) != window.dockWidgetArea(self.dock):
            return
        height = self.dock.height() + output.height()
        below = int(height * self.PANEL_SHARE) if target == "output" else output.minimumSizeHint().height()
        window.resizeDocks([self.dock, output], [height - below, below], Qt.Orientation.Vertical)
        left = window.docks.get(target)
        if left is not None and window.dockWidgetArea(left) != window.dockWidgetArea(self.dock) \
                and not left.isFloating():  # the panel to look at is on the other side: room for it
            width = left.width() + self.dock.width()
            window.resizeDocks([left, self.dock], [int(width * self.SIDE_SHARE), width - int(width * self.SIDE_SHARE)],
                               Qt.Orientation.Horizontal)


def install(window) -> None:
    """Add the lesson dock, the Lessons menu and File ▸ Examples to the main window."""
    window.lessons = LessonsFeature(window)
