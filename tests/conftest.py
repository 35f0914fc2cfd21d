"""Suite-wide settings: one BLAS thread (small matrices; 2-core CI machines), offscreen Qt.

The GUI tests run in one process (``make test``) and it ends as any process does: no
``os._exit`` to skip Qt's teardown. The windows of a test are deleted after it
(``tests/app/conftest.py``), the last ones before Python starts to shut down."""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
