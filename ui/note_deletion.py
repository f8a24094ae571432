"""Deleting notes from the library: asked first (it cannot be undone), done off the UI thread, the open note closed."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ui.workers import Worker, call_job

TITLES_SHOWN = 5


def deletion_question(titles: list[str]) -> str:
    """Returns the question asked before deleting the notes called ``titles`` (at most five named)."""
    named = ", ".join(f"“{title}”" for title in titles[:TITLES_SHOWN])
    if len(titles) > TITLES_SHOWN:
        named += f" and {len(titles) - TITLES_SHOWN} more"
    what = "this note" if len(titles) == 1 else f"these {len(titles)} notes"
    return (f"Delete {what} forever? {named}\n\n"
            "Their transcripts and recordings are erased from the notebook. This cannot be undone.")


def ask_to_delete(parent, titles: list[str]) -> bool:
    """Asks whether to delete the notes called ``titles``; returns True only for an explicit Delete."""
    box = QMessageBox(QMessageBox.Warning, "Delete notes", deletion_question(titles), QMessageBox.Cancel, parent)
    delete = box.addButton("Delete", QMessageBox.DestructiveRole)
    box.setDefaultButton(QMessageBox.Cancel)  # Enter or Escape by reflex deletes nothing
    box.exec()
    return box.clickedButton() is delete


class NoteDeleter(QObject):
    """Deletes the notes the library asks for, in the window's unlocked notebook."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def delete(self, summaries: list) -> Worker | None:
        """Asks, then deletes ``summaries``' notes on a worker; returns the worker (None when declined or locked)."""
        window = self.window
        if window.notebook is None or not summaries:
            return None
        if not ask_to_delete(window, [s.title for s in summaries]):
            return None
        note_ids = [s.note_id for s in summaries]
        rows = [index.row() for index in window.library.table.selectionModel().selectedRows()]
        place = min(rows) if rows else 0  # where the keyboard's place is kept once they are gone
        if window.note_view.note is not None and window.note_view.note.note_id in note_ids:
            window.note_view.set_note(None)
            window.privacy.set_note(None)
            window.save_timer.stop()  # its edits go with it: a later save would fail on a deleted note
            window.unsaved = False
        if window.loading_note_id in note_ids:
            window.loading_note_id = None
        notebook = window.notebook
        worker = Worker(call_job(lambda: notebook.delete_many(note_ids), "delete"), "delete notes")
        worker.succeeded.connect(lambda _: self._deleted(len(note_ids), place))
        worker.failed.connect(self._failed)
        window.pool.start(worker)
        window.status_label.setText(f"Deleting {len(note_ids)} note(s)…")
        return worker

    def _deleted(self, count: int, place: int) -> None:
        self.window.library.refresh()
        self.window.library.select_row(place)
        self.window.status_label.setText(f"Deleted {count} note{'s' if count != 1 else ''}.")

    def _failed(self, message: str) -> None:
        self.window.library.refresh()
        self.window.show_error(f"cannot delete the notes: {message}")
