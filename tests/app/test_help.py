"""Help menu, View ▸ Theme and View ▸ Language on the live main window; tooltips everywhere."""

import numpy as np
import pyqtgraph as pg
import PySide6
import pytest
from PySide6.QtCore import QSettings, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMenu,
    QSlider,
    QSpinBox,
    QTabBar,
    QWidget,
)

import lstm_studio
from lstm_studio.app import i18n, theme
from lstm_studio.app.help.equations import math_html


@pytest.fixture
def window(qtbot, qapp):
    from lstm_studio.app.window.main_window import MainWindow

    saved_look = (qapp.palette(), qapp.styleSheet(), qapp.property("lstm_studio_theme"),
                  pg.getConfigOption("background"), pg.getConfigOption("foreground"))
    win = MainWindow(settings=QSettings(), restore_layout=False)
    qtbot.addWidget(win)
    yield win
    for dialog in win.findChildren(QDialog):
        dialog.close()
    qapp.setPalette(saved_look[0])
    qapp.setStyleSheet(saved_look[1])
    qapp.setProperty("lstm_studio_theme", saved_look[2])
    pg.setConfigOptions(background=saved_look[3], foreground=saved_look[4])


def visible_dialogs(win):
    return [d for d in win.findChildren(QDialog) if d.isVisible()]


def test_help_menu_has_its_actions(window):
    texts = [a.text() for a in window.menu("Help").actions() if not a.isSeparator()]
    assert texts == ["Guided &Tour…", "&Equations…", "Course &Notation…", "&Keyboard Shortcuts…",
                     "&About LSTM Studio…"]
    assert window.help.tour_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_help_windows_are_non_modal_and_reused(window):
    for show in (window.help.show_tour, window.help.show_equations, window.help.show_notation,
                 window.help.show_shortcuts, window.help.show_about):
        dialog = show()
        assert dialog.isVisible() and not dialog.isModal()
        assert show() is dialog
    assert len(visible_dialogs(window)) == 5


def test_menu_actions_open_the_windows(window):
    window.help.equations_action.trigger()
    window.help.about_action.trigger()
    assert set(window.help.dialogs) == {"equations", "about"}


def test_tour_pages_walk_through_the_panels(window):
    tour = window.help.show_tour()
    assert tour.index == 0 and not tour.back_button.isEnabled()
    keys = [key for key, _, _ in tour.pages if key]
    assert set(keys) <= set(window.docks)
    assert {"gates", "states", "gradient", "cell_diagram", "output", "training"} <= set(keys)
    gates_page = next(i for i, (key, _, _) in enumerate(tour.pages) if key == "gates")
    window.docks["gates"].hide()
    tour.show_page(gates_page)
    assert not window.docks["gates"].isHidden()
    assert "heatmap" in tour.browser.toPlainText()
    tour.next_button.click()
    assert tour.index == gates_page + 1
    tour.show_page(99)
    assert tour.index == len(tour.pages) - 1 and not tour.next_button.isEnabled()
    assert tour.counter.text() == f"{len(tour.pages)} of {len(tour.pages)}"


def test_equations_are_rendered_rich_text(window):
    page = window.help.equations_html()
    for needle in ("<sub>", "σ", "tanh", "⊙", "<sup>", "Peephole LSTM", "GRU", "Vanilla RNN",
                   "Truncat", "Clipping by norm", "d2l.ai"):
        assert needle in page, needle
    assert "<i>c</i><sub><i>t</i>−1</sub>" in page  # c_{t−1}, not ASCII
    assert "_{" not in page and "^{" not in page
    text = " ".join(window.help.show_equations().browser.toPlainText().replace("\xa0", " ").split())
    assert "ct = ft ⊙ ct−1 + it ⊙ gt" in text


def test_equations_include_the_lstm_without_forget_gate(window):
    page = window.help.equations_html()
    assert "LSTM without forget gate (1997)" in page and "Hochreiter" in page
    text = " ".join(window.help.show_equations().browser.toPlainText().replace("\xa0", " ").split())
    section = text[text.index("LSTM without forget gate (1997)"):text.index("GRU rt =")]
    assert "ct = ct−1 + it ⊙ gt" in section and "ht = ot ⊙ tanh(ct)" in section
    assert "ft =" not in section and "⊙ ct−1" not in section


def test_course_notation_maps_the_apps_symbols_to_the_notes(window):
    """Help ▸ Course notation: GLOSSARY.md's notation table, and which convention is computed."""
    window.help.notation_action.trigger()
    dialog = window.help.dialogs["notation"]
    assert dialog.isVisible() and not dialog.isModal()
    text = " ".join(dialog.browser.toPlainText().replace("\xa0", " ").split())
    for needle in (
        "t = 1, 2, …, T",  # the notes count from 1
        "C̃t (임시 Ct)", "gt",  # g_t ↔ C̃_t
        "a⟨t⟩ (Ng)",  # h_t ↔ a^⟨t⟩
        "ŷ = 출력", "y = 정답", "ŷ is the network's prediction",
        "Γu, Γr (Ng)", "z = 1 keeps the old state", "Γu = 1 writes the candidate", "zt = 1 − Γu",
        "rt ⊙ (Whn ht−1 + bhn)", "Cho 2014: tanh(W xt + U (rt ⊙ ht−1))", "This app computes PyTorch's",
        "Gers and Schmidhuber", "Ng's notes let every gate look at c⟨t−1⟩", "ot: wco ⊙ ct",
        "ℓt = ½ Σk (ŷt,k − yt,k)2", "has the factor ½",
        "ct = ct−1 + it ⊙ gt", "Hochreiter", "1997",
    ):
        assert needle in text, needle
    dialog.close()
    assert not dialog.isVisible()


def test_math_html():
    assert math_html("h_{t−1}") == "<i>h</i><sub><i>t</i>−1</sub>"
    assert math_html("e^{−x}") == "<i>e</i><sup>−<i>x</i></sup>"
    assert math_html("tanh(c_t)") == "tanh(<i>c</i><sub><i>t</i></sub>)"


def test_shortcuts_list_follows_the_actions(window):
    extra = QAction("Frobnicate", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+F"))
    window.addAction(extra)
    rows = dict(window.help.shortcuts())
    assert rows["Frobnicate"] == QKeySequence("Ctrl+Alt+F").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Guided Tour"] == "F1"
    page = window.help.show_shortcuts().browser.toPlainText()
    assert "Frobnicate" in page and "Keyboard shortcuts" in page


def test_no_two_actions_share_a_shortcut(window):
    """An ambiguous shortcut triggers neither action: every key belongs to one action."""
    owners = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(strip_mnemonic(action.text()))
    clashes = {key: names for key, names in owners.items() if key and len(names) > 1}
    assert not clashes


def test_about_shows_versions(window):
    text = window.help.show_about().browser.toPlainText()
    for version in (qVersion(), PySide6.__version__, pg.__version__, np.__version__, lstm_studio.__version__):
        assert version in text


def test_theme_menu_switches_and_remembers(window, qapp):
    assert window.help.theme_actions[theme.current_theme(qapp)].isChecked()
    window.help.theme_actions["dark"].trigger()
    assert theme.current_theme(qapp) == "dark"
    assert QSettings().value(theme.SETTINGS_KEY) == "dark"
    assert window.help.theme_actions["dark"].isChecked() and not window.help.theme_actions["light"].isChecked()
    assert "Dark" in window.statusBar().currentMessage()
    plot = next(w for w in window.findChildren(pg.GraphicsView))
    assert plot.backgroundBrush().color() == pg.mkColor(theme.THEMES["dark"].plot_background)
    window.help.theme_actions["light"].trigger()
    assert QSettings().value(theme.SETTINGS_KEY) == "light"


def test_language_menu_switches_now_and_saves_choice(window, qapp):
    actions = window.help.language_actions
    assert [a.text() for a in actions.values()] == ["English", "한국어"]
    actions["ko"].trigger()
    assert QSettings().value(i18n.SETTINGS_KEY) == "ko"
    assert actions["ko"].isChecked()
    assert i18n.active_language(qapp) == "ko"
    assert window.statusBar().currentMessage() == "언어: 한국어."  # said in the new language
    assert window.menu("Help").title() == "도움말(&H)"
    actions["en"].trigger()
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert window.statusBar().currentMessage() == "Language: English."
    assert window.menu("Help").title() == "&Help"


def test_window_has_the_app_icon(window):
    assert not window.windowIcon().isNull()
    assert QApplication.desktopFileName() == "lstm-studio"


# -- tooltips on every control -------------------------------------------------------------------
CONTROL_TYPES = (QAbstractButton, QComboBox, QAbstractSpinBox, QSpinBox, QSlider, QLineEdit)


def strip_mnemonic(text):
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip("…").rstrip(".")


def action_is_explained(action):
    tip = action.toolTip().strip()
    return bool(action.statusTip().strip()) or (tip and strip_mnemonic(tip) != strip_mnemonic(action.text()))


def describe(widget):
    name = widget.objectName() or getattr(widget, "text", lambda: "")() or ""
    parent = widget.parent()
    return f"{type(widget).__name__} {name!r} in {type(parent).__name__ if parent else '-'}"


def owned_by_a_combo_or_spin(widget):
    """Inner parts of compound controls (a spin box's line edit, a combo's view) are covered
    by the outer control's tooltip."""
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parent()
    return False


def is_qt_internal(widget):
    """Buttons Qt makes inside its own widgets (dock title buttons, tab scrollers, toolbar
    extension arrows): Qt gives them their own accessible names."""
    return widget.objectName().startswith("qt_") or isinstance(widget.parent(), QTabBar)


def missing_tooltips(win):
    missing = []
    submenus = {menu.menuAction() for menu in win.findChildren(QMenu)}
    for action in win.findChildren(QAction):
        if action.isSeparator() or not action.text().strip() or action in submenus:
            continue
        if isinstance(action.parent(), pg.GraphicsScene):  # pyqtgraph's own plot context menu
            continue
        if not action_is_explained(action):
            missing.append(f"QAction {strip_mnemonic(action.text())!r}")
    for widget in win.findChildren(QWidget):
        if not isinstance(widget, CONTROL_TYPES) or is_qt_internal(widget) or owned_by_a_combo_or_spin(widget) or type(widget).__name__ in ("QToolBarExtension",):
            continue
        if widget.toolTip().strip():
            continue
        default = widget.defaultAction() if hasattr(widget, "defaultAction") else None
        if default is not None and action_is_explained(default):
            continue
        missing.append(describe(widget))
    for key, dock in win.docks.items():
        if not (dock.toolTip().strip() or dock.widget().toolTip().strip()):
            missing.append(f"panel {key!r}")
    return sorted(set(missing))


def test_every_control_and_panel_has_a_tooltip(window):
    missing = missing_tooltips(window)
    assert not missing, f"{len(missing)} controls without a tooltip:\n" + "\n".join(missing)
