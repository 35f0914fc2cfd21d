"""A seeded random walk through the real window, as thousands of impatient users would use it.

A :class:`Walker` drives one :class:`~lstm_studio.app.window.main_window.MainWindow` with random actions
— every menu action, the network toolbar (kinds and sizes), the transport, typing and pasting
into the tables, drawing on the sequence plots, weight slider drags, lessons, undo/redo to
random depths through History, short training runs, Compare, save/reopen, export, theme, and a
"poke" at any button, box or field of any dock — and checks after every action:

* no exception reached a slot (``sys.excepthook`` is replaced while the walk runs);
* no single round of event processing (nor the action itself) took over ``MAX_EVENT_SECONDS``;
* a refused input (a bad number typed, a size out of range) left the document and the undo
  stack as they were;
* a session saved (or opened) reads back equal to the document on screen (``SessionDocument.equals``);
* every ``check_every`` actions and at the end: undo to the start of History returns the
  document the history started from, bit for bit, and redo brings back the state the walk was in
  (the view — time step, selection — is not part of undo and is left out of these comparisons).

Every action is a name and JSON parameters chosen from the walk's random generator; the
parameters are written to the action log (JSON lines, flushed before the action runs, so that
even a crash leaves the action that caused it) and :meth:`Walker.replay` performs a log again.

Modal dialogs are the fakes of ``tests/app/conftest.py`` (``dialogs``): the walker sets their
answers (a file name in the walk's folder, Save/Discard/Cancel) before each action.

Command line (runs pytest on ``test_random_walk.py``, so the same fixtures apply)::

    python tests/app/random_walk.py --seeds 0-9 --actions 500          # make soak
    python tests/app/random_walk.py --replay soak-logs/walk-seed3.jsonl
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path
from typing import ClassVar

MAX_EVENT_SECONDS = 5.0
"""Longest an action, or one round of event processing after it, may take."""
RUN_ACTIONS = 3
"""Actions a training or comparison run may go on for before the walker stops it."""
LOG_VERSION = 1


class WalkFailure(AssertionError):
    """A check failed; the message names the action (its index in the log) and what was wrong."""


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def comparable(document):
    """A copy of ``document`` without its view (time step, selection, display mode): the parts
    that undo restores."""
    from lstm_studio.session.document import ViewState

    copy = document.copy()
    copy.view = ViewState()
    return copy


def training_running(window) -> bool:
    """Whether the training dock has a run going on (a property or a method, as it changes)."""
    running = window.training.is_running
    return bool(running() if callable(running) else running)


def _text(action) -> str:
    return action.text().replace("&", "")


class Walker:
    """Random actions on ``window`` with checks after each; see the module docstring.

    ``dialogs`` is the DialogRecorder fixture, ``folder`` where sessions and exports go,
    ``log`` a path for the action log (None: no log).
    """

    def __init__(self, window, dialogs, folder, *, seed: int = 0, log=None, check_every: int = 25):
        from PySide6.QtWidgets import QApplication

        self.window, self.dialogs = window, dialogs
        self.app = QApplication.instance()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.rng = random.Random(seed)
        self.seed = seed
        self.check_every = check_every
        self.max_event_seconds = MAX_EVENT_SECONDS
        self.weights = dict(self.WEIGHTS)
        """Action name -> how often it is chosen (0: never)."""
        self.index = 0
        self.errors: list[str] = []
        self.baseline = comparable(window.model.document) if window.undo_stack.count() == 0 else None
        self._dropped = self._dropped_count()
        self._verified_file = None
        self._run_actions = 0
        self.rss: list[float] = [rss_mb()]
        self.stats = {"actions": 0, "undo_checks": 0, "file_checks": 0, "refusals": 0, "slowest": 0.0,
                      "slowest_action": None}
        self._log = open(log, "w", encoding="utf-8") if log is not None else None  # noqa: SIM115 - open for the walk
        self._write({"version": LOG_VERSION, "seed": seed})
        self.timings: dict[str, list] = {}
        """Action name -> [times done, seconds spent] (with the events after it)."""

    # -- running -----------------------------------------------------------------------------
    def run(self, actions: int) -> None:
        """``actions`` random actions, then the final checks."""
        with self.capturing():
            self.settle()
            for _ in range(actions):
                name, params = self.choose()
                self.do(name, params)
            self.finish()

    def replay(self, path) -> None:
        """Perform the actions of the log at ``path`` again, with the same checks."""
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        with self.capturing():
            self.settle()
            for line in lines:
                entry = json.loads(line)
                if "action" in entry:
                    self.do(entry["action"], entry["params"])
            self.finish()

    def finish(self) -> None:
        self.stop_runs()
        self.check_undo_integrity()
        self._close_log(success=True)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def _close_log(self, success: bool) -> None:
        self._write({"end": "passed" if success else "failed", "stats": self.stats})
        self.close()

    def _write(self, entry: dict) -> None:
        if self._log is not None:
            self._log.write(json.dumps(entry) + "\n")
            self._log.flush()
            os.fsync(self._log.fileno())

    @contextlib.contextmanager
    def capturing(self):
        """Exceptions that reach a slot (sys.excepthook) are kept and fail the action."""
        previous = sys.excepthook

        def hook(kind, value, tb):
            self.errors.append("".join(traceback.format_exception(kind, value, tb)))

        sys.excepthook = hook
        try:
            yield
        except BaseException:
            self._write({"end": "failed", "at": self.index})
            self.close()
            raise
        finally:
            sys.excepthook = previous

    def fail(self, message: str) -> None:
        raise WalkFailure(f"seed {self.seed}, action {self.index}: {message}")

    # -- one action ----------------------------------------------------------------------------
    def do(self, name: str, params: dict) -> None:
        self.index += 1
        self.stats["actions"] += 1
        self._write({"i": self.index, "action": name, "params": params})
        method = getattr(self, "act_" + name)
        refused = params.get("refused", False)
        # while a run (or a single training step) goes on, its result may land during the action
        checked = refused and not self.busy()
        before = self._state() if checked else None
        started = time.perf_counter()
        method(**{k: v for k, v in params.items() if k != "refused"})
        self._timed(started, f"{name} {params}")
        self.settle()
        spent = self.timings.setdefault(name, [0, 0.0])
        spent[0] += 1
        spent[1] += time.perf_counter() - started
        self.check_errors(name)
        if refused:
            self.stats["refusals"] += 1
        if checked:
            self.check_unchanged(before, name, params)
        self.track_history()
        self.check_file()
        self.manage_runs()
        if self.check_every and self.index % self.check_every == 0:
            self.check_undo_integrity()
        self.rss.append(rss_mb())

    def _timed(self, started: float, what: str) -> None:
        took = time.perf_counter() - started
        if took > self.stats["slowest"]:
            self.stats["slowest"], self.stats["slowest_action"] = round(took, 3), what
        if took > self.max_event_seconds:
            self.fail(f"{what} kept the event loop busy for {took:.1f} s")

    def settle(self, rounds: int = 3) -> None:
        """Let queued events, timers of 0 ms and paints run (each round timed)."""
        from PySide6.QtCore import QEventLoop

        for _ in range(rounds):
            started = time.perf_counter()
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            self._timed(started, "processing events")

    def wait(self, ms: float) -> None:
        """Process events for about ``ms`` milliseconds (a user pausing)."""
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            self.settle(1)
            time.sleep(0.005)

    def wait_until(self, condition, timeout_s: float) -> bool:
        end = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > end:
                return False
            self.settle(1)
            time.sleep(0.005)
        return True

    # -- checks --------------------------------------------------------------------------------
    def check_errors(self, name: str) -> None:
        if self.errors:
            errors, self.errors = self.errors, []
            self.fail(f"{len(errors)} exception(s) in slots after {name}:\n" + "\n".join(errors))

    def _state(self):
        stack = self.window.undo_stack
        return comparable(self.window.model.document), stack.count(), stack.index()

    def check_unchanged(self, before, name, params) -> None:
        document, count, index = before
        now, now_count, now_index = self._state()
        if not now.equals(document):
            self.fail(f"refused input {name} {params} changed the document")
        if (now_count, now_index) != (count, index):
            self.fail(f"refused input {name} {params} changed the undo stack "
                      f"({count}, {index}) -> ({now_count}, {now_index})")

    def _dropped_count(self) -> int:
        return getattr(self.window.undo_stack, "dropped", 0)

    def track_history(self) -> None:
        """A cleared stack (New, Open, an example) starts a new history: its start is the
        document now. Commands dropped for memory move the start: found at the next check."""
        if self.window.undo_stack.count() == 0:
            self.baseline = comparable(self.window.model.document)
        dropped = self._dropped_count()
        if dropped != self._dropped:
            self._dropped = dropped
            self.baseline = None

    def check_file(self) -> None:
        """After a save or an open, the file reads back as the document on screen."""
        from lstm_studio.session.io import load_session

        window = self.window
        path = window.windowFilePath()
        if not path or window.model.is_modified or not os.path.isfile(path):
            return
        stat = os.stat(path)
        key = (path, stat.st_mtime_ns, stat.st_size, window.undo_stack.index(), window.undo_stack.count())
        if key == self._verified_file:
            return
        self._verified_file = key
        self.stats["file_checks"] += 1
        loaded = load_session(path)
        if not comparable(loaded).equals(comparable(window.model.document)):
            self.fail(f"{path} does not read back as the document on screen")

    def history_go_to(self, index: int) -> None:
        """A click on entry ``index`` of the History dock (0: the start)."""
        history = self.window.editing.history
        go_to = getattr(history, "go_to", None)
        if go_to is not None:
            go_to(index)
        else:
            history.setCurrentIndex(history.model().index(index, 0))

    def check_undo_integrity(self) -> None:
        """Undo to the start of History: the document the history started from; redo to the
        end and back to where the walk was: the document as it was."""
        self.stop_runs()
        started = time.perf_counter()
        stack = self.window.undo_stack
        model = self.window.model
        self.stats["undo_checks"] += 1
        index, count = stack.index(), stack.count()
        here = comparable(model.document)
        self.history_go_to(0)
        self.settle()
        start = comparable(model.document)
        if self.baseline is None:
            self.baseline = start
        elif not start.equals(self.baseline):
            self.fail(f"undo to the start of History ({index} steps back) is not the starting document")
        self.history_go_to(count)
        self.settle()
        self.history_go_to(index)
        self.settle()
        if not comparable(model.document).equals(here):
            self.fail(f"redo to step {index} of {count} is not the document the walk was at")
        self.check_errors("undo/redo check")
        spent = self.timings.setdefault("(undo check)", [0, 0.0])
        spent[0] += 1
        spent[1] += time.perf_counter() - started

    # -- runs ---------------------------------------------------------------------------------
    def busy(self) -> bool:
        window = self.window
        return (training_running(window) or window.compare.view.busy
                or getattr(window.lessons, "builder", None) is not None
                or getattr(getattr(window, "unit_examples", None), "builder", None) is not None)

    def manage_runs(self) -> None:
        """A run goes on for a few actions (edits while training are part of the walk), then
        the walker stops it."""
        if not self.busy():
            self._run_actions = 0
            return
        self._run_actions += 1
        if self._run_actions > RUN_ACTIONS:
            self.stop_runs()

    def stop_runs(self) -> None:
        window = self.window
        if training_running(window):
            window.training.stop_button.click()
        view = window.compare.view
        if view.worker is not None:
            view.stop_button.click()
        if view.sweep_worker is not None:
            view.sweep_stop_button.click()
        if getattr(window.lessons, "builder", None) is not None:
            window.lessons.stop_building()
        if getattr(getattr(window, "unit_examples", None), "builder", None) is not None:
            window.unit_examples.stop()  # File ▸ Examples ▸ Texts that grow interpretable units
        if not self.wait_until(lambda: not self.busy(), 15):
            self.fail("a run did not end within 15 s of Stop")
        self.settle()
        self._run_actions = 0
        self.check_errors("stopping runs")

    # -- choosing ----------------------------------------------------------------------------
    WEIGHTS: ClassVar = {
        "kind": 5, "size": 8, "size_refused": 2, "bidirectional": 2, "show_layer": 2,
        "transport": 4, "time_slider": 3, "plot_click": 3,
        "type_cell": 6, "type_refused": 4, "paste": 2, "generate": 3, "draw": 2, "loss": 2,
        "weight_matrix": 2, "weight_drag": 5, "weight_type": 2, "weight_wheel": 2,
        "undo": 4, "redo": 3, "history": 4,
        "menu": 10, "save_as": 2, "open_saved": 1, "quit_cancel": 1,
        "train_short": 2, "train_step": 1, "compare": 1,
        "poke": 10, "idle": 1,
    }

    def choose(self) -> tuple[str, dict]:
        names = [n for n, w in self.weights.items() if w > 0]
        while True:
            name = self.rng.choices(names, weights=[self.weights[n] for n in names])[0]
            params = getattr(self, "choose_" + name)()
            if params is not None:
                return name, params

    # helpers
    def _editors(self):
        editing = self.window.editing
        tables = {"inputs": editing.inputs.table_model, "targets": editing.targets.table_model,
                  "h0": editing.states.table_models["h0"]}
        if self.window.model.config.has_cell_state:
            tables["c0"] = editing.states.table_models["c0"]
        return tables

    def _number_text(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return f"{self.rng.uniform(-3, 3):.4g}"
        if r < 0.8:
            return str(self.rng.randint(-5, 5))
        return self.rng.choice(["0", "-0", "1e-3", " 2.5 ", "1e5", "−1.5", "+.5"])

    BAD_NUMBERS: ClassVar = ["abc", "nan", "inf", "-inf", "1e300", "1e7", "--1", "1.5.7", "0x10", "1e", "∞", "²"]

    # -- network toolbar ----------------------------------------------------------------------
    SIZE_CHOICES: ClassVar = {
        "input_size": [1, 2, 3, 4],
        "hidden_size": [1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
        "num_layers": [1, 1, 2, 3],
        "seq_len": [1, 2, 5, 10, 20, 30, 40, 60],
        "output_size": [1, 2, 3, 4],
    }

    def choose_kind(self):
        return {"index": self.rng.randrange(self.window.config_toolbar.kind.count())}

    def act_kind(self, index):
        self.window.config_toolbar.kind.setCurrentIndex(index)

    def choose_size(self):
        name = self.rng.choice(list(self.SIZE_CHOICES))
        return {"name": name, "value": self.rng.choice(self.SIZE_CHOICES[name])}

    def act_size(self, name, value):
        self.window.config_toolbar.sizes[name].setValue(value)

    def choose_size_refused(self):
        from lstm_studio.session.document import LIMITS

        name = self.rng.choice(list(LIMITS))
        return {"name": name, "value": LIMITS[name] + self.rng.choice([1, 1000]), "refused": True}

    act_size_refused = act_size

    def choose_bidirectional(self):
        return {"on": not self.window.config_toolbar.bidirectional.isChecked()}

    def act_bidirectional(self, on):
        self.window.config_toolbar.bidirectional.setChecked(on)

    def choose_show_layer(self):
        config = self.window.model.config
        return {"layer": self.rng.randrange(config.num_layers), "direction": self.rng.randrange(config.num_directions)}

    def act_show_layer(self, layer, direction):
        selector = self.window.panels["gates"].selector  # every panel's header chooses
        selector.layer_box.activated.emit(layer)
        selector.direction_box.activated.emit(direction)

    # -- transport and panels -----------------------------------------------------------------
    def choose_transport(self):
        return {"index": self.rng.randrange(len(self.window.transport.actions_in_order))}

    def act_transport(self, index):
        self.window.transport.actions_in_order[index].trigger()

    def choose_time_slider(self):
        return {"value": self.rng.randint(1, self.window.model.config.seq_len)}

    def act_time_slider(self, value):
        slider = self.window.transport.slider
        slider.setSliderDown(True)
        slider.setValue(value)
        slider.setSliderDown(False)

    def choose_plot_click(self):
        keys = [k for k in ("gates", "states", "gradient", "output") if self.window.panels[k].axes.plots]
        if not keys:
            return None
        config = self.window.model.config
        return {"panel": self.rng.choice(keys), "x": self.rng.uniform(-1, config.seq_len),
                "unit": self.rng.choice([None, self.rng.randrange(config.hidden_size)])}

    def act_plot_click(self, panel, x, unit):
        self.window.panels[panel].axes.picked(x, unit)

    # -- tables, generators, drawing ------------------------------------------------------------
    def _cell(self, refused: bool):
        tables = self._editors()
        editor = self.rng.choice(list(tables))
        table = tables[editor]
        rows, columns = table.rowCount(), table.columnCount()
        text = self.rng.choice(self.BAD_NUMBERS) if refused else self._number_text()
        return {"editor": editor, "row": self.rng.randrange(rows), "column": self.rng.randrange(columns),
                "text": text}

    def choose_type_cell(self):
        return self._cell(refused=False)

    def choose_type_refused(self):
        return self._cell(refused=True) | {"refused": True}

    def act_type_cell(self, editor, row, column, text):
        """What the table's editor does when the user types ``text`` and presses Enter."""
        from PySide6.QtCore import Qt

        table = self._editors()[editor]
        table.setData(table.index(row, column), text, Qt.ItemDataRole.EditRole)

    act_type_refused = act_type_cell

    def choose_paste(self):
        tables = self._editors()
        editor = self.rng.choice(list(tables))
        table = tables[editor]
        rows = [[self._number_text() if self.rng.random() > 0.05 else self.rng.choice(self.BAD_NUMBERS)
                 for _ in range(self.rng.randint(1, 3))] for _ in range(self.rng.randint(1, 4))]
        return {"editor": editor, "row": self.rng.randrange(table.rowCount()),
                "column": self.rng.randrange(table.columnCount()),
                "text": "\n".join("\t".join(r) for r in rows)}

    def act_paste(self, editor, row, column, text):
        self._editors()[editor].paste(row, column, text)

    def _sequence_editor(self, name):
        return getattr(self.window.editing, name)

    def choose_generate(self):
        editor = self._sequence_editor(self.rng.choice(["inputs", "targets"]))
        return {"editor": editor.target, "generator": self.rng.randrange(editor.generator.count()),
                "channel": self.rng.randrange(editor.channel.count())}

    def act_generate(self, editor, generator, channel):
        editor = self._sequence_editor(editor)
        editor.generator.setCurrentIndex(generator)
        editor.channel.setCurrentIndex(min(channel, editor.channel.count() - 1))
        editor.apply_button.click()

    def choose_draw(self):
        config = self.window.model.config
        points = [[self.rng.uniform(0, config.seq_len - 1), self.rng.uniform(-2, 2)]
                  for _ in range(self.rng.randint(1, 6))]
        return {"editor": self.rng.choice(["inputs", "targets"]), "points": points}

    def act_draw(self, editor, points):
        from PySide6.QtCore import QPointF

        box = self._sequence_editor(editor).view_box
        box.strokeStarted.emit()
        for x, y in points:
            box.strokePoint.emit(QPointF(x, y))
        box.strokeFinished.emit()

    def choose_loss(self):
        r = self.rng.random()
        if r < 0.3:
            return {"what": "kind", "index": self.rng.randrange(2)}
        if r < 0.6:
            return {"what": "steps", "index": self.rng.randrange(3)}
        seq_len = self.window.model.config.seq_len
        text = self.rng.choice([f"1, {seq_len}", f"{max(1, seq_len // 2)}-{seq_len}", "1", str(seq_len)])
        bad = self.rng.random() < 0.3
        if bad:
            text = self.rng.choice(["abc", "0", f"{seq_len + 1}", "5-2", ",,", "-3"])  # "1,," is step 1
        return {"what": "text", "text": text, "refused": bad}

    def act_loss(self, what, index=None, text=None):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        editor = self.window.editing.targets
        if what == "kind":
            editor.loss_kind.setCurrentIndex(index)
            editor.loss_kind.activated.emit(index)
        elif what == "steps":
            editor.loss_steps.setCurrentIndex(index)
            editor.loss_steps.activated.emit(index)
        else:
            editor.steps_text.setText(text)
            QTest.keyClick(editor.steps_text, Qt.Key.Key_Return)

    # -- weights -------------------------------------------------------------------------------
    def choose_weight_matrix(self):
        editor = self.window.editing.weights
        return {"layer": self.rng.randrange(max(editor.layer.count(), 1)),
                "direction": self.rng.randrange(max(editor.direction.count(), 1)),
                "matrix": self.rng.randrange(64)}

    def act_weight_matrix(self, layer, direction, matrix):
        editor = self.window.editing.weights
        for combo, index in ((editor.layer, layer), (editor.direction, direction)):
            if index < combo.count():
                combo.setCurrentIndex(index)
                combo.activated.emit(index)
        if editor.matrix.count():
            index = matrix % editor.matrix.count()
            editor.matrix.setCurrentIndex(index)
            editor.matrix.activated.emit(index)

    def _weight_cell(self):
        block = self.window.editing.weights.block()
        return self.rng.randrange(block.shape[0]), self.rng.randrange(block.shape[1])

    def choose_weight_drag(self):
        row, column = self._weight_cell()
        return {"row": row, "column": column,
                "positions": [self.rng.randint(-1000, 1000) for _ in range(self.rng.randint(1, 8))]}

    def act_weight_drag(self, row, column, positions):
        """Click a cell, then drag the slider through ``positions`` (one gesture)."""
        editor = self.window.editing.weights
        editor.image.cellClicked.emit(row, column)
        slider = editor.slider
        slider.setSliderDown(True)
        for position in positions:
            slider.setValue(max(slider.minimum(), min(slider.maximum(), int(position * slider.maximum() / 1000))))
            self.settle(1)
        slider.setSliderDown(False)

    def choose_weight_type(self):
        row, column = self._weight_cell()
        return {"row": row, "column": column, "value": round(self.rng.uniform(-4, 4), 3)}

    def act_weight_type(self, row, column, value):
        editor = self.window.editing.weights
        editor.image.cellClicked.emit(row, column)
        editor.value.setValue(value)

    def choose_weight_wheel(self):
        row, column = self._weight_cell()
        return {"row": row, "column": column, "steps": self.rng.choice([-3, -1, 1, 2])}

    def act_weight_wheel(self, row, column, steps):
        self.window.editing.weights.image.wheelTurned.emit(row, column, steps)

    # -- undo ----------------------------------------------------------------------------------
    def choose_undo(self):
        return {"times": self.rng.randint(1, 4)}

    def act_undo(self, times):
        for _ in range(times):
            self.window.editing.undo_action.trigger()

    choose_redo = choose_undo

    def act_redo(self, times):
        for _ in range(times):
            self.window.editing.redo_action.trigger()

    def choose_history(self):
        return {"index": self.rng.randint(0, self.window.undo_stack.count())}

    def act_history(self, index):
        self.history_go_to(min(index, self.window.undo_stack.count()))

    # -- menus ---------------------------------------------------------------------------------
    SKIPPED_MENU_ITEMS: ClassVar = {("File", "Quit")}

    def menu_actions(self) -> dict[tuple[str, ...], object]:
        """Every leaf action of the menu bar by its path of texts (dynamic menus filled first)."""
        found = {}

        def visit(menu, path):
            menu.aboutToShow.emit()
            for action in menu.actions():
                if action.isSeparator():
                    continue
                text = path + (_text(action),)
                if action.menu() is not None:
                    visit(action.menu(), text)
                elif action.isEnabled() and text[:2] not in self.SKIPPED_MENU_ITEMS:
                    found[text] = action

        for top in self.window.menuBar().actions():
            if top.menu() is not None:
                visit(top.menu(), (_text(top),))
        return found

    def _saved_files(self, suffix: str) -> list[str]:
        return sorted(p.name for p in self.folder.glob(f"*{suffix}"))

    def _answers(self) -> dict:
        """Answers the fake dialogs give for one action."""
        names = self._saved_files(".lstms") + self._saved_files(".npz")
        return {
            "question": self.rng.choice(["Discard", "Discard", "Save", "Cancel", "Yes", "No"]),
            "open": self.rng.choice(names + [""]) if names else "",
            "save": f"walk-{self.seed}-{self.index + 1}",
        }

    def choose_menu(self):
        actions = self.menu_actions()
        path = self.rng.choice(sorted(actions))
        return {"path": list(path), "answers": self._answers(), "close_dialogs": self.rng.random() < 0.5}

    def _set_answers(self, answers: dict) -> None:
        from PySide6.QtWidgets import QMessageBox

        button = getattr(QMessageBox.StandardButton, answers["question"])
        opened = str(self.folder / answers["open"]) if answers["open"] else ""
        self.dialogs.answers.update({
            "question": button,
            "getOpenFileName": (opened, ""),
            "getSaveFileName": (str(self.folder / answers["save"]), ""),
        })

    def act_menu(self, path, answers, close_dialogs=False):
        self._set_answers(answers)
        action = self.menu_actions().get(tuple(path))
        if action is None:  # the menu changed since (a replay off its path): nothing to do
            return
        action.trigger()
        if close_dialogs:  # the help windows the user reads, then closes
            self.settle()
            for dialog in list(getattr(getattr(self.window, "help", None), "dialogs", {}).values()):
                dialog.close()
            animation = getattr(getattr(self.window, "file_actions", None), "animation", None)
            if animation is not None and animation.dialog is not None:
                animation.dialog.reject()  # File ▸ Export ▸ Animation…: Cancel

    def choose_save_as(self):
        return {"name": f"walk-{self.seed}-{self.index + 1}"}

    def act_save_as(self, name):
        self._set_answers({"question": "Save", "open": "", "save": name})
        self.window.file_actions.save_as()

    def choose_open_saved(self):
        names = self._saved_files(".lstms")
        if not names:
            return None
        return {"name": self.rng.choice(names), "question": self.rng.choice(["Discard", "Cancel", "Save"])}

    def act_open_saved(self, name, question):
        self._set_answers({"question": question, "open": name, "save": f"walk-{self.seed}-{self.index}-q"})
        self.window.file_actions.open()

    def choose_quit_cancel(self):
        if not self.window.model.is_modified:
            return None
        return {}

    def act_quit_cancel(self):
        from PySide6.QtWidgets import QMessageBox

        running = training_running(self.window)
        self.dialogs.answers["question"] = QMessageBox.StandardButton.Cancel
        self.window.file_actions.quit_action.trigger()
        self.settle()
        if not self.window.isVisible():
            self.fail("Quit → Cancel closed the window")
        if running and not training_running(self.window):
            self.fail("Quit → Cancel stopped the training run")

    # -- training and comparison ----------------------------------------------------------------
    def choose_train_short(self):
        return {"ms": self.rng.choice([50, 150, 400, 800]), "stop": self.rng.random() < 0.7}

    def act_train_short(self, ms, stop=True):
        dock = self.window.training
        if training_running(self.window):
            dock.stop_button.click()
            return
        dock.start_button.click()
        self.wait(ms)
        if training_running(self.window) and stop:  # else it runs on for a few actions
            dock.stop_button.click()

    def choose_train_step(self):
        return {}

    def act_train_step(self):
        dock = self.window.training
        if dock.step_button.isEnabled():
            dock.step_button.click()
            self.wait_until(lambda: not training_running(self.window), 10)

    def choose_compare(self):
        return {"what": self.rng.choice(["show", "train", "sweep"]), "ms": self.rng.choice([100, 500])}

    def act_compare(self, what, ms):
        compare = self.window.compare
        compare.action.trigger()
        self.settle()
        view = compare.view
        if what == "train" and view.train_button.isEnabled():
            view.train_button.click()
            self.wait(ms)
            if view.stop_button.isEnabled():
                view.stop_button.click()
        elif what == "sweep" and view.sweep_button.isEnabled():
            view.sweep_button.click()
            self.wait(ms)
            if view.sweep_stop_button.isEnabled():
                view.sweep_stop_button.click()

    # -- any widget of any dock ----------------------------------------------------------------
    POKED = ("QPushButton", "QComboBox", "QSpinBox", "QDoubleSpinBox", "QCheckBox", "QLineEdit",
             "QSlider", "QPlainTextEdit", "QTabWidget")
    TEXTS: ClassVar = ["", "0.5", "abc", "1, 5, 10-12", "The quick brown fox jumps over the lazy dog. ", "1e300",
             "모스크바에 여행을 왔는데", "x" * 200, "-1", "3"]

    def controls(self, key: str, cls_name: str) -> list:
        """The controls of class ``cls_name`` in dock ``key`` (line edits inside spin and combo
        boxes left out: they are part of those)."""
        from PySide6 import QtWidgets

        dock = self.window.docks.get(key)
        if dock is None:
            return []
        cls = getattr(QtWidgets, cls_name)
        boxes = (QtWidgets.QAbstractSpinBox, QtWidgets.QComboBox)
        return [w for w in dock.findChildren(cls)
                if w.metaObject().className() == cls_name or not w.metaObject().className().startswith("Q")
                if not (cls_name == "QLineEdit" and isinstance(w.parent(), boxes))]

    def pokeable(self) -> list[tuple[str, str, int]]:
        """(dock, class, index) of every visible, enabled control in the docks."""
        found = []
        for key, dock in self.window.docks.items():
            if not dock.isVisible():
                continue
            for cls_name in self.POKED:
                for i, widget in enumerate(self.controls(key, cls_name)):
                    if widget.isVisible() and widget.isEnabled():
                        found.append((key, cls_name, i))
        return found

    def _poked(self, key, cls_name, index):
        widgets = self.controls(key, cls_name)
        if index >= len(widgets) or not widgets[index].isVisible() or not widgets[index].isEnabled():
            return None
        return widgets[index]

    def choose_poke(self):
        found = self.pokeable()
        if not found:
            return None
        key, cls_name, index = self.rng.choice(found)
        widget = self._poked(key, cls_name, index)
        params = {"dock": key, "cls": cls_name, "index": index}
        if cls_name == "QComboBox":
            params["value"] = self.rng.randrange(max(widget.count(), 1))
        elif cls_name in ("QSpinBox", "QDoubleSpinBox"):
            step = widget.singleStep() or 1
            if self.rng.random() < 0.8:
                value = widget.value() + step * self.rng.choice([-3, -1, 1, 2, 5])
            else:
                value = widget.minimum() + step * self.rng.randint(0, 50)
            value = min(max(value, widget.minimum()), widget.maximum())
            params["value"] = int(value) if cls_name == "QSpinBox" else float(value)
        elif cls_name == "QCheckBox":
            params["value"] = not widget.isChecked()
        elif cls_name in ("QLineEdit", "QPlainTextEdit"):
            params["value"] = self.rng.choice(self.TEXTS)
        elif cls_name == "QSlider":
            params["value"] = self.rng.randint(widget.minimum(), widget.maximum())
        elif cls_name == "QTabWidget":
            params["value"] = self.rng.randrange(max(widget.count(), 1))
        return params

    def act_poke(self, dock, cls, index, value=None):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        widget = self._poked(dock, cls, index)
        if widget is None:
            return
        if cls == "QPushButton":
            widget.click()
        elif cls == "QComboBox":
            if value < widget.count():
                widget.setCurrentIndex(value)
                widget.activated.emit(value)
        elif cls in ("QSpinBox", "QDoubleSpinBox"):
            widget.setValue(value)
            widget.editingFinished.emit()
        elif cls == "QCheckBox":
            widget.setChecked(value)
        elif cls == "QLineEdit":
            widget.setText(value)
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif cls == "QPlainTextEdit":
            if not widget.isReadOnly():
                widget.setPlainText(value)
        elif cls == "QSlider":
            widget.setSliderDown(True)
            widget.setValue(value)
            widget.setSliderDown(False)
        elif cls == "QTabWidget" and value < widget.count() and widget.isTabEnabled(value):
            widget.setCurrentIndex(value)

    def choose_idle(self):
        return {"ms": self.rng.choice([20, 100, 400])}

    def act_idle(self, ms):
        self.wait(ms)


# -- command line ---------------------------------------------------------------------------------
def _seeds(text: str) -> list[int]:
    seeds = []
    for part in text.replace(" ", "").split(","):
        if "-" in part:
            low, high = part.split("-")
            seeds.extend(range(int(low), int(high) + 1))
        elif part:
            seeds.append(int(part))
    return seeds


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Random walks through LSTM Studio's window (see the docstring).")
    parser.add_argument("--seeds", default="0-4", help="seeds, e.g. 0-9 or 1,5,7 (default 0-4)")
    parser.add_argument("--actions", type=int, default=300, help="actions per walk (default 300)")
    parser.add_argument("--check-every", type=int, default=50, help="undo/redo check every N actions")
    parser.add_argument("--logs", default="soak-logs", help="folder for the logs of failed walks")
    parser.add_argument("--replay", help="replay this action log instead of walking")
    parser.add_argument("--memory", action="store_true", help="report memory (RSS) after each walk")
    args, rest = parser.parse_known_args(argv)
    import pytest

    here = Path(__file__).resolve().parent
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["WALK_LOGS"] = str(Path(args.logs).resolve())
    os.environ["WALK_CHECK_EVERY"] = str(args.check_every)
    if args.memory:
        os.environ["WALK_MEMORY"] = "1"
    if args.replay:
        os.environ["WALK_REPLAY"] = str(Path(args.replay).resolve())
        test = "test_replay"
    else:
        os.environ["WALK_SEEDS"] = ",".join(str(s) for s in _seeds(args.seeds))
        os.environ["WALK_ACTIONS"] = str(args.actions)
        test = "test_soak"
    return pytest.main(["-q", "-p", "no:cacheprovider", "-s", f"{here / 'test_random_walk.py'}::{test}", *rest])


if __name__ == "__main__":
    sys.exit(main())
