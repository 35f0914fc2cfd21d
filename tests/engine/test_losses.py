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
