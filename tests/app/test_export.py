"""Export: panels as PNG and SVG, the window as PNG, traces as CSV — through File ▸ Export."""

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage
from test_file_actions import window  # noqa: F401 - shared fixture

from lstm_studio.app.files import export
from lstm_studio.engine import GATES
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel

SVG = "{http://www.w3.org/2000/svg}"


def non_uniform_png(path):
    image = QImage(str(path))
    assert not image.isNull()
    pixels = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(pixels) > 10
    return image


def export_menu_entry(window, *texts):
    menu = window.file_actions.export_menu
    menu.aboutToShow.emit()
    for text in texts[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text().replace("&", "") == text)
    return next(a for a in menu.actions() if a.text().replace("&", "") == texts[-1])


@pytest.mark.parametrize("key", ["gates", "cell_diagram"])
def test_panel_png_and_svg_from_the_export_menu(window, tmp_path, dialogs, key):
    window.resize(1400, 900)
    title = window.docks[key].windowTitle()
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "panel"), "")
    export_menu_entry(window, title, "As PNG image…").trigger()
    image = non_uniform_png(tmp_path / "panel.png")
    view = export.graphics_views(window.panels[key])[0]
    assert image.width() >= view.width() * export.PNG_SCALE - 2

    export_menu_entry(window, title, "As SVG drawing…").trigger()
    root = ET.parse(tmp_path / "panel.svg").getroot()
    assert root.tag == f"{SVG}svg"
    drawn = [e for e in root.iter() if e.tag in (f"{SVG}path", f"{SVG}polyline", f"{SVG}image", f"{SVG}text")]
    assert len(drawn) > 5


def test_every_panel_with_plots_is_in_the_export_menu(window):
    menu = window.file_actions.export_menu
    menu.aboutToShow.emit()
    titles = {a.text() for a in menu.actions() if a.menu() is not None}
    for key in ("gates", "states", "gradient", "cell_diagram", "output"):
        assert window.docks[key].windowTitle() in titles


def test_window_png(window, tmp_path, dialogs):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "whole.png"), "")
    export_menu_entry(window, "Window as PNG…").trigger()
    image = non_uniform_png(tmp_path / "whole.png")
    assert (image.width(), image.height()) == (window.width(), window.height())


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        comments = []
        lines = []
        for line in fh:
            (comments if line.startswith("#") else lines).append(line)
    return comments, list(csv.DictReader(lines))


def test_traces_csv_from_the_menu_has_every_value(window, tmp_path, dialogs):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "traces"), "")
    export_menu_entry(window, "Traces as CSV…").trigger()
    comments, rows = read_csv(tmp_path / "traces.csv")
    assert comments[0].startswith("# LSTM Studio traces")
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    c = window.model.config  # lstm, input 2, hidden 3, 1 layer, output 1, T 8
    per_layer = 2 * len(GATES["lstm"]) + 2 + 2  # gates and pre-activations, h, c, dL/dh, dL/dc
    expected = c.seq_len * (c.input_size + per_layer * c.hidden_size + 2 * c.output_size + 1)
    assert len(rows) == expected
    lt = window.model.trace.layer(0, 0)
    h = {(int(r["t"]), int(r["unit"])): float(r["value"]) for r in rows if r["quantity"] == "h"}
    assert min(t for t, _ in h) == 1 and max(t for t, _ in h) == c.seq_len  # t = 1..T
    assert h[(6, 2)] == lt.h[5, 0, 2]  # exact: floats are written with repr
    forget = [r for r in rows if r["quantity"] == "f" and r["t"] == "4" and r["unit"] == "1"]
    assert float(forget[0]["value"]) == lt.gates["f"][3, 0, 1]
    assert any("1..T" in line for line in comments)
    prediction = [float(r["value"]) for r in rows if r["quantity"] == "y_hat"]  # ŷ
    target = [float(r["value"]) for r in rows if r["quantity"] == "y"]  # y
    np.testing.assert_array_equal(prediction, window.model.evaluation.y[:, 0])
    np.testing.assert_array_equal(target, window.model.document.targets[:, 0])
    assert forget[0]["layer"] == "0" and forget[0]["direction"] == "0"
    loss = [float(r["value"]) for r in rows if r["quantity"] == "loss"]
    np.testing.assert_array_equal(loss, window.model.evaluation.per_step_loss)


def test_traces_of_a_bidirectional_gru_with_cross_entropy(qtbot):
    doc = new_document(NetworkConfig(kind="gru", input_size=1, hidden_size=2, num_layers=2,
                                     bidirectional=True, output_size=3, seq_len=4))
    doc.loss = "cross_entropy"
    model = SessionModel(doc)
    rows = list(export.trace_rows(model))
    quantities = {(r[1], r[2], r[3]) for r in rows}
    assert (1, 1, "n") in quantities and (1, 1, "pre_z") in quantities
    assert not any(q == "c" or q == "dL/dc" for _, _, q in quantities)
    probabilities = [r[5] for r in rows if r[3] == "p" and r[0] == 3]  # t = 3: index 2
    assert probabilities == pytest.approx(model.evaluation.probabilities[2].tolist())
    dh = [r[5] for r in rows if r[:4] == (1, 1, 1, "dL/dh")]  # t = 1: index 0
    np.testing.assert_array_equal(dh, model.evaluation.grads.dh[1][1][0, 0])


def test_export_failure_is_reported(window, tmp_path, dialogs):
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "missing" / "t.csv"), "")
    export_menu_entry(window, "Traces as CSV…").trigger()
    assert dialogs.calls[-1][0] == "warning"
    assert "Cannot save" in dialogs.calls[-1][1][2]


def test_panel_with_several_plots_is_exported_whole(qtbot, tmp_path):
    import pyqtgraph as pg
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    panel = QWidget()
    layout = QVBoxLayout(panel)
    for k in range(2):
        plot = pg.PlotWidget()
        plot.plot(np.sin(np.arange(50) / (3 + k)), pen=pg.mkPen("r", width=2))
        layout.addWidget(plot)
    qtbot.addWidget(panel)
    panel.resize(400, 500)
    panel.show()
    export.export_panel_png(panel, tmp_path / "two.png")
    image = non_uniform_png(tmp_path / "two.png")
    assert (image.width(), image.height()) == (400, 500)  # grabbed as on screen
    export.export_panel_svg(panel, tmp_path / "two.svg")
    root = ET.parse(tmp_path / "two.svg").getroot()
    assert root.get("viewBox") == "0 0 400 500"
    assert sum(1 for e in root.iter() if e.tag == f"{SVG}polyline" or e.tag == f"{SVG}path") >= 2


# -- what the export dialogs are given, and what comes of their answers (issue 17: mutation testing) --
def save_dialog_call(dialogs):
    calls = [call for call in dialogs.calls if call[0] == "getSaveFileName"]
    assert len(calls) == 1, dialogs.calls
    return calls[0][1]


@pytest.fixture
def named_window(window, tmp_path):  # noqa: F811 - the shared fixture, with a session file
    """The window with its session saved as ``folder/net.lstms``."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    assert window.file_actions.save_to(str(folder / "net.lstms"))
    return window


PNG_START, SVG_START = b"\x89PNG", b"<?xml"


@pytest.mark.parametrize("export_action, title, suggested, filters, written, start", [
    (lambda actions: actions.export_traces(), "Export Traces", "net-traces.csv", "CSV tables (*.csv)", "out.csv",
     b"# LSTM Studio traces"),
    (lambda actions: actions.export_window(), "Export Window", "lstm-studio.png", "PNG images (*.png)", "out.png",
     PNG_START),
    (lambda actions: actions.export_panel("gates", "png"), "Export Panel", "gates.png", "PNG images (*.png)",
     "out.png", PNG_START),
    (lambda actions: actions.export_panel("gates", "svg"), "Export Panel", "gates.svg", "SVG drawings (*.svg)",
     "out.svg", SVG_START),
], ids=["traces", "window", "panel png", "panel svg"])
def test_an_export_suggests_a_name_in_the_sessions_folder_and_adds_the_suffix(
        named_window, tmp_path, dialogs, export_action, title, suggested, filters, written, start):
    folder = tmp_path / "sessions"
    dialogs.calls.clear()
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "out"), "")
    assert export_action(named_window.file_actions)
    parent, asked_title, asked_path, asked_filters = save_dialog_call(dialogs)
    assert parent is named_window and asked_title == title
    assert asked_path == str(folder.resolve() / suggested) and asked_filters == filters
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("out")] == [written]
    assert (tmp_path / written).read_bytes().startswith(start)
    assert named_window.statusBar().currentMessage() == f"Exported {written}."


def test_an_export_keeps_a_suffix_given_in_capitals(window, tmp_path, dialogs):  # noqa: F811
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "OUT.CSV"), "")
    assert window.file_actions.export_traces()
    assert [p.name for p in tmp_path.iterdir() if p.is_file() and p.name.startswith("OUT")] == ["OUT.CSV"]


def test_a_cancelled_export_writes_and_says_nothing(window, tmp_path, dialogs):  # noqa: F811
    window.statusBar().clearMessage()
    for export_action in (window.file_actions.export_traces, window.file_actions.export_window,
                          lambda: window.file_actions.export_panel("gates", "png")):
        assert not export_action()
    assert [call[0] for call in dialogs.calls] == ["getSaveFileName"] * 3
    assert window.statusBar().currentMessage() == ""
    assert not any(p.suffix in (".csv", ".png") for p in tmp_path.iterdir())


def test_an_export_that_cannot_be_written_says_why_and_returns_false(window, tmp_path, dialogs):  # noqa: F811
    dialogs.answers["getSaveFileName"] = (str(tmp_path / "missing" / "t.csv"), "")
    assert not window.file_actions.export_traces()
    parent, title, message = dialogs.calls[-1][1][:3]
    assert dialogs.calls[-1][0] == "warning" and parent is window
    assert title == "Cannot export" and "t.csv" in message


def test_the_export_menu_is_rebuilt_only_when_the_panels_change(window, qtbot):  # noqa: F811
    """Opening the menu again keeps its entries; a panel added later (a feature's dock) gets its
    own submenu, and the old submenus go."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QMenu

    menu = window.file_actions.export_menu
    menu.aboutToShow.emit()
    first = menu.actions()
    menu.aboutToShow.emit()
    assert menu.actions() == first
    panels_before = sum(1 for a in first if a.menu() is not None)
    plot = pg.PlotWidget()
    window.add_dock("extra_plot", "Extra plot", plot)
    menu.aboutToShow.emit()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    titles = [a.text() for a in menu.actions() if a.menu() is not None]
    assert len(titles) == panels_before + 1 and titles.count("Extra plot") == 1
    assert len(menu.findChildren(QMenu)) == panels_before + 1


def test_the_animation_entry_opens_the_animation_dialog_which_asks_for_a_file(window, tmp_path, dialogs):  # noqa: F811
    export_menu_entry(window, "Animation…").trigger()
    dialog = window.file_actions.animation.dialog
    assert dialog is not None
    try:
        assert dialog.isVisible()
        assert not window.file_actions.animation.export(dialog.settings())  # the file dialog cancelled
        parent, title, suggested, filters = [call[1] for call in dialogs.calls if call[0] == "getSaveFileName"][0]
        assert parent is window and title == "Export Animation"
        assert suggested == str(tmp_path / "home" / "lstm-studio-animation.gif")  # untitled: the home folder
    finally:
        dialog.reject()
