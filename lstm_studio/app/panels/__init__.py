"""The panels that draw a forward trace or a BPTT result: gates, states, gradient flow, the cell
diagram, outputs and loss."""
