"""The app for the kill test: opens a note in a real window, edits it, prints "edited", then runs until killed.

Run as ``python -m tests.support.edit_then_wait NOTEBOOK NOTE_ID``; the test kills it with SIGKILL.
"""
from __future__ import annotations

import sys

from tests.support.note_window import window_editing_note

NEW_NAME = "Killed Kate"
NEW_TITLE = "Edited just before the crash"


def main(notebook_path: str, note_id: str) -> None:
    def edit(view) -> None:
        view.rename_speaker(view.note.transcript.speakers[0].id, NEW_NAME)
        view.edit_details(NEW_TITLE, ["crash"])

    app, _window = window_editing_note(notebook_path, note_id, edit)
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:3])
