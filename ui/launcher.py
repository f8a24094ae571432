"""The ``hushnote`` program: the core's command line plus the ``gui`` command.

The launcher sits above both layers, so :mod:`app` never imports :mod:`ui`:
the core's parser takes the desktop app's command as one more registrar.
"""
from __future__ import annotations

import sys

from app.cli.main import main as cli_main
from ui.gui_command import register as register_gui


def main(argv: list[str] | None = None) -> int:
    """Runs ``hushnote`` with every command, ``gui`` included; returns the exit code."""
    return cli_main(argv, extra_commands=(register_gui,))


if __name__ == "__main__":
    sys.exit(main())
