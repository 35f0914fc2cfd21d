"""Training: the dock (settings, Start/Pause/Stop/Step, curves), the worker thread, and the
comparison of kinds with its length sweep."""
