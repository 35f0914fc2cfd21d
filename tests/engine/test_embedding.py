"""The embedding input layer: x_t E feeds the first layer; its gradient against finite
differences (float64) and, with torch installed, against nn.Embedding + nn.LSTM/GRU/RNN."""

import numpy as np
import pytest

from test_gradients import TOLERANCE, numeric_vs_analytic, surrogate_loss

from lstm_studio.engine import EMBEDDING, KINDS, Readout, build_network, cost, evaluate

# (num_layers, bidirectional, batched)
CONFIGS = [(1, False, False), (2, True, True), (2, False, False), (1, True, True)]
VOCABULARY, EMBEDDING_SIZE, HIDDEN = 4, 3, 3


def one_hot_case(kind, num_layers, bidirectional, batched, seed=0, steps=5):
    net = build_network(kind, VOCABULARY, HIDDEN, num_layers, bidirectional, seed=seed,
                        embedding_size=EMBEDDING_SIZE)
    rng = np.random.default_rng(seed + 1)
    shape = (steps, 2) if batched else (steps,)
    x = np.eye(VOCABULARY)[rng.integers(0, VOCABULARY, size=shape)]
    state_shape = (num_layers * net.num_directions,) + ((2,) if batched else ()) + (HIDDEN,)
    h0 = 0.5 * rng.standard_normal(state_shape)
    c0 = 0.5 * rng.standard_normal(state_shape) if net.has_cell_state else None
    return net, rng, x, h0, c0


def test_embedding_is_the_first_parameter_and_sets_the_first_layers_input_size():
    net = build_network("lstm", 5, 4, num_layers=2, embedding_size=3)
    shapes = net.parameter_shapes()
    assert list(shapes)[0] == EMBEDDING and shapes[EMBEDDING] == (5, 3)
    assert shapes["weight_ih_l0"] == (16, 3) and shapes["weight_ih_l1"] == (16, 4)
    assert EMBEDDING not in build_network("lstm", 5, 4).parameter_shapes()


@pytest.mark.parametrize("size", [-1, 1.5, True, "3"])
def test_a_bad_embedding_size_is_refused(size):
    with pytest.raises(ValueError, match="embedding_size"):
        build_network("gru", 5, 4, embedding_size=size)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_tanh"])
def test_a_one_hot_input_looks_up_a_row(kind):
    """The network with an embedding equals the network without one fed the rows of E."""
    net, _, x, h0, c0 = one_hot_case(kind, 2, True, False)
    plain = build_network(kind, EMBEDDING_SIZE, HIDDEN, 2, True)
    plain.load_parameters({k: v for k, v in net.parameters().items() if k != EMBEDDING})
    rows = net.parameters()[EMBEDDING][np.argmax(x, axis=-1)]
    trace = net.forward(x, h0, c0)
    np.testing.assert_array_equal(trace.layer(0).x[:, 0], rows)
    np.testing.assert_array_equal(trace.x[:, 0], x)
    np.testing.assert_allclose(trace.output, plain.forward(rows, h0, c0).output, rtol=0, atol=1e-15)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("num_layers,bidirectional,batched", CONFIGS)
def test_embedding_gradient_matches_finite_differences(kind, num_layers, bidirectional, batched):
    net, rng, x, h0, c0 = one_hot_case(kind, num_layers, bidirectional, batched)
    x = x + 0.3 * rng.standard_normal(x.shape)  # a general input: E as a bias-free linear layer
    trace = net.forward(x, h0, c0)
    weight = rng.standard_normal(trace.output.shape)
    grads = net.backward(trace, weight)
    arrays = dict(net._params, input=x, h0=h0)
    if c0 is not None:
        arrays["c0"] = c0
    errors = numeric_vs_analytic(
        lambda: surrogate_loss(net, x, h0, c0, weight, None, trace), arrays, grads, rng)
    assert max(errors.values()) < TOLERANCE, errors
    assert grads[EMBEDDING].shape == (VOCABULARY, EMBEDDING_SIZE)
    assert grads["input"].shape == x.shape


def test_clipping_counts_the_embedding_gradient():
    net, rng, x, h0, c0 = one_hot_case("lstm", 1, False, False)
    trace = net.forward(x, h0, c0)
    weight = rng.standard_normal(trace.output.shape)
    full = net.backward(trace, weight)
    clipped = net.backward(trace, weight, clip_norm=1e-3)
    assert clipped.clipped
    np.testing.assert_allclose(clipped[EMBEDDING], full[EMBEDDING] * 1e-3 / full.norm)


def test_the_cost_model_counts_the_embedding():
    sizes = dict(kind="lstm", input_size=100, hidden_size=32, steps=50)
    plain = cost.multiply_adds(**sizes)[1]
    embedded = cost.multiply_adds(**sizes, embedding_size=8)[1]
    h = 32
    assert embedded - plain == 3 * 100 * 8 * 50 + 3 * 4 * (8 - 100) * h * 50
    assert cost.estimate_bytes(**sizes, embedding_size=8) != cost.estimate_bytes(**sizes)


@pytest.mark.parametrize("kind,torch_kind", [("lstm", "LSTM"), ("gru", "GRU"),
                                             ("rnn_tanh", "RNN_TANH"), ("rnn_relu", "RNN_RELU")])
@pytest.mark.parametrize("num_layers,bidirectional", [(1, False), (2, True)])
def test_matches_pytorch_embedding_and_recurrent_stack(kind, torch_kind, num_layers, bidirectional):
    torch = pytest.importorskip("torch")
    net, rng, x, h0, c0 = one_hot_case(kind, num_layers, bidirectional, True)
    indices = np.argmax(x, axis=-1)
    params = net.parameters()
    embedding = torch.nn.Embedding(VOCABULARY, EMBEDDING_SIZE).double()
    module = {"LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}.get(torch_kind, torch.nn.RNN)
    extra = {} if torch_kind in ("LSTM", "GRU") else {"nonlinearity": torch_kind[4:].lower()}
    rnn = module(EMBEDDING_SIZE, HIDDEN, num_layers, bidirectional=bidirectional, **extra).double()
    with torch.no_grad():
        embedding.weight.copy_(torch.from_numpy(params[EMBEDDING]))
        for name, value in rnn.named_parameters():
            value.copy_(torch.from_numpy(params[name]))
    d_output = rng.standard_normal((x.shape[0], 2, net.num_directions * HIDDEN))
    hx = torch.tensor(h0)
    state = (hx, torch.tensor(c0)) if c0 is not None else hx
    out, _ = rnn(embedding(torch.from_numpy(indices)), state)
    (out * torch.from_numpy(d_output)).sum().backward()
    trace = net.forward(x, h0, c0)
    grads = net.backward(trace, d_output)
    np.testing.assert_allclose(trace.output, out.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grads[EMBEDDING], embedding.weight.grad.numpy(), rtol=1e-10,
                               atol=1e-13)
    for name, value in rnn.named_parameters():
        np.testing.assert_allclose(grads[name], value.grad.numpy(), rtol=1e-10, atol=1e-13,
                                   err_msg=name)


def test_evaluate_trains_the_embedding_with_the_readout():
    net, rng, x, h0, c0 = one_hot_case("gru", 1, False, False)
    readout = Readout(HIDDEN, VOCABULARY, seed=1)
    target = rng.integers(0, VOCABULARY, size=x.shape[0])
    result = evaluate(net, readout, x, target, loss="cross_entropy", h0=h0)
    assert result.grads[EMBEDDING].shape == (VOCABULARY, EMBEDDING_SIZE)
    assert np.abs(result.grads[EMBEDDING]).sum() > 0
