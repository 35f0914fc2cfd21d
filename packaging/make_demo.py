"""Regenerate the built-in Moscow demo: ``python packaging/make_demo.py`` from the repository root.

Trains the demo LSTM (deterministic: fixed seed, fixed batches; see
:func:`lstm_studio.session.demos.train_moscow_demo`) and writes
``resources/sessions/moscow.lstms``, the session the app opens with.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lstm_studio.session.demos import DEMO_FILE, train_moscow_demo  # noqa: E402
from lstm_studio.session.document import evaluate_document  # noqa: E402
from lstm_studio.session.io import save_session  # noqa: E402

OUT = ROOT / "resources" / "sessions" / DEMO_FILE


def main() -> int:
    document = train_moscow_demo()
    save_session(document, OUT)
    evaluation = evaluate_document(document)
    print(f"wrote {OUT.relative_to(ROOT)}: loss {evaluation.loss:.3g}, "
          f"answer {evaluation.y[-1, 0]:.3f} (target {document.targets[-1, 0]:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
