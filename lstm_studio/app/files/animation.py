"""For slides: an animation of stepping through time (File ▸ Export ▸ Animation…) and a panel's
image on the clipboard (Copy Image in a panel's context menu, Edit ▸ Copy Panel Image).

The dialog chooses what to record (the whole window or one panel), which steps, how fast, how
large and which format; the recording itself is :func:`~lstm_studio.app.files.animation_recording.record_animation`.
A panel behind another dock's tab is brought to the front while it is recorded or copied.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressDialog,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.app.files import export
from lstm_studio.app.files.animation_recording import (
    FPS_RANGE,
    SCALES,
    WINDOW,
    AnimationCancelled,
    AnimationError,
    AnimationSettings,
    default_scale,
    ffmpeg_path,
    frame_size,
    record_animation,
    redraw,
)
from lstm_studio.app.i18n import error_text
from lstm_studio.engine.refusal import TranslatableError


# -- the dialog -----------------------------------------------------------------------------------
class AnimationDialog(QDialog):
    """File ▸ Export ▸ Animation…: what to record, which steps, how fast, how large, which format.
    Opened window-modal with ``open()``; ``settings()`` reads the choices."""

    def __init__(self, window, targets: list[tuple[str, str]]):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Export Animation"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        model = window.model
        steps = model.config.seq_len
        form = QFormLayout()

        self.what = QComboBox()
        for key, title in targets:
            self.what.addItem(title, key)
        self.what.setToolTip(self.tr("Record the whole window, or one panel without the rest"))
        form.addRow(self.tr("&Record:"), self.what)

        self.first = QSpinBox()
        self.last = QSpinBox()
        for spin, value in ((self.first, 1), (self.last, steps)):
            spin.setRange(1, steps)
            spin.setValue(value)
            spin.setPrefix("t = ")
        self.first.setToolTip(self.tr("The step of the first frame"))
        self.last.setToolTip(self.tr("The step of the last frame; below the first, the animation "
                                     "runs backwards (as BPTT does)"))
        range_row = QHBoxLayout()
        range_row.addWidget(self.first)
        range_row.addWidget(QLabel(self.tr("to")))
        range_row.addWidget(self.last)
        range_row.addStretch(1)
        form.addRow(self.tr("&Steps:"), range_row)
        form.labelForField(range_row).setBuddy(self.first)

        self.fps = QSpinBox()
        self.fps.setRange(*FPS_RANGE)
        self.fps.setValue(int(min(max(round(window.playback.speed), FPS_RANGE[0]), FPS_RANGE[1])))
        self.fps.setSuffix(self.tr(" frames/s"))
        self.fps.setToolTip(self.tr("One frame per time step: how many steps pass in a second"))
        form.addRow(self.tr("&Speed:"), self.fps)

        self.mode = QComboBox()
        self.mode.addItem(self.tr("Reveal up to t (the sequence arrives step by step)"), "reveal")
        self.mode.addItem(self.tr("Whole sequence (a cursor moves over it)"), "whole")
        self.mode.setCurrentIndex(0)
        self.mode.setToolTip(self.tr(
            "Reveal up to t: each frame shows the steps the network has seen so far (the gradient "
            "panel: the steps BPTT has reached). Whole sequence: every step, with the cursor at t. "
            "Your time step and display mode are put back afterwards."))
        form.addRow(self.tr("&Display:"), self.mode)

        self.scale = QComboBox()
        self.scale.setToolTip(self.tr("Smaller frames make much smaller files"))
        form.addRow(self.tr("Si&ze:"), self.scale)

        self.gif = QRadioButton(self.tr("Animated &GIF"))
        self.gif.setToolTip(self.tr("Plays in slides, browsers and chat; loops forever"))
        self.mp4 = QRadioButton(self.tr("&MP4 video"))
        self.formats = QButtonGroup(self)
        self.formats.addButton(self.gif)
        self.formats.addButton(self.mp4)
        self.gif.setChecked(True)
        self.mp4.setEnabled(ffmpeg_path() is not None)
        self.mp4.setToolTip(
            self.tr("Smaller and smoother than a GIF for long sequences; made by ffmpeg")
            if self.mp4.isEnabled() else
            self.tr("MP4 needs ffmpeg, which was not found on PATH: install ffmpeg and open this dialog again"))
        format_row = QHBoxLayout()
        format_row.addWidget(self.gif)
        format_row.addWidget(self.mp4)
        format_row.addStretch(1)
        form.addRow(self.tr("Format:"), format_row)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

        self.what.currentIndexChanged.connect(self._fill_scales)
        for spin in (self.first, self.last, self.fps):
            spin.valueChanged.connect(self._show_summary)
        self._fill_scales()

    def target_widget(self) -> QWidget:
        key = self.what.currentData()
        return self.window if key == WINDOW else self.window.panels[key]

    def _fill_scales(self, *_args) -> None:
        widget = self.target_widget()
        ratio = widget.devicePixelRatioF()  # a grab has the screen's pixels, not the widget's units
        width, height = round(widget.width() * ratio), round(widget.height() * ratio)
        chosen = default_scale(width)  # a new target: its own size
        self.scale.clear()
        for scale in SCALES:
            w, h = frame_size(width, height, scale)
            self.scale.addItem(self.tr("{0} % ({1} × {2} pixels)").format(scale, w, h), scale)
        self.scale.setCurrentIndex(SCALES.index(chosen))
        self._show_summary()

    def _show_summary(self, *_args) -> None:
        frames = abs(self.last.value() - self.first.value()) + 1
        self.summary.setText(self.tr("{0} frames, {1} seconds.").format(
            frames, f"{frames / self.fps.value():.1f}"))

    def settings(self) -> AnimationSettings:
        return AnimationSettings(
            target=self.what.currentData(), first=self.first.value() - 1, last=self.last.value() - 1,
            fps=self.fps.value(), fmt="mp4" if self.mp4.isChecked() and self.mp4.isEnabled() else "gif",
            scale=self.scale.currentData(), mode=self.mode.currentData())


# -- the feature ----------------------------------------------------------------------------------
class AnimationExport(QObject):
    """File ▸ Export ▸ Animation…, Copy Image on each panel and Edit ▸ Copy Panel Image."""

    def __init__(self, window, file_actions):
        super().__init__(window)
        self.window, self.model, self.file_actions = window, window.model, file_actions
        self.dialog: AnimationDialog | None = None
        self.progress: QProgressDialog | None = None
        self.current_panel: str | None = None
        self._watched: set[int] = set()

        edit = window.menu("Edit")
        edit.addSeparator()
        self.copy_action = QAction(self.tr("Copy &Panel Image"), window)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.triggered.connect(lambda _checked=False: self.copy_panel_image())
        window.addAction(self.copy_action)
        edit.addAction(self.copy_action)
        edit.aboutToShow.connect(self._show_copy_target)
        self._show_copy_target()
        QApplication.instance().focusChanged.connect(self._focus_changed)
        window.installEventFilter(self)
        self.watch_panels()

    # -- the panel "with focus" ----------------------------------------------------------------
    def panel_keys(self) -> list[str]:
        """Panels with pictures (plots, diagrams), as File ▸ Export lists them."""
        return [key for key, panel in self.window.panels.items() if export.graphics_views(panel)]

    def watch_panels(self) -> None:
        """Give every panel a Copy Image context menu and notice clicks in it (the panel a click
        went to is the one Edit ▸ Copy Panel Image copies, when no panel has the keyboard focus).
        Called again when the window is shown: features add docks after this one."""
        for key in self.panel_keys():
            panel, dock = self.window.panels[key], self.window.docks[key]
            if id(panel) in self._watched:
                continue
            self._watched.add(id(panel))
            dock.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            dock.customContextMenuRequested.connect(
                lambda pos, k=key, d=dock: self.panel_menu(k).popup(d.mapToGlobal(pos)))
            for watched in [panel] + [view.viewport() for view in export.graphics_views(panel)]:
                watched.setProperty("lstm_studio_panel", key)
                watched.installEventFilter(self)

    def panel_menu(self, key: str) -> QMenu:
        """The context menu of a panel (deleted when it closes)."""
        menu = QMenu(self.window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        copy = menu.addAction(self.tr("Copy Image"))
        copy.setToolTip(self.tr("Put a picture of this panel on the clipboard, to paste into slides"))
        copy.triggered.connect(lambda _checked=False: self.copy_panel_image(key))
        animate = menu.addAction(self.tr("Export Animation…"))
        animate.triggered.connect(lambda _checked=False: self.show_dialog(key))
        docks = self.window.createPopupMenu()  # what a right-click on a dock showed before: the
        if docks is not None:                  # panels and toolbars to show or hide
            docks.setParent(menu, docks.windowFlags())
            menu.addSeparator()
            menu.addActions(docks.actions())
        return menu

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.Show:
                self.watch_panels()
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn):
            key = watched.property("lstm_studio_panel")
            if key:
                self._set_current_panel(key)
        return False

    def _set_current_panel(self, key: str) -> None:
        if key != self.current_panel:
            self.current_panel = key
            self._show_copy_target()

    def _focus_changed(self, _old, new) -> None:
        widget = new
        while widget is not None:
            key = widget.property("lstm_studio_panel")
            if key:
                self._set_current_panel(key)
                return
            widget = widget.parentWidget()

    def _show_copy_target(self) -> None:
        key = self.current_panel if self.current_panel in self.window.panels else None
        if key is None:
            self.copy_action.setText(self.tr("Copy &Panel Image"))
            tip = self.tr("Click a panel first: its picture goes to the clipboard (Ctrl+Shift+C)")
        else:
            title = self.window.docks[key].windowTitle()
            self.copy_action.setText(self.tr("Copy Image of “{0}”").format(title))
            tip = self.tr("Put a picture of the panel you clicked last on the clipboard (Ctrl+Shift+C)")
        self.copy_action.setEnabled(key is not None)
        self.copy_action.setToolTip(tip)
        self.copy_action.setStatusTip(tip)

    def copy_panel_image(self, key: str | None = None) -> bool:
        """Put a picture of panel ``key`` (default: the current panel) on the clipboard."""
        key = key or self.current_panel
        if key not in self.window.panels:
            self.window.show_status(self.tr("Click a panel first, then copy its image."))
            return False
        image = self.window.panels[key].grab().toImage()
        QGuiApplication.clipboard().setImage(image)
        self.window.show_status(self.tr("Copied the image of “{0}” ({1} × {2} pixels).").format(
            self.window.docks[key].windowTitle(), image.width(), image.height()))
        return True

    # -- the animation --------------------------------------------------------------------------
    def targets(self) -> list[tuple[str, str]]:
        shown = [key for key in self.panel_keys() if self.window.docks[key].isVisible()]
        return [(WINDOW, self.tr("The whole window"))] + [
            (key, self.window.docks[key].windowTitle()) for key in shown]

    def show_dialog(self, target: str | None = None) -> AnimationDialog:
        """Open the Export Animation dialog (window-modal, not blocking); Export… asks for the file
        and records. ``target`` preselects a panel."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = AnimationDialog(self.window, self.targets())
        if target is not None and self.dialog.what.findData(target) >= 0:
            self.dialog.what.setCurrentIndex(self.dialog.what.findData(target))
        self.dialog.accepted.connect(lambda d=self.dialog: self.export(d.settings()))
        self.dialog.open()
        return self.dialog

    def export(self, settings: AnimationSettings) -> bool:
        """Ask where to save, then record with a progress dialog. True when a file was written."""
        fmt = settings.fmt
        filters = {"gif": self.tr("Animated GIF images (*.gif)"), "mp4": self.tr("MP4 videos (*.mp4)")}
        stem = "lstm-studio" if settings.target == WINDOW else settings.target
        path = self.file_actions._export_path(self.tr("Export Animation"), f"{stem}-animation",
                                              f".{fmt}", filters[fmt])
        if not path:
            return False
        return self.record(settings, path)

    def record(self, settings: AnimationSettings, path) -> bool:
        window = self.window
        widget = window if settings.target == WINDOW else window.panels[settings.target]
        window.playback.pause()
        restore_tabs = self._bring_to_front(settings.target)
        steps = settings.steps()
        progress = QProgressDialog(self.tr("Recording the animation…"), self.tr("Cancel"),
                                   0, len(steps), window)
        progress.setWindowTitle(self.tr("Export Animation"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        self.progress = progress

        def report(done, total, t):
            progress.setLabelText(self.tr("Frame {0} of {1} (t = {2})").format(done, total, t + 1))
            progress.setValue(done)
            return not progress.wasCanceled()

        try:
            record_animation(self.model, widget, path, settings, progress=report)
        except AnimationCancelled:
            window.show_status(self.tr("Animation export cancelled: no file was written."))
            return False
        except (AnimationError, TranslatableError) as exc:
            window.show_error(self.tr("Cannot export the animation"), error_text(exc))
            return False
        finally:
            progress.close()
            progress.deleteLater()
            self.progress = None
            restore_tabs()
        window.show_status(self.tr("Exported {0} ({1} frames).").format(Path(path).name, len(steps)))
        return True

    def _bring_to_front(self, key: str):
        """Raise the dock of panel ``key`` when it is a tab behind another (Qt keeps such a dock
        "visible", with nothing of it on screen); returns how to put the tabs back as they were."""
        if key == WINDOW or not _hidden(self.window.panels[key]):
            return lambda: None
        dock = self.window.docks[key]
        front = [d for d in self.window.tabifiedDockWidgets(dock) if not _hidden(d.widget())]
        dock.raise_()
        redraw()
        return lambda: [d.raise_() for d in front[:1]]


def _hidden(widget: QWidget) -> bool:
    """Nothing of ``widget`` on screen: hidden, or in a dock behind another dock's tab (asked of
    the dock: a panel filled by a child, e.g. a scroll area, has no visible region of its own)."""
    dock = widget
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    return not widget.isVisible() or (dock if dock is not None else widget).visibleRegion().isEmpty()


def install(window, file_actions) -> AnimationExport:
    """Called by the File menu (:mod:`lstm_studio.app.files.actions`)."""
    return AnimationExport(window, file_actions)
