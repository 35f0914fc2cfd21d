"""The gate every array passes into a document (session/checked.py, no Qt): float64 of the
expected shape, finite, within the value limit, read-only afterwards, and an array that passed
shared rather than copied."""

import numpy as np
import pytest

from lstm_studio.engine.refusal import Refusal
from lstm_studio.session.checked import checked_array, is_frozen
from lstm_studio.session.document import VALUE_LIMIT


def refusal(*args, **kwargs) -> str:
    with pytest.raises(Refusal) as refused:
        checked_array(*args, **kwargs)
    return str(refused.value)


def frozen(values) -> np.ndarray:
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array


def test_a_read_only_float64_array_owning_its_data_is_frozen():
    assert is_frozen(frozen([1.0, 2.0])) is True


def test_writable_other_types_views_and_lists_are_not_frozen():
    assert not is_frozen(np.array([1.0, 2.0]))
    single = np.array([1.0], dtype=np.float32)
    single.flags.writeable = False
    assert not is_frozen(single)
    view = frozen([1.0, 2.0, 3.0])[1:]
    assert not view.flags.writeable and not is_frozen(view)
    assert not is_frozen([1.0, 2.0]) and not is_frozen(None) and not is_frozen(1.0)


def test_numbers_become_a_read_only_float64_array_of_the_shape():
    result = checked_array("weights", [[1, 2], [3, 4]], (2, 2))
    assert result.dtype == np.float64 and result.shape == (2, 2)
    np.testing.assert_array_equal(result, [[1.0, 2.0], [3.0, 4.0]])
    assert not result.flags.writeable and is_frozen(result)


def test_a_writable_array_is_copied_and_left_as_it_was():
    given = np.array([1.0, 2.0])
    result = checked_array("weights", given, (2,))
    assert result is not given and not np.shares_memory(result, given)
    assert given.flags.writeable
    given[0] = 5.0
    np.testing.assert_array_equal(result, [1.0, 2.0])


def test_an_array_of_another_type_is_converted_to_float64():
    result = checked_array("weights", np.array([1, 2], dtype=np.int32), (2,))
    assert result.dtype == np.float64 and is_frozen(result)


def test_a_frozen_array_is_shared_not_copied():
    given = frozen([1.0, 2.0])
    assert checked_array("weights", given, (2,)) is given
    assert checked_array("weights", given, (2,)) is given  # checked again (by the model)


def test_a_frozen_array_is_still_checked_the_first_time():
    given = frozen([1.0, np.nan])
    assert refusal("targets", given, (2,)) == "The targets must not contain NaN or infinity."
    assert refusal("targets", frozen([2e6]), (1,)) == "The targets must stay within ±1e+06."


def test_an_array_checked_under_one_limit_is_checked_again_under_another():
    given = checked_array("weights", [5.0], (1,), limit=10.0)
    assert checked_array("weights", given, (1,), limit=10.0) is given
    assert refusal("weights", given, (1,), limit=2.0) == "The weights must stay within ±2."


def test_an_array_of_another_shape_is_refused_naming_both_shapes():
    assert refusal("input sequence", [[1.0, 2.0]], (2, 1)) == (
        "The input sequence must have shape (2, 1), not (1, 2).")
    assert refusal("weights", checked_array("weights", [1.0, 2.0], (2,)), (3,)) == (
        "The weights must have shape (3,), not (2,).")


def test_what_is_not_numbers_is_refused():
    assert refusal("weights", ["a", "b"], (2,)) == "The weights must be numbers."
    assert refusal("weights", [[1.0], [1.0, 2.0]], (2,)) == "The weights must be numbers."
    assert refusal("weights", object(), ()) == "The weights must be numbers."


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_infinity_are_refused_anywhere(bad):
    for values in ([bad, 0.0, 1.0], [0.0, 1.0, bad], [0.0, bad, 0.0]):
        assert refusal("targets", values, (3,)) == "The targets must not contain NaN or infinity."


def test_values_up_to_the_limit_of_either_sign_pass_and_beyond_are_refused():
    np.testing.assert_array_equal(checked_array("weights", [VALUE_LIMIT, -VALUE_LIMIT], (2,)),
                                  [VALUE_LIMIT, -VALUE_LIMIT])
    beyond = np.nextafter(VALUE_LIMIT, np.inf)
    assert refusal("weights", [0.0, beyond], (2,)) == "The weights must stay within ±1e+06."
    assert refusal("weights", [-beyond, 0.0], (2,)) == "The weights must stay within ±1e+06."
    assert refusal("h0", [3.0], (1,), limit=2.5) == "The h0 must stay within ±2.5."
    assert refusal("h0", [-3.0], (1,), limit=2.5) == "The h0 must stay within ±2.5."


def test_an_empty_array_passes():
    result = checked_array("inputs", [], (0,))
    assert result.shape == (0,) and is_frozen(result)
    assert checked_array("inputs", np.zeros((0, 3)), (0, 3)).shape == (0, 3)



class Counted(np.ndarray):
    """A float64 array that counts the reductions a check makes of it."""

    checks = 0

    def max(self, *args, **kwargs):
        type(self).checks += 1
        return super().max(*args, **kwargs)


def test_an_array_that_passed_is_not_checked_again_under_the_same_limit():
    given = Counted((2,))
    given[:] = [1.0, 2.0]
    given.flags.writeable = False
    assert is_frozen(given) and Counted.checks == 0
    assert checked_array("weights", given, (2,)) is given and Counted.checks == 1
    assert checked_array("weights", given, (2,)) is given and Counted.checks == 1  # by the model, after the command
    assert checked_array("weights", given, (2,), limit=5.0) is given and Counted.checks == 2  # another limit
    assert checked_array("weights", given, (2,), limit=5.0) is given and Counted.checks == 2


def test_an_empty_array_passes_any_limit():
    assert checked_array("inputs", [], (0,), limit=0.5).shape == (0,)
