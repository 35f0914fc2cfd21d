"""Output panel: the prediction ŷ_t (the read-out) against the target y_t over time, and the loss
per step. ŷ and y are the course notes' symbols (ŷ = 출력, y = 정답)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from lstm_studio.app.panels.plots.colours import HIGHLIGHT_COLOR, PALETTE, foreground, series_color
from lstm_studio.app.panels.plots.scales import finite_range, format_value
from lstm_studio.app.panels.plots.time_panel import TimePanel

MAX_CHANNELS = len(PALETTE)
"""Output channels drawn (one colour each); the info line says when there are more."""


class OutputPanel(TimePanel):
    """Predictions ŷ_t against targets y_t (or class probabilities for cross-entropy) and the loss."""

    uses_layer = False

    def setup(self):
        self.setToolTip(self.tr(
            "The network's prediction ŷ_t (the read-out, solid) over time against the target "
            "y_t (dashed; for cross-entropy: the probability of each class, the target class's "
            "probability bold), and the loss at each step that carries one. Markers show the "
            "steps where the loss applies."))

    def build(self):
        config, doc = self.model.config, self.model.evaluated_document
        self.cross_entropy = doc.loss == "cross_entropy"
        self.channels = min(config.output_size, MAX_CHANNELS)
        if self.cross_entropy:
            self.outputs = self.axes.curves(0, 0, self.tr("Class probabilities"),
                                            self.tr("probability"), bar_space=False)
        else:
            self.outputs = self.axes.curves(0, 0, self.tr("Prediction ŷ and target y"),
                                            self.tr("value"), bar_space=False)
        self.outputs.add_legend()
        self.output_curves, self.targets = [], []
        for k in range(self.channels):
            color = series_color(k)
            if self.cross_entropy:
                self.output_curves.append(self.outputs.add_curve(
                    self.tr("p(class {0})").format(k), color, width=1.5))
            else:
                self.output_curves.append(self.outputs.add_curve(
                    "ŷ{0}".format(k), color, width=2))
                self.targets.append(self.add_target(self.tr("y{0} (target)").format(k), color,
                                                    width=1, style=Qt.PenStyle.DashLine))
        if self.cross_entropy:
            self.targets.append(self.add_target(self.tr("p(target class)"), HIGHLIGHT_COLOR,
                                                width=3, style=Qt.PenStyle.SolidLine))
        self.loss = self.axes.curves(1, 0, self.tr("Loss per step"), self.tr("loss"),
                                     bar_space=False)
        self.loss_bars = self.loss.add_bars(self.tr("loss"), foreground(150))

    def add_target(self, name, color, width, style):
        """A target curve over all steps plus markers at the steps that carry the loss."""
        line = self.outputs.add_curve(name, color, width=width, style=style)
        marks = self.outputs.add_curve(name, color, style=None, symbol="o", legend=False)
        return line, marks

    def refresh(self):
        # switching between MSE and cross-entropy changes which curves exist
        if (self.model.evaluated_document.loss == "cross_entropy") != self.cross_entropy:
            self.rebuild()
        else:
            super().refresh()

    def update_values(self):
        doc, ev = self.model.evaluated_document, self.model.evaluation  # never mixed (issue 14)
        steps = np.arange(doc.config.seq_len)
        mask = doc.loss_mask
        if self.cross_entropy:
            shown = ev.probabilities
            target_values = shown[steps, np.argmax(doc.targets, axis=1)][:, None]
            span = (0.0, 1.0)
        else:
            shown = ev.y
            target_values = doc.targets[:, :self.channels]
            span = finite_range(ev.y[:, :self.channels], target_values)
        for k, curve in enumerate(self.output_curves):
            curve.set_data(steps, shown[:, k])
        for (line, marks), values in zip(self.targets, target_values.T):
            line.set_data(steps, values)
            marks.set_data(steps[mask], values[mask])
        self.loss_bars.set_data(steps[mask], ev.per_step_loss[mask])
        self.outputs.show_steps(self.axes.visible_steps)
        self.loss.show_steps(self.axes.visible_steps)
        self.outputs.fit_y(span, exact=self.cross_entropy)  # probabilities: always 0..1
        loss_span = finite_range(ev.per_step_loss[mask])
        self.loss.fit_y((0.0, loss_span[1] if loss_span and loss_span[1] > 0 else 1.0))
        self.info.setText(self.summary())

    def summary(self) -> str:
        doc, ev = self.model.evaluated_document, self.model.evaluation
        loss_name = self.tr("cross-entropy") if self.cross_entropy else self.tr("MSE")
        text = self.tr("Total loss L = {0} ({1}, mean over {2} of {3} steps)").format(
            format_value(ev.loss), loss_name, int(doc.loss_mask.sum()), doc.config.seq_len)
        if not np.isfinite(ev.loss):
            text += " · " + self.tr("the network produced non-finite values (NaN or infinity)")
        if doc.config.output_size > self.channels:
            text += " · " + self.tr("showing {0} of {1} output channels").format(
                self.channels, doc.config.output_size)
        return text


if __name__ == "__main__":
    from lstm_studio.app.panels.preview import preview

    preview(OutputPanel)
