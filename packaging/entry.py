"""Entry script of the PyInstaller build: the same as the ``lstm-studio`` command."""

import sys

from lstm_studio.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
