"""The child the crash test kills: takes "Chris" out of every note that names him, printing each note once committed.

Run as ``python -m tests.support.forget_child NOTEBOOK``; before each note it waits for a line on stdin, so the test
decides where it stands when it sends SIGKILL (before a rewrite, right after one, or somewhere inside it).
"""
from __future__ import annotations

import sys

from app.privacy.forget_voice import find_voice_in_notes, forget_in_note
from app.storage import open_notebook
from tests.support.notebooks import PASSPHRASE


def main() -> None:
    with open_notebook(sys.argv[1], PASSPHRASE) as notebook:
        findings = find_voice_in_notes(notebook, None, "Chris")
        print("ready", flush=True)
        for finding in findings:
            if not sys.stdin.readline():
                return
            forget_in_note(notebook, finding, "Chris")
            print(finding.note_id, flush=True)


if __name__ == "__main__":
    main()
