"""The child the crash test kills: takes "Chris" out of every note that names him, printing each note once committed.

Run as ``python -m tests.support.forget_child NOTEBOOK``; the test kills it with SIGKILL mid-way.
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
            forget_in_note(notebook, finding, "Chris")
            print(finding.note_id, flush=True)


if __name__ == "__main__":
    main()
