"""Output panel: the prediction ŷ_t (the read-out) against the target y_t over time, and the loss
per step. ŷ and y are the course notes' symbols (ŷ = 출력, y = 정답).

In a next-character session the classes are characters: the panel draws the probability of the
true next character (and of the most likely one) over time, and a line under the plots lists
the :data:`TOP_K` most likely next characters at the time cursor with their probabilities."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from lstm_studio.app.panels.free_run import FreeRunControl, free_run_start
from lstm_studio.app.panels.plots.colours import HIGHLIGHT_COLOR, PALETTE, foreground, series_color
from lstm_studio.app.panels.plots.scales import finite_range, format_value
from lstm_studio.app.panels.plots.time_panel import TimePanel
from lstm_studio.app.widgets import LiveText
from lstm_studio.session.characters import top_characters, visible

MAX_CHANNELS = len(PALETTE)
"""Output channels drawn (one colour each); the info line says when there are more."""
TOP_K = 5
"""Most likely next characters listed at the time cursor (next-character sessions)."""


class OutputPanel(TimePanel):
    """Predictions ŷ_t against targets y_t (or class probabilities for cross-entropy) and the loss."""

    uses_layer = False
    labels_free_run = True

    def setup(self):
        self.setToolTip(self.tr(
            "The network's prediction ŷ_t (the read-out, solid) over time against the target "
            "y_t (dashed; for cross-entropy: the probability of each class, the target class's "
            "probability bold), and the loss at each step that carries one. Markers show the "
            "steps where the loss applies."))
        self.top_k = LiveText(parent=self, wrap=True)
        self.top_k.setToolTip(self.tr(
            "The {0} characters the network finds most likely to come next at the time step, with "
            "their softmax probabilities, and the probability of the true next character").format(TOP_K))
        self.layout().insertWidget(1, self.top_k)
        self.model.timeStepChanged.connect(self._show_top_characters)
        self.free_run = FreeRunControl(self.model, self)
        self.header.insertWidget(1, self.free_run)

    def build(self):
        config, doc = self.model.config, self.model.evaluated_document
        self.cross_entropy = doc.loss == "cross_entropy"
        self.characters = self.model.vocabulary() if self.cross_entropy else None
        self.top_k.setVisible(self.characters is not None)
        self.channels = 0 if self.characters is not None else min(config.output_size, MAX_CHANNELS)
        self.names = self.model.channel_names("targets")  # the legend's names, from a CSV header
        if self.characters is not None:
            self.outputs = self.axes.curves(0, 0, self.tr("Probability of the true next character"),
                                            self.tr("probability"), bar_space=False)
        elif self.cross_entropy:
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
            elif name := self.target_name(k):
                self.output_curves.append(self.outputs.add_curve("ŷ {0}".format(name), color, width=2))
                self.targets.append(self.add_target(self.tr("{0} (target)").format(name), color,
                                                    width=1, style=Qt.PenStyle.DashLine))
            else:
                self.output_curves.append(self.outputs.add_curve(
                    "ŷ{0}".format(k), color, width=2))
                self.targets.append(self.add_target(self.tr("y{0} (target)").format(k), color,
                                                    width=1, style=Qt.PenStyle.DashLine))
        self.likeliest = None
        if self.characters is not None:
            self.likeliest = self.outputs.add_curve(self.tr("p(most likely character)"), series_color(0),
                                                    width=1, style=Qt.PenStyle.DashLine)
            self.targets.append(self.add_target(self.tr("p(true next character)"), HIGHLIGHT_COLOR,
                                                width=3, style=Qt.PenStyle.SolidLine))
        elif self.cross_entropy:
            self.targets.append(self.add_target(self.tr("p(target class)"), HIGHLIGHT_COLOR,
                                                width=3, style=Qt.PenStyle.SolidLine))
        self.loss = self.axes.curves(1, 0, self.tr("Loss per step"), self.tr("loss"),
                                     bar_space=False)
        self.loss_bars = self.loss.add_bars(self.tr("loss"), foreground(150))

    def target_name(self, k: int) -> str:
        """The CSV header's name of target channel ``k`` ("" when it has none): the legend shows
        "ŷ temperature" and "temperature (target)" instead of ŷ0 and y0."""
        names = self.model.channel_names("targets")
        return names[k].strip() if names is not None and k < len(names) else ""

    def add_target(self, name, color, width, style):
        """A target curve over all steps plus markers at the steps that carry the loss."""
        line = self.outputs.add_curve(name, color, width=width, style=style)
        marks = self.outputs.add_curve(name, color, style=None, symbol="o", legend=False)
        return line, marks

    def plots_key(self):
        """The curves are the loss's, the characters', the channels' and their names'."""
        doc = self.model.evaluated_document
        characters = self.model.vocabulary() if doc.loss == "cross_entropy" else None
        return (doc.loss, characters, min(doc.config.output_size, MAX_CHANNELS),
                self.model.channel_names("targets"))

    def refresh(self):
        # switching between MSE and cross-entropy, or to characters, changes which curves exist
        cross_entropy = self.model.evaluated_document.loss == "cross_entropy"
        if cross_entropy != self.cross_entropy or (
                cross_entropy and self.model.vocabulary() != self.characters) or (
                self.model.channel_names("targets") != self.names):
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
        if self.likeliest is not None:
            self.likeliest.set_data(steps, np.max(shown, axis=1))
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
        self._show_top_characters()

    def top_characters_text(self, t: int) -> str:
        """The most likely next characters at step ``t`` (0-based) with their probabilities,
        and the true next character's; "" outside a next-character session."""
        if self.characters is None or not 0 <= t < self.model.config.seq_len:
            return ""
        probabilities = self.model.evaluation.probabilities[t]
        found = self.model.step_characters()
        read, following = found if found is not None else ("", "")
        listed = " · ".join("{0} {1}".format(visible(c), percent(p))
                            for c, p in top_characters(probabilities, self.characters, TOP_K))
        if read and read[t]:
            text = self.tr("t = {0}, after “{1}”, next: {2}").format(t + 1, visible(read[t]), listed)
        else:
            text = self.tr("t = {0}, next: {1}").format(t + 1, listed)
        if following and following[t]:
            p = probabilities[self.characters.index(following[t])]
            text += " · " + self.tr("true next “{0}”: {1}").format(visible(following[t]), percent(p))
        return text

    def _show_top_characters(self, *_args) -> None:
        if self.characters is not None:
            self.top_k.setText(self.top_characters_text(self.model.view.time_step))

    def summary(self) -> str:
        doc, ev = self.model.evaluated_document, self.model.evaluation
        loss_name = self.tr("cross-entropy") if self.cross_entropy else self.tr("MSE")
        text = self.tr("Total loss L = {0} ({1}, mean over {2} of {3} steps)").format(
            format_value(ev.loss), loss_name, int(doc.loss_mask.sum()), doc.config.seq_len)
        start = free_run_start(ev)
        if start is not None:
            text += " · " + self.tr("from t = {0} the inputs are the network's own predictions "
                                    "(the target, dashed, is the true signal)").format(start + 1)
        if not np.isfinite(ev.loss):
            text += " · " + self.tr("the network produced non-finite values (NaN or infinity)")
        if self.characters is not None:
            text += " · " + self.tr("vocabulary: {0} characters").format(len(self.characters))
        elif doc.config.output_size > self.channels:
            text += " · " + self.tr("showing {0} of {1} output channels").format(
                self.channels, doc.config.output_size)
        return text


def percent(p: float) -> str:
    """A probability as a percentage with one decimal ("41.2 %")."""
    return "{0:.1f} %".format(100.0 * float(p))


if __name__ == "__main__":
    from lstm_studio.app.panels.preview import preview

    preview(OutputPanel)
