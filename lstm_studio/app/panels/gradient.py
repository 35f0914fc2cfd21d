"""Gradient-flow panel: how much of the loss's gradient reaches each time step (BPTT)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout

from lstm_studio.app.lessons.figure import LessonFigure
from lstm_studio.app.panels.plots.colours import DIVERGING_MAP, foreground, series_color
from lstm_studio.app.panels.free_run import free_run_start
from lstm_studio.app.panels.plots.curves import VerticalMarks
from lstm_studio.app.panels.plots.scales import format_value, symmetric_levels
from lstm_studio.app.panels.plots.time_panel import TimePanel
from lstm_studio.app.theme import scaled
from lstm_studio.lessons.bptt import clipping_figure


def step_norms(values: np.ndarray) -> np.ndarray:
    """Euclidean norm over the last axis of (T, K) values -> (T,), scaled so huge values do not
    overflow; NaN/inf propagate quietly."""
    with np.errstate(all="ignore"):
        scale = np.max(np.abs(values), axis=-1, keepdims=True)
        safe = np.where(scale > 0, scale, 1.0)
        norms = safe[..., 0] * np.sqrt(np.sum(np.square(values / safe), axis=-1))
    return np.where(np.isposinf(scale[..., 0]), np.inf, norms)


def truncation_boundaries(steps: int, truncate: int | None) -> np.ndarray:
    """Positions (between steps, x = b - 0.5) where truncated BPTT cuts the recurrence."""
    if not truncate:
        return np.zeros(0)
    return np.arange(steps - truncate, 0, -truncate)[::-1] - 0.5


def cut_steps_text(cuts: np.ndarray) -> str:
    """"5, 10, …, 35": the steps, counted t = 1..T, after which the cuts at ``cuts`` lie (the cut
    at x = b − 0.5 falls between steps b and b + 1)."""
    labels = [str(int(round(x + 0.5))) for x in cuts]
    if len(labels) > 4:
        labels = labels[:2] + ["…"] + labels[-1:]
    return ", ".join(labels)


def backward_revealed_steps(time_step: int, seq_len: int, direction: int = 0) -> tuple[int, int]:
    """The steps (first, stop) whose gradients backpropagation has computed when it has come
    back to step ``time_step`` — what "Reveal" mode shows of the gradients.

    BPTT runs against the direction a layer reads the sequence: a forward direction's backward
    pass starts at the last step and runs back to t = 1, so at the cursor t it has finished
    steps t..T; a reverse direction (it read x_T first) is backpropagated from t = 1 onwards and
    has finished steps 1..t. A finished step's gradient is final, whatever steps carry a loss:
    dL/dh_t sums the losses at t and after it (before it, for a reverse direction), and the
    pass has gone through all of them. Moving the cursor back reveals more of a forward
    direction's gradients; steps after the last loss are 0 (nothing flows back from them)."""
    if direction:
        return 0, time_step + 1
    return time_step, seq_len


def hidden_gradient_source(layer: int, direction: int):
    """What the dL/dh_t heatmap draws of an evaluation (a key and a function, see
    :meth:`Heatmap.set_values`)."""

    def values(evaluation):
        return evaluation.grads.dh[layer][direction][:, 0]

    return ("dh", layer, direction), values


class GradientPanel(TimePanel):
    """‖dL/dh_t‖, ‖dL/dc_t‖, dL/dh_t per unit and ‖dL/dx_t‖ against t for the current loss."""

    def setup(self):
        self.setToolTip(self.tr(
            "Gradient flow for the current loss (backpropagation through time): the size of "
            "dL/dh_t and dL/dc_t at each step on a log scale, dL/dh_t per unit, and how "
            "sensitive the loss is to each input step. Falling curves towards early steps "
            "show vanishing gradients, rising ones exploding gradients. Zero gradients "
            "(e.g. cut by truncated BPTT) leave gaps."))
        # beside the time plots: each parameter block's gradient before and after clipping
        self.clipping = LessonFigure(self)
        self.clipping.setToolTip(self.tr(
            "The gradient norm of each parameter block (input and recurrent weights, biases, "
            "read-out) before clipping and after it, on a log scale. Clipping by norm scales "
            "every block by the same factor; clipping by value cuts each element. Shown while "
            "clipping is set (Training tab)."))
        layout = self.layout()
        index = layout.indexOf(self.axes)
        layout.removeWidget(self.axes)
        row = QHBoxLayout()
        row.addWidget(self.axes, 3)
        row.addWidget(self.clipping, 1)
        layout.insertLayout(index, row, 1)
        # Reveal mode: the gradients the backward pass has reached at the cursor, not the
        # forward steps up to it
        self.axes.step_rule = self.revealed_steps
        self._summary = ""
        self.model.timeStepChanged.connect(self._show_info)
        self.model.displayModeChanged.connect(self._show_info)

    def revealed_steps(self):
        """The steps shown: all of them, or in "reveal" mode those backpropagation has reached
        at the cursor (:func:`backward_revealed_steps`)."""
        model = self.model
        view, steps = model.view, model.config.seq_len
        if view.display_mode != "reveal":
            return steps
        return backward_revealed_steps(view.time_step, steps, view.direction)

    def build(self):
        config = self.model.config
        axes = self.axes
        self.norms = axes.curves(0, 0, self.tr("Gradient norm per step (log)"),
                                 self.tr("norm"), log=True)
        self.norms.add_legend()
        self.dh_norm = self.norms.add_curve("‖dL/dh_t‖", series_color(0), symbol="o")
        self.dc_norm = self.add_cell_curve() if config.has_cell_state else None
        self.dh_map = axes.heatmap(1, 0, self.tr("dL/dh_t per unit"), "dL/dh_t")
        self.dh_map.set_shape(config.seq_len, config.hidden_size)
        self.sensitivity = axes.curves(
            2, 0, self.tr("Input sensitivity ‖dL/dx_t‖ (log)"),
            self.tr("norm"), log=True)
        self.dx_norm = self.sensitivity.add_curve("‖dL/dx_t‖", series_color(2), symbol="s")
        boundary_pen = pg.mkPen(foreground(160), width=scaled(1), style=Qt.PenStyle.DashLine)
        self.boundaries = [VerticalMarks(plot.plot, boundary_pen)
                           for plot in (self.norms, self.dh_map, self.sensitivity)]

    def plots_key(self):
        """The same plots for every kind: the ‖dL/dc_t‖ curve comes and goes with the cell state
        (:meth:`reshape_plots`)."""
        return ()

    def reshape_plots(self):
        config = self.model.config
        self.dh_map.set_shape(config.seq_len, config.hidden_size)
        if config.has_cell_state and self.dc_norm is None:
            self.dc_norm = self.add_cell_curve()
        elif not config.has_cell_state and self.dc_norm is not None:
            self.norms.remove_series(self.dc_norm)
            self.dc_norm = None

    def add_cell_curve(self):
        """The ‖dL/dc_t‖ curve (LSTM kinds), after the ‖dL/dh_t‖ one."""
        return self.norms.add_curve("‖dL/dc_t‖", series_color(1), symbol="t")

    def update_values(self):
        model = self.model
        view, evaluation = model.view, model.evaluation
        grads = evaluation.grads
        steps = np.arange(model.config.seq_len)
        dh = grads.dh[view.layer][view.direction][:, 0]
        norms = self.step_norms(evaluation, view.layer, view.direction)
        self.dh_norm.set_data(steps, norms["dh"])
        if self.dc_norm is not None:
            self.dc_norm.set_data(steps, norms["dc"])
        self.norms.show_steps(self.axes.visible_steps)
        self.norms.fit_y()
        source = hidden_gradient_source(view.layer, view.direction)
        self.dh_map.set_values(dh, symmetric_levels(self.dh_map.magnitude_values(dh, source)),
                               DIVERGING_MAP, source=source)
        self.dx_norm.set_data(steps, norms["dx"])
        self.sensitivity.show_steps(self.axes.visible_steps)
        self.sensitivity.fit_y()
        truncate = model.evaluated_document.bptt.truncate  # the settings of this evaluation
        cuts = truncation_boundaries(len(steps), truncate)
        for marks in self.boundaries:
            marks.set_positions(cuts)
        self._summary = self.summary(grads, truncate)
        self._show_info()
        bptt = model.evaluated_document.bptt
        clipping = bool(bptt.clip_norm or bptt.clip_value) and bool(grads.unclipped_norms)
        self.clipping.setVisible(clipping)
        if clipping:
            self.clipping.show_figure(clipping_figure(model.evaluation))

    def step_norms(self, evaluation, layer: int, direction: int) -> dict[str, np.ndarray]:
        """‖dL/dh_t‖, ‖dL/dc_t‖ (LSTM kinds) and ‖dL/dx_t‖ per step of ``layer``/``direction``:
        computed by the recompute worker for a background result (asked for here, for the next
        one), else now."""
        cell = self.dc_norm is not None

        def norms(evaluation):
            grads = evaluation.grads
            found = {"dh": step_norms(grads.dh[layer][direction][:, 0]),
                     "dx": step_norms(np.asarray(grads["input"]).reshape(grads.dh[layer][direction].shape[0], -1))}
            if cell:
                found["dc"] = step_norms(grads.dc[layer][direction][:, 0])
            return found

        key = ("step norms", layer, direction, cell)
        self.model.drawings.want(self, key, norms, None, slot="step norms")
        return self.model.drawings.derived(evaluation, key, norms)

    def _show_info(self, *_args) -> None:
        """The header: the summary line, and in "reveal" mode which steps are shown and why."""
        note = self.reveal_note()
        self.info.setText(self._summary + ("\n" + note if note else ""))

    def reveal_note(self) -> str:
        """In "reveal" mode: which steps the panel shows and why (empty otherwise)."""
        model = self.model
        view, steps = model.view, model.config.seq_len
        if view.display_mode != "reveal":
            return ""
        first, stop = backward_revealed_steps(view.time_step, steps, view.direction)
        if view.direction:
            return self.tr(
                "Reveal: this reverse direction is backpropagated forwards in time, from t = 1; "
                "shown are t = 1…{0}, the steps it has reached at the cursor. Move the cursor "
                "on to reveal more.").format(stop) + self.clipping_note()
        loss_steps = np.flatnonzero(model.evaluated_document.loss_mask)
        last = int(loss_steps[-1]) + 1 if loss_steps.size else steps
        note = self.tr(
            "Reveal: gradients flow back from the loss (the last at t = {0}) towards t = 1; "
            "shown are t = {1}…{2}, the steps backpropagation has reached at the cursor. Move "
            "the cursor back to reveal more.").format(last, first + 1, stop)
        return note + self.clipping_note()

    def clipping_note(self) -> str:
        """In "reveal" mode with clipping set: the bars are not revealed step by step."""
        bptt = self.model.evaluated_document.bptt
        if not (bptt.clip_norm or bptt.clip_value):
            return ""
        return " " + self.tr("The clipping bars show the whole gradient, summed over every step.")

    def summary(self, grads, truncate) -> str:
        """One line: layer, ‖∇θ L‖, clipping and truncation."""
        parts = []
        caption = self.layer_caption()
        if caption:
            parts.append(caption)
        parts.append(self.tr("‖∇θ L‖ = {0} (before clipping)").format(format_value(grads.norm)))
        bptt = self.model.evaluated_document.bptt
        if grads.clipped:
            parts.append(self.tr("clipped"))
        elif bptt.clip_norm or bptt.clip_value:
            parts.append(self.tr("clipping set, not applied"))
        else:
            parts.append(self.tr("no clipping"))
        start = free_run_start(self.model.evaluation)
        if start is not None:
            parts.append(self.tr("free running from t = {0}: BPTT with the fed-back inputs held "
                                 "fixed (no gradient through the feedback)").format(start + 1))
        if truncate:
            cuts = truncation_boundaries(self.model.config.seq_len, truncate)
            if len(cuts):
                parts.append(self.tr("truncated BPTT: {0} steps, cut after t = {1} (dashed lines)")
                             .format(truncate, cut_steps_text(cuts)))
            else:
                parts.append(self.tr("truncated BPTT: {0} steps (no cut: the sequence is not "
                                     "longer)").format(truncate))
        return " · ".join(parts)


if __name__ == "__main__":
    from lstm_studio.app.panels.preview import preview

    preview(GradientPanel)
