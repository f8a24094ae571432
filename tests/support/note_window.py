"""A real window on a note, for the child processes that tests kill or signal."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.notebooks import PASSPHRASE


def window_editing_note(notebook_path: str, note_id: str, edit: Callable[[object], None], autosave: bool = True):
    """Opens ``note_id`` of the notebook in a shown main window and calls ``edit(note_view)`` once the note is
    shown, then prints "edited"; returns (application, window), the event loop not yet run.

    ``autosave=False`` holds the autosave off for an hour, so only quitting can write the edit.
    """
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.notebook import DesktopNotebook
    from ui.settings import UiSettings

    app = create_application()
    window = MainWindow(UiSettings(auto_lock_min=0), notebook_path=Path(notebook_path), persist_settings=False)
    if not autosave:
        window.save_timer.setInterval(3_600_000)
    window.show()
    window.set_notebook(DesktopNotebook.unlock(PASSPHRASE, Path(notebook_path)))

    def edit_once_shown(_page: int) -> None:
        view = window.note_view
        if view.note is None or view.undo_stack.count():
            return
        edit(view)
        print("edited", flush=True)

    window.pages.currentChanged.connect(edit_once_shown)
    window.open_note(note_id)
    return app, window
