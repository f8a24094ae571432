"""``python -m tests.support.fixed_secret_cli HEX ARGS…``: the ``hushnote`` CLI with every fresh alienation secret fixed.

A file export draws a new secret each run, so what a test measures on it would
vary by draw; with the secret given, a test can hold the export to a firm bound.
"""
from __future__ import annotations

import sys

import audio_core.alienate.options as alienation_options
from app.cli.main import main

if __name__ == "__main__":
    secret = bytes.fromhex(sys.argv[1])
    alienation_options.new_note_secret = lambda: secret
    sys.exit(main(sys.argv[2:]))
