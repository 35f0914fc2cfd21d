"""Details of the learning-rate schedules and the held-out data that the broader tests in
test_long_text_training.py leave open (found by mutation testing, issue 17)."""
import numpy as np
import pytest

from lstm_studio.engine.schedules import SCHEDULES, check_schedule, scheduled_lr


def test_a_period_of_one_step_and_a_decay_just_above_zero_are_accepted():
    for schedule in SCHEDULES:
        check_schedule(schedule, 1, 1e-9)  # no exception: period >= 1, decay in (0, 1)


def test_the_refusals_are_whole_messages():
    with pytest.raises(ValueError) as unknown:
        check_schedule("linear", 10, 0.5)
    assert str(unknown.value) == "unknown learning-rate schedule 'linear'; choose one of constant, step, cosine"
    with pytest.raises(ValueError) as period:
        check_schedule("step", 0, 0.5)
    assert str(period.value) == "schedule period must be an integer >= 1, got 0"
    with pytest.raises(ValueError) as decay:
        check_schedule("step", 3, 0.0)
    assert str(decay.value) == "decay must be in (0, 1), got 0.0"


def test_the_step_schedule_halves_by_default():
    assert [scheduled_lr(0.4, "step", k, 2) for k in range(6)] == [0.4, 0.4, 0.2, 0.2, 0.1, 0.1]


def test_scheduled_lr_refuses_an_unknown_schedule_by_name():
    with pytest.raises(ValueError) as refused:
        scheduled_lr(0.1, "linear", 0, 3)
    assert str(refused.value) == "unknown learning-rate schedule 'linear'"


def test_the_cosine_schedule_over_a_period_of_one_stays_at_the_base_rate():
    np.testing.assert_allclose([scheduled_lr(0.3, "cosine", k, 1) for k in range(3)], [0.3] * 3)


# -- the held-out data (training_data.py) -----------------------------------------------------
from lstm_studio.engine.refusal import Refusal  # noqa: E402
from lstm_studio.engine.tasks import make_task  # noqa: E402
from lstm_studio.engine.training_data import VALIDATION_STREAMS, TrainingData  # noqa: E402


def _decode(task, batch):
    return ["".join(task.vocabulary[i] for i in np.argmax(batch.x[:, b], axis=1)) + task.vocabulary[batch.target[-1, b]]
            for b in range(batch.x.shape[1])]


def _letters(n):
    return "".join(chr(ord("a") + (i * 7) % 26) for i in range(n))


@pytest.mark.parametrize("stateful", [False, True])
def test_a_long_held_out_text_is_read_as_at_most_32_streams_in_chunks_of_the_sequence_length(stateful):
    """321 held-out characters, T = 8: 32 streams (not 40) of 10 predicted characters each, read in
    a chunk of 8 steps and one of 2; stream b starts at character 10·b of the held-out part."""
    text = _letters(500) + _letters(321)
    task = make_task("next_char", text=text, seq_len=8)
    data = TrainingData(task, 3, 8, validation=321 / len(text), stateful=stateful)
    held = data.held_out_text
    assert len(held) == 321
    chunks = data.held_out()
    assert [chunk.x.shape[:2] for chunk in chunks] == [(8, VALIDATION_STREAMS), (2, VALIDATION_STREAMS)]
    assert [chunk.carry for chunk in chunks] == [False, stateful]
    assert all(chunk.steps is None for chunk in chunks)
    decoded = [_decode(task, chunk) for chunk in chunks]
    for b in range(VALIDATION_STREAMS):
        start = 10 * b
        assert decoded[0][b][:-1] == text[-321:][start:start + 8] and decoded[0][b][-1] == text[-321:][start + 8]
        assert decoded[1][b][:-1] == text[-321:][start + 8:start + 10]
        assert decoded[1][b][-1] == text[-321:][start + 10]


def test_a_held_out_text_shorter_than_a_sequence_is_one_stream_in_one_chunk():
    text = _letters(100) + "wxyzw"
    task = make_task("next_char", text=text, seq_len=8)
    data = TrainingData(task, 3, 8, validation=5 / len(text))
    chunks = data.held_out()
    assert len(chunks) == 1 and chunks[0].x.shape[:2] == (4, 1)
    assert _decode(task, chunks[0]) == ["wxyzw"]


def test_the_smallest_held_out_part_and_training_text_are_accepted():
    """Two held-out characters are enough, and a training text one character longer than a
    sequence (its one window); one fewer of either is refused."""
    text = _letters(9) + "xy"
    task = make_task("next_char", text=text, seq_len=8)
    data = TrainingData(task, 2, 8, validation=2 / len(text))
    assert len(data.held_out_text) == 2 and len(data.training_text) == 9
    assert [c.x.shape[0] for c in data.held_out()] == [1]
    with pytest.raises(Refusal, match="left to train on"):
        TrainingData(make_task("next_char", text=_letters(8) + "xy", seq_len=8), 2, 8, validation=2 / 10)
    with pytest.raises(Refusal, match="fewer than two characters"):
        TrainingData(make_task("next_char", text=_letters(19) + "x", seq_len=8), 2, 8, validation=1 / 20)


def test_streams_of_exactly_one_sequence_and_one_character_are_accepted():
    """Reading in order with 3 streams of T + 1 = 9 characters: one chunk per pass."""
    task = make_task("next_char", text=_letters(27), seq_len=8)
    data = TrainingData(task, 3, 8, stateful=True)
    assert data.stream_length == 9 and data.chunks == 1
    with pytest.raises(Refusal, match="streams"):
        TrainingData(make_task("next_char", text=_letters(26), seq_len=8), 3, 8, stateful=True)


def test_the_held_out_part_is_the_rounded_fraction_of_the_text():
    task = make_task("next_char", text=_letters(200), seq_len=8)
    assert len(TrainingData(task, 2, 8, validation=0.104).held_out_text) == 21  # 20.8 → 21
    assert len(TrainingData(task, 2, 8, validation=0.1024).held_out_text) == 20  # 20.48 → 20
    no_part = TrainingData(task, 2, 8)
    assert len(no_part.held_out_text) == 0 and no_part.held_out() == []


def test_a_decay_of_one_or_more_is_refused_by_name():
    with pytest.raises(ValueError) as refused:
        check_schedule("step", 3, 1.0)
    assert str(refused.value) == "decay must be in [0, 1), got 1.0"


from lstm_studio.engine.training_data import is_text_task  # noqa: E402


def test_the_refusals_of_the_training_data_are_whole_messages():
    cases = [
        (lambda: TrainingData(make_task("adding", seq_len=10), 2, 10, stateful=True),
         "Carrying the state from batch to batch needs a text to read in order (next-character "
         "prediction); the Adding problem draws independent sequences."),
        (lambda: TrainingData(make_task("next_char", text=_letters(20), seq_len=8), 2, 8, validation=0.05),
         "Holding out 5 % of a text of 20 characters leaves fewer than two characters to validate on; "
         "hold out more or use a longer text."),
        (lambda: TrainingData(make_task("next_char", text=_letters(12), seq_len=8), 2, 8, validation=0.5),
         "After holding out 50 % for validation, 6 characters are left to train on: fewer than a "
         "sequence of 9 steps needs."),
        (lambda: TrainingData(make_task("next_char", text=_letters(26), seq_len=8), 3, 8, stateful=True),
         "The text to train on (26 characters) is too short to read as 3 streams of at least 9 "
         "characters; use a smaller batch or shorter sequences."),
    ]
    for make, message in cases:
        with pytest.raises(Refusal) as refused:
            make()
        assert str(refused.value) == message


def test_a_text_task_has_both_its_encoded_text_and_a_vocabulary():
    class VocabularyOnly:
        vocabulary = "ab"

    class EncodedOnly:
        encoded = np.zeros(3, dtype=int)

    assert is_text_task(make_task("next_char", text=_letters(20), seq_len=8))
    assert not is_text_task(VocabularyOnly()) and not is_text_task(EncodedOnly())
    assert not is_text_task(make_task("adding", seq_len=10))


def test_a_generated_task_has_no_texts_and_without_validation_nothing_held_out():
    data = TrainingData(make_task("adding", seq_len=10), 2, 10)
    assert data.training_text is None and data.held_out_text is None
    assert data.held_out() == []


def test_the_seed_defaults_to_zero():
    task = make_task("next_char", text=_letters(60), seq_len=8)
    default, zero = TrainingData(task, 2, 8, validation=0.2), TrainingData(task, 2, 8, seed=0, validation=0.2)
    np.testing.assert_array_equal(default.batch(3).x, zero.batch(3).x)
    held = TrainingData(make_task("adding", seq_len=10), 2, 10, validation=0.1).held_out()[0]
    np.testing.assert_array_equal(held.x, TrainingData(make_task("adding", seq_len=10), 2, 10, seed=0,
                                                       validation=0.1).held_out()[0].x)


def test_a_generated_tasks_held_out_set_is_fixed_by_the_seed_and_has_the_runs_length():
    task = make_task("adding", seq_len=10)
    a = TrainingData(task, 2, 6, seed=5, validation=0.1).held_out()[0]
    b = TrainingData(task, 2, 6, seed=5, validation=0.1).held_out()[0]
    c = TrainingData(task, 2, 6, seed=6, validation=0.1).held_out()[0]
    assert a.x.shape[0] == 6
    np.testing.assert_array_equal(a.x, b.x)
    assert not np.array_equal(a.x, c.x)


def test_a_stream_of_a_whole_number_of_sequences_has_one_chunk_fewer():
    """A chunk of T steps reads T + 1 characters: 3 streams of 16 characters, T = 8, give 1 chunk."""
    data = TrainingData(make_task("next_char", text=_letters(48), seq_len=8), 3, 8, stateful=True)
    assert data.stream_length == 16 and data.chunks == 1


@pytest.mark.parametrize("held, streams, length", [(17, 2, 8), (24, 2, 11), (16, 1, 15)])
def test_the_held_out_text_has_as_many_streams_as_whole_sequences_fit(held, streams, length):
    text = _letters(100) + _letters(held)
    data = TrainingData(make_task("next_char", text=text, seq_len=8), 2, 8, validation=held / len(text))
    chunks = data.held_out()
    assert chunks[0].x.shape[1] == streams
    assert sum(chunk.x.shape[0] for chunk in chunks) == length


def test_reading_in_order_with_one_step_sequences_every_held_out_chunk_but_the_first_carries():
    text = _letters(100) + _letters(67)  # 32 streams of 2 predicted characters: 2 chunks of 1 step
    data = TrainingData(make_task("next_char", text=text, seq_len=1), 2, 1, validation=67 / len(text),
                        stateful=True)
    assert [chunk.carry for chunk in data.held_out()] == [False, True]


def test_training_windows_of_a_text_with_a_held_out_part_are_consecutive_characters():
    """Drawn as the task draws them: ``default_rng([seed, k]).integers(0, len - T, N)`` starts."""
    text = _letters(40) + _letters(10)
    task = make_task("next_char", text=text, seq_len=8)
    data = TrainingData(task, 4, 8, seed=3, validation=0.2)
    for k in range(6):
        starts = np.random.default_rng([3, k]).integers(0, 40 - 8, size=4)
        assert _decode(task, data.batch(k)) == [text[s:s + 9] for s in starts]
