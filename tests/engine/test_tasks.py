"""Task generators: shapes, determinism by seed, and targets that are what each task says."""
import numpy as np
import pytest

from lstm_studio.engine.tasks import (TASKS, AddingProblem, CopyTask, LongDependency,
                                     NextCharacter, SineWave, TemporalOrder, make_task)

N = 7


def _batch(task, seed=0, seq_len=None):
    return task.generate(N, np.random.default_rng(seed), seq_len)


@pytest.mark.parametrize("name", sorted(TASKS))
def test_shapes_dtypes_and_metadata(name):
    task = make_task(name)
    x, target, steps = _batch(task)
    T = task.seq_len
    assert x.shape == (T, N, task.input_size) and x.dtype == np.float64
    if task.loss == "mse":
        assert target.shape == (T, N, task.output_size) and target.dtype == np.float64
    else:
        assert task.loss == "cross_entropy"
        assert target.shape == (T, N) and target.dtype == np.int64
        assert target.min() >= 0 and target.max() < task.output_size
    expected_steps = task.loss_steps(T)
    assert steps is None if expected_steps is None else np.array_equal(steps, expected_steps)
    assert task.title and len(task.description) > 100
    assert set(task.preset) == {"kind", "hidden_size", "forget_bias", "optimizer", "lr",
                                "batch_size", "steps", "seq_len", "clip_norm"}
    task.preset["lr"] = -1  # a copy: the task's preset is unchanged
    assert task.preset["lr"] > 0
    x2, _, _ = task.generate(3, np.random.default_rng(0), seq_len=task.min_seq_len + 3)
    assert x2.shape == (task.min_seq_len + 3, 3, task.input_size)


@pytest.mark.parametrize("name", sorted(TASKS))
def test_same_seed_same_batch_other_seed_other_batch(name):
    task = make_task(name)
    x1, t1, _ = _batch(task, seed=5)
    x2, t2, _ = _batch(task, seed=5)
    x3, _, _ = _batch(task, seed=6)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(t1, t2)
    assert not np.array_equal(x1, x3)


@pytest.mark.parametrize("name", sorted(TASKS))
def test_rebuild_from_options(name):
    task = make_task(name)
    again = make_task(name, **task.options())
    np.testing.assert_array_equal(_batch(task)[0], _batch(again)[0])


@pytest.mark.parametrize("name", sorted(TASKS))
def test_perfect_prediction_scores_one_and_wrong_scores_zero(name):
    task = make_task(name)
    _, target, _ = _batch(task)
    if task.loss == "mse":
        perfect, wrong = target, target + 1.0
    else:
        perfect = np.eye(task.output_size)[target]
        wrong = np.eye(task.output_size)[(target + 1) % task.output_size]
    assert task.accuracy(perfect, target) == 1.0
    assert task.accuracy(wrong, target) == 0.0


def test_adding_problem_target_is_sum_of_the_two_marked_values():
    task = AddingProblem(seq_len=20)
    x, target, steps = _batch(task)
    values, markers = x[..., 0], x[..., 1]
    assert np.all((values >= 0) & (values <= 1))
    np.testing.assert_array_equal(markers.sum(axis=0), 2)
    np.testing.assert_array_equal(markers[:10].sum(axis=0), 1)  # one marker in each half
    np.testing.assert_array_equal(markers[10:].sum(axis=0), 1)
    np.testing.assert_allclose(target[-1, :, 0], (values * markers).sum(axis=0))
    np.testing.assert_array_equal(steps, [19])


def test_adding_problem_accuracy_uses_tolerance_at_last_step_only():
    task = AddingProblem(seq_len=10)
    _, target, _ = _batch(task)
    y = target.copy()
    y[:-1] = 99.0  # ignored: not a loss step
    y[-1, :3, 0] += 0.05  # 3 of 7 off by more than 0.04
    y[-1, 3:, 0] += 0.03
    assert task.accuracy(y, target) == pytest.approx(4 / 7)


def test_copy_task_recalls_the_first_symbols_after_the_go_marker():
    task = CopyTask(seq_len=15, n_symbols=5, length=4)
    x, target, steps = _batch(task)
    assert x.shape[-1] == 7 and task.output_size == 5
    channel = x.argmax(axis=-1)
    np.testing.assert_array_equal(x.sum(axis=-1), 1.0)  # one-hot everywhere
    np.testing.assert_array_equal(steps, [11, 12, 13, 14])
    np.testing.assert_array_equal(target[steps], channel[:4])  # recall = the first symbols
    assert np.all(channel[:4] < 5)
    np.testing.assert_array_equal(channel[10], 6)  # go marker right before recall
    np.testing.assert_array_equal(channel[4:10], 5)  # blanks during the delay
    np.testing.assert_array_equal(channel[11:], 5)  # and during recall
    with pytest.raises(ValueError, match="at least 9 steps"):
        CopyTask(seq_len=8, length=4)


def test_temporal_order_class_is_the_order_of_x_and_y():
    task = TemporalOrder(seq_len=40)
    x, target, steps = _batch(task, seed=1)
    channel = x.argmax(axis=-1)
    X, Y = task.symbols.index("X"), task.symbols.index("Y")
    np.testing.assert_array_equal(channel[0], task.symbols.index("B"))
    np.testing.assert_array_equal(channel[-1], task.symbols.index("E"))
    (lo1, hi1), (lo2, hi2) = task.relevant_windows(40)
    for n in range(N):
        positions = np.flatnonzero((channel[:, n] == X) | (channel[:, n] == Y))
        assert len(positions) == 2
        assert lo1 <= positions[0] < hi1 and lo2 <= positions[1] < hi2
        order = "".join(task.symbols[channel[p, n]] for p in positions)
        assert task.classes[target[-1, n]] == order
    np.testing.assert_array_equal(steps, [39])


@pytest.mark.parametrize("T", [10, 20, 30, 40, 50, 100])
def test_temporal_order_places_the_symbols_where_its_description_says(T):
    """The documented placement, not relevant_windows(): the first X/Y between 10 % and 20 % of
    the length, the second between 50 % and 60 % (0-based steps p with p/T in that range), and
    over many sequences every step of each range is used."""
    task = TemporalOrder(seq_len=T)
    assert "between 10% and 20%" in task.description and "between 50% and 60%" in task.description
    x, _, _ = task.generate(4000, np.random.default_rng(T), T)
    channel = x.argmax(axis=-1)
    relevant = (channel == task.symbols.index("X")) | (channel == task.symbols.index("Y"))
    first, second = [], []
    for n in range(channel.shape[1]):
        positions = np.flatnonzero(relevant[:, n])
        assert len(positions) == 2
        first.append(positions[0])
        second.append(positions[1])
    first_range = [p for p in range(T) if 0.1 * T <= p <= 0.2 * T]
    second_range = [p for p in range(T) if 0.5 * T <= p <= 0.6 * T]
    assert sorted(set(first)) == first_range
    assert sorted(set(second)) == second_range


def test_long_dependency_answer_is_the_first_symbol():
    task = LongDependency(seq_len=12, n_symbols=3, noise=0.5)
    x, target, steps = _batch(task)
    np.testing.assert_array_equal(target[-1], x[0, :, :3].argmax(axis=-1))
    np.testing.assert_array_equal(x[0].sum(axis=-1), 1.0)
    np.testing.assert_array_equal(x[-1, :, 3], 1.0)  # question marker at the end only
    np.testing.assert_array_equal(x[:-1, :, 3], 0.0)
    assert 0.3 < x[1:-1, :, :3].std() < 0.7
    np.testing.assert_array_equal(steps, [11])
    quiet = LongDependency(seq_len=12, noise=0.0)
    np.testing.assert_array_equal(_batch(quiet)[0][1:-1], 0.0)


def test_next_character_target_is_the_following_character():
    task = NextCharacter(seq_len=6, text="hello world")
    assert task.vocabulary == " dehlorw"
    x, target, steps = _batch(task)
    assert steps is None
    for n in range(N):
        seen = "".join(task.vocabulary[i] for i in x[:, n].argmax(axis=-1))
        following = "".join(task.vocabulary[i] for i in target[:, n])
        start = "hello world".index(seen)
        assert following == "hello world"[start + 1:start + 7]
    np.testing.assert_array_equal(task.encode("lo"), np.eye(8)[[4, 5]])
    with pytest.raises(ValueError, match="'z' does not occur"):
        task.encode("zoo")


def test_next_character_rejects_unusable_texts():
    with pytest.raises(ValueError, match="two different characters"):
        NextCharacter(text="aaaa")
    with pytest.raises(ValueError, match="shorter than the text"):
        NextCharacter(text="abc", seq_len=3)


def test_sine_wave_target_is_the_next_value():
    task = SineWave(seq_len=30, min_period=12, max_period=12)
    x, target, steps = _batch(task)
    assert steps is None
    np.testing.assert_array_equal(target[:-1], x[1:])
    # period 12: x_{t+12} == x_t
    np.testing.assert_allclose(x[12:], x[:-12], atol=1e-12)
    assert np.abs(x).max() <= 1.0


def test_make_task_validates_names_and_options():
    assert isinstance(make_task("copy", length=2), CopyTask)
    with pytest.raises(ValueError, match="unknown task 'nope'"):
        make_task("nope")
    with pytest.raises(ValueError, match="no option 'delay'"):
        make_task("adding", delay=3)
    with pytest.raises(ValueError, match="at least 2 steps"):
        make_task("adding", seq_len=1)
    with pytest.raises(ValueError, match="batch size"):
        make_task("adding").generate(0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="periods"):
        make_task("sine", min_period=20, max_period=10)
    with pytest.raises(ValueError, match="noise"):
        make_task("long_dependency", noise=float("nan"))


BIG = 3000  # sequences per batch in the distribution tests: every value of a small range occurs


def test_adding_problem_draws_values_and_markers_from_their_whole_ranges():
    T = 11  # odd: the first half is steps 0..4, the second 5..10
    x, target, _ = AddingProblem(seq_len=T).generate(BIG, np.random.default_rng(1))
    values, markers = x[..., 0], x[..., 1]
    assert values.min() < 0.01 and values.max() > 0.99 and abs(values.mean() - 0.5) < 0.01
    first, second = markers[:5].argmax(axis=0), 5 + markers[5:].argmax(axis=0)
    assert sorted(set(first)) == list(range(5)) and sorted(set(second)) == list(range(5, T))
    np.testing.assert_array_equal(target[:-1], 0.0)
    assert target[-1, :, 0].min() < 0.1 and target[-1, :, 0].max() > 1.9


def test_copy_task_draws_every_symbol_at_every_position():
    task = CopyTask(seq_len=9, n_symbols=3, length=4)
    x, target, steps = task.generate(BIG, np.random.default_rng(2))
    channel = x.argmax(axis=-1)
    for position in range(4):
        assert sorted(set(channel[position])) == [0, 1, 2]
    assert len({tuple(column) for column in channel[:4].T}) == 3**4  # every sequence of symbols
    np.testing.assert_array_equal(target[:5], 0)
    np.testing.assert_array_equal(target[5:], channel[:4])
    CopyTask(n_symbols=2, length=1, seq_len=3)  # the smallest task there is
    with pytest.raises(ValueError, match=r"^number of symbols must be an integer >= 2, got 1$"):
        CopyTask(n_symbols=1)
    with pytest.raises(ValueError, match=r"^number of symbols to copy must be an integer >= 1, got 0$"):
        CopyTask(length=0)


def test_temporal_order_draws_every_distractor_symbol_and_class():
    task = TemporalOrder(seq_len=20)
    x, target, _ = task.generate(BIG, np.random.default_rng(3))
    channel = x.argmax(axis=-1)
    distractors = channel[1:-1][channel[1:-1] < 4]
    assert sorted(set(distractors)) == [0, 1, 2, 3]  # a, b, c, d; never B, E in between
    assert not np.isin(channel[1:-1], [4, 5]).any()
    counts = np.bincount(target[-1], minlength=4)
    assert counts.min() > BIG / 4 - 150  # XX, XY, YX, YY alike
    np.testing.assert_array_equal(target[:-1], 0)


def test_long_dependency_draws_every_first_symbol_and_checks_its_options():
    task = LongDependency(seq_len=6, n_symbols=2, noise=1.0)
    x, target, _ = task.generate(BIG, np.random.default_rng(4))
    assert np.bincount(target[-1]).min() > BIG / 2 - 150
    assert abs(x[1:-1, :, :2].std() - 1.0) < 0.02
    with pytest.raises(ValueError, match=r"^number of symbols must be an integer >= 2, got 1$"):
        LongDependency(n_symbols=1)
    for noise in (-0.1, float("inf")):
        with pytest.raises(ValueError, match=r"^noise must be a finite number >= 0"):
            LongDependency(noise=noise)


def test_next_character_windows_start_anywhere_in_the_text():
    text = "abcdefghij"
    task = NextCharacter(seq_len=3, text=text)
    x, target, _ = task.generate(BIG, np.random.default_rng(5))
    starts = x[0].argmax(axis=-1)
    assert sorted(set(starts)) == list(range(len(text) - 3))  # every window that fits
    NextCharacter(text="abab", seq_len=2)  # two different characters are enough


def test_sine_wave_draws_periods_and_phases_from_their_ranges():
    task = SineWave(seq_len=50, min_period=10, max_period=20)
    x, target, _ = task.generate(BIG, np.random.default_rng(6))
    first = x[0, :, 0]
    assert first.min() < -0.99 and first.max() > 0.99  # phases all round the circle
    # 50 steps of a period p cross zero about 100 / p times: 5 (p = 20) to 10 (p = 10)
    crossings = (np.diff(np.sign(x[:, :, 0]), axis=0) != 0).sum(axis=0)
    assert crossings.min() in (4, 5) and crossings.max() in (10, 11)
    with pytest.raises(ValueError, match="periods"):
        SineWave(min_period=1.5)
    with pytest.raises(ValueError, match="periods"):
        SineWave(max_period=float("inf"))
    SineWave(min_period=2, max_period=2)


def test_check_int_and_sequence_lengths():
    from lstm_studio.engine.tasks import check_int

    assert check_int("n", np.int64(3)) == 3 and type(check_int("n", np.int64(3))) is int
    assert check_int("n", 1) == 1 and check_int("n", 0, minimum=0) == 0
    for bad in (0, 2.0, True, "3"):
        with pytest.raises(ValueError, match=r"^n must be an integer >= 1, got "):
            check_int("n", bad)
    with pytest.raises(ValueError, match="at least 2 steps, got 1"):
        AddingProblem(seq_len=1)
    AddingProblem(seq_len=2)


def test_default_options_are_the_documented_ones():
    from lstm_studio.engine.tasks import DEFAULT_TEXT

    assert AddingProblem().options() == {"seq_len": 30}
    assert CopyTask().options() == {"seq_len": 20, "n_symbols": 4, "length": 3}
    assert TemporalOrder().options() == {"seq_len": 30}
    assert LongDependency().options() == {"seq_len": 20, "n_symbols": 4, "noise": 0.5}
    assert NextCharacter().options() == {"seq_len": 25, "text": DEFAULT_TEXT}
    assert SineWave().options() == {"seq_len": 40, "min_period": 10.0, "max_period": 30.0}


def test_accuracy_tolerance_is_strict_and_refusals_name_the_task():
    task = AddingProblem(seq_len=2)
    target = np.zeros((2, 1, 1))
    assert task.accuracy(np.full((2, 1, 1), 0.04), target) == 0.0  # |error| must stay below 0.04
    assert task.accuracy(np.full((2, 1, 1), 0.0399), target) == 1.0
    assert task.accuracy(np.full((2, 1, 1), np.nan), target) == 0.0  # NaN is wrong, quietly
    with pytest.raises(ValueError) as refused:
        CopyTask(seq_len=8, length=4)
    assert str(refused.value) == "The Copy (memory) task needs a sequence length of at least 9 steps, got 8."
    with pytest.raises(ValueError) as refused:
        NextCharacter(text="abcd", seq_len=4)
    assert str(refused.value) == "The sequence length (4) must be shorter than the text (4 characters)."
    with pytest.raises(ValueError, match=r"^batch size must be an integer >= 1, got 0$"):
        AddingProblem().generate(0, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"^the adding problem has no option 'delay'; its options are \['seq_len'\]$"):
        make_task("adding", delay=3)


def test_next_character_takes_a_given_vocabulary_order():
    task = make_task("next_char", text="abcab cab", seq_len=3, vocabulary="cb a")
    assert task.vocabulary == "cb a" and task.input_size == 4
    np.testing.assert_array_equal(task.encode("ab").argmax(axis=1), [3, 1])
    assert task.options()["vocabulary"] == "cb a"
    assert "vocabulary" not in make_task("next_char", text="abcab cab", seq_len=3).options()
    with_extra = make_task("next_char", text="abab", seq_len=2, vocabulary="abz")
    assert with_extra.output_size == 3, "the vocabulary may hold characters the text lacks"


@pytest.mark.parametrize("vocabulary,fragment", [
    ("ab", "not in the vocabulary"), ("aab c", "each once"), ("a", "at least two"), (["a", "b"], "at least two")])
def test_next_character_refuses_a_vocabulary_that_does_not_fit(vocabulary, fragment):
    with pytest.raises(ValueError, match=fragment):
        make_task("next_char", text="abcab cab", seq_len=3, vocabulary=vocabulary)
