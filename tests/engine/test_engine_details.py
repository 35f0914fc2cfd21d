"""Engine details the mutation sample of 2 December found untested (tests/MUTATION.md): the
next-character task's refusals and sampling, the default text and seed by language, accuracy of
a diverged output, free running's settings and start, the embedding's initialisations, the
cells' refusals, parameters copied on load."""

import warnings

import numpy as np
import pytest

from lstm_studio.engine import cells, embedding, tasks
from lstm_studio.engine.refusal import Refusal
from lstm_studio.engine.tasks import NextCharacter, default_seed, default_text, make_task


def test_a_text_past_the_limit_is_refused_with_both_counts_grouped_by_thousands(monkeypatch):
    monkeypatch.setattr(tasks, "MAX_TEXT_CHARS", 1_000)
    with pytest.raises(Refusal) as refused:
        NextCharacter(text="ab" * 617)
    assert str(refused.value) == "The text has 1,234 characters; the next-character task takes at most 1,000."


def test_a_text_of_exactly_the_limit_is_taken(monkeypatch):
    monkeypatch.setattr(tasks, "MAX_TEXT_CHARS", 1_000)
    assert len(NextCharacter(text="ab" * 500, seq_len=5).text) == 1_000


@pytest.mark.parametrize("text, position, code", [("ab\ud800cd", 3, "U+D800"), ("\udfffab", 1, "U+DFFF")])
def test_an_unpaired_surrogate_is_refused_naming_its_position_from_one_and_its_code(text, position, code):
    with pytest.raises(Refusal) as refused:
        NextCharacter(text=text)
    assert str(refused.value) == (
        f"The text holds a character that is not valid Unicode at position {position} (an unpaired "
        f"surrogate, {code}); remove it and try again.")


def test_a_character_missing_from_a_given_vocabulary_is_named():
    with pytest.raises(Refusal) as refused:
        NextCharacter(text="abz\nb", vocabulary="ab\n")
    assert str(refused.value) == "The text holds 'z', which is not in the vocabulary."


def test_the_default_text_follows_the_interface_language():
    assert default_text("ko") == tasks.DEFAULT_TEXT_KO
    assert default_text("en") == tasks.DEFAULT_TEXT
    assert default_text("fr") == tasks.DEFAULT_TEXT
    assert tasks.DEFAULT_TEXT_KO != tasks.DEFAULT_TEXT


@pytest.mark.parametrize("text, seed", [
    ("The cat sat on the mat", "The cat "),         # two words fit
    ("Elephants sat there", "Elephants "),          # two words are too long, one fits
    ("Hippopotami sat", "Hippopotami "),             # one word of exactly SEED_CHARACTERS with its space
    ("Hippopotamus sat", "Hipp"),                    # one character more: the first four characters
    ("  a b c", "  a b "),                           # leading spaces count
])
def test_the_default_seed_is_two_words_else_one_else_four_characters(text, seed):
    assert tasks.SEED_CHARACTERS == 12
    assert default_seed(text) == seed


def test_accuracy_of_an_infinite_output_against_an_infinite_target_warns_nothing():
    task = make_task("sine")
    y = np.full((task.seq_len, 2, task.output_size), np.inf)
    target = np.full_like(y, np.inf)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert task.accuracy(y, target) == 0.0  # inf - inf is not within any tolerance


def test_pytorchs_embedding_is_standard_normal_the_other_glorot_uniform():
    shape = (500, 8)
    torch_like = embedding.initial_embedding("pytorch", shape, np.random.default_rng(0))
    np.testing.assert_array_equal(torch_like, np.random.default_rng(0).standard_normal(shape))
    bound = np.sqrt(6.0 / sum(shape))
    glorot = embedding.initial_embedding("glorot", shape, np.random.default_rng(0))
    np.testing.assert_array_equal(glorot, np.random.default_rng(0).uniform(-bound, bound, size=shape))


def test_a_simple_rnns_cell_has_nothing_to_derive():
    cell = cells.make_cell("rnn_tanh")
    with pytest.raises(ValueError, match="^a simple RNN's trace keeps its activations$"):
        cell.derive(np.zeros((2, 1, 3)), None)


def test_an_unknown_kind_is_refused_listing_the_kinds():
    with pytest.raises(ValueError) as refused:
        cells.make_cell("transformer")
    assert str(refused.value) == f"unknown network kind 'transformer'; choose one of {', '.join(cells.KINDS)}"


def reference_sample(task, net, readout, seed_text, length, temperature, rng):
    """What sampling means, computed the long way: every draw from the whole text so far, run
    from the zero state (no state carried between calls)."""
    text = seed_text
    for _ in range(length):
        logits = readout.forward(net.forward(task.encode(text)).output[-1:])[0] / temperature
        p = np.exp(logits - logits.max())
        text += task.vocabulary[int(rng.choice(len(task.vocabulary), p=p / p.sum()))]
    return text[len(seed_text):]


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh"])
def test_sampling_carries_the_state_from_character_to_character(kind):
    from lstm_studio.engine import Readout, build_network

    task = make_task("next_char", text="the cat sat on the mat; the dog sat on the log", seq_len=5)
    net = build_network(kind, task.input_size, 12, seed=3)
    readout = Readout(12, task.output_size, seed=4)
    readout.weight *= 4.0  # sharper choices: a state not carried picks other characters
    for seed_text in ("the c", "on th", "dog s", "sat o", "g"):
        for temperature in (0.8, 1e-3):  # drawn, and (nearly) the most likely every time
            generated = task.sample(net, readout, seed_text, 30, temperature, np.random.default_rng(5))
            assert generated == reference_sample(task, net, readout, seed_text, 30, temperature,
                                                 np.random.default_rng(5)), (seed_text, temperature)


def test_sampling_defaults_to_temperature_one():
    from lstm_studio.engine import Readout, build_network

    task = make_task("next_char", text="abcabcabd", seq_len=4)
    net = build_network("lstm", task.input_size, 6, seed=1)
    readout = Readout(6, task.output_size, seed=2)
    assert task.sample(net, readout, "ab", 20, rng=np.random.default_rng(3)) == \
        task.sample(net, readout, "ab", 20, 1.0, np.random.default_rng(3))


def test_a_readouts_default_seed_is_zero():
    from lstm_studio.engine import Readout

    default, zero, one = Readout(5, 3), Readout(5, 3, seed=0), Readout(5, 3, seed=1)
    for name in ("weight", "bias"):
        np.testing.assert_array_equal(getattr(default, name), getattr(zero, name))
    assert not np.array_equal(default.weight, one.weight)


def test_an_evaluation_without_the_input_gradient_leaves_it_out():
    from lstm_studio.engine import Readout, build_network, evaluate

    net = build_network("gru", 3, 4, seed=0)
    readout = Readout(4, 2, seed=0)
    x, target = np.ones((5, 3)), np.zeros((5, 2))
    assert "input" in evaluate(net, readout, x, target).grads
    assert "input" not in evaluate(net, readout, x, target, input_gradient=False).grads


def test_a_free_running_evaluation_passes_on_the_loss_mask_and_the_clipping():
    from lstm_studio.engine import Readout, build_network, evaluate
    from lstm_studio.engine.free_run import evaluate_free_running, free_running_inputs

    net = build_network("lstm", 2, 5, seed=1)
    readout = Readout(5, 2, seed=2)
    rng = np.random.default_rng(3)
    x, target = rng.standard_normal((8, 2)), rng.standard_normal((8, 2))
    steps = np.array([False, True, False, True, True, False, True, True])
    options = dict(steps=steps, clip_norm=10.0, clip_value=0.01)
    free = evaluate_free_running(net, readout, x, target, 3, **options)
    given = evaluate(net, readout, free_running_inputs(net, readout, x, 3), target, **options)
    assert free.loss == given.loss
    np.testing.assert_array_equal(free.per_step_loss, given.per_step_loss)
    for name in given.grads:
        np.testing.assert_array_equal(free.grads[name], given.grads[name])
    assert max(float(np.abs(free.grads[name]).max()) for name in net.parameter_shapes()) <= 0.01  # clipped


@pytest.mark.parametrize("start, refused", [(0, True), (1, False), (7, False), (8, True)])
def test_free_running_may_start_from_the_second_to_the_last_step(start, refused):
    from lstm_studio.engine.free_run import free_run_refusal

    assert (free_run_refusal(2, 2, False, 8, start) is not None) == refused


@pytest.mark.parametrize("T", [7, 13, 29, 100])
def test_temporal_orders_windows_are_whole_steps(T):
    windows = tasks.TemporalOrder.relevant_windows(T)
    assert all(type(bound) is int for window in windows for bound in window)
    assert windows == ((max(1, T // 10), T // 5 + 1), (T // 2, (6 * T) // 10 + 1))


def test_loaded_parameters_are_copied_unless_asked_not_to_be():
    from lstm_studio.engine import build_network

    net = build_network("gru", 2, 3, seed=0)
    values = net.parameters()
    net.load_parameters(values)
    name = next(iter(values))
    values[name][...] = 7.0
    assert not np.any(net.parameters()[name] == 7.0)
    net.load_parameters(values, copy=False)  # the caller's own arrays, used as they are
    values[name][...] = 5.0
    assert np.all(net.parameters()[name] == 5.0)
    own = net.parameters(copy=False)
    assert own[name] is net.parameters(copy=False)[name]
    assert net.parameters()[name] is not own[name]
