"""Sequence generators, one-hot text and loss-step parsing (pure NumPy)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lstm_studio.session import generators as gen


def test_simple_generators():
    assert np.array_equal(gen.zeros(4), [0, 0, 0, 0])
    assert np.array_equal(gen.constant(3, 2.5), [2.5, 2.5, 2.5])
    assert np.array_equal(gen.step(5, 2, 3.0), [0, 0, 3, 3, 3])
    assert np.array_equal(gen.impulse(5, 4), [0, 0, 0, 0, 1])


def test_sine_period_and_phase():
    x = gen.sine(8, period=4, phase=np.pi / 2, amplitude=2.0)
    assert np.allclose(x, [2, 0, -2, 0, 2, 0, -2, 0], atol=1e-12)


def test_noise_is_seeded_and_bounded():
    a = gen.uniform_noise(100, -0.5, 0.5, seed=3)
    assert np.array_equal(a, gen.uniform_noise(100, -0.5, 0.5, seed=3))
    assert not np.array_equal(a, gen.uniform_noise(100, -0.5, 0.5, seed=4))
    assert a.min() >= -0.5 and a.max() < 0.5
    g = gen.gaussian_noise(5000, mean=1.0, std=0.1, seed=1)
    assert abs(g.mean() - 1.0) < 0.01 and abs(g.std() - 0.1) < 0.01


@pytest.mark.parametrize("call, message", [
    (lambda: gen.step(5, 5), "outside"),
    (lambda: gen.impulse(5, -1), "outside"),
    (lambda: gen.sine(5, 0), "period"),
    (lambda: gen.uniform_noise(5, 1, 0), "lower bound"),
    (lambda: gen.gaussian_noise(5, 0, -1), "standard deviation"),
    (lambda: gen.zeros(0), "length"),
    (lambda: gen.generated("saw", 5), "Unknown generator"),
])
def test_bad_settings_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_filled_channel_or_all():
    seq = np.arange(6.0).reshape(3, 2)
    one = gen.filled(seq, "step", channel=1, k=1, value=7.0)
    assert np.array_equal(one, [[0, 0], [2, 7], [4, 7]])
    assert np.array_equal(seq, np.arange(6.0).reshape(3, 2)), "input unchanged"
    assert np.array_equal(gen.filled(seq, "constant"), np.ones((3, 2)))
    with pytest.raises(ValueError, match="no channel 2"):
        gen.filled(seq, "zeros", channel=2)


def test_noise_differs_between_channels_and_matches_channel_by_channel():
    seq = np.zeros((50, 3))
    every = gen.filled(seq, "gaussian", mean=0.0, std=1.0, seed=4)
    assert not np.array_equal(every[:, 0], every[:, 1])
    assert np.array_equal(every[:, 0], gen.gaussian_noise(50, 0.0, 1.0, seed=4))
    one_by_one = seq
    for k in range(3):
        one_by_one = gen.filled(one_by_one, "gaussian", channel=k, mean=0.0, std=1.0, seed=4)
    assert np.array_equal(every, one_by_one)


def test_one_hot():
    x = gen.one_hot("abca", "abc")
    assert np.array_equal(x, [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
    assert gen.vocabulary_of("hello") == "ehlo"
    for text, vocab, message in [("", "a", "at least one"), ("a", "", "empty"),
                                 ("ab", "abb", "repeats 'b'"), ("abz", "ab", "'z'")]:
        with pytest.raises(ValueError, match=message):
            gen.one_hot(text, vocab)


def test_parse_and_format_steps_count_from_one():
    mask = gen.parse_steps("1, 5, 10-12", 15)  # t = 1..T, as the course notes count
    assert np.array_equal(np.flatnonzero(mask), [0, 4, 9, 10, 11])
    assert gen.format_steps(mask) == "1, 5, 10-12"
    assert gen.format_steps(np.ones(4, bool)) == "1-4"
    assert np.flatnonzero(gen.parse_steps("15", 15)).tolist() == [14]
    with pytest.raises(ValueError, match=r"\(1 to 15\)"):
        gen.parse_steps("0", 15)
    for text, message in [("x", "not a step"), ("3-1", "outside"), ("16", "outside"), (" , ", "at least one")]:
        with pytest.raises(ValueError, match=message):
            gen.parse_steps(text, 15)


@given(st.text(max_size=20))
def test_parse_steps_never_raises_anything_but_value_error(text):
    try:
        mask = gen.parse_steps(text, 10)
    except ValueError:
        return
    assert mask.shape == (10,) and mask.any()
    assert np.array_equal(gen.parse_steps(gen.format_steps(mask), 10), mask)


def test_one_hot_text_changes_sizes_of_a_document():
    from lstm_studio.session.document import NetworkConfig, new_document

    doc = new_document(NetworkConfig(input_size=2, output_size=1, seq_len=5))
    original = doc.copy()
    encoded = gen.with_one_hot_text(doc, "inputs", "hello", "ehlo")
    assert encoded.config.input_size == 4 and encoded.config.seq_len == 5
    assert np.array_equal(encoded.inputs, gen.one_hot("hello", "ehlo"))
    targets = gen.with_one_hot_text(doc, "targets", "abc", "abcd")
    assert targets.config.output_size == 4 and targets.config.seq_len == 3
    assert targets.targets[2, 2] == 1.0 and targets.inputs.shape == (3, 2)
    assert doc.equals(original)
