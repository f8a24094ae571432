"""The app for the SIGTERM test: opens a note in a real window, edits it, prints "edited", then runs the app's own
event loop (``ui.quit_signals.run_until_quit``, as ``hushnote gui`` does) until a signal ends it.

Run as ``python -m tests.support.quit_signal_child NOTEBOOK NOTE_ID``; exits with the event loop's code.
"""
from __future__ import annotations

import sys

from tests.support.note_window import window_editing_note

NEW_TITLE = "Edited just before the logout"


def main(notebook_path: str, note_id: str) -> int:
    from ui.quit_signals import run_until_quit

    app, window = window_editing_note(notebook_path, note_id, lambda view: view.edit_details(NEW_TITLE, ["logout"]),
                                      autosave=False)  # the autosave would write the edit anyway: here only quitting can
    return run_until_quit(app, window)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
