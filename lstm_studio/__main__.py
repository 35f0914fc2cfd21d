"""Command line: ``lstm-studio [FILE]`` or ``python -m lstm_studio [FILE]``.

``--screenshot OUT.png [FILE]`` renders the main window (1600×1000, offscreen when there is no
display) to a PNG and exits.
"""

from __future__ import annotations

import argparse
import os
import sys

# The app's matrices are small: one BLAS thread keeps the GUI thread from fighting its own workers.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from lstm_studio.session.io import SessionFileError, load_session  # noqa: E402


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lstm-studio",
        description="LSTM Studio: watch a recurrent network (RNN, LSTM, GRU) think, step by step.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="a session file (.lstms) to open; without it the Moscow demo opens")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="render the main window to a PNG image and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run LSTM Studio; returns the exit status (non-zero when FILE cannot be opened)."""
    args = _parser().parse_args(argv)
    document = None
    if args.file:
        try:
            document = load_session(args.file)
        except (SessionFileError, OSError) as error:
            print(f"lstm-studio: {error}", file=sys.stderr)
            return 1
    if args.screenshot:
        return screenshot(args.screenshot, document, args.file)
    from lstm_studio.app.platform_check import check_or_explain

    if not check_or_explain():  # say what to install rather than let Qt abort
        return 1
    from lstm_studio.app.application import run

    return run(document, args.file)


def screenshot(out: str, document=None, path: str | None = None) -> int:
    """Render the main window with default settings and layout to the PNG ``out``."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from lstm_studio.app.platform_check import check_or_explain

    if not check_or_explain():
        return 1
    from lstm_studio.app.application import create_application, make_window, throwaway_profile
    from lstm_studio.app.window.main_window import DEFAULT_SIZE

    with throwaway_profile():
        app = create_application()
        window = make_window(document, path, restore_layout=False)
        window.resize(*DEFAULT_SIZE)
        window.show()
        for _ in range(10):  # layouts settle over a few rounds; then every panel has painted
            app.processEvents()
        saved = window.grab().save(out, "PNG")
        window.hide()
    if not saved:
        print(f"lstm-studio: cannot write the image {out!r}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
