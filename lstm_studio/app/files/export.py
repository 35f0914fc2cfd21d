"""Export: a panel's plots as PNG or SVG, the whole window as PNG, the traces as CSV.

Panels are found generically: the plots of a panel are the QGraphicsViews inside it. PNG: a
single pyqtgraph scene goes through pyqtgraph's ImageExporter at :data:`PNG_SCALE` times the
screen size, a plain Qt scene is rendered by Qt at that scale, anything else is grabbed as on
screen. SVG: Qt's QSvgGenerator draws the single view (or the whole panel) as vectors. Every file is written
atomically (temporary file, then rename).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - makes pg.exporters available
from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QPoint, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView, QWidget

from lstm_studio.engine import GATES
from lstm_studio.session.safe_files import write_atomically

PNG_SCALE = 2
"""Panel PNGs are this many times larger than the panel on screen (crisp in documents)."""

CSV_COLUMNS = ("t", "layer", "direction", "quantity", "unit", "value")


def graphics_views(widget: QWidget) -> list[QGraphicsView]:
    """The graphics views (plots, diagrams) inside ``widget`` (itself included)."""
    views = [widget] if isinstance(widget, QGraphicsView) else []
    return views + widget.findChildren(QGraphicsView)


def _single_scene(widget: QWidget):
    views = graphics_views(widget)
    return views[0].scene() if len(views) == 1 and views[0].scene() is not None else None


def _png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ValueError(QCoreApplication.translate("Export", "The image could not be encoded as PNG."))
    return bytes(buffer.data())


def _write_bytes(path, data: bytes) -> None:
    write_atomically(Path(path), lambda fh: fh.write(data))


def panel_image(widget: QWidget) -> QImage:
    """The plots of a panel as an image (see the module docstring for how)."""
    scene = _single_scene(widget)
    if isinstance(scene, pg.GraphicsScene):
        exporter = pg.exporters.ImageExporter(scene)
        exporter.parameters()["width"] = max(1, int(exporter.parameters()["width"] * PNG_SCALE))
        return exporter.export(toBytes=True)
    if scene is not None:
        view = graphics_views(widget)[0]
        size = view.viewport().size() * PNG_SCALE
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(view.palette().base().color())  # the view paints its own background over it
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.render(painter, QRectF(image.rect()), view.viewport().rect())
        finally:
            painter.end()
        return image
    return widget.grab().toImage()


def export_panel_png(widget: QWidget, path) -> None:
    _write_bytes(path, _png_bytes(panel_image(widget)))


def panel_svg(widget: QWidget) -> bytes:
    """The plots of a panel as an SVG document (vectors), drawn by Qt's QSvgGenerator.

    pyqtgraph 0.14's SVGExporter cannot parse the path data Qt 6 writes (pyqtgraph issue
    #3485: "ValueError: not enough values to unpack"), so every scene goes through Qt.
    """
    views = graphics_views(widget)
    return _qt_svg(views[0] if len(views) == 1 else widget)


def _qt_svg(widget: QWidget) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(widget.width(), widget.height()))
    generator.setViewBox(QRectF(0, 0, widget.width(), widget.height()))
    generator.setTitle(widget.windowTitle() or "LSTM Studio")
    painter = QPainter(generator)
    try:
        QWidget.render(widget, painter, QPoint())  # QWidget's: the view with its frame, as vectors
    finally:
        painter.end()
    del painter, generator  # they refer to the buffer: they must go before it
    return bytes(buffer.data())


def export_panel_svg(widget: QWidget, path) -> None:
    _write_bytes(path, panel_svg(widget))


def export_window_png(window: QWidget, path) -> None:
    """The whole window as it looks on screen."""
    _write_bytes(path, _png_bytes(window.grab().toImage()))


# -- traces as CSV -------------------------------------------------------------------------------
def trace_rows(model):
    """Rows (t, layer, direction, quantity, unit, value) of every number the panels show.

    t counts 1..T as the course notes do (the arrays' index + 1). Per layer and direction: gate
    activations (quantity = gate symbol, e.g. "f"), their pre-activations ("pre_f"), hidden
    state "h", cell state "c" (LSTM kinds), and the BPTT gradients "dL/dh", "dL/dc".
    Network-wide (layer and direction empty): "x" (input channel as unit: the input fed, which
    while running free is the network's own prediction from the marked step on), "y_hat" (the
    prediction ŷ), "y" (the target), "p" (class probabilities, cross-entropy), "loss" (per
    step, unit empty).
    """
    evaluation, doc = model.evaluation, model.document
    trace, grads = evaluation.trace, evaluation.grads
    steps = np.arange(1, trace.T + 1)
    for row in _table_rows(steps, "", "", "x", trace.x[:, 0]):
        yield row
    for layer, directions in enumerate(trace.layers):
        for direction, lt in enumerate(directions):
            quantities = []
            for gate in GATES[trace.kind]:
                quantities.append((gate, lt.gates[gate]))
                quantities.append((f"pre_{gate}", lt.preactivations[gate]))
            quantities.append(("h", lt.h))
            if lt.c is not None:
                quantities.append(("c", lt.c))
            quantities.append(("dL/dh", grads.dh[layer][direction]))
            if grads.dc is not None:
                quantities.append(("dL/dc", grads.dc[layer][direction]))
            for name, values in quantities:
                yield from _table_rows(steps, layer, direction, name, values[:, 0])
    yield from _table_rows(steps, "", "", "y_hat", np.asarray(evaluation.y).reshape(trace.T, -1))
    yield from _table_rows(steps, "", "", "y", doc.targets)
    if evaluation.probabilities is not None:
        yield from _table_rows(steps, "", "", "p", np.asarray(evaluation.probabilities).reshape(trace.T, -1))
    for t, value in zip(steps.tolist(), np.asarray(evaluation.per_step_loss).tolist()):
        yield (t, "", "", "loss", "", value)


def _table_rows(steps, layer, direction, quantity, values):
    """Rows of one (T, units) array, time-major."""
    for t, row in zip(steps.tolist(), np.asarray(values, dtype=np.float64).tolist()):
        for unit, value in enumerate(row):
            yield (t, layer, direction, quantity, unit, value)


def traces_csv_header(model) -> list[str]:
    """The comment lines at the top of the CSV (each starts with "#")."""
    c, doc = model.config, model.document
    return [
        "# LSTM Studio traces (long format): one value per row.",
        f"# network: {c.kind}, input {c.input_size}, hidden {c.hidden_size}, layers {c.num_layers}, "
        f"{'bidirectional' if c.bidirectional else 'unidirectional'}, output {c.output_size}, "
        f"T = {c.seq_len}; loss {doc.loss} = {float(model.evaluation.loss)!r}",
        "# columns: t = time step, 1..T as in the course notes; layer, direction (0 forward, "
        "1 reverse) empty for network-wide quantities; unit = index of the unit/channel/output "
        "(from 0).",
        "# quantities: x input; <gate> activation and pre_<gate> its argument; h hidden state; "
        "c cell state; dL/dh, dL/dc BPTT gradients (total, as the gradient panel shows); "
        "y_hat the prediction (ŷ); y the target; p class probability; "
        "loss per step (0 where the loss does not apply).",
        "# read with e.g. pandas.read_csv(path, comment='#')",
    ]


def export_traces_csv(model, path) -> None:
    """Write :func:`trace_rows` of the model's current evaluation to ``path`` as CSV."""
    def write(fh):
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        for line in traces_csv_header(model):
            text.write(line + "\n")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(trace_rows(model))
        text.flush()
        text.detach()

    write_atomically(Path(path), write)
