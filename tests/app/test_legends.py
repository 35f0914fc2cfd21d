"""Nothing covers data: every legend of the window's plots sits where no drawn point of any curve
lies (a free corner, else above the plot or in place of its title), on the demo and on lessons,
at 1280×720 and 1600×1000; the status bar's texts are never elided."""

import numpy as np
import pytest
from on_screen import shown
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QWidget

from lstm_studio.app.application import configure_pyqtgraph
from lstm_studio.app.lessons.figure import LessonFigure
from lstm_studio.app.panels.output import OutputPanel
from lstm_studio.app.panels.plots.curves import Bars, CurvePlot
from lstm_studio.app.panels.plots.legends import corner_rect, free_corner, sampled_line
from lstm_studio.app.panels.plots.time_panel import TimePanel
from lstm_studio.app.panels.preview import demo_model
from lstm_studio.app.window.main_window import MainWindow

SIZES = [(1280, 720), (1600, 1000)]
LESSON_PAGES = [("vanishing-rnn", 0), ("exploding-rnn", 1), ("clipping", 1),
                ("truncation-cuts", 0),
                ("output-gate-shut", 0), ("gru-update-copies", 0)]


@pytest.fixture
def window(qtbot):
    configure_pyqtgraph()
    w = MainWindow(restore_layout=False)
    qtbot.addWidget(w)
    yield w
    w.playback.pause()
    w.model.mark_saved()


def show_at(qtbot, window, size):
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)


def scene_points(plot: CurvePlot) -> np.ndarray:
    """The scene positions of what each shown series of ``plot`` draws: its points and points
    along its lines (bars: their three vertical edges and middles from 0 to the top)."""
    view = plot.view
    parts = [np.zeros((0, 2))]
    for series in plot.series:
        if not series.item.isVisible():
            continue
        x, y = (np.asarray(a, dtype=float) for a in series.item.getData())
        if isinstance(series, Bars):
            x, y = (np.asarray(a, dtype=float) for a in (series.item.opts["x"], series.item.opts["height"]))
            xs = np.repeat(x, 3)
            ys = np.tile([0.0, 1.0, np.nan], len(x)) * np.repeat(y, 3)
            ys[2::3], xs[2::3] = np.nan, np.nan
            x, y = xs, ys
        mapped = np.array([[p.x(), p.y()] for p in (view.mapViewToScene(QPointF(a, b)) for a, b in
                                                     zip(np.nan_to_num(x), np.nan_to_num(y)))]
                          ).reshape(-1, 2)
        mapped[~(np.isfinite(x) & np.isfinite(y))] = np.nan
        parts.append(sampled_line(mapped[:, 0], mapped[:, 1]))
    return np.vstack(parts)


def legend_plots(window):
    for panel in window.panels.values():
        if isinstance(panel, TimePanel):
            for plot in panel.axes.plots:
                if isinstance(plot, CurvePlot) and plot.legend is not None:
                    yield panel, plot


def assert_no_data_under_legends(window, qtbot=None):
    """Every shown legend covers no data; with ``qtbot``, the gradient panel is brought in front
    first (on a short window it is a tab behind the states)."""
    if qtbot is not None:
        window.docks["gradient"].raise_()
        qtbot.wait(50)
    checked = 0
    for panel, plot in legend_plots(window):
        if not shown(panel) or not plot.legend.isVisible():
            continue
        legend = plot.legend
        rect = legend.sceneBoundingRect()
        points = scene_points(plot)
        inside = ((points[:, 0] > rect.left()) & (points[:, 0] < rect.right())
                  & (points[:, 1] > rect.top()) & (points[:, 1] < rect.bottom()))
        assert not inside.any(), (type(panel).__name__, plot.legend_place, points[inside][:5], rect)
        # whole: inside the plot, every entry there
        assert plot.plot.sceneBoundingRect().adjusted(-1, -1, 1, 1).contains(rect), plot.legend_place
        assert all(label.isVisible() for _, label in legend.items)
        checked += 1
    for figure in window.findChildren(LessonFigure):  # the lessons' figures: legends below them
        assert figure.plot.legend is None
    return checked


@pytest.mark.parametrize("size", SIZES, ids=lambda s: "{0}x{1}".format(*s))
def test_no_legend_covers_data_on_the_demo(qtbot, window, size):
    show_at(qtbot, window, size)
    assert assert_no_data_under_legends(window, qtbot) == 2  # the outputs and the gradient norms
    window.model.set_display_mode("reveal")
    window.model.set_time_step(12)
    assert assert_no_data_under_legends(window, qtbot) == 2
    window.model.set_config(kind="gru")  # another network, other curves: new plots
    qtbot.wait(50)  # laid out
    assert assert_no_data_under_legends(window, qtbot) == 2


@pytest.mark.parametrize("lesson_id, page", LESSON_PAGES)
def test_no_legend_covers_data_in_lessons(qtbot, window, lesson_id, page):
    show_at(qtbot, window, SIZES[1])
    window.lessons.open_lesson(lesson_id, page, 0)
    qtbot.waitUntil(lambda: window.lessons.builder is None, timeout=60000)
    qtbot.wait(50)
    assert assert_no_data_under_legends(window) >= 1
    show_at(qtbot, window, SIZES[0])
    assert_no_data_under_legends(window)
    assert_no_data_under_legends(window, qtbot)  # the gradient panel's tab chosen


def test_a_legend_leaves_its_corner_when_data_come_there(qtbot):
    """The outputs legend moves away from where the target is and comes back when it is gone."""
    model = demo_model("lstm", output_size=1)
    panel = OutputPanel(model)
    qtbot.addWidget(panel)
    panel.resize(700, 420)
    panel.show()
    qtbot.waitExposed(panel)
    T = model.config.seq_len
    plot = panel.outputs
    flat = np.zeros((T, 1))
    with model.changes():
        model.set_parameters({name: np.zeros_like(value) for name, value in model.document.parameters.items()})
        model.set_readout_parameters({"weight": np.zeros((1, model.config.hidden_size)), "bias": np.zeros(1)})
        model.set_targets(flat)
    assert plot.legend_place == "top right"  # everything lies on 0: the corners are free
    targets = flat.copy()
    targets[-4:] = 1.0  # the target rises at the last steps: into the top right corner
    model.set_targets(targets)
    assert plot.legend_place != "top right"
    rect = plot.legend.sceneBoundingRect()
    points = scene_points(plot)
    assert not np.any((points[:, 0] > rect.left()) & (points[:, 0] < rect.right())
                      & (points[:, 1] > rect.top()) & (points[:, 1] < rect.bottom()))
    model.set_targets(flat)
    assert plot.legend_place == "top right"


def test_a_legend_is_measured_as_it_is_drawn_in_every_column_count(qtbot):
    """The size the placement uses is the size the legend has when drawn, whatever column count
    it had before (pyqtgraph's own measure keeps the widths of the previous layout), and a
    renamed entry is measured again."""
    configure_pyqtgraph()
    model = demo_model("lstm", output_size=2)
    panel = OutputPanel(model)
    qtbot.addWidget(panel)
    panel.resize(700, 420)
    panel.show()
    qtbot.waitExposed(panel)
    plot = panel.outputs
    legend = plot.legend
    sizes = plot._legend_sizes()
    assert len(sizes) == len(legend.items) == 4
    for columns in (4, 1, 3, 2, 1):
        plot._legend_columns(columns)
        assert legend.boundingRect().size() == sizes[columns]
        widest = max(label.effectiveSizeHint(Qt.SizeHint.PreferredSize).width() for _, label in legend.items)
        if columns == 1:  # one column: as wide as the widest entry, not wider
            sample = legend.items[0][0].effectiveSizeHint(Qt.SizeHint.PreferredSize).width()
            assert legend.boundingRect().width() <= sample + widest + 12
    label = legend.items[0][1]
    label.setText(label.text + " with a much longer name")
    longer = plot._legend_sizes()
    assert longer[1].width() > sizes[1].width() + 50
    plot._legend_columns(1)
    assert legend.boundingRect().size() == longer[1]
    model.mark_saved()


def test_legend_placement_helpers():
    line = sampled_line(np.array([0.0, 30.0, np.nan, 50.0]), np.array([0.0, 0.0, 5.0, 5.0]))
    assert len(line) >= 10 and np.all(line[:, 1][line[:, 0] <= 30] == 0)  # along the segment
    assert not np.any((line[:, 0] > 30) & (line[:, 0] < 50))  # a NaN breaks the line
    points = np.array([[95.0, 5.0]])  # near the top right of a 100 × 50 area
    assert free_corner(points, 20, 10, 100, 50) == "top left"
    assert free_corner(np.zeros((0, 2)), 20, 10, 100, 50) == "top right"
    assert free_corner(points, 200, 10, 100, 50) is None  # does not fit
    assert corner_rect("bottom left", 20, 10, 100, 50) == QRectF(5, 35, 20, 10)
    everywhere = np.array([[x, y] for x in range(0, 101, 4) for y in range(0, 51, 4)], dtype=float)
    assert free_corner(everywhere, 20, 10, 100, 50) is None


@pytest.mark.parametrize("language", ["en", "ko"])
def test_status_texts_are_whole_at_1280(qtbot, window, language):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from lstm_studio.app import i18n

    if language != "en":
        i18n.save_language(QSettings(), language)
        i18n.install_translator(QApplication.instance(), QSettings())
        window = MainWindow(restore_layout=False)
        qtbot.addWidget(window)
    show_at(qtbot, window, (1280, 720))
    window.model.set_parameters({"weight_hh_l0": window.model.document.parameters["weight_hh_l0"] * 1.5})
    window._timing = (1234.5678, 98765.4321)
    window._show_timing()
    qtbot.wait(20)
    for label in (window.step_label, window.loss_label, window.timing_label):
        area = label.rect().adjusted(label.MARGIN, label.MARGIN, -label.MARGIN, -label.MARGIN)
        assert label.isVisible() and label.text()
        assert label.fontMetrics().elidedText(label.text(), Qt.TextElideMode.ElideRight, area.width()) == label.text()
        assert label.mapTo(window, label.rect().topRight()).x() <= window.width()
    window.model.mark_saved()
    assert isinstance(window, QWidget)
