"""Suite-wide settings: one BLAS thread (small matrices; 2-core CI machines), offscreen Qt.

The GUI tests run in one process (``make test``) and it ends as any process does: no
``os._exit`` to skip Qt's teardown. The windows of a test are deleted after it
(``tests/app/conftest.py``), the last ones before Python starts to shut down."""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Under mutation testing (tests/mutate.py sets LSTM_STUDIO_MUTATION) every surviving mutant runs
# the property tests that reach its function again: a smaller, fixed sample there (the same
# examples for every mutant, no deadline for the instrumented code). `make test` never sets it.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("mutation", max_examples=10, derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
if os.environ.get("LSTM_STUDIO_MUTATION"):
    settings.load_profile("mutation")
