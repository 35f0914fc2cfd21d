"""What a lesson's report shows besides its verdict, and what it says when the claim no longer
holds: every page's numbers under their keys and labels, recomputed here from the evaluation (not
from the lesson's code); the values its reason quotes; and, on documents edited so that the claim
fails or the page does not apply, a verdict of the right kind that says why, with the same numbers.

The edits (kinds, sizes, weights, inputs, loss and BPTT settings) between them reach every
"No longer holds" and "Does not apply" branch of the measures of the pages that need no training.
"""

import re

import numpy as np
import pytest

from lstm_studio.lessons import LESSONS, lesson
from lstm_studio.lessons.base import KIND_NAMES, Report, Text, format_number
from lstm_studio.lessons.bptt import block_label, block_norms, clipping_figure
from lstm_studio.session.document import evaluate_document, reconfigured

PAGES = [(item.id, index) for item in LESSONS for index, page in enumerate(item.pages) if not page.trains]

D1, DT, DRATIO = ("d_1", "‖dL/dc_1‖"), ("d_T", "‖dL/dc_T‖"), ("d_ratio", "‖dL/dc_1‖ / ‖dL/dc_T‖")
G1, GT, GRATIO = ("g_1", "‖dL/dh_1‖"), ("g_T", "‖dL/dh_T‖"), ("g_ratio", "‖dL/dh_1‖ / ‖dL/dh_T‖")
HIGHWAY = [D1, DT, DRATIO, GRATIO, ("mean_f", "mean forget gate f"), ("forget_bias", "mean forget-gate bias")]
EXPLODING = [G1, GT, GRATIO, ("loss", "loss L"), ("max_abs_h", "max |h_t|")]
CLIPPING = [("norm_before", "‖∇θL‖ before clipping"), ("norm_after", "‖∇θL‖ after clipping"),
            ("threshold", "clipping threshold")]
KINDS = ("RNN", "LSTM", "GRU", "peephole")

REPORTS = {
    ("vanishing-rnn", 0): [G1, GT, GRATIO, ("w_hh_norm", "largest singular value of W_hh")],
    ("vanishing-rnn", 1): HIGHWAY,
    ("exploding-rnn", 0): EXPLODING,
    ("exploding-rnn", 1): EXPLODING,
    ("cell-highway", 0): HIGHWAY,
    ("cell-highway", 1): HIGHWAY,
    ("forget-gate-erases", 0): [("t", "t"), ("unit", "unit"), ("f", "f_t"), ("c_prev", "c_{t−1}"), ("c", "c_t")],
    ("input-gate-shut", 0): [("max_i", "max i_t"), ("max_c0", "max |c0|"), ("residual", "max |c_t − f⊙c_{t−1}|")],
    ("output-gate-shut", 0): [("max_o", "max o_t"), ("max_h", "max |h_t|"), ("max_c", "max |c_t|")],
    ("output-gate-shut", 1): [("min_o", "min o_t"), ("gap", "max |h_t − tanh(c_t)|")],
    ("lstm-without-forget-gate", 0): [("max_c_T", "max |c_T|"), ("max_h", "max |h_t|")],
    ("lstm-without-forget-gate", 1): [("max_c_T", "max |c_T|"), ("max_h", "max |h_t|"), ("mean_f", "mean forget gate f")],
    ("peephole", 0): [("o_change", "largest change of o by the peephole"), ("o", "o with peephole"),
                      ("o_blind", "o without peephole"), ("y_T", "ŷ_T with peepholes"), ("y_T_blind", "ŷ_T without"),
                      ("loss", "loss with peepholes"), ("loss_blind", "loss without")],
    ("lstm-explodes-too", 0): [G1, GT, GRATIO, DRATIO, ("loss", "loss L")],
    ("gru-update-copies", 0): [("steps", "consecutive copying steps"), ("min_z", "min z on them"),
                               ("max_change", "max |h_t − h_{t−1}|"), ("min_h", "min |h_t|")],
    ("gru-reset", 0): [("steps", "steps with r < 0.01"), ("max_r", "max r on them"),
                       ("jacobian_on", "max ‖∂n_t/∂h_{t−1}‖ there"), ("jacobian_off", "median ‖∂n_t/∂h_{t−1}‖ elsewhere")],
    ("gru-lighter", 0): [(f"params_{k}", f"parameters: {n}") for k, n in
                         zip(("rnn_tanh", "lstm", "gru", "peephole_lstm"), KINDS)]
    + [(f"us_per_step_{k}", f"µs per step: {n}") for k, n in zip(("rnn_tanh", "lstm", "gru", "peephole_lstm"), KINDS)],
    ("clipping", 0): CLIPPING,
    ("clipping-not-vanishing", 0): CLIPPING + [("g_ratio", "‖dL/dh_1‖ / ‖dL/dh_T‖ with clipping"),
                                               ("g_ratio_unclipped", "‖dL/dh_1‖ / ‖dL/dh_T‖ without")],
    ("truncation-cuts", 0): [("truncate", "k"), G1, GT, ("g_1_full", "‖dL/dh_1‖ with full BPTT")],
    ("truncation-cuts", 1): [G1, DRATIO],
}


def formatted(key):
    return lambda report, doc: format_number(report[key])


def whole(key):
    return lambda report, doc: int(report[key])


def one_minus(key):
    return lambda report, doc: format_number(1.0 - report[key])


def steps(report, doc):
    return doc.config.seq_len


def argmax_of_i(axis):
    def value(report, doc):
        i = evaluate_document(doc).trace.layer(0, 0).gates["i"][:, 0]
        at = np.unravel_index(np.argmax(i), i.shape)
        return int(at[0] + 1) if axis == 0 else int(at[1])
    return value


def truncation(report, doc):
    return doc.bptt.truncate


def first_kept(report, doc):
    k = doc.bptt.truncate
    return doc.config.seq_len - k + 1 if k else 0


def times_threshold(report, doc):
    with np.errstate(all="ignore"):
        return format_number(report["norm_before"] / (doc.bptt.clip_norm or 1))


QUOTED = {
    ("vanishing-rnn", 0): {"ratio": formatted("g_ratio"), "steps": steps},
    ("vanishing-rnn", 1): {"ratio": formatted("d_ratio"), "f": formatted("mean_f"), "bias": formatted("forget_bias")},
    ("exploding-rnn", 0): {"ratio": formatted("g_ratio"), "loss": formatted("loss")},
    ("exploding-rnn", 1): {"ratio": formatted("g_ratio"), "peak": formatted("max_abs_h")},
    ("cell-highway", 0): {"ratio": formatted("d_ratio"), "f": formatted("mean_f"), "bias": formatted("forget_bias")},
    ("cell-highway", 1): {"ratio": formatted("d_ratio"), "f": formatted("mean_f")},
    ("forget-gate-erases", 0): {"t": whole("t"), "unit": whole("unit"), "f": formatted("f"),
                                "c_prev": formatted("c_prev"), "c": formatted("c")},
    ("input-gate-shut", 0): {"i": formatted("max_i"), "c0": formatted("max_c0"), "residual": formatted("residual"),
                             "t": argmax_of_i(0), "unit": argmax_of_i(1)},
    ("output-gate-shut", 0): {"o": formatted("max_o"), "h": formatted("max_h"), "c": formatted("max_c")},
    ("output-gate-shut", 1): {"o": one_minus("min_o"), "gap": formatted("gap")},
    ("lstm-without-forget-gate", 0): {"c": formatted("max_c_T"), "h": formatted("max_h")},
    ("lstm-without-forget-gate", 1): {"c": formatted("max_c_T"), "f": formatted("mean_f")},
    ("peephole", 0): {"o": formatted("o"), "o_blind": formatted("o_blind"), "y": formatted("y_T"),
                      "y_blind": formatted("y_T_blind")},
    ("lstm-explodes-too", 0): {"ratio": formatted("g_ratio")},
    ("gru-update-copies", 0): {"steps": whole("steps"), "z": one_minus("min_z"), "change": formatted("max_change"),
                               "h": formatted("min_h")},
    ("gru-reset", 0): {"steps": whole("steps"), "r": formatted("max_r"), "on": formatted("jacobian_on"),
                       "off": formatted("jacobian_off")},
    ("gru-lighter", 0): {"gru": whole("params_gru"), "lstm": whole("params_lstm"),
                         "share": lambda report, doc: f"{report['params_gru'] / report['params_lstm']:.2f}",
                         "hidden": lambda report, doc: doc.config.hidden_size,
                         "time": lambda report, doc: f"{report['us_per_step_gru'] / report['us_per_step_lstm']:.2f}",
                         "inputs": lambda report, doc: doc.config.input_size},
    ("clipping", 0): {"before": formatted("norm_before"), "after": formatted("norm_after"),
                      "threshold": formatted("threshold"), "times": times_threshold},
    ("clipping-not-vanishing", 0): {"ratio": formatted("g_ratio"), "before": formatted("norm_before"),
                                    "threshold": formatted("threshold")},
    ("truncation-cuts", 0): {"k": truncation, "steps": steps, "g1": formatted("g_1"), "full": formatted("g_1_full"),
                             "first": first_kept},
    ("truncation-cuts", 1): {"g1": formatted("g_1"), "ratio": formatted("d_ratio")},
}


# -- the numbers, recomputed from the evaluation -----------------------------------------------
def norms(values):
    with np.errstate(all="ignore"):
        return np.sqrt(np.sum(values[:, 0] ** 2, axis=-1))


def ratio(a, b):
    with np.errstate(all="ignore"):
        return float(np.float64(a) / np.float64(b))


def expected_values(page, ev, doc):
    """key -> value, for the keys whose definition does not depend on the page's search."""
    layer = ev.trace.layer(0, 0)
    g = norms(ev.grads.dh[0][0])
    found = {"g_1": g[0], "g_T": g[-1], "g_ratio": ratio(g[0], g[-1]), "loss": ev.loss,
             "max_abs_h": np.max(np.abs(layer.h)), "max_h": np.max(np.abs(layer.h[:, 0])),
             "norm_before": ev.grads.norm}
    if ev.grads.dc is not None:
        d = norms(ev.grads.dc[0][0])
        found |= {"d_1": d[0], "d_T": d[-1], "d_ratio": ratio(d[0], d[-1]),
                  "max_c": np.max(np.abs(layer.c[:, 0])), "max_c_T": np.max(np.abs(layer.c[-1, 0]))}
        f = layer.gates["f"][:, 0] if "f" in layer.gates else np.ones_like(layer.c[:, 0])
        found["mean_f"] = np.mean(f)
    gates = layer.gates
    if "o" in gates and layer.c is not None:
        found |= {"max_o": np.max(gates["o"][:, 0]), "min_o": np.min(gates["o"][:, 0]),
                  "gap": np.max(np.abs(layer.h[:, 0] - np.tanh(layer.c[:, 0])))}
    if "i" in gates and layer.c is not None:
        f = gates["f"][:, 0] if "f" in gates else 1.0
        found |= {"max_i": np.max(gates["i"][:, 0]), "max_c0": np.max(np.abs(doc.c0[0])),
                  "residual": np.max(np.abs(layer.c[:, 0] - f * layer.c_prev[:, 0]))}
    if doc.config.kind.startswith("rnn"):
        found["w_hh_norm"] = np.linalg.svd(doc.parameters["weight_hh_l0"], compute_uv=False)[0]
    found["truncate"] = doc.bptt.truncate or 0
    found["threshold"] = doc.bptt.clip_norm if doc.bptt.clip_norm else np.nan
    if page == ("truncation-cuts", 0):
        full = doc.copy()
        full.bptt.truncate = None
        found["g_1_full"] = norms(evaluate_document(full).grads.dh[0][0])[0]
    if page == ("clipping-not-vanishing", 0):
        plain = doc.copy()
        plain.bptt.clip_norm = plain.bptt.clip_value = None
        g_plain = norms(evaluate_document(plain).grads.dh[0][0])
        found["g_ratio_unclipped"] = ratio(g_plain[0], g_plain[-1])
    if page == ("gru-lighter", 0):
        from lstm_studio.engine import build_network

        c = doc.config
        for kind in ("rnn_tanh", "lstm", "gru", "peephole_lstm"):
            found[f"params_{kind}"] = sum(v.size for v in build_network(kind, c.input_size, c.hidden_size)
                                          .parameters().values())
    if page in (("vanishing-rnn", 1), ("cell-highway", 0), ("cell-highway", 1)) and "f" in layer.gates:
        rows = slice(doc.config.hidden_size, 2 * doc.config.hidden_size)  # i, f, g, o
        found["forget_bias"] = np.mean(doc.parameters["bias_ih_l0"][rows] + doc.parameters["bias_hh_l0"][rows])
    return found


def check_numbers(page, report, ev, doc):
    for key, value in expected_values(page, ev, doc).items():
        if key in report.keys():
            np.testing.assert_allclose(report[key], value, rtol=1e-12, atol=0, err_msg=f"{page} {key}")


def check_quotes(page, report, doc):
    reason = report.reason
    for name, value in QUOTED[page].items():
        if name in reason.values:
            assert reason.values[name] == value(report, doc), (page, name, str(reason))


def longest_run(mask):
    best = length = 0
    for value in mask:
        length = length + 1 if value else 0
        best = max(best, length)
    return best


def erased_somewhere(ev, doc):
    layer = ev.trace.layer(0, 0)
    f, c_prev, c = layer.gates["f"][:, 0], layer.c_prev[:, 0], layer.c[:, 0]
    return bool(np.any((np.abs(c_prev) > 0.5) & (f < 0.01) & (np.abs(c) < 0.05 * np.abs(c_prev))))


def copying_steps(ev):
    layer = ev.trace.layer(0, 0)
    z, h, h_prev = layer.gates["z"][:, 0], layer.h[:, 0], layer.h_prev[:, 0]
    copying = (z.min(axis=1) > 0.99) & (np.abs(h - h_prev).max(axis=1) < 0.01) & (np.abs(h).min(axis=1) > 0.3)
    return longest_run(copying)


def reset_steps(ev):
    return longest_run(ev.trace.layer(0, 0).gates["r"][:, 0].max(axis=1) < 0.01)


CLAIMS = {
    # page -> the claim as its texts state it ("the claim needs ..."), on the page's numbers
    ("vanishing-rnn", 0): lambda r, doc, ev: r["g_ratio"] < 1e-3,
    ("vanishing-rnn", 1): lambda r, doc, ev: r["d_ratio"] > 0.1,
    ("exploding-rnn", 0): lambda r, doc, ev: r["g_ratio"] > 1e3 and r["loss"] < 1e3,
    ("exploding-rnn", 1): lambda r, doc, ev: r["g_ratio"] < 1e3,
    ("cell-highway", 0): lambda r, doc, ev: r["d_ratio"] > 0.1,
    ("cell-highway", 1): lambda r, doc, ev: r["d_ratio"] < 1e-3,
    ("forget-gate-erases", 0): lambda r, doc, ev: erased_somewhere(ev, doc),
    ("input-gate-shut", 0): lambda r, doc, ev: (r["max_c0"] >= 0.5 and r["max_i"] < 0.01
                                                and r["residual"] < 0.01 * r["max_c0"]),
    ("output-gate-shut", 0): lambda r, doc, ev: r["max_o"] < 0.01 and r["max_c"] > 0.5 and r["max_h"] < 0.01,
    ("output-gate-shut", 1): lambda r, doc, ev: r["gap"] < 0.01,
    ("lstm-without-forget-gate", 0): lambda r, doc, ev: r["max_c_T"] > 5.0 and r["max_h"] <= 1.0,
    ("lstm-without-forget-gate", 1): lambda r, doc, ev: r["max_c_T"] < 5.0,
    ("peephole", 0): lambda r, doc, ev: r["o_change"] > 0.5 and abs(r["y_T"] - r["y_T_blind"]) > 0.25,
    ("lstm-explodes-too", 0): lambda r, doc, ev: r["g_ratio"] > 1e3,
    ("gru-update-copies", 0): lambda r, doc, ev: r["steps"] >= 5,
    ("gru-reset", 0): lambda r, doc, ev: r["steps"] >= 3 and r["jacobian_on"] < 0.01,
    ("gru-lighter", 0): lambda r, doc, ev: r["params_gru"] < r["params_lstm"],
    ("clipping", 0): lambda r, doc, ev: bool(doc.bptt.clip_norm) and r["norm_before"] > 10 * doc.bptt.clip_norm,
    ("clipping-not-vanishing", 0): lambda r, doc, ev: (ev.grads.clipped and r["g_ratio"] == r["g_ratio_unclipped"]
                                                       and r["g_ratio"] < 1e-3),
    ("truncation-cuts", 0): lambda r, doc, ev: (bool(doc.bptt.truncate) and doc.config.seq_len >= 2 * doc.bptt.truncate
                                                and r["g_1"] == 0.0 and r["g_T"] > 0.0),
    ("truncation-cuts", 1): lambda r, doc, ev: doc.bptt.truncate is None and r["g_1"] > 0.0,
}


def check_search(page, report, ev):
    """The pages that search the trace for a span: the span they report, recomputed."""
    if page == ("gru-update-copies", 0):
        assert report["steps"] == copying_steps(ev)
        min_z = ev.trace.layer(0, 0).gates["z"][:, 0].min(axis=1)
        if report["steps"] == 0:
            assert report["min_z"] == min_z.max()
        else:
            assert report["min_z"] > 0.99
    if page == ("gru-reset", 0):
        assert report["steps"] == reset_steps(ev)
        max_r = ev.trace.layer(0, 0).gates["r"][:, 0].max(axis=1)
        assert report["max_r"] == (max_r.min() if report["steps"] == 0 else report["max_r"])
        if report["steps"]:
            assert report["max_r"] < 0.01


def blind_trace(doc):
    blind = doc.copy()
    for name in blind.parameters:
        if name.startswith(("weight_ci", "weight_cf", "weight_co")):
            blind.parameters[name][:] = 0.0
    return evaluate_document(blind).trace.layer(0, 0)


def check_figures(page, report, ev, doc):
    """The figures of the pages that draw one: what they plot, recomputed from the trace."""
    T = doc.config.seq_len
    if page == ("gru-reset", 0):
        (figure,) = report.figures
        assert (figure.y_label, figure.log, figure.kind) == ("‖∂n_t/∂h_{t−1}‖", True, "curves")
        assert figure.title == "How much the candidate n_t depends on h_{t−1}"
        assert [str(series.name) for series in figure.series] == ["‖∂n_t/∂h_{t−1}‖", "max r_t"]
        np.testing.assert_array_equal(figure.series[1].x, np.arange(1, T + 1))
        np.testing.assert_array_equal(figure.series[1].y, ev.trace.layer(0, 0).gates["r"][:, 0].max(axis=1))
    if page == ("peephole", 0) and doc.config.kind == "peephole_lstm":
        (figure,) = report.figures
        assert (figure.title, figure.y_label, figure.log) == ("Output gate o of the selected unit", "o_t", False)
        assert [str(series.name) for series in figure.series] == ["with peephole", "peepholes set to 0"]
        unit = min(doc.view.unit, doc.config.hidden_size - 1)
        np.testing.assert_array_equal(figure.series[0].x, np.arange(1, T + 1))
        np.testing.assert_array_equal(figure.series[0].y, ev.trace.layer(0, 0).gates["o"][:, 0, unit])
        np.testing.assert_allclose(figure.series[1].y, blind_trace(doc).gates["o"][:, 0, unit], rtol=1e-12)
    if page in (("clipping", 0), ("clipping-not-vanishing", 0)):
        (figure,) = report.figures
        assert figure.kind == "bars" and figure.title == "Parameter gradients"


def check_verdict(page, report, ev, doc):
    """The verdict's kind, its reason fully filled in, and the page's numbers (when measured)."""
    text = str(report.reason)
    assert type(report.holds) is bool and isinstance(report.reason, Text), (page, report)
    assert not re.search(r"[{}]", re.sub(r"_\{t[−+]1\}", "", text)), (page, text)  # every value filled in
    names = [key for key, _ in REPORTS[page]]
    if text.startswith("Holds: "):
        assert report.holds, text
        assert report.keys() == names, text
    elif text.startswith("No longer holds: "):
        assert not report.holds, text
        if text != "No longer holds: no cell holds more than 0.5, so there is nothing to erase.":
            assert report.keys() == names, text  # else there is no cell to point at
    elif text.startswith("Does not apply: "):
        assert not report.holds, text
    else:
        pytest.fail(f"{page}: a verdict that says neither whether nor why: {text}")
    for measure in report.measures:
        assert isinstance(measure.value, float) and measure.key == measure.key.strip(), (page, measure)
    if report.measures:
        check_numbers(page, report, ev, doc)
        check_quotes(page, report, doc)
        check_search(page, report, ev)
        assert [(m.key, str(m.label)) for m in report.measures] == REPORTS[page][:len(report.measures)]
    if text.startswith(("Holds: ", "No longer holds: ")) and report.measures:
        assert report.holds == bool(CLAIMS[page](report, doc, ev)), (page, text)
        check_figures(page, report, ev, doc)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page[0]}-{page[1]}")
@pytest.mark.parametrize("seed", [0, 3])
def test_each_page_shows_its_numbers_under_their_names(page, seed):
    item = lesson(page[0])
    doc = item.build(seed, page[1])
    ev = evaluate_document(doc)
    report = item.measures(ev, doc)
    assert report.holds and str(report.reason).startswith("Holds: ")
    assert [(m.key, str(m.label)) for m in report.measures] == REPORTS[page]
    check_verdict(page, report, ev, doc)
    for figure in report.figures:
        assert figure.title and figure.y_label and figure.series
        for series in figure.series:
            assert str(series.name) and len(series.x) == len(series.y)


# -- edits that break a claim ------------------------------------------------------------------
def scaled(prefixes, factor):
    def edit(doc):
        doc = doc.copy()
        for name, value in doc.parameters.items():
            if name.startswith(prefixes):
                doc.parameters[name] = value * factor
        return doc
    return edit


def changed(change):
    def edit(doc):
        doc = doc.copy()
        change(doc)
        return doc
    return edit


def biases(value):
    def change(doc):
        for name in doc.parameters:
            if name.startswith("bias"):
                doc.parameters[name][:] = value
    return changed(change)


EDITS = {
    **{f"kind {kind}": (lambda kind: lambda doc: reconfigured(doc, kind=kind))(kind) for kind in KIND_NAMES},
    "T 10": lambda doc: reconfigured(doc, seq_len=10),
    "T 40": lambda doc: reconfigured(doc, seq_len=40),
    "H 1": lambda doc: reconfigured(doc, hidden_size=1),
    "bidirectional": lambda doc: reconfigured(doc, bidirectional=True),
    "loss everywhere": changed(lambda doc: setattr(doc, "loss_mask", np.ones_like(doc.loss_mask))),
    "no weights": scaled(("weight", "bias"), 0.0),
    "W_hh x3": scaled(("weight_hh",), 3.0),
    "W_hh x0.1": scaled(("weight_hh",), 0.1),
    "W_hh x0": scaled(("weight_hh",), 0.0),
    "W_ih x0": scaled(("weight_ih",), 0.0),
    "W_ih x10": scaled(("weight_ih",), 10.0),
    "no peepholes": scaled(("weight_c",), 0.0),
    "no inputs": changed(lambda doc: setattr(doc, "inputs", doc.inputs * 0)),
    "loud inputs": changed(lambda doc: setattr(doc, "inputs", doc.inputs * 1e5)),
    "whispered inputs": changed(lambda doc: setattr(doc, "inputs", doc.inputs * 1e-5)),
    "truncate 5": changed(lambda doc: setattr(doc.bptt, "truncate", 5)),
    "truncate 20": changed(lambda doc: setattr(doc.bptt, "truncate", 20)),
    "no truncation": changed(lambda doc: setattr(doc.bptt, "truncate", None)),
    "no clipping": changed(lambda doc: setattr(doc.bptt, "clip_norm", None)),
    "clip 1e9": changed(lambda doc: setattr(doc.bptt, "clip_norm", 1e9)),
    "clip 1e-9": changed(lambda doc: setattr(doc.bptt, "clip_norm", 1e-9)),
    "biases +5": biases(5.0),
    "biases -5": biases(-5.0),
    "biases 0": biases(0.0),
    "targets x1000": changed(lambda doc: setattr(doc, "targets", doc.targets * 1e3)),
    "no last channel": changed(lambda doc: doc.inputs.__setitem__((slice(None), -1), 0.0)),
    "truncate 100": changed(lambda doc: setattr(doc.bptt, "truncate", 100)),
    "no read-out": changed(lambda doc: doc.readout["weight"].__imul__(0.0)),
}


@pytest.mark.parametrize("page", [page for page in PAGES if page != ("gru-lighter", 0)],
                         ids=lambda page: f"{page[0]}-{page[1]}")
def test_an_edited_session_gets_a_verdict_that_says_why(page):
    item = lesson(page[0])
    doc = item.build(0, page[1])
    verdicts = set()
    for name, edit in EDITS.items():
        edited = edit(doc)
        ev = evaluate_document(edited)
        report = item.measures(ev, edited, page[1])
        check_verdict(page, report, ev, edited)
        verdicts.add(str(report.reason).split(":")[0])
        if name.startswith("kind ") and edited.config.kind != doc.config.kind and report.reason.template.startswith(
                "Does not apply: this page needs"):
            assert report.reason.values == {"wanted": report.reason.values["wanted"],
                                            "kind": KIND_NAMES[edited.config.kind]}
            assert report.reason.values["wanted"] in KIND_NAMES.values()
            assert report.measures == ()
    assert "No longer holds" in verdicts, f"{page}: no edit breaks the claim"


def test_the_lighter_page_counts_at_the_edited_sizes_and_times_only_small_layers():
    item = lesson("gru-lighter")
    doc = item.build(0)
    for change in ({"hidden_size": 3}, {"input_size": 5}, {"kind": "lstm"}):
        edited = reconfigured(doc, **change)
        ev = evaluate_document(edited)
        report = item.measures(ev, edited)
        check_verdict(("gru-lighter", 0), report, ev, edited)
        assert report.holds


# -- pages that need another kind name the one they need -------------------------------------
@pytest.mark.parametrize("page, wanted", [
    (("vanishing-rnn", 0), "a tanh RNN"), (("exploding-rnn", 0), "a tanh RNN"), (("exploding-rnn", 1), "a tanh RNN"),
    (("cell-highway", 0), "an LSTM"), (("input-gate-shut", 0), "an LSTM"), (("output-gate-shut", 0), "an LSTM"),
    (("lstm-without-forget-gate", 0), "an LSTM without forget gate"), (("lstm-without-forget-gate", 1), "an LSTM"),
    (("peephole", 0), "a peephole LSTM"), (("gru-update-copies", 0), "a GRU"), (("gru-reset", 0), "a GRU"),
    (("clipping-not-vanishing", 0), "a tanh RNN"), (("truncation-cuts", 1), "an LSTM"),
])
def test_a_page_for_another_kind_says_which_kind_it_needs(page, wanted):
    item = lesson(page[0])
    doc = item.build(0, page[1])
    other = "gru" if doc.config.kind != "gru" else "lstm"
    if page == ("exploding-rnn", 0):
        other = "lstm"
    edited = reconfigured(doc, kind=other)
    report = item.measures(evaluate_document(edited), edited, page[1])
    assert report == Report(False, report.reason)
    assert str(report.reason) == f"Does not apply: this page needs {wanted}; the network is now {KIND_NAMES[other]}."


# -- the clipping figure ---------------------------------------------------------------------
@pytest.mark.parametrize("name, label", [
    ("weight_ih_l0", "W_ih"), ("weight_hh_l0", "W_hh"), ("bias_ih_l0", "b_ih"), ("bias_hh_l0", "b_hh"),
    ("weight_ci_l0", "w_ci"), ("weight_cf_l0", "w_cf"), ("weight_co_l0", "w_co"),
    ("readout.weight", "W_y"), ("readout.bias", "b_y"), ("embedding", "E"),
    ("weight_hh_l1", "W_hh l2"), ("bias_ih_l0_reverse", "b_ih l1 rev"), ("weight_ih_l2_reverse", "W_ih l3 rev"),
    ("something_l0", "something"),
])
def test_block_labels_are_the_short_names_with_layer_and_direction(name, label):
    assert block_label(name) == label


def test_clipping_scales_every_block_by_one_factor_and_the_figure_shows_both():
    item = lesson("clipping")
    doc = item.build(1)
    doc = reconfigured(doc, num_layers=2, bidirectional=True)
    doc.bptt.clip_norm = 1.0
    ev = evaluate_document(doc)
    names, before, after = block_norms(ev)
    assert names == list(ev.grads.unclipped_norms)
    assert "readout.weight" in names and "weight_hh_l1_reverse" in names
    np.testing.assert_allclose(np.sqrt(np.sum(before ** 2)), ev.grads.norm, rtol=1e-12)
    np.testing.assert_allclose(after, before * (1.0 / ev.grads.norm), rtol=1e-9)
    figure = clipping_figure(ev)
    assert figure.kind == "bars" and figure.log and figure.y_label == "‖∂L/∂θ‖"
    assert figure.title == "Parameter gradients"
    assert figure.categories == tuple(block_label(name) for name in names)
    assert [s.name for s in figure.series] == ["before clipping", "after clipping"]
    for series, values in zip(figure.series, (before, after)):
        np.testing.assert_array_equal(series.x, np.arange(len(names)))
        np.testing.assert_array_equal(series.y, values)
    report = item.measures(ev, doc)
    assert report.figures[0].categories == figure.categories
    np.testing.assert_allclose(report["norm_after"], 1.0, rtol=1e-9)


# -- the bounds of the claims ----------------------------------------------------------------------
BOUNDS = [
    # page, module, constant, the key it bounds, whether the claim still holds at the bound itself
    (("vanishing-rnn", 0), "rnn", "VANISHING_LIMIT", "g_ratio", False),        # "less than 0.001"
    (("exploding-rnn", 0), "rnn", "EXPLODING_LIMIT", "g_ratio", False),        # "more than 1000"
    (("exploding-rnn", 0), "rnn", "LOSS_BOUND", "loss", False),                # bounded: below it
    (("exploding-rnn", 1), "rnn", "EXPLODING_LIMIT", "g_ratio", False),
    (("cell-highway", 0), "lstm", "HIGHWAY_LIMIT", "d_ratio", False),
    (("cell-highway", 1), "lstm", "FADING_LIMIT", "d_ratio", False),
    (("input-gate-shut", 0), "lstm", "INPUT_SHUT_I", "max_i", False),
    (("input-gate-shut", 0), "lstm", "INPUT_CELL", "max_c0", True),           # a cell of 0.5 holds something
    (("output-gate-shut", 0), "lstm", "OUTPUT_SHUT_O", "max_o", False),
    (("output-gate-shut", 0), "lstm", "OUTPUT_CELL", "max_c", False),
    (("output-gate-shut", 0), "lstm", "OUTPUT_H", "max_h", False),
    (("output-gate-shut", 1), "lstm", "OUTPUT_H", "gap", False),
    (("lstm-without-forget-gate", 0), "lstm", "ACCUMULATED", "max_c_T", False),  # "more than 5"
    (("lstm-without-forget-gate", 1), "lstm", "ACCUMULATED", "max_c_T", False),
    (("peephole", 0), "lstm", "PEEPHOLE_GATE_CHANGE", "o_change", False),
    (("lstm-explodes-too", 0), "lstm", "EXPLODING_LIMIT", "g_ratio", False),
    (("gru-update-copies", 0), "gru", "COPY_STEPS", "steps", True),
    (("gru-reset", 0), "gru", "RESET_STEPS", "steps", True),
    (("gru-reset", 0), "gru", "RESET_JACOBIAN", "jacobian_on", False),
    (("clipping-not-vanishing", 0), "bptt", "VANISHING_LIMIT", "g_ratio", False),
]


@pytest.mark.parametrize("page, module, name, key, holds", BOUNDS, ids=lambda v: v if isinstance(v, str) else None)
def test_a_claim_at_its_bound_holds_only_where_its_text_says_so(page, module, name, key, holds, monkeypatch):
    import importlib

    item = lesson(page[0])
    doc = item.build(0, page[1])
    ev = evaluate_document(doc)
    before = item.measures(ev, doc)
    monkeypatch.setattr(importlib.import_module(f"lstm_studio.lessons.{module}"), name, before[key])
    report = item.measures(ev, doc)
    assert report.holds is holds, str(report.reason)
    assert str(report.reason).startswith("Holds: " if holds else "No longer holds: ")
    # the verdict at the bound says why, every value filled in, with the same numbers as before
    assert not re.search(r"[{}]", re.sub(r"_\{t[−+]1\}", "", str(report.reason))), str(report.reason)
    assert report.measures == before.measures


def test_bounds_of_claims_on_a_difference_or_a_product(monkeypatch):
    from lstm_studio.lessons import bptt, gru as gru_module, lstm as lstm_module

    item = lesson("peephole")
    doc = item.build(0)
    ev = evaluate_document(doc)
    report = item.measures(ev, doc)
    monkeypatch.setattr(lstm_module, "PEEPHOLE_OUTPUT_CHANGE", abs(report["y_T"] - report["y_T_blind"]))
    assert not item.measures(ev, doc).holds
    item = lesson("clipping")
    doc = item.build(0)
    ev = evaluate_document(doc)
    monkeypatch.setattr(bptt, "CLIP_FACTOR", item.measures(ev, doc)["norm_before"] / doc.bptt.clip_norm)
    assert doc.bptt.clip_norm == 1.0 and not item.measures(ev, doc).holds
    item = lesson("gru-update-copies")
    doc = item.build(0)
    ev = evaluate_document(doc)
    monkeypatch.setattr(gru_module, "COPY_STEPS", item.measures(ev, doc)["steps"] + 1)
    assert not item.measures(ev, doc).holds


def test_the_exploding_page_takes_a_relu_rnn_too():
    item = lesson("exploding-rnn")
    relu = reconfigured(item.build(0), kind="rnn_relu")
    report = item.measures(evaluate_document(relu), relu)
    assert report.keys() == [key for key, _ in REPORTS[("exploding-rnn", 0)]]
    saturation = reconfigured(item.build(0, 1), kind="rnn_relu")
    assert str(item.measures(evaluate_document(saturation), saturation, 1).reason).startswith("Does not apply")


def test_the_lighter_page_counts_without_timing_beyond_the_timed_sizes(monkeypatch):
    from lstm_studio.lessons import gru as gru_module

    def never(*args, **kwargs):
        raise AssertionError("a layer above TIMING_MAX_HIDDEN units is timed (it would hold the window for seconds)")

    monkeypatch.setattr(gru_module, "seconds_per_step", never)
    item = lesson("gru-lighter")
    doc = reconfigured(item.build(0), hidden_size=129)
    report = item.measures(evaluate_document(doc), doc)
    assert report.holds and report.keys() == [f"params_{k}" for k in ("rnn_tanh", "lstm", "gru", "peephole_lstm")]
    block = 129 * 2 + 129 * 129 + 2 * 129  # one gate: W_i·, W_h·, b_i·, b_h·
    assert (report["params_gru"], report["params_lstm"]) == (3 * block, 4 * block)
    assert str(report.reason) == (f"Holds: at 2 inputs and 129 units a GRU layer has {3 * block} parameters, an LSTM "
                                  f"{4 * block} (0.75×: three gate blocks instead of four). Times are measured up to "
                                  "128 units only.")
    (figure,) = report.figures
    assert [str(s.name) for s in figure.series] == ["parameters"]
    np.testing.assert_allclose(figure.series[0].y, [report[f"params_{k}"] / report["params_lstm"]
                                                    for k in ("rnn_tanh", "lstm", "gru", "peephole_lstm")])
    assert figure.categories == KINDS and figure.kind == "bars"


def test_a_truncated_gradient_that_is_zero_at_the_end_too_is_no_cut():
    item = lesson("truncation-cuts")
    doc = item.build(0)
    doc.readout["weight"][:] = 0.0  # nothing reaches h_T, so nothing is cut either
    report = item.measures(evaluate_document(doc), doc)
    assert report["g_1"] == 0.0 and report["g_T"] == 0.0 and not report.holds
    assert str(report.reason) == "No longer holds: ‖dL/dh_1‖ = 0 with k = 10."


@pytest.mark.parametrize("c0, reason", [
    (0.3, "No longer holds: the cell starts empty (max |c0| = 0.3); with nothing in it, a shut input gate has nothing "
          "to keep (Initial state tab)."),
])
def test_the_input_gate_page_needs_a_cell_that_holds_something(c0, reason):
    item = lesson("input-gate-shut")
    doc = item.build(0)
    doc.c0 = np.full_like(doc.c0, c0)
    report = item.measures(evaluate_document(doc), doc)
    assert str(report.reason) == reason and report.holds is False
    assert report.keys() == [key for key, _ in REPORTS[("input-gate-shut", 0)]] and report["max_c0"] == c0


def test_the_input_gate_page_fails_when_the_cell_takes_in_more_than_a_hundredth_of_c0():
    """"c_t = f⊙c_{t−1} to within" a hundredth of what the cell started with (INPUT_RESIDUAL × max |c0|):
    at that bound the claim no longer holds, just below it it does."""
    from lstm_studio.lessons import lstm as lstm_module

    item = lesson("input-gate-shut")
    for c0 in (1.0, 0.75):  # a cell of 1 makes the bound exact; 0.75 tells a product from a quotient
        doc = item.build(0)
        doc.c0 = np.where(doc.c0 < 0, -c0, c0)
        ev = evaluate_document(doc)
        before = item.measures(ev, doc)
        assert before.holds and before["max_c0"] == c0
        residual = before["residual"]
        exact = 1.0 if c0 == 1.0 else 1 - 1e-9  # residual / 0.75 * 0.75 may miss residual by a rounding
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(lstm_module, "INPUT_RESIDUAL", residual / c0 * exact)
            report = item.measures(ev, doc)
            assert report.holds is False and report.measures == before.measures
            assert str(report.reason) == f"No longer holds: c_t differs from f⊙c_{{t−1}} by {format_number(residual)}."
            patch.setattr(lstm_module, "INPUT_RESIDUAL", residual / c0 * (1 + 1e-9))
            assert item.measures(ev, doc).holds


def test_the_lighter_page_times_layers_up_to_128_units():
    item = lesson("gru-lighter")
    doc = reconfigured(item.build(0), hidden_size=128)
    ev = evaluate_document(doc)
    report = item.measures(ev, doc)
    assert "us_per_step_gru" in report.keys() and "measured here" in str(report.reason)
    check_verdict(("gru-lighter", 0), report, ev, doc)


DISTANCE_PAGES = [("vanishing-rnn", 0), ("vanishing-rnn", 1), ("exploding-rnn", 0), ("exploding-rnn", 1),
                  ("cell-highway", 0), ("cell-highway", 1), ("clipping-not-vanishing", 0), ("truncation-cuts", 0),
                  ("truncation-cuts", 1)]


@pytest.mark.parametrize("page", DISTANCE_PAGES, ids=lambda page: f"{page[0]}-{page[1]}")
def test_a_long_distance_page_on_a_short_sequence_says_how_long_it_must_be(page):
    item = lesson(page[0])
    short = reconfigured(item.build(0, page[1]), seq_len=10)
    report = item.measures(evaluate_document(short), short, page[1])
    assert report == Report(False, report.reason)
    assert str(report.reason) == "Does not apply: the claim is about long sequences (T ≥ 20); T is now 10."


@pytest.mark.parametrize("kind", sorted(KIND_NAMES))
def test_truncation_cuts_every_kind(kind):
    item = lesson("truncation-cuts")
    doc = reconfigured(item.build(0), kind=kind)
    report = item.measures(evaluate_document(doc), doc)
    assert not str(report.reason).startswith("Does not apply"), str(report.reason)
    assert report.keys() == [key for key, _ in REPORTS[("truncation-cuts", 0)]]


@pytest.mark.parametrize("steps", [20, 25])
def test_a_sequence_twice_as_long_as_the_truncation_is_long_enough(steps):
    item = lesson("truncation-cuts")
    doc = reconfigured(item.build(0), seq_len=steps)
    assert doc.bptt.truncate == 10
    report = item.measures(evaluate_document(doc), doc)
    assert report.holds, str(report.reason)
    assert str(report.reason).endswith(f"the loss at t = {steps} reaches back only to t = {steps - 9}.")


def test_the_lighter_page_reports_the_measured_times_per_step(monkeypatch):
    """The times (seconds per step, as measured) are shown in µs, drawn relative to the LSTM's and
    quoted as the GRU's share of the LSTM's time."""
    from lstm_studio.lessons import gru as gru_module

    times = {"rnn_tanh": 1e-5, "lstm": 4e-5, "gru": 3e-5, "peephole_lstm": 5e-5}
    monkeypatch.setattr(gru_module, "seconds_per_step", lambda inputs, hidden: dict(times))
    item = lesson("gru-lighter")
    doc = item.build(0)
    report = item.measures(evaluate_document(doc), doc)
    assert report.holds
    for kind, seconds in times.items():
        assert report[f"us_per_step_{kind}"] == 1e6 * seconds
    (figure,) = report.figures
    assert [str(s.name) for s in figure.series] == ["parameters", "time per step"]
    np.testing.assert_allclose(figure.series[1].y, [0.25, 1.0, 0.75, 1.25])
    assert "measured here, a GRU step takes 0.75× the LSTM's time." in str(report.reason)
