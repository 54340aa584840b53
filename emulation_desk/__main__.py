"""Entry points: ``emulation-desk`` (console) and ``emulation-desk-gui`` (no console on Windows)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from emulation_desk.cli import run

    return run(argv)


def main_gui() -> int:
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
