"""The Help menu (guided tour, equations, course notation, keyboard shortcuts, about) and the View ▸
Theme and View ▸ Language menus of a main window, with the pages of the help windows.

Every help window is non-modal and reused: opening it again raises the one already open.
"""

from __future__ import annotations

import html
import platform

import numpy as np
import pyqtgraph as pg
import PySide6
from PySide6.QtCore import QEvent, QObject, qVersion
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
)

import lstm_studio
from lstm_studio.app import i18n, theme
from lstm_studio.app.help.equations import CELL_EQUATIONS, NOTATION, equation_table, math_html
from lstm_studio.app.help.tour import TourDialog


def install(window) -> None:
    """Add the Help menu, View ▸ Theme and View ▸ Language to ``window`` (``window.help``)."""
    window.help = HelpFeature(window)


class HelpBrowser(QDialog):
    """A non-modal window showing one rich-text help page."""

    def __init__(self, title: str, page_html: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.resize(760, 640)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(page_html)
        self.browser.setToolTip(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(self.tr("Close this window"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


class HelpFeature(QObject):
    """The help, theme and language actions of one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialogs: dict[str, QDialog] = {}
        self._set_icon()
        self._build_view_menus()
        self._build_help_menu()
        self._explain_toggle_actions()

    # -- menus ---------------------------------------------------------------------------------
    def _action(self, menu, text, tip, slot, shortcut=None, checkable=False) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_view_menus(self) -> None:
        view = self.window.menu("View")
        view.addSeparator()
        theme_menu = view.addMenu(self.tr("&Theme"))
        theme_menu.setToolTipsVisible(True)
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        current = theme.current_theme(QApplication.instance())
        for name, text, tip in [
            ("light", self.tr("&Light"), self.tr("Light window and white plots")),
            ("dark", self.tr("&Dark"), self.tr("Dark window and dark plots")),
        ]:
            action = self._action(theme_menu, text, tip, lambda _=False, n=name: self.set_theme(n), checkable=True)
            action.setChecked(name == current)
            action.setData(name)
            self.theme_group.addAction(action)
            self.theme_actions[name] = action

        language_menu = view.addMenu(self.tr("&Language"))
        language_menu.setToolTipsVisible(True)
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        chosen = i18n.current_language(self.window.settings)
        tip = self.tr("Show menus and texts in {0}")
        for code, name in i18n.LANGUAGES.items():  # each language in its own name, untranslated
            action = self._action(language_menu, name, tip.format(name),
                                  lambda _=False, c=code: self.set_language(c), checkable=True)
            action.setChecked(code == chosen)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _build_help_menu(self) -> None:
        menu = self.window.menu("Help")
        menu.setToolTipsVisible(True)
        self.tour_action = self._action(
            menu, self.tr("Guided &Tour…"), self.tr("A short tour of the panels, one page each"),
            self.show_tour, QKeySequence.StandardKey.HelpContents)
        self.equations_action = self._action(
            menu, self.tr("&Equations…"),
            self.tr("The equations of every cell kind, of the loss and of BPTT, as the app computes them"),
            self.show_equations)
        self.notation_action = self._action(
            menu, self.tr("Course &Notation…"),
            self.tr("The app's symbols next to the course notes' (t = 1..T, ŷ and y, C̃, a⟨t⟩, Γ), "
                    "and which convention the app follows where they differ"),
            self.show_notation)
        self.shortcuts_action = self._action(
            menu, self.tr("&Keyboard Shortcuts…"), self.tr("Every keyboard shortcut of the window"),
            self.show_shortcuts, "Ctrl+/")
        menu.addSeparator()
        self.about_action = self._action(
            menu, self.tr("&About LSTM Studio…"), self.tr("Version of LSTM Studio and of the libraries it uses"),
            self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _explain_toggle_actions(self) -> None:
        """View ▸ Panels / Toolbars: each show/hide toggle says what it does (Qt's own toggle
        actions only repeat the title)."""
        for holder in [*self.window.findChildren(QDockWidget), *self.window.findChildren(QToolBar)]:
            action = holder.toggleViewAction()
            if not action.statusTip():
                tip = self.tr("Show or hide “{0}”").format(holder.windowTitle())
                action.setToolTip(tip)
                action.setStatusTip(tip)

    def _set_icon(self) -> None:
        icon = theme.app_icon()
        self.window.setWindowIcon(icon)
        QGuiApplication.setDesktopFileName("lstm-studio")

    # -- theme and language ----------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        """Apply theme ``name`` now and remember it."""
        theme.apply_theme(QApplication.instance(), name)
        theme.save_theme(self.window.settings, name)
        self.theme_actions[name].setChecked(True)
        message = {
            "light": self.tr("Light theme applied. Restart LSTM Studio to recolour every drawing in the panels."),
            "dark": self.tr("Dark theme applied. Restart LSTM Studio to recolour every drawing in the panels."),
        }[name]
        self.window.show_status(message, 8000)

    def set_language(self, code: str) -> None:
        """Show language ``code`` now and remember it: every window retranslates its texts
        (QEvent.LanguageChange); the document, the undo history and a running training stay."""
        app = QApplication.instance()
        shown = code if code == i18n.active_language(app) else i18n.switch_language(app, self.window.settings, code)
        i18n.save_language(self.window.settings, code)
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)  # every window at once
        self.language_actions[shown].setChecked(True)
        if shown == code:
            message = self.tr("Language: {0}.").format(i18n.LANGUAGES[code])
        else:
            message = self.tr("The {0} translation cannot be loaded: the texts stay in {1}.").format(
                i18n.LANGUAGES[code], i18n.LANGUAGES[shown])
        self.window.show_status(message, 8000)

    # -- help windows ----------------------------------------------------------------------------
    def _show(self, key: str, make) -> QDialog:
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = make()
            self.dialogs[key] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def retranslate(self) -> None:
        """After a language switch: the open help windows' pages in the new language, scrolled
        as they were (their titles and buttons are re-set by the window's walk)."""
        pages = {"equations": self.equations_html, "notation": self.notation_html,
                 "shortcuts": self.shortcuts_html, "about": self.about_html}
        for key, dialog in self.dialogs.items():
            if key in pages:
                bar = dialog.browser.verticalScrollBar()
                share = bar.value() / bar.maximum() if bar.maximum() else 0.0
                dialog.browser.setHtml(pages[key]())
                bar.setValue(round(share * bar.maximum()))

    def show_tour(self) -> QDialog:
        dialog = self._show("tour", lambda: TourDialog(self.window, self.window))
        dialog.show_page(0)
        return dialog

    def show_equations(self) -> QDialog:
        title = self.tr("Equations")
        return self._show("equations", lambda: HelpBrowser(title, self.equations_html(), self.window))

    def show_notation(self) -> QDialog:
        title = self.tr("Course notation")
        return self._show("notation", lambda: HelpBrowser(title, self.notation_html(), self.window))

    def show_shortcuts(self) -> QDialog:
        dialog = self._show("shortcuts", lambda: HelpBrowser(self.tr("Keyboard shortcuts"), "", self.window))
        dialog.browser.setHtml(self.shortcuts_html())  # always the shortcuts as they are now
        return dialog

    def show_about(self) -> QDialog:
        return self._show("about", lambda: HelpBrowser(self.tr("About LSTM Studio"), self.about_html(), self.window))

    def equations_html(self) -> str:
        """The Help ▸ Equations page: every cell kind as the engine computes it, the read-out and
        loss, BPTT, truncation and clipping."""
        def section(title, key, *notes):
            paragraphs = "".join(f"<p>{note}</p>" for note in notes)
            return f"<h3>{title}</h3>{equation_table(CELL_EQUATIONS[key])}{paragraphs}"

        title = self.tr("Equations")
        introduction = self.tr(
            "Exactly what LSTM Studio computes at each time step t = 1..T (h<sub>0</sub>, "
            "c<sub>0</sub>: the initial states). ⊙ is the element-wise (Hadamard) "
            "product, W x a matrix-vector product. Weights follow PyTorch's layout: weight_ih_l0 stacks "
            "W<sub>ii</sub>, W<sub>if</sub>, W<sub>ig</sub>, W<sub>io</sub> (LSTM) or W<sub>ir</sub>, "
            "W<sub>iz</sub>, W<sub>in</sub> (GRU).")
        return (
            "<style>h3 { margin-top: 14px; } table.eq { font-family: serif; font-size: 13pt; }</style>"
            f"<h2>{title}</h2><p>{introduction}</p>"
            + section(self.tr("Vanilla RNN"), "rnn", self.tr("The ReLU variant uses max(0, ·) instead of tanh."))
            + section(self.tr("LSTM"), "lstm", self.tr(
                "i: input gate, f: forget gate, g: candidate value, o: output gate, c: cell state "
                "(long-term state), h: hidden state (short-term state). The cell state is changed only "
                "by an element-wise multiply and an add."))
            + section(self.tr("Peephole LSTM"), "peephole_lstm", self.tr(
                "The gates also look at the cell state through the peephole weights w<sub>ci</sub>, "
                "w<sub>cf</sub>, w<sub>co</sub>: vectors, so each unit's cell value reaches only its own "
                "gates (a diagonal connection). The output gate sees the new c<sub>t</sub>."))
            + section(self.tr("LSTM without forget gate (1997)"), "lstm_nofg", self.tr(
                "The original LSTM of Hochreiter and Schmidhuber (1997); the forget gate came later "
                "(Gers et al., 2000). Its weights stack three gate blocks: W<sub>ii</sub>, "
                "W<sub>ig</sub>, W<sub>io</sub>. The cell state only accumulates: "
                "∂c<sub>t</sub>/∂c<sub>t−1</sub> = 1, so the gradient along the cell line never "
                "fades (the “constant error carousel”), but nothing can erase an old value, and on "
                "long inputs c<sub>t</sub> can grow until tanh(c<sub>t</sub>) saturates."))
            + section(self.tr("GRU"), "gru", self.tr(
                "r: reset gate, z: update gate, n: candidate state. One update gate does the work of the "
                "forget and input gates; there is no separate cell state and no output gate."))
            + section(self.tr("Activations"), "activations", self.tr(
                "Sigmoid gates lie between 0 (closed: nothing passes) and 1 (open: everything passes); "
                "tanh values between −1 and 1 carry the strength and sign of a value."))
            + section(self.tr("Read-out and loss"), "readout", self.tr(
                "ŷ<sub>t</sub> is the network's prediction, y<sub>t</sub> the target. In a "
                "bidirectional network h<sub>t</sub> joins the forward and reverse states. The loss "
                "is the squared error with the factor ½ (second line; “MSE” in the app) or the "
                "cross-entropy with target class k (third line), averaged over the set S of steps "
                "where the loss applies."))
            + section(self.tr("Backpropagation through time (BPTT)"), "bptt", self.tr(
                "The gradient reaching h<sub>t</sub> is its own loss term plus what flows back from later "
                "steps. In a vanilla RNN every step back multiplies it by W<sub>hh</sub> and the tanh "
                "derivative: over many steps the product shrinks towards zero (vanishing gradient) or "
                "blows up (exploding gradient), so long-term dependencies are hard to learn. Along an "
                "LSTM's cell state it is only multiplied by the forget gate, so it survives as long as f "
                "stays near 1."))
            + section(self.tr("Truncation and clipping"), "clipping", self.tr(
                "Truncated BPTT with k steps cuts the sequence t = 1..T into chunks of k steps counted "
                "from its end (cuts after steps T − k, T − 2k, …) and stops the gradient carried back through the "
                "recurrence at each boundary: cheaper, but dependencies longer than k steps cannot be "
                "learned."), self.tr(
                "Clipping by norm rescales all gradients together (network and read-out, one global L2 "
                "norm ‖g‖) when ‖g‖ exceeds θ; clipping by value limits each component to [−v, v]. "
                "Clipping tames exploding gradients but does nothing for vanishing ones."), self.tr(
                "Further reading: Dive into Deep Learning (d2l.ai), the chapters on backpropagation "
                "through time and on LSTM and GRU."))
        )

    def notation_html(self) -> str:
        """The Help ▸ Course notation page: each symbol of the app next to the course notes'
        (GLOSSARY.md's notation table), and which convention the app computes where they differ."""
        remarks = {
            "time": self.tr(
                "The notes count steps from 1, and so does every label of the app: time axes, "
                "read-outs, the slider, the tables, the CSV export. h<sub>0</sub> and "
                "c<sub>0</sub> are the initial states, before t = 1."),
            "candidate": self.tr(
                "The candidate value (후보 값): g in the LSTM, which the input gate lets into the "
                "cell, and n in the GRU; tanh, between −1 and 1."),
            "hidden": self.tr(
                "The hidden state (short-term state): what the next step and the read-out see. "
                "Ng's notes call it a, the activation."),
            "cell": self.tr("The cell state (long-term state)."),
            "gates": self.tr(
                "Ng's notes call the input gate the update gate Γ<sub>u</sub> (LSTM only; for the "
                "GRU see the next row)."),
            "output": self.tr(
                "ŷ is the network's prediction (the read-out of h<sub>t</sub>), y the target the "
                "loss compares it with. The output panel draws ŷ solid and y dashed; the CSV "
                "export names them y_hat and y."),
            "gru_gates": self.tr(
                "z is the update gate, r the reset gate, with opposite conventions for z. In Ng's "
                "notes Γ<sub>u</sub> = 1 writes the candidate: "
                "c<sup>⟨t⟩</sup> = Γ<sub>u</sub> ⊙ c̃<sup>⟨t⟩</sup> + (1 − Γ<sub>u</sub>) ⊙ "
                "c<sup>⟨t−1⟩</sup>. In this app, as in PyTorch, z = 1 keeps the old state: "
                "h<sub>t</sub> = (1 − z<sub>t</sub>) ⊙ n<sub>t</sub> + z<sub>t</sub> ⊙ "
                "h<sub>t−1</sub>. So z<sub>t</sub> = 1 − Γ<sub>u</sub>; the reset gate r is "
                "Γ<sub>r</sub> in both."),
            "gru_candidate": self.tr(
                "Two variants. This app computes PyTorch's: the reset gate multiplies the recurrent "
                "term after the matrix product, r<sub>t</sub> ⊙ (W<sub>hn</sub> h<sub>t−1</sub> + "
                "b<sub>hn</sub>). Cho et al. (2014) and Ng's notes reset the state before it, "
                "U (r<sub>t</sub> ⊙ h<sub>t−1</sub>). The two give different numbers in general."),
            "peephole": self.tr(
                "This app follows Gers and Schmidhuber: the input and forget gates look at the "
                "previous cell state c<sub>t−1</sub>, the output gate at the new one c<sub>t</sub>. "
                "Ng's notes let every gate look at c<sup>⟨t−1⟩</sup>. Each unit sees only its own "
                "cell (the peephole weights are vectors)."),
            "loss": self.tr(
                "The app's squared error (“MSE”) has the factor ½, so its gradient is ŷ − y; it is "
                "averaged over the steps where the loss applies. Notes write it with ½ or without: "
                "without it every gradient would be twice as large."),
            "nofg": self.tr(
                "The original LSTM of Hochreiter and Schmidhuber (1997) had no forget gate: the cell "
                "only accumulates. The forget gate came in 2000 (Gers et al.); the notes' LSTM has "
                "one. Choose “LSTM without forget gate (1997)” in the network toolbar to run it."),
        }
        rows = "".join(
            f"<tr><td>{''.join(math_html(f) + '<br>' for f in app)[:-4]}</td>"
            f"<td>{''.join(math_html(f) + '<br>' for f in notes)[:-4]}</td>"
            f"<td>{remarks[key]}</td></tr>"
            for key, app, notes in NOTATION)
        title = self.tr("Course notation")
        introduction = self.tr(
            "The symbols of LSTM Studio next to those of the course notes (Andrew Ng's deep learning "
            "course and the Korean notes). Help ▸ Equations shows exactly what the app computes; "
            "where the notes use another convention, the last column says which one the app follows.")
        headers = (self.tr("LSTM Studio"), self.tr("Course notes"), self.tr("Remark"))
        head = "".join(f"<th align='left'>{text}</th>" for text in headers)
        return (
            "<style>table.notation td { vertical-align: top; padding: 4px; } "
            "table.notation td i { font-family: serif; }</style>"
            f"<h2>{title}</h2><p>{introduction}</p>"
            f"<table class='notation' border='1' cellspacing='0' cellpadding='4'><tr>{head}</tr>{rows}</table>"
        )

    def shortcuts(self) -> list[tuple[str, str]]:
        """(action text, shortcuts) of every action of the window that has a shortcut, by text."""
        rows = set()
        for action in self.window.findChildren(QAction):
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
            if keys:
                text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")
                rows.add((text, ", ".join(keys)))
        return sorted(rows, key=lambda row: row[0].casefold())

    def shortcuts_html(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for text, keys in self.shortcuts())
        title, action, keys = self.tr("Keyboard shortcuts"), self.tr("Action"), self.tr("Keys")
        return (
            f"<h2>{title}</h2><table cellspacing='0' cellpadding='4'>"
            f"<tr><th align='left'>{action}</th><th align='left'>{keys}</th></tr>{rows}</table>"
        )

    def about_html(self) -> str:
        versions = [
            ("LSTM Studio", lstm_studio.__version__),
            ("Qt", qVersion()),
            ("PySide6", PySide6.__version__),
            ("pyqtgraph", pg.__version__),
            ("NumPy", np.__version__),
            ("Python", platform.python_version()),
        ]
        rows = "".join(f"<tr><td>{name}</td><td><b>{html.escape(version)}</b></td></tr>" for name, version in versions)
        tagline = self.tr("Watch a recurrent network (RNN, LSTM, GRU) think, one time step at a time.")
        running = self.tr("Running on {0}.").format(html.escape(platform.platform(terse=True)))
        license_text = self.tr("Licensed under the MIT license.")
        return (
            f"<table><tr><td><img src='{theme.icon_path(128).as_uri()}' width='96' height='96'></td>"
            f"<td style='padding-left:16px'><h2>LSTM Studio {html.escape(lstm_studio.__version__)}</h2>"
            f"<p>{tagline}</p></td></tr></table>"
            f"<table cellspacing='0' cellpadding='3'>{rows}</table><p>{running} {license_text}</p>"
        )
