"""Optimisers: one step equals the textbook formula; many steps equal torch.optim."""
import numpy as np
import pytest

from lstm_studio.engine.optim import SGD, Adam, make_optimizer


def _problem(seed=0):
    rng = np.random.default_rng(seed)
    params = {"w": rng.normal(size=(3, 4)), "b": rng.normal(size=4)}
    grads = [{"w": rng.normal(size=(3, 4)), "b": rng.normal(size=4)} for _ in range(5)]
    return params, grads


def test_sgd_step_is_p_minus_lr_times_g_in_place():
    params, grads = _problem()
    w = params["w"]
    before = w.copy()
    SGD(params, lr=0.1).step(grads[0])
    assert params["w"] is w
    np.testing.assert_array_equal(w, before - 0.1 * grads[0]["w"])


def test_sgd_momentum_accumulates_velocity():
    params, grads = _problem()
    p0 = params["b"].copy()
    opt = SGD(params, lr=0.1, momentum=0.9)
    opt.step(grads[0])
    opt.step(grads[1])
    v1 = grads[0]["b"]
    v2 = 0.9 * v1 + grads[1]["b"]
    np.testing.assert_allclose(params["b"], p0 - 0.1 * v1 - 0.1 * v2, rtol=0, atol=1e-15)


def test_adam_first_two_steps_follow_the_formula():
    params, grads = _problem()
    p = params["w"].copy()
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    opt = Adam(params, lr=lr)
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t in (1, 2):
        g = grads[t - 1]["w"]
        opt.step(grads[t - 1])
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        p = p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        np.testing.assert_allclose(params["w"], p, rtol=1e-13, atol=1e-15)
    # the very first Adam step moves each weight by ~lr against the gradient's sign
    params, grads = _problem()
    w0 = params["w"].copy()
    Adam(params, lr=lr).step(grads[0])
    np.testing.assert_allclose(params["w"] - w0, -lr * np.sign(grads[0]["w"]), rtol=1e-6)


@pytest.mark.parametrize("name", ["sgd", "adam"])
def test_matches_torch_optim(name):
    torch = pytest.importorskip("torch")
    params, grads = _problem()
    tparams = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    if name == "sgd":
        topt = torch.optim.SGD(list(tparams.values()), lr=0.05, momentum=0.8)
    else:
        topt = torch.optim.Adam(list(tparams.values()), lr=0.05)
    opt = make_optimizer(name, params, lr=0.05, momentum=0.8)
    for g in grads:
        for k, tp in tparams.items():
            tp.grad = torch.tensor(g[k])
        topt.step()
        opt.step(g)
    for k, tp in tparams.items():
        np.testing.assert_allclose(params[k], tp.detach().numpy(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("name", ["sgd", "adam"])
def test_state_dict_round_trip_resumes_identically(name, tmp_path):
    params, grads = _problem()
    opt = make_optimizer(name, params, lr=0.02, momentum=0.5)
    for g in grads[:2]:
        opt.step(g)
    np.savez(tmp_path / "opt.npz", **opt.state_dict())
    saved_params = {k: v.copy() for k, v in params.items()}
    for g in grads[2:]:
        opt.step(g)

    resumed = make_optimizer(name, saved_params, lr=1.0, momentum=0.0 if name == "adam" else 0.1)
    with np.load(tmp_path / "opt.npz", allow_pickle=False) as data:
        resumed.load_state_dict(dict(data))
    assert resumed.lr == 0.02
    for g in grads[2:]:
        resumed.step(g)
    for k in params:
        np.testing.assert_array_equal(saved_params[k], params[k])


def test_state_dict_holds_only_floats_and_arrays():
    params, grads = _problem()
    opt = Adam(params)
    opt.step(grads[0])
    state = opt.state_dict()
    assert state["step_count"] == 1.0
    assert all(isinstance(v, (float, np.ndarray)) for v in state.values())
    # copies: stepping further does not change a taken state
    before = state["exp_avg/w"].copy()
    opt.step(grads[1])
    np.testing.assert_array_equal(state["exp_avg/w"], before)


def test_load_state_dict_rejects_other_optimiser_state():
    params, _ = _problem()
    with pytest.raises(ValueError, match="missing"):
        Adam(params).load_state_dict(SGD(params, lr=0.1).state_dict())


def test_learning_rate_is_settable_and_validated():
    params, grads = _problem()
    opt = SGD(params, lr=0.1)
    opt.lr = 0.5
    before = params["b"].copy()
    opt.step(grads[0])
    np.testing.assert_array_equal(params["b"], before - 0.5 * grads[0]["b"])
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(ValueError, match="learning rate"):
            opt.lr = bad


def test_bad_arguments_raise_clear_errors():
    params, grads = _problem()
    with pytest.raises(ValueError, match="momentum"):
        SGD(params, lr=0.1, momentum=1.5)
    with pytest.raises(ValueError, match="unknown optimiser"):
        make_optimizer("rmsprop", params, lr=0.1)
    with pytest.raises(ValueError, match="no gradient for parameter 'b'"):
        SGD(params, lr=0.1).step({"w": grads[0]["w"]})
    with pytest.raises(ValueError, match=r"gradient 'b' has shape \(5,\), the parameter has \(4,\)"):
        SGD(params, lr=0.1).step({"w": grads[0]["w"], "b": np.zeros(5)})


@pytest.mark.parametrize("name", ["sgd", "adam"])
def test_a_gradient_that_would_broadcast_is_refused_before_any_change(name):
    """A (1,) gradient for a (3,) parameter broadcasts silently in NumPy: the optimiser's own
    check must refuse it (its message, not NumPy's), and leave parameters and state untouched."""
    params = {"w": np.arange(6.0).reshape(2, 3), "b": np.array([1.0, 2.0, 3.0])}
    before = {k: v.copy() for k, v in params.items()}
    opt = make_optimizer(name, params, lr=0.1)
    with pytest.raises(ValueError, match=r"^gradient 'b' has shape \(1,\), the parameter has \(3,\)$"):
        opt.step({"w": np.ones((2, 3)), "b": np.ones(1)})
    assert opt.step_count == 0
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])


def test_defaults_are_pytorchs():
    params, _ = _problem()
    sgd = SGD(params)
    assert (sgd.lr, sgd.momentum) == (0.01, 0.0)
    adam = Adam(params)
    assert (adam.lr, adam.beta1, adam.beta2, adam.eps) == (1e-3, 0.9, 0.999, 1e-8)
    assert make_optimizer("sgd", params, lr=0.5).momentum == 0.0


def test_hyper_parameters_are_checked_by_name():
    params, _ = _problem()
    cases = [
        (lambda: SGD(params, lr=0.1, momentum=1.0), r"^momentum must be in \[0, 1\), got 1.0$"),
        (lambda: SGD(params, lr=0.1, momentum=-0.1), r"^momentum must be in \[0, 1\), got -0.1$"),
        (lambda: SGD(params, lr=0.1, momentum=True), r"^momentum must be a number, got True$"),
        (lambda: SGD(params, lr="0.1"), r"^learning rate must be a number, got '0.1'$"),
        (lambda: SGD(params, lr=float("inf")), r"^learning rate must be a positive number, got inf$"),
        (lambda: Adam(params, betas=(1.0, 0.9)), r"^beta1 must be in \[0, 1\), got 1.0$"),
        (lambda: Adam(params, betas=(0.9, 1.0)), r"^beta2 must be in \[0, 1\), got 1.0$"),
        (lambda: Adam(params, eps=0.0), r"^eps must be a positive number, got 0.0$"),
        (lambda: SGD({}, lr=0.1), r"^the optimiser needs at least one parameter$"),
        (lambda: SGD({"w": np.zeros(3, dtype=int)}, lr=0.1), r"^parameter 'w' must be a floating-point ndarray$"),
        (lambda: SGD({"w": [0.0, 1.0]}, lr=0.1), r"^parameter 'w' must be a floating-point ndarray$"),
    ]
    for build, message in cases:
        with pytest.raises(ValueError, match=message):
            build()
    SGD(params, lr=0.1, momentum=0.0)  # the ends that are allowed
    Adam(params, betas=(0.0, 0.0))
    SGD({"w": np.zeros(3, dtype=np.float32)}, lr=np.float32(0.1))


def test_load_state_dict_names_what_does_not_fit():
    params, grads = _problem()
    state = SGD(params, lr=0.1, momentum=0.5).state_dict()
    with pytest.raises(ValueError, match=r"^optimiser state does not match Adam: missing \['beta1', 'beta2', 'eps', 'exp_avg/b', "
                       r"'exp_avg/w', 'exp_avg_sq/b', 'exp_avg_sq/w'\], unexpected \['momentum', 'velocity/b', "
                       r"'velocity/w'\]$"):
        Adam(params).load_state_dict(state)
    state["velocity/b"] = np.zeros(5)
    with pytest.raises(ValueError, match=r"^optimiser buffer velocity/b has shape \(5,\), expected \(4,\)$"):
        SGD(params, lr=0.1).load_state_dict(state)
    adam = Adam(params, lr=0.1)
    adam.step(grads[0])
    other = Adam({k: v.copy() for k, v in params.items()}, lr=0.5, betas=(0.5, 0.6), eps=1e-3)
    other.load_state_dict(adam.state_dict())
    assert (other.lr, other.beta1, other.beta2, other.eps, other.step_count) == (0.1, 0.9, 0.999, 1e-8, 1)
    assert isinstance(other.step_count, int)


@pytest.mark.parametrize("name", ["sgd", "adam"])
def test_gradients_are_cast_to_the_parameters_dtype_before_the_update(name):
    """float32 parameters and float64 gradients: the update is the float32 update of the
    gradients rounded to float32 first, bit for bit."""
    rng = np.random.default_rng(7)
    start = {"w": rng.standard_normal((4, 5)).astype(np.float32)}
    grads = [{"w": rng.standard_normal((4, 5)) * 1e-3} for _ in range(3)]
    a, b = ({k: v.copy() for k, v in start.items()} for _ in range(2))
    opt_a, opt_b = make_optimizer(name, a, lr=0.1, momentum=0.9), make_optimizer(name, b, lr=0.1, momentum=0.9)
    for g in grads:
        opt_a.step(g)
        opt_b.step({"w": g["w"].astype(np.float32)})
    assert a["w"].dtype == np.float32
    np.testing.assert_array_equal(a["w"], b["w"])
