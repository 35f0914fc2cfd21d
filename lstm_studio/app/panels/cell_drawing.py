"""How the cell diagram draws each kind: gates are σ/tanh blocks, element-wise products ⊙ and sums +
are round nodes, wires with arrowheads carry the data flow (the LSTM cell state runs along the
top). The LSTM (with or without peepholes or a forget gate), the GRU and the RNN each have their
drawing, made of the small helpers here (blocks, badges, nodes, wires, labels, ports, legend); the
items themselves are :mod:`~lstm_studio.app.panels.diagram_items`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QLinearGradient, QPen
from PySide6.QtWidgets import QGraphicsTextItem

from lstm_studio.app.panels.diagram_items import (
    BADGE_SIZE,
    BLOCK_SIZE,
    FREE,
    NODE_RADIUS,
    SIGNED,
    UNIT,
    OpNode,
    ValueBox,
    Wire,
    _font,
    _sub,
    colour_table,
)
from lstm_studio.app.theme import scaled


class CellDrawing:
    """The drawing of a :class:`~lstm_studio.app.panels.cell_diagram.CellDiagramPanel`: the small
    drawing helpers and the three drawings. A mixin: it draws into the panel's ``scene`` with its
    texts and colours, and registers every item where the panel refreshes it and tests find it."""

    # Small drawing helpers: every item is added to the scene and registered where tests find it.
    def _block(self, key: str, center, symbol: str, value_range: str, equation: str,
               quantity: str | None = None) -> ValueBox:
        block = ValueBox(QPointF(*center), BLOCK_SIZE, quantity or key, value_range,
                         self._texts[key], equation, self._colours, symbol=symbol)
        self._pickable(block)
        self.scene.addItem(block)
        self.blocks[key] = block
        return block

    def _badge(self, key: str, center, value_range: str, equation: str, quantity: str | None = None,
               title: str | None = None, per_unit: bool = True) -> ValueBox:
        badge = ValueBox(QPointF(*center), BADGE_SIZE, quantity or key, value_range,
                         title or self._texts[key], equation, self._colours, per_unit=per_unit)
        if per_unit:
            self._pickable(badge)
        else:
            badge.bars.make_interactive(self._texts["channel"])
        self.scene.addItem(badge)
        self.badges[key] = badge
        return badge

    def _pickable(self, box: ValueBox) -> None:
        """Bars of units: hover shows the unit's value, a click selects it."""
        box.bars.make_interactive(self._texts["unit_value"],
                                  lambda unit: self.model.set_selection(unit=unit))

    def _node(self, key: str, center, symbol: str, quantity: str, value_range: str,
              equation: str) -> OpNode:
        node = OpNode(QPointF(*center), symbol, quantity, value_range, self._texts[key], equation,
                      self._colours)
        self.scene.addItem(node)
        self.nodes[key] = node
        return node

    def _wire(self, *points, arrow: bool = True, dashed: bool = False) -> Wire:
        wire = Wire([QPointF(*p) for p in points], self._colours["line"], arrow=arrow, dashed=dashed)
        self.scene.addItem(wire)
        return wire

    def _dot(self, x: float, y: float) -> None:
        r = scaled(3)
        dot = self.scene.addEllipse(x - r, y - r, 2 * r, 2 * r, QPen(Qt.PenStyle.NoPen),
                                    QBrush(self._colours["line"]))
        dot.setZValue(-0.5)

    def _label(self, html: str, x: float, y: float, align: str = "center", size: int = 15,
               italic: bool = True) -> None:
        """A math label; ``align`` says which side of the text sits at (x, y)."""
        item = QGraphicsTextItem()
        item.document().setDocumentMargin(0)
        item.setFont(_font(size, serif=True, italic=italic))
        item.setDefaultTextColor(self._colours["text"])
        item.setHtml(html)
        box = item.boundingRect()
        dx = {"center": -box.width() / 2, "left": 0.0, "right": -box.width()}[align]
        item.setPos(x + dx, y - box.height() / 2)
        self.scene.addItem(item)

    def _cell_box(self) -> None:
        box = self.scene.addRect(QRectF(78, 40, 580, 352), QPen(self._colours["mid"], scaled(1.2)),
                                 QBrush(self._colours["box"]))
        box.setZValue(-2)

    def _legend(self) -> None:
        """The two colour scales, bottom right: σ 0..1 and tanh −1..1."""
        left, width = 598, 104
        for row, (name, value_range, low) in enumerate((("σ", UNIT, "0"), ("tanh", SIGNED, "−1"))):
            y = 410 + row * 22
            gradient = QLinearGradient(left, 0, left + width, 0)
            fills = colour_table(value_range)[0]
            for index in range(0, 256, 15):
                gradient.setColorAt(index / 255, fills[index])
            self.scene.addRect(QRectF(left, y - 5, width, 10), QPen(self._colours["mid"], scaled(0.8)),
                               QBrush(gradient))
            for text, x, align in ((name, left - 4 - scaled(26), "right"), (low, left - 4, "right"),
                                   ("1", left + width + 4, "left")):
                self._label(text, x, y, align=align, size=12, italic=False)

    def _port(self, key: str, center, label: str, label_at, value_range: str = SIGNED,
              equation: str = "", per_unit: bool = True) -> None:
        """A state entering or leaving the cell: its value badge and its name."""
        self._badge(key, center, value_range, equation or label, per_unit=per_unit)
        self._label(label, *label_at)

    # -- the three drawings ------------------------------------------------------------------
    def _draw_lstm(self, prev: str, *, peephole: bool, forget: bool = True) -> None:
        """colah's LSTM: the cell line on top, the four gates on the [h, x] bus below.

        Without ``forget`` (the 1997 LSTM) there is no f gate and no ⊙ on the cell line: c_{t−1}
        runs straight into the + that adds i⊙g.
        """
        h_p, c_p, c_t, h_t, x_t = _sub("h", prev), _sub("c", prev), _sub("c", "t"), _sub("h", "t"), _sub("x", "t")
        hx = f"[{h_p}, {x_t}]"
        peep = {"i": f" + {_sub('w', 'ci')} ⊙ {c_p}", "f": f" + {_sub('w', 'cf')} ⊙ {c_p}",
                "o": f" + {_sub('w', 'co')} ⊙ {c_t}"} if peephole else {"i": "", "f": "", "o": ""}
        columns = {"f": 190, "i": 280, "g": 370, "o": 460} if forget else {"i": 280, "g": 370, "o": 460}
        gate_y, bus_y, line_y = 280, 352, 80

        # Ports.
        self._port("c_prev", (38, line_y), c_p, (38, line_y - 22))
        self._port("h_prev", (38, bus_y), h_p, (38, bus_y - 22))
        self._port("x", (120, 428), x_t, (80, 428), FREE, per_unit=False)
        self._port("c", (704, line_y), c_t, (704, line_y - 22), FREE)
        self._port("h", (704, bus_y), h_t, (704, bus_y - 22))
        self._badge("h_up", (620, 16), SIGNED, h_t, quantity="h", title=self._texts["h"])
        self._label(h_t, 578, 16, align="right")

        # The cell state line along the top: ⊙ forget, + write, then out to c_t.
        self.cell_line = self._wire((67, line_y), (674, line_y))
        self.cell_line.setZValue(-1.5)
        kept = f"{_sub('f', 't')} ⊙ {c_p}" if forget else c_p
        self._node("c_sum", (325, line_y), "+", "c", FREE,
                   f"{c_t} = {kept} + {_sub('i', 't')} ⊙ {_sub('g', 't')}")
        if forget:
            self._node("f_c", (columns["f"], line_y), "⊙", "f_c", FREE, kept)
            self._badge("f_c", (columns["f"], 52), FREE, kept)
        else:
            self._label(self._texts["no_forget"].format(c_p), 197, line_y + 24, size=12)
        self._node("i_g", (325, 175), "⊙", "i_g", FREE, f"{_sub('i', 't')} ⊙ {_sub('g', 't')}")
        self._badge("i_g", (360, 128), FREE, f"{_sub('i', 't')} ⊙ {_sub('g', 't')}")

        # The [h, x] bus and the gates on it.
        self._wire((67, bus_y), (columns["o"], bus_y), arrow=False)
        self._wire((120, 416), (120, bus_y + 1), arrow=False)
        self._dot(120, bus_y)
        for gate, x in columns.items():
            self._wire((x, bus_y), (x, gate_y + BLOCK_SIZE[1] / 2))
            if x != columns["o"]:
                self._dot(x, bus_y)
        gate_top = gate_y - BLOCK_SIZE[1] / 2
        if forget:
            self._block("f", (columns["f"], gate_y), "σ", UNIT,
                        f"{_sub('f', 't')} = σ({_sub('W', 'f')}·{hx}{peep['f']} + {_sub('b', 'f')})")
            self._wire((columns["f"], gate_top), (columns["f"], line_y + NODE_RADIUS))
            self._label(_sub("f", "t"), columns["f"] + 8, 214, align="left")
        self._block("i", (columns["i"], gate_y), "σ", UNIT,
                    f"{_sub('i', 't')} = σ({_sub('W', 'i')}·{hx}{peep['i']} + {_sub('b', 'i')})")
        self._block("g", (columns["g"], gate_y), "tanh", SIGNED,
                    f"{_sub('g', 't')} = tanh({_sub('W', 'g')}·{hx} + {_sub('b', 'g')})")
        self._block("o", (columns["o"], gate_y), "σ", UNIT,
                    f"{_sub('o', 't')} = σ({_sub('W', 'o')}·{hx}{peep['o']} + {_sub('b', 'o')})")
        self._wire((columns["i"], gate_top), (columns["i"], 175), (325 - NODE_RADIUS, 175))
        self._label(_sub("i", "t"), columns["i"] + 8, 214, align="left")
        self._wire((columns["g"], gate_top), (columns["g"], 175), (325 + NODE_RADIUS, 175))
        self._label(_sub("g", "t"), columns["g"] + 8, 214, align="left")
        self._wire((325, 175 - NODE_RADIUS), (325, line_y + NODE_RADIUS))

        # Output: tanh of the cell, gated by o.
        self._wire((560, line_y), (560, 138))
        self._dot(560, line_y)
        self._block("tanh_c", (560, 165), "tanh", SIGNED, f"tanh({c_t})")
        self._node("h_out", (560, 240), "⊙", "h", SIGNED,
                   f"{h_t} = {_sub('o', 't')} ⊙ tanh({c_t})")
        self._wire((560, 192), (560, 240 - NODE_RADIUS))
        self._wire((columns["o"] + BLOCK_SIZE[0] / 2, gate_y), (560, gate_y), (560, 240 + NODE_RADIUS))
        self._label(_sub("o", "t"), 520, gate_y - 14)
        self._wire((560 + NODE_RADIUS, 240), (620, 240), (620, bus_y), (675, bus_y))
        self._wire((620, 240), (620, 26 + 2))
        self._dot(620, 240)

        if peephole:
            tap_prev, tap_new = 140, 515
            self._peephole("f", ((tap_prev, line_y), (tap_prev, 118), (166, 118), (166, gate_top)),
                           "cf", c_p)
            self._peephole("i", ((tap_prev, line_y), (tap_prev, 118), (256, 118), (256, gate_top)),
                           "ci", c_p)
            self._peephole("o", ((tap_new, line_y), (tap_new, 118), (columns["o"], 118),
                                 (columns["o"], gate_top)), "co", c_t)
            self._dot(tap_prev, line_y)
            self._dot(tap_new, line_y)

    def _peephole(self, gate: str, points, weight: str, state: str) -> None:
        wire = self._wire(*points, dashed=True)
        wire.weight_name = weight
        wire.equation = f"{_sub('w', weight)} ⊙ {state} → {gate}"
        self.peepholes[gate] = wire
        x = points[-1][0]
        self._label(_sub("w", weight), x - 5, 195, align="right", size=12)

    def _draw_gru(self, prev: str) -> None:
        """PyTorch's GRU: h runs along the top; z keeps it, (1−z) lets the candidate n in."""
        h_p, h_t, x_t = _sub("h", prev), _sub("h", "t"), _sub("x", "t")
        hx = f"[{h_p}, {x_t}]"
        z_t, r_t, n_t = _sub("z", "t"), _sub("r", "t"), _sub("n", "t")
        hn = f"{_sub('W', 'hn')} {h_p} + {_sub('b', 'hn')}"
        line_y, bus_y, gate_y = 80, 352, 280
        z_x, r_x, hn_x, n_x, mix_y = 200, 310, 440, 560, 150

        self._port("h_prev", (38, line_y), h_p, (38, line_y - 22))
        self._port("x", (150, 428), x_t, (110, 428), FREE, per_unit=False)
        self._port("h", (704, line_y), h_t, (704, line_y - 22))
        self._badge("h_up", (620, 16), SIGNED, h_t, quantity="h", title=self._texts["h"])
        self._label(h_t, 578, 16, align="right")

        # The hidden state along the top: z⊙h kept, (1−z)⊙n added.
        self._wire((67, line_y), (674, line_y))
        self._wire((620, line_y), (620, 28))
        self._dot(620, line_y)
        self._node("z_h", (z_x, line_y), "⊙", "z_h", SIGNED, f"{z_t} ⊙ {h_p}")
        self._badge("z_h", (z_x, 52), SIGNED, f"{z_t} ⊙ {h_p}")
        self._node("h_out", (n_x, line_y), "+", "h", SIGNED,
                   f"{h_t} = (1 − {z_t}) ⊙ {n_t} + {z_t} ⊙ {h_p}")

        # h_{t-1} down to the bus, joined by x_t.
        self._wire((110, line_y), (110, bus_y), (n_x, bus_y), arrow=False)
        self._dot(110, line_y)
        self._wire((150, 416), (150, bus_y + 1), arrow=False)
        self._dot(150, bus_y)

        self._block("z", (z_x, gate_y), "σ", UNIT, f"{z_t} = σ({_sub('W', 'z')}·{hx} + {_sub('b', 'z')})")
        self._block("r", (r_x, gate_y), "σ", UNIT, f"{r_t} = σ({_sub('W', 'r')}·{hx} + {_sub('b', 'r')})")
        self._block("hn", (hn_x, gate_y), "W<sub>hn</sub>h+b", FREE, hn)
        self._block("n", (n_x, 215), "tanh", SIGNED,
                    f"{n_t} = tanh({_sub('W', 'in')} {x_t} + {_sub('b', 'in')} + {r_t} ⊙ ({hn}))")
        gate_top, gate_bottom = gate_y - BLOCK_SIZE[1] / 2, gate_y + BLOCK_SIZE[1] / 2
        for x in (z_x, r_x, hn_x):
            self._wire((x, bus_y), (x, gate_bottom))
            self._dot(x, bus_y)
        self._wire((n_x, bus_y), (n_x, 215 + BLOCK_SIZE[1] / 2))

        # z: up to keep h, and through 1− to let n in.
        self._wire((z_x, gate_top), (z_x, line_y + NODE_RADIUS))
        self._dot(z_x, mix_y)
        self._label(z_t, z_x - 8, 214, align="right")
        self._wire((z_x, mix_y), (380 - NODE_RADIUS, mix_y))
        self._node("one_minus_z", (380, mix_y), "1−", "one_minus_z", UNIT, f"1 − {z_t}")
        self._wire((380 + NODE_RADIUS, mix_y), (n_x - NODE_RADIUS, mix_y))
        self._node("zn", (n_x, mix_y), "⊙", "zn", SIGNED, f"(1 − {z_t}) ⊙ {n_t}")
        self._badge("zn", (n_x + 38, 115), SIGNED, f"(1 − {z_t}) ⊙ {n_t}")
        self._wire((n_x, mix_y - NODE_RADIUS), (n_x, line_y + NODE_RADIUS))

        # r resets the recurrent part of the candidate.
        self._wire((r_x, gate_top), (r_x, 215), (hn_x - NODE_RADIUS, 215))
        self._label(r_t, r_x - 8, 236, align="right")
        self._node("r_hn", (hn_x, 215), "⊙", "r_hn", FREE, f"{r_t} ⊙ ({hn})")
        self._badge("r_hn", (hn_x, 186), FREE, f"{r_t} ⊙ ({hn})")
        self._wire((hn_x, gate_top), (hn_x, 215 + NODE_RADIUS))
        self._wire((hn_x + NODE_RADIUS, 215), (n_x - BLOCK_SIZE[0] / 2, 215))
        self._wire((n_x, 215 - BLOCK_SIZE[1] / 2), (n_x, mix_y + NODE_RADIUS))
        self._label(n_t, n_x + 8, 178, align="left")

    def _draw_rnn(self, prev: str, *, relu: bool) -> None:
        """The vanilla RNN: [h, x] through one tanh (or ReLU) block."""
        h_p, h_t, x_t = _sub("h", prev), _sub("h", "t"), _sub("x", "t")
        act = "ReLU" if relu else "tanh"
        equation = (f"{h_t} = {act}({_sub('W', 'ih')} {x_t} + {_sub('b', 'ih')} + "
                    f"{_sub('W', 'hh')} {h_p} + {_sub('b', 'hh')})")
        bus_y, block_y, out_y, x_col, a_col = 330, 215, 130, 300, 370
        self._port("h_prev", (38, bus_y), h_p, (38, bus_y - 22))
        self._port("x", (x_col, 428), x_t, (x_col - 40, 428), FREE, per_unit=False)
        self._port("h", (704, bus_y), h_t, (704, bus_y - 22), FREE if relu else SIGNED)
        self._badge("h_up", (620, 16), FREE if relu else SIGNED, h_t, quantity="h",
                    title=self._texts["h"])
        self._label(h_t, 578, 16, align="right")
        self._wire((67, bus_y), (a_col, bus_y), (a_col, block_y + BLOCK_SIZE[1] / 2))
        self._wire((x_col, 416), (x_col, bus_y + 1), arrow=False)
        self._dot(x_col, bus_y)
        self._block("a", (a_col, block_y), act, FREE if relu else SIGNED, equation)
        self._wire((a_col, block_y - BLOCK_SIZE[1] / 2), (a_col, out_y), (620, out_y), (620, bus_y),
                   (675, bus_y))
        self._wire((620, out_y), (620, 28))
        self._dot(620, out_y)
