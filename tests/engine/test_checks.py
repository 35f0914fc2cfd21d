"""The engine's argument checks on their own: ``as_float_array`` copies unless told not to, and
says what is wrong; ``clip_gradients`` reports an infinite gradient without a warning. Found by
mutation testing (tests/MUTATION.md)."""

import numpy as np
import pytest

from lstm_studio.engine.bptt import clip_gradients
from lstm_studio.engine.checks import as_float_array


def test_an_array_of_the_right_type_is_copied_by_default():
    value = np.arange(3.0)
    array = as_float_array("x", value, np.float64)
    assert not np.shares_memory(array, value)
    array[0] = 7.0
    assert value[0] == 0.0


def test_an_array_of_the_right_type_is_taken_as_it_is_when_no_copy_is_asked_for():
    value = np.arange(3.0)
    assert as_float_array("x", value, np.float64, copy=False) is value


def test_an_array_of_another_type_is_converted_either_way():
    value = np.arange(3, dtype=np.int32)
    for copy in (True, False):
        array = as_float_array("x", value, np.float64, copy=copy)
        assert array.dtype == np.float64 and np.array_equal(array, [0.0, 1.0, 2.0])


def test_something_that_is_no_array_of_numbers_is_refused_naming_it():
    with pytest.raises(ValueError) as refused:
        as_float_array("input", [[1.0, 2.0], [3.0]], np.float64)  # ragged
    assert str(refused.value).startswith("input must be an array of numbers (")


@pytest.mark.parametrize("value", [np.array(["a"]), np.array([1j]), np.array([None], dtype=object)])
def test_values_that_are_not_real_numbers_are_refused_naming_their_type(value):
    with pytest.raises(ValueError, match=rf"^x must contain real numbers, got dtype {value.dtype}$"):
        as_float_array("x", value, np.float64)


def test_an_infinite_gradient_is_reported_and_clipped_without_a_warning():
    """Under pytest's warnings-as-errors: inf · 0 is NaN, which NumPy would warn about."""
    arrays = [np.array([np.inf, 1.0])]
    norm, clipped = clip_gradients(arrays, clip_norm=1.0)
    assert norm == np.inf and clipped
    assert np.isnan(arrays[0][0]) and arrays[0][1] == 0.0
