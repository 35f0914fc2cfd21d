"""The pieces of the comparison's plots: each kind's name, colour and symbol, log-scale plots fitted
to whole decades, and legends in a row of their own above a plot (as many entries side by side as
the width holds). The training dock's loss plot is a log plot too.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from lstm_studio.app.panels.plots.axes import DecadeAxis
from lstm_studio.app.panels.plots.colours import PALETTE, foreground
from lstm_studio.app.panels.plots.scales import finite_range, nice_ceiling
from lstm_studio.session.experiments import COMPARE_KINDS

COLORS = dict(zip(COMPARE_KINDS, (PALETTE[1], PALETTE[0], PALETTE[2])))
SYMBOLS = dict(zip(COMPARE_KINDS, (("o", 8, 2), ("s", 12, 4), ("t", 8, 2))))
"""Marker, marker size and line width of each kind in the sweep: the LSTM's are larger, so it
shows around the GRU where both reach the same accuracy."""
AXIS_WIDTH = 52
"""Pixels of the left axes of the side-by-side plots (room for 10⁻¹⁰)."""


def kind_names() -> dict[str, str]:
    return {"rnn_tanh": QCoreApplication.translate("CompareView", "RNN (tanh)"),
            "lstm": QCoreApplication.translate("CompareView", "LSTM"),
            "gru": QCoreApplication.translate("CompareView", "GRU")}


def legend_row(layout: pg.GraphicsLayout, row: int, columns: int = 1) -> pg.LegendItem:
    """A legend of three columns in its own row of ``layout`` (above a plot, so it covers no
    curve), across ``columns`` columns of the layout."""
    legend = pg.LegendItem(colCount=3, labelTextSize="8pt")
    legend.setLabelTextColor(foreground())
    legend.layout.setContentsMargins(2, 0, 2, 0)
    layout.addItem(legend, row=row, col=0, colspan=columns)
    return legend


def fit_legend(legend: pg.LegendItem, width: float) -> None:
    """Lay ``legend``'s entries out in the most columns (at most 3: one per kind) that fit
    ``width`` pixels, so that no entry is cut off at the edge."""
    for columns in range(min(3, max(len(legend.items), 1)), 0, -1):
        if legend.columnCount != columns:
            legend.setColumnCount(columns)
        legend.updateSize()
        if legend.boundingRect().width() <= width or columns == 1:
            return


def bold_font():
    from PySide6.QtGui import QFont

    font = QFont()
    font.setBold(True)
    return font


def log_plot(layout: pg.GraphicsLayout, row: int, title: str, x_label: str,
             columns: int = 1) -> pg.PlotItem:
    """A plot with a log y axis labelled at powers of ten only, in ``layout`` at ``row``
    (across ``columns`` columns)."""
    plot = new_log_plot(title, x_label)
    layout.addItem(plot, row=row, col=0, colspan=columns)
    return plot


def new_log_plot(title: str, x_label: str) -> pg.PlotItem:
    """A plot with a log y axis labelled at powers of ten only, not placed in any layout."""
    plot = pg.PlotItem(axisItems={"left": DecadeAxis("left")})
    plot.setTitle(title, size="9pt")
    plot.setLabel("bottom", x_label)
    plot.setLogMode(y=True)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.enableAutoRange(y=False)
    return plot


def fit_decades(plot: pg.PlotItem, curves, padding: float = 0.05) -> None:
    """Fit the y range of a log plot to whole decades around the data of ``curves`` (and
    ``padding`` of the range on either side: a label of a decade at the very edge is not drawn)."""
    span = finite_range(*(curve.getOriginalDataset()[1] for curve in curves
                          if curve.getOriginalDataset()[1] is not None), log=True)
    if span is not None:
        lo, hi = np.floor(np.log10(span[0])), np.ceil(np.log10(span[1]))
        plot.setYRange(lo, max(hi, lo + 1.0), padding=padding)


def fit_steps(plot: pg.PlotItem, last_step: float) -> None:
    """Show training steps 0 .. a round number at or above ``last_step``: the x axis grows in
    steps of about a fifth (its labels are redrawn then) instead of at every new point."""
    high = nice_ceiling(max(float(last_step), 10.0))
    if tuple(plot.viewRange()[0]) != (0.0, high):
        plot.setXRange(0.0, high, padding=0.0)


def set_positive(curve, x, y) -> None:
    """Plot only the finite, positive points (the plots are log scale)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(y) & (y > 0)
    curve.setData(x[keep], y[keep])
