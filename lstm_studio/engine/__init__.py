"""Pure NumPy recurrent-network engine (no Qt): RNN, LSTM, GRU and peephole LSTM with full
forward traces and backpropagation through time, in PyTorch's parameter layout."""

from .cells import GATE_ACTIVATION, GATES, KINDS
from .losses import Evaluation, Readout, cross_entropy_loss, evaluate, mse_loss
from .network import Network, build_network
from .trace import Gradients, LayerTrace, Trace

__all__ = ["build_network", "KINDS", "GATES", "GATE_ACTIVATION", "Network", "Trace",
           "LayerTrace", "Gradients", "Readout", "mse_loss", "cross_entropy_loss", "evaluate",
           "Evaluation"]
