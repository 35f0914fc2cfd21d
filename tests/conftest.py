"""Suite-wide settings: one BLAS thread (small matrices; 2-core CI machines), offscreen Qt."""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_exit_status = 0


def pytest_sessionfinish(session, exitstatus):
    global _exit_status
    _exit_status = int(exitstatus)


def pytest_unconfigure(config):
    """Leave without tearing Qt down: after a short event loop, PySide6/pyqtgraph can crash in
    interpreter shutdown (exit 139) once every test has already passed and been reported.
    Not under mutation testing (tests/mutate.py): there pytest runs inside mutmut's process,
    which has to go on after the tests."""
    import sys

    if "PySide6.QtWidgets" in sys.modules and "MUTANT_UNDER_TEST" not in os.environ:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status)
