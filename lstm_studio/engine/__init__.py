"""Pure NumPy recurrent-network engine (no Qt): vanilla RNN (tanh/relu), LSTM, GRU, peephole
LSTM and the 1997 LSTM without a forget gate, with a full forward trace and backpropagation
through time, in PyTorch's parameter layout.

Typical use::

    net = build_network("lstm", input_size=3, hidden_size=8, forget_bias=1.0)
    trace = net.forward(x)                      # x: (T, I) or (T, N, I)
    grads = net.backward(trace, d_output)       # d_output: dL/d trace.output
    ev = evaluate(net, Readout(8, 2), x, target, loss="mse")

Training: ``Trainer(net, readout, make_task("adding"), TrainingConfig(...)).step()``.
"""

from .cells import GATE_ACTIVATION, GATES, HAS_CELL_STATE, KINDS
from .losses import Evaluation, Readout, cross_entropy_loss, evaluate, mse_loss
from .embedding import EMBEDDING
from .network import Network, build_network
from .trace import Gradients, LayerTrace, Trace
from .optim import SGD, Adam, make_optimizer  # noqa: I001 - after the network: training imports it
from .tasks import TASKS, Task, make_task
from .training import StepRecord, Trainer, TrainingConfig, TrainingDiverged

__all__ = ["build_network", "EMBEDDING", "KINDS", "GATES", "GATE_ACTIVATION", "HAS_CELL_STATE", "Network",
           "Trace", "LayerTrace", "Gradients", "Readout", "mse_loss", "cross_entropy_loss",
           "evaluate", "Evaluation", "SGD", "Adam", "make_optimizer", "TASKS", "Task", "make_task",
           "StepRecord", "Trainer", "TrainingConfig", "TrainingDiverged"]
