"""The app for the kill test: opens a note in a real window, edits it, prints "edited", then runs until killed.

Run as ``python -m tests.support.edit_then_wait NOTEBOOK NOTE_ID``; the test kills it with SIGKILL.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tests.support.notebooks import PASSPHRASE

NEW_NAME = "Killed Kate"
NEW_TITLE = "Edited just before the crash"


def main(notebook_path: str, note_id: str) -> None:
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.notebook import DesktopNotebook
    from ui.settings import UiSettings

    app = create_application()
    window = MainWindow(UiSettings(auto_lock_min=0), notebook_path=Path(notebook_path), persist_settings=False)
    window.show()
    window.set_notebook(DesktopNotebook.unlock(PASSPHRASE, Path(notebook_path)))

    def edit_once_shown(_page: int) -> None:
        view = window.note_view
        if view.note is None or view.undo_stack.count():
            return
        view.rename_speaker(view.note.transcript.speakers[0].id, NEW_NAME)
        view.edit_details(NEW_TITLE, ["crash"])
        print("edited", flush=True)

    window.pages.currentChanged.connect(edit_once_shown)
    window.open_note(note_id)
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:3])
