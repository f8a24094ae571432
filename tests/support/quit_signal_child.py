"""The app for the SIGTERM test: opens a note in a real window, edits it, prints "edited", then runs the app's own
event loop (``ui.quit_signals.run_until_quit``, as ``hushnote gui`` does) until a signal ends it.

Run as ``python -m tests.support.quit_signal_child NOTEBOOK NOTE_ID``; exits with the event loop's code.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tests.support.notebooks import PASSPHRASE

NEW_TITLE = "Edited just before the logout"


def main(notebook_path: str, note_id: str) -> int:
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.notebook import DesktopNotebook
    from ui.quit_signals import run_until_quit
    from ui.settings import UiSettings

    app = create_application()
    window = MainWindow(UiSettings(auto_lock_min=0), notebook_path=Path(notebook_path), persist_settings=False)
    window.save_timer.setInterval(3_600_000)  # the autosave would write the edit anyway: here only quitting can
    window.show()
    window.set_notebook(DesktopNotebook.unlock(PASSPHRASE, Path(notebook_path)))

    def edit_once_shown(_page: int) -> None:
        view = window.note_view
        if view.note is None or view.undo_stack.count():
            return
        view.edit_details(NEW_TITLE, ["logout"])
        print("edited", flush=True)

    window.pages.currentChanged.connect(edit_once_shown)
    window.open_note(note_id)
    return run_until_quit(app, window)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
