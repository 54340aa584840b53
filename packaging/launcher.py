"""Entry script of the frozen bundle (PyInstaller)."""

import sys

from emulation_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
