"""Pure NumPy recurrent-network engine (no Qt)."""
