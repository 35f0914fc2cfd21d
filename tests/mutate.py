"""Mutation testing (``make mutate``): do the tests catch small changes of the kind a real bug makes?

mutmut (3.8) changes the code one small step at a time (``<`` to ``<=``, ``+ 1`` to ``+ 2``, an
argument to None, ``and`` to ``or``, ...) and runs, for each change ("mutant"), the tests that
reach the changed function. A mutant the tests notice is *killed*; one they do not notice
*survived*: either a gap in the tests or an *equivalent* mutant (a change that changes nothing
observable). Equivalent survivors are listed in ``tests/MUTATION.md`` with a reason each, and
the kill rate is counted without them.

Each group below mutates a few modules and runs only their own tests, in a scratch copy of the
tree under ``build/mutation/<group>/`` (the work tree is never changed). Survivors, with the
diff of each, go to ``mutation-report.txt``.

A run goes on from the last run of the same modules (and sample): mutmut mutates again only the
functions whose code changed and runs their mutants; every other verdict stands, and the last
run's undetected mutants run again against the current tests. A sample (``--sample``) takes the
same mutants every run, chosen by a hash of their names, and gives each kill rate with its 95 %
interval.

    python tests/mutate.py                 # every group, every mutant (hours the first time)
    python tests/mutate.py --sample 5      # every group, a twentieth of the mutants (``make mutate``)
    python tests/mutate.py --fresh engine  # start over: forget the last run's verdicts
    python tests/mutate.py engine lessons  # some groups
    python tests/mutate.py --list          # the groups, their modules and tests
    python tests/mutate.py engine --only lstm_studio/engine/optim.py   # one module of a group
    python tests/mutate.py app-files --only '*/autosave.py' --mutants '*ǁAutosaveǁshutdown__*'  # some functions

Not mutated: user-facing text (the arguments of ``tr``/``translate``/``QT_TRANSLATE_NOOP`` and
tool tips) -- a misspelt tool tip is a review matter, and three "XX...XX"/case mutants per text
would swamp the report. Everything else, error messages included, is mutated.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "build" / "mutation"
REPORT = ROOT / "mutation-report.txt"
EQUIVALENTS = ROOT / "tests" / "MUTATION.md"


@dataclass(frozen=True)
class Group:
    """Modules to mutate (globs relative to the repository) and the tests that are theirs."""

    modules: tuple[str, ...]
    tests: tuple[str, ...]
    qt: bool = False
    """Whether the tests start Qt widgets: then every mutant runs in a process forked from a
    server that has imported the tests but never started Qt (mutmut's "forkserver")."""
    deselect: tuple[str, ...] = field(default=())
    """Tests of these files left out (pytest node ids): long randomised runs that would rerun for
    every mutant they reach, while targeted tests of the same files cover the same code."""
    skip: tuple[str, ...] = field(default=())
    """Functions not mutated, as ``path::Class.function`` globs: widget construction (layouts,
    labels, ranges, tool tips), which is drawing rather than logic."""
    files: tuple[str, ...] = field(default=())
    """Folders of the repository besides the code and the tests that the tests read (the
    translation catalogues and the script that reads them, for a language switch)."""
    module_tests: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    """Narrower tests for some modules, as (module glob, tests): a run whose modules (after
    ``--only``) all have theirs runs only those tests, a run of any other module the group's
    ``tests``. mutmut's stats and clean runs then cover those tests only (the session group's
    whole set took 10 minutes before the first mutant), and each mutant runs only the tests among
    them that reach its function."""

    def tests_for(self, modules: list[str]) -> tuple[str, ...]:
        """The tests of a run that mutates ``modules``."""
        chosen: list[str] = []
        for module in modules:
            found = [tests for pattern, tests in self.module_tests if fnmatch.fnmatch(module, pattern)]
            if not found:
                return self.tests
            chosen += [test for tests in found for test in tests if test not in chosen]
        return tuple(chosen) if chosen else self.tests


SESSION_FILE_TESTS = (
    "tests/session/test_session_file.py", "tests/session/test_session_file_details.py",
    "tests/session/test_session_archive_details.py", "tests/session/test_session_file_faults.py",
    "tests/session/test_session_file_properties.py", "tests/session/test_session_file_io.py",
    "tests/session/test_session_lesson.py", "tests/session/test_safe_files.py",
    # what other features add to the file: the embedding, the free-running start, the work budget
    "tests/session/test_embedding_document.py", "tests/session/test_free_running.py",
    "tests/session/test_work_budget.py::test_a_session_file_beyond_the_budget_is_refused_on_open_with_the_estimate",
    "tests/session/test_work_budget.py::test_a_session_file_of_a_size_the_old_limits_refused_opens_when_within_budget")
"""The tests of the session file (reading, checking, writing), for its modules' mutants."""

DOCUMENT_TESTS = (
    "tests/session/test_document.py", "tests/session/test_document_details.py",
    "tests/session/test_experiments_details.py", "tests/test_experiments.py",
    # what other features ask of the document: the embedding, the free-running start, the work
    # budget, shared read-only arrays, the model's evaluation with the document's settings, the
    # saved file's round trip, a document made in the background, the text run's state rows
    "tests/session/test_embedding_document.py", "tests/session/test_free_running.py",
    "tests/session/test_work_budget.py", "tests/session/test_shared_arrays.py",
    "tests/session/test_model_details.py", "tests/session/test_session_file.py",
    "tests/session/test_deferred.py", "tests/session/test_text_run.py")
"""The tests of the document and of the experiments (about 440 tests, 25 s instead of the group's
several minutes), for those two modules' mutants."""

DATA_FILE_TESTS = ("tests/session/test_data_files.py", "tests/session/test_data_files_details.py")
"""The tests of Open Data's readers without Qt (text files, CSV tables and the document made of
one; about 60 tests, 15 s), for ``data_files.py``'s mutants: the app's tests of Open Data
(``tests/app/test_open_data.py``, ``test_file_actions.py``) start Qt and are not in the group."""

SMALL_MODULE_TESTS = {
    "generators": ("tests/test_generators.py", "tests/session/test_generators_details.py"),
    "binning": ("tests/session/test_binning.py", "tests/session/test_binning_details.py"),
    "presets": ("tests/test_presets.py", "tests/session/test_presets_details.py"),
    "free_running": ("tests/session/test_free_running.py", "tests/session/test_free_running_details.py"),
    "column_names": ("tests/session/test_data_files.py", "tests/session/test_column_names.py"),
    "checked": ("tests/session/test_checked.py",),
    "corpora": ("tests/session/test_corpora.py", "tests/session/test_corpora_details.py"),
}
"""Small session modules and their own tests without Qt (seconds instead of the group's minutes),
for those modules' mutants: the generators, the heatmaps' bins, the presets, the free-running
setting, the CSV columns' names, the gate of arrays into a document and the built-in corpora
(their slow trainings left out, as everywhere)."""

TEXT_RUN_TESTS = ("tests/session/test_text_run.py", "tests/session/test_text_run_pending.py",
                  "tests/session/test_text_run_details.py")
"""The tests of the run over a session's text (the run, its cache, the session model's mixin and
the background worker; a few of them build the session model and wait for its signal, so need Qt;
about 40 tests, a few seconds), for ``text_run.py``'s, ``text_runs.py``'s and
``text_run_worker.py``'s mutants."""

IMPORT_TESTS = (
    "tests/session/test_model_import.py", "tests/session/test_model_import_details.py",
    "tests/session/test_params_io.py", "tests/session/test_params_io_details.py",
    # the example model trained with PyTorch, opened and compared with PyTorch's outputs, and the
    # parameter files' faults: a pipe, values beyond the limit, compressed real weights
    "tests/test_char_model_example.py",
    "tests/session/test_session_file_faults.py::test_a_pipe_is_neither_replaced_nor_read",
    "tests/session/test_session_file_faults.py::test_imported_parameters_beyond_the_limit_are_refused_naming_them",
    "tests/session/test_session_file_faults.py::test_compressed_parameter_files_of_real_weights_still_import")
"""The tests of opening a PyTorch model and of parameter files (about 150 tests without Qt, 20–30 s),
for ``model_import.py``'s and ``params_io.py``'s mutants."""

def _without_window(path: str, leave_out: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The tests of ``path`` (pytest node ids) that take no ``window`` fixture: the session model's
    own tests in a file of the app's, without the main window's two seconds of set-up each."""
    text = (ROOT / path).read_text(encoding="utf-8")
    found = re.findall(r"^def (test_\w+)\((.*?)\):", text, flags=re.M | re.S)
    return tuple(f"{path}::{name}" for name, parameters in found
                 if "window" not in re.findall(r"\w+", parameters) and name not in leave_out)


MODEL_TESTS = (
    "tests/app/test_session_model.py", "tests/session/test_model_details.py",
    # the background evaluation and the held change of structure as the model sees them (the
    # window's tests of the same files left out), free running, the engine's shared arrays
    *_without_window("tests/app/test_background_recompute.py",
                     ("test_dragging_a_large_network_never_blocks_the_gui_thread_long",)),
    *_without_window("tests/app/test_held_structure.py"),
    "tests/session/test_free_running.py", "tests/session/test_shared_arrays.py")
"""The tests of the session model (``model.py``) without the main window (about 150 tests, a
minute on a busy machine), for its mutants."""

WIDGET_CONSTRUCTION = ("*::WeightEditor.__init__", "*::WeightEditor._number", "*::WeightEditor._button",
                       "*::StateEditor.__init__", "*::SequenceEditor.__init__", "*::*._build_*",
                       "*::FileActions._action", "*::LessonPanel.__init__", "*::LessonFigure.__init__",
                       "*::wrapped_label")
"""The widget constructors of the app's modules under test (see ``Group.skip``)."""

DATA_AND_TEXT_CONSTRUCTION = ("*::ColumnsDialog.__init__", "*::TextViewPanel.__init__", "*::SaturationPanel.__init__",
                              "*::SaturationPanel._build", "*::UnitSearch.__init__", "*::UnitSearch.paintEvent")
"""Open Data's columns dialog and the text panels: their constructors (layouts, labels, the table's
columns, signal wiring), the saturation plots' construction (ranges, pens, legends, point sizes)
and the found units' painting (see ``Group.skip``). The choices they draw (a column's default
role, its first values, the intro) are functions of their own, mutated."""

OPEN_DATA_APP_TESTS = (
    "tests/app/test_open_data.py", "tests/app/test_open_data_details.py",
    # the data files in File ▸ Open Recent and a dropped text file
    "tests/app/test_file_actions.py::test_the_recent_menu_numbers_sessions_then_data_files",
    "tests/app/test_file_actions.py::test_the_recent_menu_of_data_files_only_can_be_cleared",
    "tests/app/test_file_actions.py::test_an_empty_recent_menu_says_so_and_cannot_be_cleared",
    "tests/app/test_file_actions.py::test_a_dropped_text_file_opens_as_data")
"""The app's tests of Open Data (the action, the columns dialog, recent data files)."""

GROUPS: dict[str, Group] = {
    "engine": Group(("lstm_studio/engine/*.py",), ("tests/engine",),
                    # it times real evaluations: under mutmut's call tracing (the stats run) and its
                    # trampolines the engine runs slower than the estimate's model, and the stats run
                    # failed on it once; the model's own tests (rates, counts, speed) pin the numbers
                    deselect=("tests/engine/test_cost.py::test_the_time_estimate_is_within_a_factor_of_three_of_the_measured_time",)),
    "session": Group(
        ("lstm_studio/session/*.py",),
        ("tests/session", "tests/test_generators.py", "tests/test_presets.py", "tests/test_demos.py",
         "tests/test_experiments.py", "tests/app/test_session_model.py",
         "tests/app/test_background_recompute.py", "tests/app/test_held_structure.py"),
        qt=True, files=("examples",),  # the PyTorch example model that IMPORT_TESTS train and open
        module_tests=tuple((f"lstm_studio/session/{module}.py", SESSION_FILE_TESTS)
                           for module in ("archive", "file_checks", "io", "safe_files"))
        + tuple((f"lstm_studio/session/{module}.py", DOCUMENT_TESTS) for module in ("document", "experiments"))
        + (("lstm_studio/session/data_files.py", DATA_FILE_TESTS),)
        + tuple((f"lstm_studio/session/{module}.py", tests) for module, tests in SMALL_MODULE_TESTS.items())
        + tuple((f"lstm_studio/session/{module}.py", IMPORT_TESTS) for module in ("model_import", "params_io"))
        + tuple((f"lstm_studio/session/{module}.py", TEXT_RUN_TESTS)
                for module in ("text_run", "text_runs", "text_run_worker"))
        + (("lstm_studio/session/model.py", MODEL_TESTS),)),
    "lessons": Group(("lstm_studio/lessons/*.py",), ("tests/lessons",)),
    "app-editing": Group(
        ("lstm_studio/app/editors/commands.py", "lstm_studio/app/editors/weight_editor.py", "lstm_studio/app/editors/state_editor.py",
         "lstm_studio/app/editors/editing.py"),
        ("tests/app/test_commands.py", "tests/app/test_weight_editor.py", "tests/app/test_editing.py",
         "tests/app/test_undo_memory.py", "tests/app/test_held_structure.py"),
        qt=True, deselect=("tests/app/test_editing.py::test_random_edits_never_raise_and_undo_all_the_way",),
        skip=WIDGET_CONSTRUCTION),
    "app-sequence-editor": Group(
        ("lstm_studio/app/editors/sequence_editor.py", "lstm_studio/app/editors/array_table.py",
         "lstm_studio/app/editors/sequence_plot.py", "lstm_studio/app/editors/channel_backdrop.py"),
        ("tests/app/test_sequence_editor.py", "tests/app/test_sequence_editor_details.py",
         # the editor's headers in a next-character session and in one opened from a CSV table
         "tests/app/test_next_character_views.py::test_one_hot_editors_head_their_columns_with_characters",
         "tests/app/test_next_character_views.py::test_editors_of_other_sessions_keep_channel_names",
         "tests/app/test_open_data.py::test_the_columns_keep_their_names_in_the_editors_and_the_output_legend"),
        qt=True, skip=WIDGET_CONSTRUCTION),
    "app-training": Group(("lstm_studio/app/training/worker.py",),
                          ("tests/app/test_training_worker.py", "tests/app/test_training_dock.py"), qt=True,
                          skip=WIDGET_CONSTRUCTION),
    "app-files": Group(("lstm_studio/app/files/actions.py", "lstm_studio/app/files/autosave.py",
                        "lstm_studio/app/errors.py"),
                       ("tests/app/test_file_actions.py", "tests/app/test_autosave.py", "tests/app/test_export.py",
                        "tests/app/test_errors.py"), qt=True,
                       skip=WIDGET_CONSTRUCTION,
                       module_tests=(("lstm_studio/app/errors.py", ("tests/app/test_errors.py",)),
                                     ("lstm_studio/app/files/autosave.py", ("tests/app/test_autosave.py",)))),
    "app-data": Group(("lstm_studio/app/files/data.py",), OPEN_DATA_APP_TESTS, qt=True,
                      skip=WIDGET_CONSTRUCTION + DATA_AND_TEXT_CONSTRUCTION,
                      files=("packaging", "resources")),  # the Korean catalogue two tests read
    "app-text": Group(
        ("lstm_studio/app/panels/text_view.py", "lstm_studio/app/panels/unit_search.py",
         "lstm_studio/app/panels/saturation.py"),
        ("tests/app/test_text_view.py", "tests/app/test_text_view_pending.py", "tests/app/test_text_view_details.py"),
        qt=True, skip=WIDGET_CONSTRUCTION + DATA_AND_TEXT_CONSTRUCTION),
    "app-lessons": Group(
        ("lstm_studio/app/lessons/*.py",),
        ("tests/app/test_lessons.py", "tests/app/test_lessons_details.py", "tests/app/test_lesson_panel.py",
         "tests/app/test_language_switch.py::test_a_lesson_build_goes_on_and_says_its_progress_in_the_new_language"),
        qt=True, skip=WIDGET_CONSTRUCTION, files=("packaging", "resources"),
        # the lesson panel and its texts on a bare session model: no main window (0.3 s a test)
        module_tests=tuple((f"lstm_studio/app/lessons/{module}.py", ("tests/app/test_lesson_panel.py",))
                           for module in ("panel", "texts"))),
}

TEXT_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "setToolTip", "setStatusTip", "setWhatsThis",
              "setPlaceholderText"}
"""Calls whose arguments are user-facing text: not mutated (see the module docstring)."""


# -- inside the scratch folder: mutmut itself, with two adjustments -------------------------------
def _arity_preserving(function, wrapper):
    """A wrapper with ``function``'s own parameters that calls ``wrapper``.

    mutmut routes every call through ``wrapper(*args, **kwargs)``; Qt looks at how many positional
    parameters a slot takes to decide how many of a signal's arguments to pass, and would pass
    ``clicked``'s ``checked`` to a slot that takes none. With the original parameters Qt sees the
    same slot as without mutmut. Arguments the caller left out are left out of the call too, so
    that a mutant's own default values apply (a mutated default is a mutant like any other).
    """
    import functools
    import inspect

    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return wrapper
    head, body = [], []
    star_done = False
    for name, parameter in signature.parameters.items():
        kind = parameter.kind
        optional = parameter.default is not inspect.Parameter.empty
        default = "=__unset" if optional else ""
        if kind is parameter.POSITIONAL_ONLY or kind is parameter.POSITIONAL_OR_KEYWORD:
            head.append(name + default)
            if optional:
                body += [f"    if {name} is __unset: __gap = True",
                         f"    elif __gap: __kwargs[{name!r}] = {name}",
                         f"    else: __args.append({name})"]
            else:
                body.append(f"    __args.append({name})")
        elif kind is parameter.VAR_POSITIONAL:
            head.append("*" + name)
            body.append(f"    __args.extend({name})")
            star_done = True
        elif kind is parameter.KEYWORD_ONLY:
            if not star_done:
                head.append("*")
                star_done = True
            head.append(name + default)
            body.append(f"    if {name} is not __unset: __kwargs[{name!r}] = {name}" if optional
                        else f"    __kwargs[{name!r}] = {name}")
        else:
            head.append("**" + name)
            body.append(f"    __kwargs.update({name})")
    namespace = {"__wrapper": wrapper, "__unset": object()}
    source = "\n".join([f"def arity_preserving({', '.join(head)}):",
                        "    __args, __kwargs, __gap = [], {}, False", *body,
                        "    return __wrapper(*__args, **__kwargs)", ""])
    exec(source, namespace)
    return functools.wraps(function)(namespace["arity_preserving"])


def in_sample(mutant: str, percent: float) -> bool:
    """Whether ``mutant`` is in the ``percent`` % sample: chosen by a hash of its name, so the same
    mutants every run (their verdicts are kept from run to run like any others) and about the same
    share of every module and function."""
    if percent >= 100:
        return True
    return int(hashlib.sha256(mutant.encode()).hexdigest()[:8], 16) % 10_000 < percent * 100


def _patch_mutmut() -> None:
    import inspect

    import libcst as cst
    from mutmut.mutation import file_mutation, trampoline

    original_wrap = trampoline.wrap_in_trampoline

    def wrap_in_trampoline(mutants_dict, is_classmethod=False):
        decorate = original_wrap(mutants_dict, is_classmethod)

        def mutmut_mutated(function):
            wrapper = decorate(function)
            if inspect.iscoroutinefunction(function) or inspect.isgeneratorfunction(function) \
                    or inspect.isasyncgenfunction(function):
                return wrapper
            return _arity_preserving(function, wrapper)

        return mutmut_mutated

    trampoline.wrap_in_trampoline = wrap_in_trampoline

    # mutmut runs every test twice before the first mutant: traced (the stats: which tests reach
    # which function, and how long each takes; it stops unless all pass) and clean. When the
    # stats of all tests were collected in this same run -- every run that mutates anything:
    # this script deletes the stats whenever the code or the tests changed -- those tests have
    # just passed unmutated, and the clean run would take as long again (minutes in the app
    # groups). A run that loaded its stats still runs its clean tests.
    import mutmut.__main__ as mutmut_main
    from mutmut.workers import isolation as runners

    collect_stats = mutmut_main.run_stats_collection
    all_collected = {"now": False}

    def run_stats_collection(runner, tests=None):
        collect_stats(runner, tests)
        all_collected["now"] |= not tests

    mutmut_main.run_stats_collection = run_stats_collection
    for runner_class in (runners.ForkServerRunner, runners.ForkRunner):
        def run_clean_tests(self, tests, clean=runner_class.run_clean_tests):
            return 0 if all_collected["now"] else clean(self, tests)

        runner_class.run_clean_tests = run_clean_tests

    # a sample (--sample): mutmut sees, runs and counts only the mutants in it
    sample = float(os.environ.get("MUTATE_SAMPLE", "100"))
    if sample < 100:
        collect = mutmut_main.collect_source_file_mutation_data

        def collect_sample(*, mutant_names):
            mutants, by_path = collect(mutant_names=mutant_names)
            return [found for found in mutants if in_sample(found[1], sample)], by_path

        mutmut_main.collect_source_file_mutation_data = collect_sample

    # through the fork server too each mutant's tests run fastest first (as mutmut's plain fork
    # runner does already): with pytest's -x a cheap test that kills the mutant runs first
    from mutmut.state import state
    from mutmut.workers import isolation

    submit_in_set_order = isolation.ForkServerRunner.submit

    def submit(self, mutant_name, tests, *args, **kwargs):
        durations = state().duration_by_test
        ordered = sorted(tests, key=lambda test: (durations.get(test, 0.0), test))
        return submit_in_set_order(self, mutant_name, ordered, *args, **kwargs)

    isolation.ForkServerRunner.submit = submit

    skip = file_mutation.MutationVisitor._skip_node_and_children

    def skip_text(self, node):
        if isinstance(node, cst.Call):
            func = node.func
            name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) \
                else None
            if name in TEXT_CALLS:
                return True
        return skip(self, node)

    file_mutation.MutationVisitor._skip_node_and_children = skip_text

    # functions named in the group's skip patterns: track the enclosing classes and the file
    skip_patterns = json.loads(os.environ.get("MUTATE_SKIP", "[]"))
    visitor = file_mutation.MutationVisitor
    on_visit, on_leave, create = visitor.on_visit, visitor.on_leave, file_mutation.create_mutations
    current = {"file": "", "classes": []}

    def create_mutations(filename, code, *args, **kwargs):
        current["file"], current["classes"] = str(filename), []
        return create(filename, code, *args, **kwargs)

    def visit(self, node):
        if isinstance(node, cst.FunctionDef):
            qualified = ".".join(current["classes"] + [node.name.value])
            if any(fnmatch.fnmatch(f"{current['file']}::{qualified}", p) for p in skip_patterns):
                return False
        if isinstance(node, cst.ClassDef):
            current["classes"].append(node.name.value)
        return on_visit(self, node)

    def leave(self, original_node):
        if isinstance(original_node, cst.ClassDef):
            current["classes"].pop()
        return on_leave(self, original_node)

    visitor.on_visit, visitor.on_leave = visit, leave
    file_mutation.create_mutations = create_mutations


def _survivor_report() -> None:
    """Print JSON: every mutant's status, and the diff of each one that was not killed."""
    from mutmut.__main__ import SourceFileMutationData, walk_mutatable_files
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    statuses, diffs = {}, {}
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, code in data.exit_code_by_key.items():
            statuses[name] = status_by_exit_code[code]
            if statuses[name] not in ("killed", "timeout", "segfault"):
                diffs[name] = get_diff_for_mutant(name, path=path)
    print("MUTATION-JSON " + json.dumps({"statuses": statuses, "diffs": diffs}))


def worker(arguments: list[str]) -> int:
    """Run in the scratch folder: ``run MAX_CHILDREN [MUTANT ...]`` or ``report``."""
    _patch_mutmut()
    if arguments[0] == "report":
        _survivor_report()
        return 0
    from mutmut.__main__ import cli

    try:
        cli(["run", "--max-children", arguments[1], *arguments[2:]], standalone_mode=False)
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


# -- the orchestration ------------------------------------------------------------------------
def _pytest_options() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["pytest"]["ini_options"]


def _toml_value(value) -> str:
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "[" + ", ".join(_toml_value(v) for v in value) + "]"


def _modules(group: Group, only: list[str]) -> list[str]:
    files = sorted({str(path.relative_to(ROOT)) for pattern in group.modules for path in ROOT.glob(pattern)})
    files = [f for f in files if not f.endswith("__init__.py") or (ROOT / f).stat().st_size > 200]
    if only:
        files = [f for f in files if any(fnmatch.fnmatch(f, pattern) for pattern in only)]
    return files


def _prepare(name: str, group: Group, modules: list[str]) -> Path:
    scratch = SCRATCH / name
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    shutil.copytree(ROOT / "lstm_studio", scratch / "lstm_studio", ignore=ignore)
    shutil.copytree(ROOT / "tests", scratch / "tests", ignore=ignore)
    shutil.copy(ROOT / "README.md", scratch / "README.md")  # its lessons table is tested
    for folder in group.files:
        shutil.copytree(ROOT / folder, scratch / folder, ignore=ignore)
    lines = ["[tool.pytest.ini_options]"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in _pytest_options().items()]
    lines += [
        "", "[tool.mutmut]",
        'source_paths = ["lstm_studio/"]',
        f"also_copy = {_toml_value(['README.md', *group.files])}",
        f"only_mutate = {_toml_value(modules)}",
        f"pytest_add_cli_args_test_selection = {_toml_value(list(group.tests_for(modules)))}",
        # no slow tests (real training runs), no cache files, no hypothesis database
        "pytest_add_cli_args = " + _toml_value(["-m", "not slow", "-p", "no:cacheprovider"]
                                               + [f"--deselect={test}" for test in group.deselect]),
        f'process_isolation = "{"forkserver" if group.qt else "fork"}"',
        "use_git_change_detection = false",
    ]
    (scratch / "pyproject.toml").write_text("\n".join(lines) + "\n")
    return scratch


def _tree_texts(folder: Path) -> dict[str, bytes]:
    ignored = ("__pycache__", ".hypothesis")
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not any(part in ignored for part in path.parts) and path.suffix != ".pyc"}


def _refresh(scratch: Path, group: Group, modules: list[str]) -> bool:
    """Bring an earlier run's scratch copy up to date: the code (mutmut then mutates the changed
    functions again and resets their verdicts), the tests, the group's files and tests. Whether
    anything changed."""
    changed = _sync(ROOT / "lstm_studio", scratch / "lstm_studio") > 0
    changed |= any(_tree_texts(ROOT / folder) != _tree_texts(scratch / folder) for folder in ("tests", *group.files))
    if not changed:
        return False
    for tests in (scratch / "tests", scratch / "mutants" / "tests"):
        shutil.rmtree(tests, ignore_errors=True)
        shutil.copytree(ROOT / "tests", tests, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _retest_config(scratch, group, modules)
    # which tests reach which function: collected afresh, since mutmut collects it again only
    # for tests with new names, and a test changed under its old name would keep the old list
    # (a survivor would then run only the tests that reached its function before)
    with contextlib.suppress(FileNotFoundError):
        (scratch / "mutants" / "mutmut-stats.json").unlink()
    return True


def _retest_config(scratch: Path, group: Group, modules: list[str]) -> None:
    """The group's tests and files as they are now (a test file or folder added to the group
    since the run counts in its retest)."""
    for folder in group.files:
        for copy in (scratch / folder, scratch / "mutants" / folder):
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(ROOT / folder, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    config = scratch / "pyproject.toml"
    lines = [f"pytest_add_cli_args_test_selection = {_toml_value(list(group.tests_for(modules)))}"
             if line.startswith("pytest_add_cli_args_test_selection =")
             else f"also_copy = {_toml_value(['README.md', *group.files])}" if line.startswith("also_copy =")
             else line for line in config.read_text().splitlines()]
    config.write_text("\n".join(lines) + "\n")


def _run_worker(scratch: Path, arguments: list[str], log: Path, skip: tuple[str, ...] = (),
                sample: float = 100) -> str:
    """Run mutmut in ``scratch`` through :func:`worker`; its output goes to ``log`` as it comes."""
    # LSTM_STUDIO_MUTATION: the tests' "mutation" hypothesis profile (tests/conftest.py), fewer
    # examples of each property, the same for every mutant
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1", MUTATE_SKIP=json.dumps(skip),
               LSTM_STUDIO_MUTATION="1", MUTATE_SAMPLE=repr(sample))
    with open(log, "w") as out:
        process = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", *arguments],
                                 cwd=scratch, env=env, stdout=out, stderr=subprocess.STDOUT)
    # mutmut redraws a spinner with carriage returns: keep the last state of each line
    output = "\n".join(line.split("\r")[-1] for line in log.read_text(errors="replace").splitlines())
    if process.returncode:
        raise RuntimeError(f"mutmut {' '.join(arguments)} failed in {scratch} (exit {process.returncode}); "
                           f"see {log}")
    return output


def _sync(source: Path, copy: Path) -> int:
    """Copy the ``.py`` files of ``source`` whose text differs from ``copy``'s (new times: mutmut
    mutates them again, keeping the results of the functions that did not change); how many."""
    copied = 0
    for path in source.rglob("*.py"):
        target = copy / path.relative_to(source)
        if not target.exists() or target.read_bytes() != path.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied += 1
    return copied


def _report(scratch: Path, group: Group, sample: float = 100) -> dict:
    """The scratch copy's verdicts: {"statuses": {mutant: status}, "diffs": {mutant: diff}}."""
    output = _run_worker(scratch, ["report"], SCRATCH / f"{scratch.name}-report.log", group.skip, sample)
    return json.loads(next(line for line in output.splitlines()
                           if line.startswith("MUTATION-JSON "))[len("MUTATION-JSON "):])


def listed_equivalents() -> dict[str, str]:
    """``tests/MUTATION.md``'s equivalent mutants: name -> reason (lines "- `name`: reason")."""
    if not EQUIVALENTS.exists():
        return {}
    found = re.findall(r"^- `([^`]+)`:? (.*)$", EQUIVALENTS.read_text(encoding="utf-8"), flags=re.M)
    return dict(found)


DETECTED = {"killed", "timeout", "segfault"}
"""Statuses of a mutant the tests noticed: a failing test, a hang (mutmut's time limit) or a
crash of the test process ("segfault": ended by a signal, e.g. an exception inside a Qt
virtual method that aborts)."""


def interval(detected: int, considered: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson 95 % interval of a kill rate measured on a sample: ``detected`` of ``considered``."""
    if not considered:
        return 1.0, 1.0
    rate, spread = detected / considered, z * z / considered
    centre = (rate + spread / 2) / (1 + spread)
    half = z * math.sqrt(rate * (1 - rate) / considered + spread / (4 * considered)) / (1 + spread)
    return max(0.0, centre - half), min(1.0, centre + half)


def goes_on(scratch: Path, setting: dict, fresh: bool = False, retest: bool = False) -> bool:
    """Whether a run goes on from the last run in ``scratch`` (keeping the verdicts of unchanged
    functions) rather than starting over: by default when the last run mutated the same modules
    with the same sample and skips (``setting``); with ``retest`` whenever there was a run."""
    if fresh or not (scratch / "mutants").is_dir():
        return False
    last = scratch / "setting.json"
    return retest or (last.exists() and json.loads(last.read_text()) == setting)


def summarise(name: str, statuses: dict[str, str], equivalents: dict[str, str], seconds: float,
              sample: float = 100) -> tuple[str, dict]:
    counts: dict[str, int] = {}
    for status in statuses.values():
        counts[status] = counts.get(status, 0) + 1
    equivalent = [m for m, s in statuses.items() if s not in DETECTED and m in equivalents]
    killed_but_listed = [m for m, s in statuses.items() if s in DETECTED and m in equivalents]
    total, killed = len(statuses), sum(counts.get(status, 0) for status in DETECTED)
    considered = total - len(equivalent)
    rate = killed / considered if considered else 1.0
    low, high = interval(killed, considered) if sample < 100 else (rate, rate)
    line = (f"{name}: {total} mutants" + (f" (a {sample:g} % sample)" if sample < 100 else "")
            + f", {killed} killed, {len(equivalent)} equivalent (listed in MUTATION.md), "
            f"{considered - killed} not killed: {100 * rate:.1f} % of the non-equivalent mutants killed"
            + (f" (95 % interval {100 * low:.1f}–{100 * high:.1f} %)" if sample < 100 else "")
            + f" ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}; {seconds / 60:.1f} min)")
    if killed_but_listed:
        line += f"\n  listed as equivalent but killed now: {', '.join(killed_but_listed)}"
    return line, {"total": total, "killed": killed, "equivalent": len(equivalent), "rate": rate,
                  "interval": (low, high), "counts": counts, "minutes": seconds / 60}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        return worker(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="*", help=f"groups to run (default: all): {', '.join(GROUPS)}")
    parser.add_argument("--only", action="append", default=[], metavar="GLOB",
                        help="mutate only these modules of the chosen groups")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--list", action="store_true", help="list the groups and stop")
    parser.add_argument("--fresh", action="store_true",
                        help="start over: forget the last run's verdicts (by default a run goes on from the last "
                             "run of the same modules: only the mutants of changed functions and the last "
                             "run's undetected mutants run)")
    parser.add_argument("--retest", action="store_true",
                        help="go on from the last run even if it mutated other modules or a sample of another "
                             "size, with its --mutants unless new ones are given")
    parser.add_argument("--sample", type=float, default=100, metavar="PERCENT",
                        help="run only this share of each module's mutants, the same ones every run "
                             "(chosen by a hash of their names); the kill rate is then an estimate, "
                             "given with its 95 %% interval")
    parser.add_argument("--mutants", action="append", default=[], metavar="GLOB",
                        help="run only the mutants whose names match (fnmatch), e.g. "
                             "'*xǁAutosaveǁshutdown__mutmut_*' for one method")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    chosen = args.groups or list(GROUPS)
    if args.list:
        for name in chosen:
            group = GROUPS[name]
            modules = _modules(group, args.only)
            print(f"{name}: {' '.join(modules)}\n    tests: {' '.join(group.tests_for(modules))}")
        return 0

    if not 0 < args.sample <= 100:
        parser.error("--sample is a percentage above 0 and at most 100")
    equivalents = listed_equivalents()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    summaries, survivors = [], []
    started = time.monotonic()
    for name in chosen:
        group = GROUPS[name]
        modules = _modules(group, args.only)
        if not modules:
            continue
        scratch, result = SCRATCH / name, SCRATCH / name / "result.json"
        begun = time.monotonic()
        earlier = json.loads(result.read_text()) if result.exists() else {}
        setting = {"modules": modules, "sample": args.sample, "skip": list(group.skip)}
        if args.retest and not (scratch / "mutants").is_dir():
            print(f"== {name}: no earlier run to retest", flush=True)
            continue
        go_on = goes_on(scratch, setting, args.fresh, args.retest)
        patterns = args.mutants or (earlier.get("mutants", []) if args.retest else [])
        log = SCRATCH / f"{name}.log"

        def wanted(mutant: str) -> bool:
            """In the sample and the --mutants: run, counted and retested (the others are not)."""
            return in_sample(mutant, args.sample) and (
                not patterns or any(fnmatch.fnmatch(mutant, pattern) for pattern in patterns))

        if go_on:
            # the tests and the code as they are now: mutmut re-mutates the functions that changed
            # and runs their mutants, keeping every other verdict; the last run's undetected
            # mutants (those it reached) run again against the current tests
            last = _report(scratch, group, args.sample)["statuses"]
            before = [m for m, status in last.items()
                      if status not in DETECTED and status != "not checked" and m not in equivalents and wanted(m)]
            # a run stopped before its end (or whose stats run failed) left mutants not checked
            pending = sum(status == "not checked" and wanted(m) for m, status in last.items())
            print(f"== {name}: going on from the last run: the mutants of changed functions, the "
                  f"{pending} it did not reach and the {len(before)} it did not detect, run with the "
                  f"current tests and code", flush=True)
            changed = _refresh(scratch, group, modules)
            if changed or patterns or pending:
                _run_worker(scratch, ["run", str(args.max_children), *patterns], log, group.skip, args.sample)
            else:
                print("   neither the code nor the tests changed since the last run: its verdicts stand", flush=True)
            now = _report(scratch, group, args.sample)["statuses"]
            again = [m for m in before if changed and m in now and now[m] not in DETECTED
                     and not any(fnmatch.fnmatch(m, pattern) for pattern in patterns)]  # not run just now
            if again:
                _run_worker(scratch, ["run", str(args.max_children), *again], log.with_suffix(".2.log"),
                            group.skip, args.sample)
        else:
            print(f"== {name}: mutating {len(modules)} module(s)"
                  + (f", a {args.sample:g} % sample of their mutants" if args.sample < 100 else "")
                  + f", tests {' '.join(group.tests_for(modules))}", flush=True)
            _prepare(name, group, modules)
            (scratch / "setting.json").write_text(json.dumps(setting))
            _run_worker(scratch, ["run", str(args.max_children), *patterns], log, group.skip, args.sample)
        data = _report(scratch, group, args.sample)
        data["statuses"] = {m: status for m, status in data["statuses"].items() if wanted(m)}
        if patterns:
            data["mutants"] = patterns
        data["seconds"] = seconds = time.monotonic() - begun
        data["sample"] = args.sample
        result.write_text(json.dumps(data))
        line, _ = summarise(name, data["statuses"], equivalents, seconds, args.sample)
        if go_on:
            line += (f"\n  went on from the last run ({len(again)} of its undetected run again); --fresh starts over"
                     if changed or patterns else "\n  as the last run left it (nothing changed); --fresh starts over")
        print(line, flush=True)
        summaries.append(line)
        for mutant, status in sorted(data["statuses"].items()):
            if status not in DETECTED and mutant not in equivalents:
                survivors.append(f"### {mutant}: {status}\n{data['diffs'].get(mutant, '')}\n")
    with contextlib.suppress(FileNotFoundError):
        args.report.unlink()
    text = ["Mutation testing (tests/mutate.py, mutmut); equivalent mutants are listed in tests/MUTATION.md.",
            f"Groups: {', '.join(chosen)}" + (f"; only {', '.join(args.only)}" if args.only else "")
            + (f"; a {args.sample:g} % sample of the mutants" if args.sample < 100 else ""),
            f"Total time {(time.monotonic() - started) / 60:.1f} min", "", *summaries, "",
            f"{len(survivors)} mutants not killed and not listed as equivalent:", "", *survivors]
    args.report.write_text("\n".join(text), encoding="utf-8")
    print(f"report: {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
