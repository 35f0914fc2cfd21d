"""Read-out, losses and evaluate: values and bookkeeping (gradients: test_gradients.py)."""

import numpy as np
import pytest

from lstm_studio.engine import Readout, build_network, evaluate, mse_loss


def test_readout_is_a_linear_map_with_pytorch_init():
    readout = Readout(4, 3, seed=1)
    params = readout.parameters()
    assert params["weight"].shape == (3, 4) and params["bias"].shape == (3,)
    assert np.abs(params["weight"]).max() <= 0.5
    out = np.random.default_rng(0).standard_normal((5, 2, 4))
    np.testing.assert_allclose(readout.forward(out), out @ params["weight"].T + params["bias"])
    params["bias"][:] = 9  # a copy
    assert not np.any(readout.parameters()["bias"] == 9)
    readout.load_parameters({"weight": np.eye(3, 4), "bias": np.zeros(3)})
    np.testing.assert_array_equal(readout.forward(out[:, 0]), out[:, 0, :3])
    with pytest.raises(ValueError, match="read-out input must have shape"):
        readout.forward(np.zeros((5, 3)))


def test_mse_per_step_and_mask():
    y = np.array([[1.0, 2.0], [3.0, 0.0], [0.0, 0.0]])
    target = np.zeros_like(y)
    loss, per_step, d_y = mse_loss(y, target, steps=[0, -2])
    np.testing.assert_allclose(per_step, [2.5, 4.5, 0.0])
    assert loss == pytest.approx(3.5)
    np.testing.assert_allclose(d_y, [[0.5, 1.0], [1.5, 0.0], [0.0, 0.0]])


def test_evaluate_cross_entropy_bookkeeping():
    net = build_network("lstm", 3, 5, bidirectional=True)
    readout = Readout(10, 4)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 2, 3))
    target = rng.integers(0, 4, (6, 2))
    ev = evaluate(net, readout, x, target, loss="cross_entropy", steps=[-1], truncate=2)
    assert ev.y.shape == (6, 2, 4) and ev.per_step_loss.shape == (6,)
    # expected values from the read-out's weights and softmax written out here, not from ev
    params = readout.parameters()
    logits = net.forward(x).output @ params["weight"].T + params["bias"]
    np.testing.assert_allclose(ev.y, logits, rtol=1e-12, atol=1e-14)
    exp = np.exp(logits)
    probabilities = exp / exp.sum(axis=-1, keepdims=True)
    np.testing.assert_allclose(ev.probabilities, probabilities, rtol=1e-12, atol=1e-15)
    expected = -np.mean([np.log(probabilities[-1, n, target[-1, n]]) for n in range(2)])
    assert ev.loss == pytest.approx(expected, rel=1e-12)
    assert ev.per_step_loss[-1] == pytest.approx(expected, rel=1e-12)
    assert np.all(ev.per_step_loss[:-1] == 0)
    assert set(ev.readout_grads) == {"weight", "bias"}
    assert ev.grads["input"].shape == x.shape and ev.probabilities is not None
    assert evaluate(net, readout, x, rng.standard_normal((6, 2, 4))).probabilities is None


def test_nan_prediction_gives_nan_loss_without_error():
    y = np.full((3, 2), np.nan)
    loss, per_step, d_y = mse_loss(y, np.zeros((3, 2)))
    assert np.isnan(loss) and np.isnan(d_y).all()


def test_softmax_and_cross_entropy_are_stable_row_by_row():
    """Logits of 1000 do not overflow and a row of small logits beside a row of huge ones keeps
    its own probabilities: the shift is each row's own maximum."""
    from lstm_studio.engine.losses import cross_entropy_loss, softmax

    y = np.array([[[1000.0, 0.0], [0.0, 1.0]], [[-1000.0, -1001.0], [2.0, 0.0]]])  # (T=2, N=2, 2)
    expected = np.exp([[[0.0, -1000.0], [0.0, 1.0]], [[0.0, -1.0], [2.0, 0.0]]])
    expected /= expected.sum(axis=-1, keepdims=True)
    np.testing.assert_allclose(softmax(y), expected, rtol=1e-12, atol=0)
    target = np.array([[0, 1], [1, 0]])
    loss, per_step, d_y = cross_entropy_loss(y, target)
    picked = np.array([[expected[0, 0, 0], expected[0, 1, 1]], [expected[1, 0, 1], expected[1, 1, 0]]])
    np.testing.assert_allclose(per_step, -np.log(picked).mean(axis=1), rtol=1e-12)
    assert loss == pytest.approx(-np.log(picked).mean(), rel=1e-12)
    onehot = np.eye(2)[target]
    np.testing.assert_allclose(d_y, (expected - onehot) / 4, rtol=1e-12, atol=1e-300)
    assert np.all(np.isfinite(d_y))


def test_losses_keep_the_prediction_dtype_and_check_targets():
    from lstm_studio.engine.losses import cross_entropy_loss

    y = np.zeros((3, 2), dtype=np.float32)
    for function, target in ((mse_loss, np.ones((3, 2))), (cross_entropy_loss, np.array([0.0, 1.0, 1.0]))):
        loss, per_step, d_y = function(y, target)
        assert d_y.dtype == np.float32 and np.isfinite(loss)
    # whole-number float class indices are accepted, anything else is refused with a reason
    loss, _, _ = cross_entropy_loss(np.zeros((2, 3)), np.array([2.0, 0.0]))
    assert loss == pytest.approx(np.log(3))
    for bad in (np.array([0.5, 1.0]), np.array([np.nan, 1.0]), np.array([np.inf, 1.0]), np.array(["a", "b"])):
        with pytest.raises(ValueError, match=r"^target must hold whole class indices$"):
            cross_entropy_loss(np.zeros((2, 3)), bad)
    with pytest.raises(ValueError, match=r"^target has shape \(4,\) but class indices of shape \(2,\) are expected$"):
        cross_entropy_loss(np.zeros((2, 3)), np.zeros(4, dtype=int))
    with pytest.raises(ValueError, match=r"^target must be an array of numbers"):
        mse_loss(np.zeros((2, 3)), [["a", "b", "c"], ["d", "e", "f"]])
    with pytest.raises(ValueError, match=r"^target has shape \(3, 2\) but the prediction has shape \(2, 3\)$"):
        mse_loss(np.zeros((2, 3)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"^y must be a float array"):
        mse_loss(np.zeros((2, 3), dtype=int), np.zeros((2, 3)))


def test_readout_parameters_are_checked_by_name():
    readout = Readout(3, 2)
    good = {"weight": np.zeros((2, 3)), "bias": np.zeros(2)}
    with pytest.raises(ValueError, match=r"^unknown read-out parameter 'scale'; expected weight, bias$"):
        readout.load_parameters(good | {"scale": np.zeros(1)})
    with pytest.raises(ValueError, match=r"^read-out parameter 'bias' is missing$"):
        readout.load_parameters({"weight": good["weight"]})
    with pytest.raises(ValueError, match=r"read-out parameter 'weight'"):
        readout.load_parameters(good | {"weight": np.full((2, 3), np.nan)})
    readout32 = Readout(3, 2, dtype=np.float32)
    readout32.load_parameters(good)
    assert readout32.parameters()["weight"].dtype == np.float32
    with pytest.raises(ValueError, match=r"^d_y has shape \(4, 3\) but the read-out output has shape \(4, 2\)$"):
        readout.backward(np.zeros((4, 3)), np.zeros((4, 3)))


def test_evaluate_passes_c0_truncation_and_value_clipping_on():
    """evaluate() is forward, read-out, loss and BPTT written out by hand here: with c0, a
    truncation and clipping by value, every one of them must reach its step."""
    net = build_network("lstm", 2, 3, seed=4)
    readout = Readout(3, 2, seed=5)
    rng = np.random.default_rng(6)
    x, target = rng.standard_normal((6, 2)), rng.standard_normal((6, 2))
    h0, c0 = rng.standard_normal((1, 3)), 2.0 * rng.standard_normal((1, 3))
    ev = evaluate(net, readout, x, target, h0=h0, c0=c0, truncate=2, clip_value=0.01)

    trace = net.forward(x, h0=h0, c0=c0)
    np.testing.assert_array_equal(ev.trace.layer(0).c, trace.layer(0).c)
    y = readout.forward(trace.output)
    loss, per_step, d_y = mse_loss(y, target)
    d_output, readout_grads = readout.backward(trace.output, d_y)
    grads = net.backward(trace, d_output, truncate=2)
    blocks = {name: grads[name] for name in net.parameter_shapes()} | \
        {f"readout.{name}": value for name, value in readout_grads.items()}
    assert ev.loss == loss
    assert ev.grads.unclipped_norms == pytest.approx({name: np.linalg.norm(v) for name, v in blocks.items()})
    assert ev.grads.norm == pytest.approx(np.sqrt(sum(np.sum(v**2) for v in blocks.values())))
    assert ev.grads.clipped
    for name in net.parameter_shapes():
        np.testing.assert_array_equal(ev.grads[name], np.clip(grads[name], -0.01, 0.01))
    for name, value in readout_grads.items():
        np.testing.assert_array_equal(ev.readout_grads[name], np.clip(value, -0.01, 0.01))
    for bad in ({"clip_norm": 0.0}, {"clip_value": -1.0}):
        with pytest.raises(ValueError, match=r"^clip_(norm|value) must be a positive number or None"):
            evaluate(net, readout, x, target, **bad)


def test_step_masks_take_negative_indices_and_refuse_the_rest():
    from lstm_studio.engine.losses import step_mask

    np.testing.assert_array_equal(step_mask([-4], 4), [True, False, False, False])
    np.testing.assert_array_equal(step_mask(np.array([], dtype=int).tolist() + [3], 4), [False, False, False, True])
    with pytest.raises(ValueError, match=r"^step -5 is outside the sequence of 4 steps$"):
        step_mask([-5], 4)
    for bad in ([[0, 1]], [0.5], ["a"]):
        with pytest.raises(ValueError, match=r"^steps must be None, a boolean mask \(T,\) or a list of step indices$"):
            step_mask(bad, 4)
    with pytest.raises(ValueError, match=r"^steps mask has shape \(3,\) but the sequence has 4 steps$"):
        step_mask(np.ones(3, dtype=bool), 4)
    with pytest.raises(ValueError, match=r"^steps selects no step: choose at least one step for the loss$"):
        step_mask([], 4)


def test_readout_sizes_are_named_and_its_output_keeps_its_dtype():
    for args, name in (((0, 2), "in_features"), ((2, 0), "out_features")):
        with pytest.raises(ValueError, match=rf"^{name} must be a whole number of at least 1, got 0$"):
            Readout(*args)
    readout32 = Readout(3, 2, dtype=np.float32)
    assert readout32.forward(np.ones((4, 3))).dtype == np.float32
    assert all(value.dtype == np.float32 for value in readout32.parameters().values())
    wide = Readout(4, 400, seed=3).parameters()  # PyTorch's U(-1/sqrt(F), 1/sqrt(F)) for both
    for value in wide.values():
        assert np.abs(value).max() <= 0.5 and value.min() < -0.45 and value.max() > 0.45
    assert readout32.backward(np.ones((4, 3)), np.ones((4, 2)))[0].dtype == np.float32


def test_non_finite_predictions_give_nan_quietly_in_every_loss():
    """NaN and infinite logits make the loss NaN without a warning (pytest turns warnings into
    errors): the app shows "not finite" instead of a traceback."""
    from lstm_studio.engine.losses import cross_entropy_loss, softmax

    y = np.array([[np.inf, 0.0], [np.nan, 1.0], [-np.inf, -np.inf]])
    assert np.isnan(softmax(y)).all(axis=-1).tolist() == [True, True, True]
    loss, per_step, d_y = cross_entropy_loss(y, np.array([0, 1, 0]))
    assert np.isnan(loss) and np.isnan(per_step).all() and np.isnan(d_y).all()
    net = build_network("rnn_relu", 1, 2)
    net.set_parameter("weight_hh_l0", np.full((2, 2), 1e300))
    net.set_parameter("weight_ih_l0", np.full((2, 1), 1e300))
    ev = evaluate(net, Readout(2, 1), np.ones((4, 1)), np.zeros((4, 1)), clip_norm=1.0)
    assert not np.isfinite(ev.loss) and not np.isfinite(ev.grads.norm)
