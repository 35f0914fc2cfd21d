"""The sequence generators' defaults, bounds and refusals as whole messages (session/generators.py,
no Qt): what the editors' generator dialogs and the loss-steps field show a user."""

import numpy as np
import pytest

from lstm_studio.session import generators as g


def refusal(call, *args, **kwargs):
    with pytest.raises(ValueError) as refused:
        call(*args, **kwargs)
    return str(refused.value)


def test_defaults_are_one_for_levels_zero_phase_unit_amplitude_and_seed_zero():
    np.testing.assert_array_equal(g.constant(3), [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(g.step(4, 2), [0.0, 0.0, 1.0, 1.0])
    np.testing.assert_array_equal(g.impulse(3, 0), [1.0, 0.0, 0.0])
    np.testing.assert_allclose(g.sine(4, 4), [0.0, 1.0, 0.0, -1.0], atol=1e-15)
    np.testing.assert_array_equal(g.uniform_noise(5), np.random.default_rng(0).uniform(-1.0, 1.0, 5))
    np.testing.assert_array_equal(g.gaussian_noise(5), np.random.default_rng(0).normal(0.0, 1.0, 5))


def test_bounds_that_are_allowed():
    assert g.zeros(1).shape == (1,) and g.zeros(np.int64(2)).shape == (2,)
    np.testing.assert_array_equal(g.impulse(3, 2), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(g.sine(2, 0.5), [0.0, 0.0], atol=1e-12)  # a period below one step
    np.testing.assert_array_equal(g.uniform_noise(3, 2.0, 2.0), [2.0, 2.0, 2.0])
    np.testing.assert_array_equal(g.gaussian_noise(3, mean=4.0, std=0.0), [4.0, 4.0, 4.0])


@pytest.mark.parametrize("call, args, message", [
    (g.zeros, (0,), "The sequence length must be a whole number of at least 1, not 0."),
    (g.zeros, (2.0,), "The sequence length must be a whole number of at least 1, not 2.0."),
    (g.step, (3, 3), "The step t=4 is outside the sequence (1 to 3)."),
    (g.impulse, (3, -1), "The step t=0 is outside the sequence (1 to 3)."),
    (g.sine, (5, 0), "The period must be a positive number of steps, not 0."),
    (g.sine, (5, float("inf")), "The period must be a positive number of steps, not inf."),
    (g.uniform_noise, (5, 2.0, 1.0), "The lower bound 2.0 must not exceed the upper bound 1.0."),
    (g.gaussian_noise, (5, 0.0, -1.0), "The standard deviation must not be negative (got -1.0)."),
    (g.generated, ("saw", 5), "Unknown generator 'saw'; choose one of zeros, constant, step, impulse, sine, uniform, gaussian."),
    (g.filled, (np.zeros((4, 2)), "zeros", 2), "There is no channel 2 (the sequence has 2)."),
    (g.filled, (np.zeros((4, 2)), "zeros", -1), "There is no channel -1 (the sequence has 2)."),
    (g.one_hot, ("ab", "abab"), "The vocabulary repeats 'a', 'b'."),
    (g.one_hot, ("xyza", "a"), "The text uses 'x', 'y', 'z', which the vocabulary lacks."),
    (g.parse_steps, ("1, abc", 6), "'abc' is not a step or a range of steps like 10-12."),
    (g.parse_steps, ("5-9", 6), "The steps '5-9' are outside the sequence (1 to 6)."),
    (g.parse_steps, ("0", 6), "The steps '0' are outside the sequence (1 to 6)."),
])
def test_refusals_name_the_value_and_the_bounds(call, args, message):
    assert refusal(call, *args) == message


def test_filling_gives_floats_and_offsets_the_seed_per_channel_keeping_the_other_settings():
    out = g.filled(np.zeros((5, 3), dtype=int), "uniform", low=2.0, high=3.0, seed=4)
    assert out.dtype == np.float64
    for k in range(3):
        np.testing.assert_array_equal(out[:, k], g.uniform_noise(5, 2.0, 3.0, seed=4 + k))
    one = g.filled(np.zeros((5, 3), dtype=int), "uniform", channel=2, low=2.0, high=3.0, seed=4)
    np.testing.assert_array_equal(one[:, 2], out[:, 2])
    assert one.dtype == np.float64 and np.all(one[:, :2] == 0)


def test_steps_are_typed_with_commas_or_semicolons_and_empty_parts_are_skipped():
    mask = g.parse_steps("1;3,, 5-6 ;", 7)
    assert mask.dtype == bool
    assert list(mask) == [True, False, True, False, True, True, False]
    assert g.format_steps(mask) == "1, 3, 5-6"


def test_steps_two_apart_are_not_a_range():
    assert g.format_steps(np.array([True, False, True])) == "1, 3"
    assert g.format_steps(np.zeros(4, dtype=bool)) == ""
