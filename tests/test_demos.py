"""The built-in Moscow demo really remembers its first input (no Qt)."""

import numpy as np
import pytest

from lstm_studio.engine import Readout, build_network, evaluate
from lstm_studio.session.demos import LEAKY_UNIT, MEMORY_UNIT, moscow_demo


def _evaluate(doc):
    c = doc.config
    net = build_network(c.kind, c.input_size, c.hidden_size, c.num_layers, c.bidirectional)
    net.load_parameters(doc.parameters)
    readout = Readout(c.num_directions * c.hidden_size, c.output_size)
    readout.load_parameters(doc.readout)
    return evaluate(net, readout, doc.inputs, doc.targets, loss=doc.loss, steps=doc.loss_mask,
                    h0=doc.h0, c0=doc.c0)


@pytest.fixture(scope="module")
def demo():
    doc = moscow_demo()
    return doc, _evaluate(doc)


def test_demo_is_a_valid_document(demo):
    doc, _ = demo
    doc.config.validated()
    assert doc.config.kind == "lstm"
    assert doc.inputs[0, 0] == 1.0 and np.all(doc.inputs[1:, 0] == 0.0)
    assert doc.loss_mask.tolist() == [False] * (doc.config.seq_len - 1) + [True]
    assert doc.targets[-1, 0] == 1.0


def test_output_at_last_step_matches_target(demo):
    _, ev = demo
    assert ev.y[-1, 0] == pytest.approx(1.0, abs=0.05)
    assert 0 < ev.loss < 1e-3
    assert ev.per_step_loss[-1] == ev.loss


def test_memory_cell_stays_high_across_the_sequence(demo):
    _, ev = demo
    c = ev.trace.layer(0, 0).c[:, 0, MEMORY_UNIT]
    gates = ev.trace.layer(0, 0).gates
    assert np.all(c > 0.95)
    assert gates["i"][0, 0, MEMORY_UNIT] > 0.99 and np.all(gates["i"][1:, 0, MEMORY_UNIT] < 0.01)
    assert np.all(gates["f"][:, 0, MEMORY_UNIT] > 0.999)


def test_leaky_unit_forgets(demo):
    _, ev = demo
    c = ev.trace.layer(0, 0).c[:, 0, LEAKY_UNIT]
    assert c[0] > 0.95 and abs(c[-1]) < 1e-6


def test_gradient_reaches_the_first_step_through_the_cell(demo):
    _, ev = demo
    dc = ev.grads.dc[0][0][:, 0, MEMORY_UNIT]
    assert abs(dc[0]) > 0.5 * abs(dc[-1]) > 0
