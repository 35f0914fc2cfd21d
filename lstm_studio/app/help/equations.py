"""The formulas of Help ▸ Equations and Help ▸ Course notation, and their HTML: subscripts,
superscripts and italic symbols, tables aligned on the equals sign.
"""

from __future__ import annotations

import html
import re

CELL_EQUATIONS = {
    "rnn": [
        "h_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})",
    ],
    "lstm": [
        "i_t = σ(W_{ii} x_t + b_{ii} + W_{hi} h_{t−1} + b_{hi})",
        "f_t = σ(W_{if} x_t + b_{if} + W_{hf} h_{t−1} + b_{hf})",
        "g_t = tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t−1} + b_{hg})",
        "o_t = σ(W_{io} x_t + b_{io} + W_{ho} h_{t−1} + b_{ho})",
        "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t",
        "h_t = o_t ⊙ tanh(c_t)",
    ],
    "peephole_lstm": [
        "i_t = σ(W_{ii} x_t + b_{ii} + W_{hi} h_{t−1} + b_{hi} + w_{ci} ⊙ c_{t−1})",
        "f_t = σ(W_{if} x_t + b_{if} + W_{hf} h_{t−1} + b_{hf} + w_{cf} ⊙ c_{t−1})",
        "g_t = tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t−1} + b_{hg})",
        "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t",
        "o_t = σ(W_{io} x_t + b_{io} + W_{ho} h_{t−1} + b_{ho} + w_{co} ⊙ c_t)",
        "h_t = o_t ⊙ tanh(c_t)",
    ],
    "lstm_nofg": [
        "i_t = σ(W_{ii} x_t + b_{ii} + W_{hi} h_{t−1} + b_{hi})",
        "g_t = tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t−1} + b_{hg})",
        "o_t = σ(W_{io} x_t + b_{io} + W_{ho} h_{t−1} + b_{ho})",
        "c_t = c_{t−1} + i_t ⊙ g_t",
        "h_t = o_t ⊙ tanh(c_t)",
    ],
    "gru": [
        "r_t = σ(W_{ir} x_t + b_{ir} + W_{hr} h_{t−1} + b_{hr})",
        "z_t = σ(W_{iz} x_t + b_{iz} + W_{hz} h_{t−1} + b_{hz})",
        "n_t = tanh(W_{in} x_t + b_{in} + r_t ⊙ (W_{hn} h_{t−1} + b_{hn}))",
        "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}",
    ],
    "activations": [
        "σ(x) = 1 / (1 + e^{−x})  ∈ (0, 1)",
        "tanh(x) = (e^{x} − e^{−x}) / (e^{x} + e^{−x})  ∈ (−1, 1)",
    ],
    "readout": [
        "ŷ_t = W_y h_t + b_y",
        "ℓ_t = ½ Σ_k (ŷ_{t,k} − y_{t,k})^{2}",
        "ℓ_t = −log softmax(ŷ_t)_k",
        "L = (1/|S|) Σ_{t∈S} ℓ_t",
    ],
    "bptt": [
        "∂L/∂h_t = ∂ℓ_t/∂h_t + (∂h_{t+1}/∂h_t)^{⊤} ∂L/∂h_{t+1}",
        "∂h_T/∂h_t = Π_{j=t+1..T} diag(1 − h_j^{2}) W_{hh}",
        "∂c_t/∂c_{t−1} = diag(f_t)  (+ paths through h_{t−1})",
    ],
    "clipping": [
        "g ← θ · g / ‖g‖   if ‖g‖ > θ",
        "g_k ← min(max(g_k, −v), v)",
    ],
}


NOTATION = [
    # (remark key, the app's symbols, the notes' symbols); formulas in math_html's notation
    ("time", ["t = 1, 2, …, T"], ["t, x^{⟨t⟩}, ⟨t⟩ = 1 … T_x"]),
    ("candidate", ["g_t", "n_t"], ["C̃_t (임시 C_t)", "c̃^{⟨t⟩} (Ng)"]),
    ("hidden", ["h_t"], ["a^{⟨t⟩} (Ng)", "h_t"]),
    ("cell", ["c_t"], ["c^{⟨t⟩} (Ng)", "C_t"]),
    ("gates", ["i_t, f_t, o_t"], ["Γ_u, Γ_f, Γ_o (Ng)"]),
    ("output", ["ŷ_t", "y_t"], ["ŷ = 출력", "y = 정답"]),
    ("gru_gates", ["z_t, r_t", "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}"],
     ["Γ_u, Γ_r (Ng)", "c^{⟨t⟩} = Γ_u ⊙ c̃^{⟨t⟩} + (1 − Γ_u) ⊙ c^{⟨t−1⟩}"]),
    ("gru_candidate", ["n_t = tanh(W_{in} x_t + b_{in} + r_t ⊙ (W_{hn} h_{t−1} + b_{hn}))"],
     ["Cho 2014: tanh(W x_t + U (r_t ⊙ h_{t−1}))", "Ng: tanh(W_c [Γ_r ⊙ c^{⟨t−1⟩}, x^{⟨t⟩}] + b_c)"]),
    ("peephole", ["i_t, f_t: w_{ci} ⊙ c_{t−1}, w_{cf} ⊙ c_{t−1}", "o_t: w_{co} ⊙ c_t"],
     ["Ng: Γ_u, Γ_f, Γ_o see c^{⟨t−1⟩}"]),
    ("loss", ["ℓ_t = ½ Σ_k (ŷ_{t,k} − y_{t,k})^{2}", "L = (1/|S|) Σ_{t∈S} ℓ_t"],
     ["½ Σ (ŷ − y)^{2} or Σ (ŷ − y)^{2}"]),
    ("nofg", ["c_t = c_{t−1} + i_t ⊙ g_t"], ["Hochreiter & Schmidhuber 1997"]),
]
"""Help ▸ Course notation, one row per mapping: GLOSSARY.md's table of the notes' notation."""


def math_html(formula: str) -> str:
    """``formula`` with ``x_t``/``x_{..}`` as subscripts and ``x^{..}`` as superscripts, in HTML."""
    text = html.escape(formula).replace("  ", "&nbsp;&nbsp;&nbsp;")
    text = re.sub(r"_\{([^}]*)\}", r"<sub>\1</sub>", text)
    text = re.sub(r"\^\{([^}]*)\}", r"<sup>\1</sup>", text)
    text = re.sub(r"_(\w)", r"<sub>\1</sub>", text)
    return re.sub(r"\b([a-zA-Z])\b(?![^<]*>)", r"<i>\1</i>", text)


def equation_table(formulas: list[str]) -> str:
    """Formulas as an HTML table aligned on their first ``=`` (or ``←``)."""
    rows = []
    for formula in formulas:
        sign = "←" if "←" in formula and " = " not in formula else "="
        left, right = formula.split(f" {sign} ", 1)
        rows.append(f"<tr><td align='right'>{math_html(left)}</td><td align='center'>&nbsp;{sign}&nbsp;</td>"
                    f"<td>{math_html(right)}</td></tr>")
    return f"<table class='eq' cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"
