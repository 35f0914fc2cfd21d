"""The training dock's two curves of a run (loss, gradient norm): one above the other where the
dock is tall enough for both to read, side by side where it is not (a laptop's dock, tabbed
beside the cell diagram, is about 120 pixels tall: stacked, both data areas were 0 pixels)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from lstm_studio.app.panels.plots.time_plot import MIN_DATA_SIZE
from lstm_studio.app.theme import scaled
from lstm_studio.app.training.compare_plots import new_log_plot


class RunPlots(pg.GraphicsLayoutWidget):
    """Log plots of a run against the training step, stacked or in a row (:meth:`arrange`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plots: list[pg.PlotItem] = []
        self.x_label = ""
        self.stacked = True

    def add_plot(self, title: str) -> pg.PlotItem:
        """A log plot of ``title``, after the others; they share the x range."""
        plot = new_log_plot(title, "")  # placed by arrange, in Qt's grid layout only (moved
        # through pyqtgraph's GraphicsLayout, items left dangling pointers behind)
        if self.plots:
            plot.setXLink(self.plots[0])
        self.plots.append(plot)
        self.arrange(force=True)
        return plot

    def set_x_label(self, label: str) -> None:
        """The x axis' name: under the lowest plot when stacked, under each in a row."""
        self.x_label = label
        self.arrange(force=True)

    def needed_height(self) -> float:
        """Pixels that every plot stacked needs to keep a readable data area (MIN_DATA_SIZE)."""
        minimum = Qt.SizeHint.MinimumSize
        layout = self.ci.layout
        heights = [plot.effectiveSizeHint(minimum).height() - plot.vb.effectiveSizeHint(minimum).height()
                   for plot in self.plots]
        _, top, _, bottom = layout.getContentsMargins()
        return (sum(heights) + len(heights) * scaled(MIN_DATA_SIZE[1])
                + layout.verticalSpacing() * (len(heights) - 1) + top + bottom + 4)

    def arrange(self, force: bool = False) -> None:
        """Stacked where the height holds every plot readable, else side by side."""
        if not self.plots:
            return
        stacked = self.height() >= self.needed_height() or len(self.plots) == 1
        if stacked == self.stacked and not force:
            return
        self.stacked = stacked
        layout = self.ci.layout
        for plot in self.plots:
            if plot.parentLayoutItem() is not None:
                layout.removeItem(plot)
        for index, plot in enumerate(self.plots):
            row, column = (index, 0) if stacked else (0, index)
            layout.addItem(plot, row, column)
            last = not stacked or index == len(self.plots) - 1
            text = self.x_label if last else ""
            plot.setLabel("bottom", text)
            plot.getAxis("bottom").showLabel(bool(text))
        self.ci.setGeometry(self.range)

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if hasattr(self, "plots"):  # pyqtgraph's constructor resizes before ours has run
            self.arrange()
