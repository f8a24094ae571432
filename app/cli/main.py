"""Entry point of the ``hushnote`` command: parses arguments, runs one command.

Errors a user can act on (:class:`audio_core.errors.HushnoteError`) are printed on
one line without a traceback and exit with code 2; Ctrl-C exits with 130; a reader that
stops reading (``hushnote notes show 1 | head``) ends the command quietly.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Callable, Iterable
from typing import Any

import app
from audio_core.errors import Cancelled, HushnoteError


def build_parser(extra_commands: Iterable[Callable[[Any], None]] = ()) -> argparse.ArgumentParser:
    """Returns the top-level parser with every ``cmd_*`` module's subcommands registered.

    ``extra_commands`` are ``register(subparsers)`` functions of layers above the core
    (the desktop app's ``gui``), so the core never imports them.
    """
    parser = argparse.ArgumentParser(
        prog="hushnote",
        description="Fully local, privacy-first meeting transcription. Nothing leaves this machine.",
    )
    parser.add_argument("--version", action="version", version=f"hushnote {app.__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr (never transcript text)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    import app.cli as cli_package

    for info in sorted(pkgutil.iter_modules(cli_package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"app.cli.{info.name}").register(subparsers)
    for register in extra_commands:
        register(subparsers)
    return parser


def main(argv: list[str] | None = None, extra_commands: Iterable[Callable[[Any], None]] = ()) -> int:
    """Runs the command line; returns the process exit code."""
    parser = build_parser(extra_commands)
    try:
        args = parser.parse_args(argv)
    except HushnoteError as exc:  # an argument's own check (an age, a number of days) refused the value
        print(f"hushnote: error: {exc}", file=sys.stderr)
        return exc.exit_code
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader that went away (``| head``) is met here, not at exit
        return code
    except BrokenPipeError:
        # The reader has all it wanted; Python must not try to flush into the closed pipe again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except HushnoteError as exc:
        print(f"hushnote: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (KeyboardInterrupt, Cancelled):
        print("hushnote: cancelled", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
