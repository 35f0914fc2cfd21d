"""For slides: File ▸ Export ▸ Animation… (GIF, MP4 through ffmpeg), its progress and Cancel, and a
panel's image on the clipboard (context menu, Edit ▸ Copy Panel Image)."""

import errno
import json
import os
import shutil
import stat
import sys

import numpy as np
import pytest
from on_screen import shown
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu
from test_export import export_menu_entry
from test_file_actions import window  # noqa: F401 - shared fixture

from lstm_studio.app.files import animation, animation_recording
from lstm_studio.app.files.animation_recording import AnimationSettings, GifWriter, rgb_array


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def start(window, *, mode="whole", t=5):
    """The user's view before an export: a display mode and a time step (0-based)."""
    window.model.set_display_mode(mode)
    window.model.set_time_step(t)
    return window.file_actions.animation


def choose(dialog, *, target="gates", first=2, last=5, fps=4, scale=100, mode="reveal", mp4=False):
    dialog.what.setCurrentIndex(dialog.what.findData(target))
    dialog.first.setValue(first)
    dialog.last.setValue(last)
    dialog.fps.setValue(fps)
    dialog.scale.setCurrentIndex(dialog.scale.findData(scale))
    dialog.mode.setCurrentIndex(dialog.mode.findData(mode))
    (dialog.mp4 if mp4 else dialog.gif).setChecked(True)


def gif_frames(path):
    """The frames of a GIF as RGB arrays (as a viewer shows them) and their durations (ms)."""
    frames, durations = [], []
    with Image.open(path) as image:
        for index in range(image.n_frames):
            image.seek(index)
            frames.append(np.asarray(image.convert("RGB"), dtype=np.int16))
            durations.append(image.info["duration"])
        loop = image.info.get("loop")
    return frames, durations, loop


def grab_at(window, key, t, mode="reveal"):
    window.model.set_display_mode(mode)
    window.model.set_time_step(t)
    animation_recording.redraw()
    return rgb_array(window.panels[key].grab().toImage()).astype(np.int16)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_the_export_menu_opens_the_animation_dialog(window):
    export_menu_entry(window, "Animation…").trigger()
    dialog = window.file_actions.animation.dialog
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.what.itemData(0) == animation_recording.WINDOW
    assert {dialog.what.itemData(i) for i in range(dialog.what.count())} >= {
        "gates", "states", "gradient", "cell_diagram", "output"}
    assert (dialog.first.value(), dialog.last.value()) == (1, window.model.config.seq_len)  # t = 1..T
    assert dialog.mode.currentData() == "reveal" and dialog.gif.isChecked()
    assert dialog.summary.text() == "8 frames, 2.0 seconds."  # the playback speed: 4 steps/s
    assert dialog.scale.currentData() == animation_recording.default_scale(window.width())
    assert window.width() * dialog.scale.currentData() // 100 <= animation_recording.DEFAULT_MAX_WIDTH
    dialog.reject()


def test_gif_of_a_panel_has_one_frame_per_step_each_the_panel_at_that_step(window, out, dialogs):
    feature = start(window, mode="whole", t=5)
    dialogs.answers["getSaveFileName"] = (str(out / "gates"), "")
    dialog = feature.show_dialog()
    choose(dialog, target="gates", first=2, last=5, fps=4)
    size_text = dialog.scale.currentText()
    dialog.accept()

    assert dialogs.calls[-1][0] == "getSaveFileName"  # no warning after it
    assert leftovers(out) == ["gates.gif"]  # the suffix added, no temporary file left
    frames, durations, loop = gif_frames(out / "gates.gif")
    assert len(frames) == 4 and loop == 0 and durations == [250] * 4
    panel = window.panels["gates"]
    assert frames[0].shape == (panel.height() // 2 * 2, panel.width() // 2 * 2, 3)
    assert size_text == f"100 % ({frames[0].shape[1]} × {frames[0].shape[0]} pixels)"  # as announced
    # the user's step and mode are back, and the session is unchanged
    assert (window.model.view.time_step, window.model.view.display_mode) == (5, "whole")
    assert not window.model.is_modified and window.undo_stack.count() == 0
    assert "gates.gif" in window.statusBar().currentMessage()

    grabs = [grab_at(window, "gates", t)[:frames[0].shape[0], :frames[0].shape[1]] for t in range(1, 5)]
    for index, (frame, grab) in enumerate(zip(frames, grabs)):
        error = np.abs(frame - grab).mean()
        assert error < 2, (index, error)  # the grab at that step, up to the 256-colour palette
        for other in grabs:
            if other is not grab:
                assert np.abs(frame - other).mean() > 2 * error  # and not the grab of another step


def test_window_animation_runs_backwards_at_its_speed(window, out, dialogs):
    feature = start(window, mode="reveal", t=0)
    dialogs.answers["getSaveFileName"] = (str(out / "whole.gif"), "")
    dialog = feature.show_dialog()
    choose(dialog, target=animation_recording.WINDOW, first=8, last=6, fps=30, scale=50, mode="whole")
    seen = []
    window.model.timeStepChanged.connect(seen.append)
    dialog.accept()
    assert seen[:3] == [7, 6, 5] and seen[-1] == 0  # T, T-1, T-2, then the user's t = 1 again
    frames, durations, _ = gif_frames(out / "whole.gif")
    assert len(frames) == 3
    assert frames[0].shape[:2] == (window.height() // 2 // 2 * 2, window.width() // 2 // 2 * 2)
    assert durations == [30, 40, 30]  # 1/30 s on average, in GIF's hundredths
    assert (window.model.view.time_step, window.model.view.display_mode) == (0, "reveal")


def test_gif_writer_merges_identical_frames_and_stores_changed_rectangles(tmp_path):
    frame = np.zeros((40, 60, 3), np.uint8)
    frame[:, :, 2] = np.arange(60, dtype=np.uint8)[None, :] * 4
    changed = frame.copy()
    changed[10:12, 20:30] = (255, 0, 0)
    with open(tmp_path / "a.gif", "wb") as fh:
        writer = GifWriter(fh, fps=10)
        for f in (frame, frame, frame, changed):
            writer.add(f)
        writer.close()
    assert (writer.frames, writer.written) == (4, 2)
    frames, durations, loop = gif_frames(tmp_path / "a.gif")
    assert durations == [300, 100] and loop == 0
    np.testing.assert_array_equal(frames[0], frame)  # few colours: exact
    np.testing.assert_array_equal(frames[1], changed)  # the rectangle drawn over the first frame
    with Image.open(tmp_path / "a.gif") as image:
        image.seek(1)
        assert image.tile[0][1] == (20, 10, 30, 12)  # only the rectangle that changed


def test_cancel_stops_at_once_and_leaves_no_file(window, out, dialogs):
    feature = start(window, mode="whole", t=3)
    (out / "old.gif").write_bytes(b"the previous file")
    steps = []

    def press_cancel(t):
        steps.append(t)
        if len(steps) in (2, 5):  # the second frame of the first recording, the first of the second
            feature.progress.cancel()

    window.model.timeStepChanged.connect(press_cancel)
    assert not feature.record(AnimationSettings(target="gates", first=0, last=7), out / "new.gif")
    steps.append("next")
    assert not feature.record(AnimationSettings(target="gates", first=0, last=7), out / "old.gif")
    window.model.timeStepChanged.disconnect(press_cancel)

    assert steps == [0, 1, 3, "next", 0, 3]  # the frames until Cancel, then the user's step
    assert leftovers(out) == ["old.gif"] and (out / "old.gif").read_bytes() == b"the previous file"
    assert (window.model.view.time_step, window.model.view.display_mode) == (3, "whole")
    assert not window.model.is_modified and window.undo_stack.count() == 0
    assert "cancelled" in window.statusBar().currentMessage()
    assert not [c for c in dialogs.calls if c[0] in ("warning", "critical")]
    assert feature.progress is None


def test_unwritable_folder_is_reported_without_traceback(window, tmp_path, dialogs):
    feature = start(window, t=2)
    assert not feature.record(AnimationSettings(target="gates", first=0, last=2), tmp_path / "no" / "a.gif")
    name, args, _ = dialogs.calls[-1]
    assert name == "warning" and args[1] == "Cannot export the animation"
    assert args[2].startswith("Cannot save a.gif: ") and "Traceback" not in args[2]
    assert window.model.view.time_step == 2


def test_disk_full_is_reported_and_the_partial_file_removed(window, out, dialogs, monkeypatch):
    feature = start(window, t=4)

    def full(self, frame):
        if self.frames == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.frames += 1

    monkeypatch.setattr(GifWriter, "add", full)
    assert not feature.record(AnimationSettings(target="output", first=0, last=5), out / "a.gif")
    assert dialogs.calls[-1][1][2] == "Cannot save a.gif: No space left on device."
    assert leftovers(out) == []
    assert window.model.view.time_step == 4


def test_new_files_get_the_usual_mode(window, out, dialogs):
    feature = start(window)
    assert feature.record(AnimationSettings(target="output", first=0, last=1), out / "a.gif")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((out / "a.gif").stat().st_mode) == 0o666 & ~umask


# -- MP4 --------------------------------------------------------------------------------------------
FAKE_FFMPEG = r"""
import json, sys
args = sys.argv[1:]
data = sys.stdin.buffer.read()
if "{fail}" == "early":
    sys.stderr.write("Unknown encoder 'libx264'\n")
    sys.exit(1)
with open(args[-1], "w") as fh:
    json.dump({{"args": args, "bytes": len(data)}}, fh)
if "{fail}" == "late":
    sys.stderr.write("Conversion failed!\n")
    sys.exit(1)
"""


def fake_ffmpeg(folder, monkeypatch, fail=""):
    """An ``ffmpeg`` on PATH that records its arguments and the bytes it was sent."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "ffmpeg"
    script.write_text(f"#!{sys.executable}\n" + FAKE_FFMPEG.format(fail=fail))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return script


def test_mp4_is_disabled_with_a_reason_without_ffmpeg(window, monkeypatch):
    monkeypatch.setattr(animation_recording.shutil, "which", lambda name: None)
    dialog = window.file_actions.animation.show_dialog()
    assert not dialog.mp4.isEnabled() and dialog.gif.isChecked()
    assert "ffmpeg" in dialog.mp4.toolTip() and "PATH" in dialog.mp4.toolTip()
    dialog.mp4.setChecked(True)
    assert dialog.settings().fmt == "gif"
    dialog.reject()


def test_mp4_pipes_raw_frames_of_even_size_to_ffmpeg(window, tmp_path, out, dialogs, monkeypatch):
    fake_ffmpeg(tmp_path, monkeypatch)
    feature = start(window, t=6)
    window.resize(1301, 901)  # odd sizes somewhere
    animation_recording.redraw()
    dialogs.answers["getSaveFileName"] = (str(out / "film"), "")
    dialog = feature.show_dialog()
    assert dialog.mp4.isEnabled()
    choose(dialog, target=animation_recording.WINDOW, first=1, last=3, fps=12, scale=75, mp4=True)
    dialog.accept()
    assert leftovers(out) == ["film.mp4"]
    sent = json.loads((out / "film.mp4").read_text())
    args = sent["args"]
    width, height = (int(n) for n in args[args.index("-s") + 1].split("x"))
    assert width % 2 == 0 and height % 2 == 0 and width == window.width() * 75 // 100 // 2 * 2
    assert sent["bytes"] == 3 * width * height * 3  # three frames of raw RGB
    assert args[args.index("-f") + 1] == "rawvideo" and args[args.index("-r") + 1] == "12"
    assert "yuv420p" in args and args[args.index("-i") + 1] == "-"
    assert window.model.view.time_step == 6


@pytest.mark.parametrize("fail, text", [("early", "Unknown encoder 'libx264'"), ("late", "Conversion failed!")])
def test_ffmpeg_failure_shows_its_words(window, tmp_path, out, dialogs, monkeypatch, fail, text):
    fake_ffmpeg(tmp_path, monkeypatch, fail)
    feature = start(window, t=1)
    assert not feature.record(AnimationSettings(target="output", first=0, last=7, fmt="mp4"), out / "a.mp4")
    name, args, _ = dialogs.calls[-1]
    assert name == "warning" and args[2] == f"ffmpeg could not make the video: {text}"
    assert leftovers(out) == []
    assert window.model.view.time_step == 1


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_real_mp4(window, out, dialogs):
    feature = start(window)
    assert feature.record(AnimationSettings(target="output", first=0, last=7, fmt="mp4", fps=8), out / "a.mp4")
    data = (out / "a.mp4").read_bytes()
    assert data[4:8] == b"ftyp" and len(data) > 1000
    assert leftovers(out) == ["a.mp4"]


# -- a hidden panel ----------------------------------------------------------------------------------
def test_a_panel_behind_a_tab_is_brought_forward_while_recording(window, out, dialogs):
    docks = window.docks
    docks["weights_editor"].show()
    window.tabifyDockWidget(docks["gates"], docks["weights_editor"])
    docks["weights_editor"].raise_()
    animation_recording.redraw()
    assert not shown(window.panels["gates"])  # behind the tab
    feature = start(window)
    raised = []

    def note_whether_shown(t):
        if t < 4:
            raised.append(shown(window.panels["gates"]))

    window.model.timeStepChanged.connect(note_whether_shown)
    assert feature.record(AnimationSettings(target="gates", first=0, last=3), out / "a.gif")
    window.model.timeStepChanged.disconnect(note_whether_shown)  # it holds the window
    frames, _, _ = gif_frames(out / "a.gif")
    assert len(frames) == 4 and len(np.unique(frames[-1].reshape(-1, 3), axis=0)) > 20  # drawn
    assert raised == [True] * 4  # in front while it was recorded
    animation_recording.redraw()
    assert not shown(window.panels["gates"])  # behind the tab again
    assert shown(window.panels["weights_editor"])


# -- clipboard ---------------------------------------------------------------------------------------
def test_copy_image_from_a_panels_context_menu(window):
    window.docks["gradient"].customContextMenuRequested.emit(QPoint(10, 10))
    menu = next(m for m in window.findChildren(QMenu) if m.isVisible())
    copy = next(a for a in menu.actions() if a.text() == "Copy Image")
    assert window.docks["states"].toggleViewAction() in menu.actions()  # the docks' menu stays
    QGuiApplication.clipboard().clear()
    copy.trigger()
    menu.close()
    image = QGuiApplication.clipboard().image()
    panel = window.panels["gradient"]
    assert (image.width(), image.height()) == (panel.width(), panel.height())
    assert image == panel.grab().toImage()


def test_edit_copy_panel_image_copies_the_panel_clicked_last(window, qtbot):
    feature = window.file_actions.animation
    action = feature.copy_action
    assert action in window.menu("Edit").actions()
    window.menu("Edit").aboutToShow.emit()
    assert not action.isEnabled() and "Click a panel first" in action.toolTip()

    view = animation.export.graphics_views(window.panels["output"])[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport().rect().center())
    window.menu("Edit").aboutToShow.emit()
    assert action.isEnabled() and action.text() == "Copy Image of “Output and loss”"
    QGuiApplication.clipboard().clear()
    action.trigger()
    image = QGuiApplication.clipboard().image()
    panel = window.panels["output"]
    assert (image.width(), image.height()) == (panel.width(), panel.height())
    assert "Output and loss" in window.statusBar().currentMessage()


def test_a_click_in_a_rebuilt_plot_still_chooses_the_panel(window, qtbot):
    feature = window.file_actions.animation
    window.activateWindow()
    window.model.set_config(hidden_size=4)  # the panels build new plots
    animation_recording.redraw()
    for key in ("gates", "gradient", "cell_diagram"):
        view = animation.export.graphics_views(window.panels[key])[-1]
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport().rect().center())
        assert feature.current_panel == key
    assert feature.copy_action.isEnabled()  # Ctrl+Shift+C works at once, the Edit menu unopened
    QGuiApplication.clipboard().clear()
    window.file_actions.animation.copy_action.trigger()
    assert QGuiApplication.clipboard().image().size() == window.panels["cell_diagram"].size()
