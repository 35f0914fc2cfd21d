"""LSTM Studio: watch a recurrent network think, one time step at a time."""

__version__ = "0.1.0"
