"""The undo history keeps its memory under a limit: the oldest edits go, History says so, and
what stays undoes and redoes exactly as before."""

import numpy as np
import pytest

from lstm_studio.app.editors.commands import (
    UNDO_MEMORY_MB,
    ConfigCommand,
    GestureCommand,
    SetArrayCommand,
    UndoStack,
    command_bytes,
    payload_bytes,
)
from lstm_studio.app.editors.editing import HistoryView
from lstm_studio.session.document import NetworkConfig, new_document
from lstm_studio.session.model import SessionModel

MB = 2**20


@pytest.fixture
def model(qapp):
    return SessionModel(new_document(NetworkConfig(hidden_size=32, seq_len=50, input_size=4)))


def edit_inputs(model, stack, value):
    stack.push(SetArrayCommand(model, "inputs", np.full_like(model.document.inputs, value), f"inputs {value}"))


def test_a_command_knows_the_memory_it_holds(model):
    doc = model.document
    command = ConfigCommand(model, "Hidden size: 64", hidden_size=64)
    assert command_bytes(command) == payload_bytes(doc)  # its new document is not made yet
    new = command._new.result()  # (made when pushed: by the model, or its worker when held)
    assert payload_bytes(new) >= sum(p.nbytes for p in new.parameters.values()) > 0
    assert command_bytes(command) == payload_bytes(doc) + payload_bytes(new)
    assert payload_bytes(doc) >= sum(p.nbytes for p in doc.parameters.values()) + doc.inputs.nbytes
    edit = SetArrayCommand(model, "inputs", np.ones_like(doc.inputs), "inputs")
    assert 2 * doc.inputs.nbytes <= command_bytes(edit) < 2 * doc.inputs.nbytes + 200  # + its texts


def test_the_window_history_is_bounded_by_default(qapp):
    assert 16 <= UNDO_MEMORY_MB <= 512
    assert UndoStack().limit_mb == UNDO_MEMORY_MB


def per_edit(model) -> int:
    """What one more edit of the inputs adds to the history: its new inputs (its old ones are
    the edit before's new ones, shared, counted once)."""
    return model.document.inputs.nbytes


def test_an_array_several_commands_share_is_counted_once(model):
    stack = UndoStack()
    for k in range(5):
        edit_inputs(model, stack, float(k))
    texts = sum(command_bytes(stack.command(i)) - 2 * per_edit(model) for i in range(5))
    assert stack.memory_bytes() == 6 * per_edit(model) + texts  # 5 edits: 6 different arrays
    assert sum(stack.command_sizes()) == 10 * per_edit(model) + texts
    for hidden in (40, 48):  # the documents of changes of sizes share their read-only arrays
        stack.push(ConfigCommand(model, f"hidden {hidden}", hidden_size=hidden))
    hidden_40 = stack.command(5)._new.result()  # the first change's new document (made: not held), the second one's old
    assert stack.command(6)._old.parameters["weight_hh_l0"] is hidden_40.parameters["weight_hh_l0"]
    assert sum(stack.command_sizes()) - stack.memory_bytes() >= sum(
        p.nbytes for p in hidden_40.parameters.values())


def test_oldest_edits_are_dropped_beyond_the_limit_and_the_rest_undoes_exactly(model):
    stack = UndoStack(limit_mb=11.5 * per_edit(model) / MB)  # 11 arrays: 10 edits
    history = HistoryView(stack, model)
    documents = [model.document.copy()]
    for k in range(25):
        edit_inputs(model, stack, float(k))
        documents.append(model.document.copy())
        assert stack.memory_bytes() <= stack.limit_bytes
    assert stack.count() == 10 and stack.index() == 10
    assert stack.dropped == 15
    assert "15 older edit" in history.emptyLabel() and "MB" in history.emptyLabel()
    assert [stack.text(i) for i in range(10)] == [f"inputs {k}.0" for k in range(15, 25)]
    history.go_to(0)  # the start of History is the document after the dropped edits
    assert model.document.equals(documents[15])
    history.go_to(10)
    assert model.document.equals(documents[25])
    history.go_to(4)
    assert model.document.equals(documents[19])
    stack.clear()  # a new history (New, Open): no note any more
    assert stack.dropped == 0 and history.emptyLabel() == "<start>"


def test_redo_entries_and_the_last_edit_are_never_dropped(model):
    stack = UndoStack(limit_mb=4.5 * per_edit(model) / MB)  # 3 edits
    documents = [model.document.copy()]
    for k in range(6):
        edit_inputs(model, stack, float(k))
        documents.append(model.document.copy())
    stack.setIndex(1)  # five edits undone: they stay redoable however much they hold
    assert model.document.equals(documents[4])
    edit_inputs(model, stack, 99.0)  # a new edit discards the redo entries as always
    assert stack.count() == 2 and stack.index() == 2
    huge = UndoStack(limit_mb=0.5 * per_edit(model) / MB)  # one edit alone is beyond the limit: kept
    edit_inputs(model, huge, 1.0)
    edit_inputs(model, huge, 2.0)
    assert huge.count() == 1 and huge.dropped == 1
    huge.undo()
    assert model.document.inputs[0, 0] == 1.0


def test_nothing_is_dropped_while_holding(model):
    holding = [True]
    stack = UndoStack(limit_mb=3.5 * per_edit(model) / MB, holding=lambda: holding[0])  # 2 edits
    for k in range(5):
        edit_inputs(model, stack, float(k))
    assert stack.count() == 5 and stack.dropped == 0
    holding[0] = False
    edit_inputs(model, stack, 5.0)
    assert stack.count() == 2 and stack.dropped == 4


def test_a_gesture_goes_on_merging_after_old_edits_were_dropped(model):
    stack = UndoStack(limit_mb=3.5 * per_edit(model) / MB)  # 2 edits
    before = model.document.inputs.copy()
    for k in range(3):
        edit_inputs(model, stack, float(k))
    start = model.document.inputs.copy()
    for value in (0.1, 0.2, 0.3):  # one drag: one entry, even across the rebuilt stack
        new = start.copy()
        new[0, 0] = value
        stack.push(GestureCommand(model, "inputs", new, "drag", gesture=7, merge_id=2))
    assert stack.count() == 2 and stack.text(1) == "drag"
    stack.undo()
    np.testing.assert_array_equal(model.document.inputs, start)
    stack.redo()
    assert model.document.inputs[0, 0] == 0.3
    assert not np.array_equal(before, start)


def test_the_clean_state_moves_with_the_dropped_edits(model):
    stack = UndoStack(limit_mb=4.5 * per_edit(model) / MB)  # 3 edits
    for k in range(3):
        edit_inputs(model, stack, float(k))
    stack.setClean()
    edit_inputs(model, stack, 3.0)
    edit_inputs(model, stack, 4.0)
    assert stack.dropped == 2 and stack.cleanIndex() == 1
    for k in range(5, 9):
        edit_inputs(model, stack, float(k))
    assert stack.cleanIndex() == -1  # the saved state is no longer in the history


def test_history_click_is_one_update_of_the_panels(model, qtbot):
    stack = UndoStack()
    history = HistoryView(stack, model)
    qtbot.addWidget(history)
    for hidden in (4, 6, 8, 10):
        stack.push(ConfigCommand(model, f"hidden {hidden}", hidden_size=hidden))
    rebuilt = []
    model.structureChanged.connect(lambda: rebuilt.append(model.config.hidden_size))
    history.go_to(0)
    assert rebuilt == [32]
    history.go_to(4)
    assert rebuilt == [32, 10]


def test_freed_memory_goes_back_after_a_structural_change(model, monkeypatch):
    import sys

    from lstm_studio.app.window import memory

    returned = []
    monkeypatch.setattr(memory, "release_freed_memory", lambda: returned.append(True) or True)
    returner = memory.MemoryReturner(model)
    model.set_config(hidden_size=8)
    assert returner.timer.isActive() and returner.timer.interval() == memory.TRIM_DELAY_MS
    returner.timer.timeout.emit()
    assert returned == [True]
    assert returner.periodic.isActive() and returner.periodic.interval() == memory.TRIM_EVERY_MS
    returner.periodic.timeout.emit()  # and every so often
    assert returned == [True, True]
    model.set_training(True)
    returner.periodic.timeout.emit()  # but not while a run trains: a trim of a big heap is a pause
    assert returned == [True, True]
    model.set_training(False)
    returner.periodic.timeout.emit()
    assert returned == [True, True, True]
    if sys.platform.startswith("linux"):
        monkeypatch.undo()
        assert memory.release_freed_memory() in (True, False)  # False only without glibc


def test_the_allocator_maps_big_blocks_on_their_own(qapp):
    import sys

    from lstm_studio.app.window import memory
    from lstm_studio.engine.heap import C_LIBRARY

    if not sys.platform.startswith("linux") or C_LIBRARY is None:
        pytest.skip("glibc only")
    assert memory.tune_allocator() and memory.tune_allocator()  # once, then nothing more to do


def test_the_gui_threads_engine_work_arrays_are_let_go(model, monkeypatch):
    from lstm_studio.app.window import memory
    from lstm_studio.engine import work_arrays

    # a pool of the app's bounds but of this test alone: the shared one may be full of blocks that
    # objects of earlier tests still hold, and then lends nothing (plain arrays beyond its capacity)
    pool = work_arrays.TracePool(work_arrays.TRACES.capacity_bytes, work_arrays.TRACES.smallest_bytes,
                                 work_arrays.TRACES.largest_bytes)
    monkeypatch.setattr(memory, "TRACES", pool)
    big = work_arrays.scratch("test", (512, 1024), np.float64)  # a big computation's work array
    assert big.nbytes == 4 * MB
    kept = pool.array((256, 1024), np.float64)  # a trace's array, still shown
    pool.array((128, 1024), np.float64)  # one let go: a free block of the pool
    assert pool.held_bytes == kept.nbytes + 1 * MB
    memory.release_freed_memory()
    assert not work_arrays._scratch.__dict__.get("buffers")  # every work array let go
    assert pool.held_bytes == kept.nbytes  # the free block went too, not the block still lent
    kept[:] = 1.0
    model.set_inputs(model.document.inputs + 0.5)  # the next evaluation makes what it needs
    assert work_arrays._scratch.__dict__["buffers"]


def test_a_rebuilds_garbage_is_collected_soon_after(qtbot):
    """The old panels of a structural change sit in reference cycles (about 5 MB of Qt objects
    per rebuild of the window before new sizes reshaped the plots and a new kind reused them; a
    change to a simple RNN still leaves about 2,500 objects); the window collects them COLLECT_DELAY_MS later, not dozens of
    rebuilds later when the collector's own schedule comes round (memory.MemoryReturner)."""
    import gc

    from lstm_studio.app.application import configure_pyqtgraph
    from lstm_studio.app.window import memory
    from lstm_studio.app.window.main_window import MainWindow

    configure_pyqtgraph()
    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    gc.collect()
    gc.disable()  # only the window's own collection may find the garbage
    try:
        # a change of kind makes plots again (new sizes only reshape them)
        window.model.set_config(kind="gru")
        assert window.memory.collector.isActive()
        qtbot.wait(memory.COLLECT_DELAY_MS + 100)
        left = gc.collect()
        window.model.set_config(kind="rnn_tanh")
        uncollected = gc.collect()  # what a rebuild leaves when nothing collects it
    finally:
        gc.enable()
    assert uncollected > 1000, "a rebuild no longer leaves garbage: this test measures nothing"
    assert left < uncollected / 10
    window.model.mark_saved()


class _Cycle:
    def __init__(self):
        self.me = self


def test_only_the_gui_thread_collects_and_only_from_its_event_loop(qtbot, qapp):
    """Python's automatic collection is off in the app (it ran inside paints and worker threads
    and deleted Qt objects there: a segfault while a view painted); the GUI thread's event loop
    collects on the usual thresholds instead."""
    import gc
    import threading
    import weakref

    from lstm_studio.app.application import create_application
    from lstm_studio.app.window import memory

    gc.enable()  # as a fresh interpreter has it (the test suite switched it off already)
    assert create_application() is qapp
    assert not gc.isenabled()
    collector = memory.collect_in_gui_thread_only(qapp)
    assert qapp.findChildren(memory.GuiThreadCollector) == [collector] and collector.timer.isActive()

    gone = []

    def make_garbage():
        first = _Cycle()
        gone.append(weakref.ref(first))
        for _ in range(10 * gc.get_threshold()[0]):  # far beyond a collection's threshold
            _Cycle()

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    assert gone[0]() is not None  # no collection in the worker
    qtbot.waitUntil(lambda: gone[0]() is None, timeout=5000)  # the event loop's collection


def test_full_collections_leave_the_imports_aside_and_still_find_new_cycles(qapp):
    """The objects alive at start-up (the imports) are set aside once: a full collection no
    longer looks at them (it took 25 ms of the GUI thread for them alone), and what is made
    later is collected as before; a second call sets nothing more aside."""
    import gc
    import sys
    import weakref

    from lstm_studio.app.window import memory

    memory.collect_in_gui_thread_only(qapp)
    set_aside = gc.get_freeze_count()
    assert set_aside > 10_000
    tracked = {id(o) for o in gc.get_objects()}
    assert id(sys.modules["pyqtgraph"]) not in tracked
    assert id(sys.modules["lstm_studio.engine.cells"]) not in tracked

    later = _Cycle()
    gone = weakref.ref(later)
    del later
    memory.collect_in_gui_thread_only(qapp)
    assert gc.get_freeze_count() == set_aside  # not again: a window's objects are not set aside
    memory.collect_garbage()
    assert gone() is None


# -- details found by mutation testing -----------------------------------------------------------
def test_dropped_changed_says_how_many_edits_were_dropped_in_all(model):
    stack = UndoStack(limit_mb=3.5 * per_edit(model) / MB)  # 2 edits
    counts = []
    stack.droppedChanged.connect(counts.append)
    for k in range(5):
        edit_inputs(model, stack, float(k))
    assert counts == [1, 2, 3] and stack.dropped == 3
    stack.clear()
    assert counts == [1, 2, 3, 0]


def test_a_kept_edit_still_counts_the_arrays_it_holds(model):
    """After older edits were dropped, the edits that stay hold what they held before: their old
    and new inputs (and their texts)."""
    stack = UndoStack(limit_mb=3.5 * per_edit(model) / MB)
    for k in range(4):
        edit_inputs(model, stack, float(k))
    assert stack.dropped == 2
    for i in range(stack.count()):
        assert 2 * per_edit(model) <= command_bytes(stack.command(i)) < 2 * per_edit(model) + 200


@pytest.mark.parametrize("limit_mb", [UNDO_MEMORY_MB, 1e-6])  # the merged command kept as it was, or rebuilt
def test_a_merged_step_counts_what_it_holds_after_the_merge(model, limit_mb):
    """A setting's steps merge into one command whose new value is the last step's: the history
    counts that value, not the first step's."""
    from lstm_studio.app.editors.commands import ModelSettingCommand

    stack = UndoStack(limit_mb=limit_mb)
    stack.push(ModelSettingCommand("other", lambda value: None, None, np.zeros(1000), merge_key="other"))
    stack.push(ModelSettingCommand("step 1", lambda value: None, None, np.zeros(1000), merge_key="steps"))
    assert stack.command_sizes()[-1] >= 8000
    stack.push(ModelSettingCommand("step 2", lambda value: None, None, np.zeros(10), merge_key="steps"))
    assert stack.count() == (2 if limit_mb == UNDO_MEMORY_MB else 1)
    assert 80 <= stack.command_sizes()[-1] < 8000
    assert stack.memory_bytes() < (8000 if limit_mb < 1 else 16000)


def test_the_saved_state_at_the_first_edit_kept_becomes_the_start(model):
    """Saved after two edits, then two dropped: the saved state is the start of History now."""
    stack = UndoStack(limit_mb=3.5 * per_edit(model) / MB)  # 2 edits
    edit_inputs(model, stack, 0.0)
    edit_inputs(model, stack, 1.0)
    stack.setClean()
    edit_inputs(model, stack, 2.0)
    edit_inputs(model, stack, 3.0)
    assert stack.dropped == 2 and stack.count() == 2
    assert stack.cleanIndex() == 0
    stack.setIndex(0)
    assert stack.isClean() and model.document.inputs[0, 0] == 1.0


def test_a_settings_steps_go_on_merging_after_older_edits_were_dropped(model):
    """The steps of one spin box after older edits were dropped: one undo step named after the
    last, undone to the value before the first (merging into a kept command used to call Qt on
    the command Qt had deleted when the stack was rebuilt: the app crashed)."""
    from lstm_studio.app.editors.commands import ModelSettingCommand

    applied = []
    stack = UndoStack(limit_mb=3.5 * per_edit(model) / MB)  # 2 edits
    for k in range(2):
        edit_inputs(model, stack, float(k))
    pad = np.zeros(per_edit(model) // 8)  # the setting's steps hold as much as an edit

    def step(text, old, new, key="truncation"):
        stack.push(ModelSettingCommand(text, lambda value: applied.append(value[0]), (old, pad), (new, pad),
                                       merge_key=key))

    step("Truncation 5", 4, 5)
    assert stack.dropped == 1
    step("Truncation 6", 5, 6)
    step("Truncation 7", 6, 7)
    assert stack.count() == 2 and stack.text(1) == "Truncation 7" and stack.undoText() == "Truncation 7"
    assert applied == [5, 6, 7]
    stack.undo()
    assert applied[-1] == 4
    stack.redo()
    assert applied[-1] == 7
    step("Clipping 1", 0, 1, key="clipping")
    assert stack.text(stack.count() - 1) == "Clipping 1", "another setting is a step of its own"


def test_the_bound_after_a_merge_counts_the_merged_steps_new_size(model):
    """A merge replaces a step's value: the bound right after it weighs the new value, and drops
    nothing when that fits (held back while a run held the history, then released)."""
    from lstm_studio.app.editors.commands import ModelSettingCommand

    holding = [True]
    stack = UndoStack(limit_mb=12000 / MB, holding=lambda: holding[0])
    stack.push(ModelSettingCommand("a", lambda value: None, None, np.zeros(1000), merge_key="a"))
    stack.push(ModelSettingCommand("step 1", lambda value: None, None, np.zeros(1000), merge_key="steps"))
    assert stack.memory_bytes() > stack.limit_bytes and stack.dropped == 0
    holding[0] = False
    stack.push(ModelSettingCommand("step 2", lambda value: None, None, np.zeros(10), merge_key="steps"))
    assert stack.memory_bytes() < stack.limit_bytes
    assert stack.count() == 2 and stack.dropped == 0


def test_an_array_shared_inside_the_values_of_settings_is_counted_once(model):
    """A setting's values may be tuples or lists holding arrays (a step's new value the next
    step's old one): the history counts each array once, as it does for edits."""
    from lstm_studio.app.editors.commands import ModelSettingCommand

    a, b, c = np.zeros(1000), np.ones(1000), np.full(1000, 2.0)
    stack = UndoStack()
    stack.push(ModelSettingCommand("first", lambda value: None, (a,), (b,)))
    stack.push(ModelSettingCommand("second", lambda value: None, [b], [c]))
    assert 3 * a.nbytes <= stack.memory_bytes() < 3 * a.nbytes + 500
    assert 4 * a.nbytes <= sum(stack.command_sizes()) < 4 * a.nbytes + 500


def test_the_start_of_history_says_how_many_edits_went_and_the_limit(model, qtbot):
    stack = UndoStack()
    stack.limit_bytes = 4096  # 0.00390625 MB: two arrays of inputs, one edit
    history = HistoryView(stack, model)
    qtbot.addWidget(history)
    assert history.emptyLabel() == "<start>"
    for k in range(5):
        edit_inputs(model, stack, float(k))
    assert stack.dropped == 4 and stack.limit_mb == 0.00390625
    assert "4 older edit" in history.emptyLabel()
    assert history.emptyLabel().endswith("keeps at most 0.00390625 MB)")


def test_a_history_of_a_plain_undo_stack_starts_at_start(model, qtbot):
    """History shows any QUndoStack; one that drops nothing says nothing of dropped edits."""
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    history = HistoryView(stack, model)
    qtbot.addWidget(history)
    edit_inputs(model, stack, 1.0)
    assert history.emptyLabel() == "<start>" and history.model().rowCount() == 2
