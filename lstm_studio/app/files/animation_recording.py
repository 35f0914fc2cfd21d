"""Recording an animation of stepping through time into a GIF or MP4 file.

An animation records the whole window or one panel at steps t = a..b (1-based, as on screen; a
range may run backwards, e.g. T..1 for the gradient panel, which BPTT fills from the loss back).
For each step the time cursor moves there (``model.set_time_step``), the event loop runs so every
panel redraws, and the widget is grabbed. Frames show "Reveal up to t" by default (the sequence
arrives step by step, which is what an animation of stepping through time is for), or the whole
sequence with a moving cursor, as chosen in the dialog. The user's time step and display mode are put
back afterwards, whatever happened; nothing else of the session is touched (no undo step, not
modified).

Formats: an animated GIF, written by Pillow frame by frame (each frame quantized to its own
256-colour palette without dithering, only the rectangle that changed since the previous frame is
stored, identical frames are merged into one longer frame, it loops forever), and MP4 when
``ffmpeg`` is on PATH (raw RGB frames piped to ``ffmpeg -f rawvideo``, H.264 or ffmpeg's default
codec, ``yuv420p``, even sizes). Frames are scaled down by a chosen factor (by default so that
they are at most :data:`DEFAULT_MAX_WIDTH` pixels wide) to keep files small.

The file is written to a temporary file in the target's folder and renamed at the end: a cancelled
or failed export never leaves a half-written file, and an existing file stays as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, TranslatableError
from lstm_studio.session.safe_files import (
    _file_mode as replaced_file_mode,  # the saved session's rule
)

WINDOW = "window"
"""The key of "the whole window" among the things an animation can record."""
FPS_RANGE = (1, 30)
SCALES = (100, 75, 50, 33, 25)
"""Frame sizes offered, in per cent of the widget's size on screen."""
DEFAULT_MAX_WIDTH = 1000
"""The default scale is the largest that makes frames at most this many pixels wide."""
GIF_COLOURS = 256


def ffmpeg_path() -> str | None:
    """ffmpeg on PATH (None when it is not installed): MP4 export needs it."""
    return shutil.which("ffmpeg")


# -- errors ---------------------------------------------------------------------------------------
class AnimationError(TranslatableError):
    """An animation could not be written: the message says why, in the user's language."""


class AnimationCancelled(TranslatableError):
    """The user pressed Cancel: the partial file is gone, nothing to report but that."""

    def __init__(self):
        super().__init__(QT_TRANSLATE_NOOP("Refusal", "The export was cancelled."))


def _write_failed(path: Path, exc: OSError) -> AnimationError:
    return AnimationError(QT_TRANSLATE_NOOP("Refusal", "Cannot save {file}: {reason}."),
                          file=path.name, reason=exc.strerror or str(exc))


# -- settings -------------------------------------------------------------------------------------
@dataclass
class AnimationSettings:
    """What to record: ``target`` (WINDOW or a panel key), steps ``first``..``last`` (0-based,
    both included, ``first > last`` runs backwards), ``fps``, ``fmt`` ("gif" or "mp4"),
    ``scale`` (per cent) and ``mode`` ("reveal" or "whole"; None: the display mode the user has)."""

    target: str = WINDOW
    first: int = 0
    last: int = 0
    fps: int = 4
    fmt: str = "gif"
    scale: int = 100
    mode: str | None = "reveal"

    def steps(self) -> list[int]:
        step = 1 if self.last >= self.first else -1
        return list(range(self.first, self.last + step, step))


def default_scale(width: int, max_width: int = DEFAULT_MAX_WIDTH) -> int:
    """The largest of :data:`SCALES` that makes ``width`` at most ``max_width`` (else the smallest)."""
    return next((s for s in SCALES if width * s // 100 <= max_width), SCALES[-1])


def scaled_size(width: int, height: int, scale: int) -> tuple[int, int]:
    """A ``width`` × ``height`` widget at ``scale`` per cent (at least 2 × 2 pixels)."""
    return (max(2, width * scale // 100), max(2, height * scale // 100))


def frame_size(width: int, height: int, scale: int) -> tuple[int, int]:
    """Pixels of a frame of a ``width`` × ``height`` widget at ``scale`` per cent: the scaled
    image less an odd last column or row (H.264's yuv420p needs even sizes; cropping a pixel
    keeps a 100 % frame sharp, where scaling by a pixel would blur it)."""
    w, h = scaled_size(width, height, scale)
    return (w // 2 * 2, h // 2 * 2)


# -- frames ---------------------------------------------------------------------------------------
def rgb_array(image: QImage, scaled: tuple[int, int] | None = None) -> np.ndarray:
    """``image`` as a (height, width, 3) uint8 array, smoothly scaled to ``scaled`` (width,
    height) when given and then cut to even sizes (see :func:`frame_size`)."""
    if scaled is not None and (image.width(), image.height()) != tuple(scaled):
        image = image.scaled(scaled[0], scaled[1], Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    pixels = data.reshape(height, stride)[:, :width * 3].reshape(height, width, 3)
    if scaled is not None:
        pixels = pixels[:height // 2 * 2, :width // 2 * 2]
    return pixels.copy()


class GifWriter:
    """Writes an animated GIF into an open binary file, one frame at a time (memory stays at two
    frames however long the animation). Frames: (height, width, 3) uint8 arrays of one size."""

    def __init__(self, fh, fps: int):
        self.fh, self.fps = fh, fps
        self.frames = 0  # frames added
        self.written = 0  # frames in the file (identical neighbours merged)
        self._previous = None
        self._pending = None  # (palette image, offset, duration in centiseconds)

    def _centiseconds(self, index: int) -> int:
        """Frame ``index``'s delay: GIF counts in 1/100 s; rounding the running total keeps the
        average at 1/fps (e.g. 3, 3, 4, 3, 3, 4 … at 30 frames per second)."""
        return round(100 * (index + 1) / self.fps) - round(100 * index / self.fps)

    def add(self, frame: np.ndarray) -> None:
        from PIL import Image

        duration = self._centiseconds(self.frames)
        self.frames += 1
        if self._previous is None:
            box = (0, 0, frame.shape[1], frame.shape[0])
        else:
            changed = np.any(frame != self._previous, axis=2)
            if not changed.any():
                image, offset, previous_duration = self._pending
                self._pending = (image, offset, previous_duration + duration)
                return
            rows, columns = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            box = (int(columns[0]), int(rows[0]), int(columns[-1]) + 1, int(rows[-1]) + 1)
        self._flush()
        part = Image.fromarray(frame[box[1]:box[3], box[0]:box[2]], "RGB")
        image = part.quantize(GIF_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        self._pending = (image, box[:2], duration)
        self._previous = frame

    def _flush(self) -> None:
        if self._pending is None:
            return
        from PIL import GifImagePlugin

        image, offset, duration = self._pending
        self._pending = None
        params = {"duration": duration * 10, "disposal": 1}  # milliseconds; keep what was drawn
        if self.written == 0:
            header, _ = GifImagePlugin.getheader(image, info={"loop": 0, "duration": duration * 10})
            for block in header:
                self.fh.write(block)
        else:
            params["include_color_table"] = True  # each frame its own palette
        for block in GifImagePlugin.getdata(image, offset, **params):
            self.fh.write(block)
        self.written += 1

    def close(self) -> None:
        self._flush()
        self.fh.write(b";")  # GIF trailer


class Mp4Writer:
    """Pipes raw RGB frames to ffmpeg, which writes an MP4 file (H.264 where ffmpeg has it)."""

    def __init__(self, path: Path, fps: int, size: tuple[int, int], ffmpeg: str):
        self.path = path
        self._log = tempfile.TemporaryFile()
        command = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
                   "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{size[0]}x{size[1]}", "-r", str(fps),
                   "-i", "-", "-an", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4",
                   str(path)]
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                             stderr=self._log)
        except OSError as exc:
            self._log.close()
            raise AnimationError(QT_TRANSLATE_NOOP("Refusal", "ffmpeg could not make the video: {reason}"),
                                 reason=exc.strerror or str(exc)) from None

    def add(self, frame: np.ndarray) -> None:
        try:
            self._process.stdin.write(np.ascontiguousarray(frame).tobytes())
        except OSError:  # ffmpeg ended early (a broken pipe): its own words say why
            self._process.wait()
            raise self._failure() from None

    def close(self) -> None:
        try:
            self._process.stdin.close()
        except OSError:
            pass
        if self._process.wait() != 0:
            raise self._failure()
        self._log.close()

    def abort(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        try:
            self._process.stdin.close()
        except OSError:
            pass
        self._process.wait()
        self._log.close()

    def _failure(self) -> AnimationError:
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace").strip()
        lines = [line for line in text.splitlines() if line.strip()][-6:]
        reason = "\n".join(lines) or f"exit status {self._process.returncode}"
        return AnimationError(QT_TRANSLATE_NOOP("Refusal", "ffmpeg could not make the video: {reason}"),
                              reason=reason)


# -- recording ------------------------------------------------------------------------------------
def _temporary_next_to(path: Path, suffix: str) -> Path:
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".part{suffix}", dir=path.parent)
    except OSError as exc:
        raise _write_failed(path, exc) from None
    os.close(fd)
    return Path(temp)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def redraw() -> None:
    """Let every panel catch up with the model: run the events their updates posted."""
    for _ in range(2):
        QCoreApplication.processEvents()


def record_animation(model, widget: QWidget, path, settings: AnimationSettings, *,
                     progress=None, ffmpeg: str | None = None) -> int:
    """Record ``widget`` at each step of ``settings`` into ``path``; returns the number of frames.

    ``progress(done, total, t)`` is called after each frame (t 0-based); it returns False to
    cancel (AnimationCancelled is raised, no file is left). Failures raise AnimationError.
    The model's time step and display mode are put back in every case."""
    path = Path(path)
    steps = settings.steps()
    view = model.view
    saved_step, saved_mode = view.time_step, view.display_mode
    temp = _temporary_next_to(path, path.suffix)
    writer = fh = None
    try:
        if settings.mode is not None:
            model.set_display_mode(settings.mode)
        size = None
        for done, t in enumerate(steps, start=1):
            model.set_time_step(t)
            redraw()
            image = widget.grab().toImage()
            if size is None:  # every frame as large as the first, even if the window is resized
                size = scaled_size(image.width(), image.height(), settings.scale)
                if settings.fmt == "mp4":
                    writer = Mp4Writer(temp, settings.fps, frame_size(*size, 100),
                                       ffmpeg or ffmpeg_path() or "ffmpeg")
                else:
                    fh = open(temp, "wb")
                    writer = GifWriter(fh, settings.fps)
            writer.add(rgb_array(image, size))
            if progress is not None and progress(done, len(steps), t) is False:
                raise AnimationCancelled()
        writer.close()
        writer = None
        if fh is not None:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            fh = None
        os.chmod(temp, replaced_file_mode(path))
        os.replace(temp, path)
    except OSError as exc:
        raise _write_failed(path, exc) from None
    finally:
        if isinstance(writer, Mp4Writer):
            writer.abort()
        if fh is not None:
            fh.close()
        if temp.exists():
            _remove(temp)
        model.set_display_mode(saved_mode)
        model.set_time_step(saved_step)
    return len(steps)
