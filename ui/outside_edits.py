"""Keeps the open note and the library in step with changes made outside the window (``hushnote speakers rename``
while a note is open, ``hushnote transcribe --save`` or ``hushnote forget`` while the library shows).

The window writes a note whole; without this, its next autosave put the copy it
had loaded back over a speaker renamed from the command line a moment before.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.storage import NotebookError
from ui.workers import Worker, call_job

CHECK_INTERVAL_MS = 1000


class OutsideEditsFollower(QObject):
    """Reloads the window's open note when another process changed it and the window has nothing unsaved."""

    def __init__(self, window, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.seen_version: int | None = None
        self.library_version: int | None = None  # the notebook's version the library's list was read at
        self.checking = False
        self.look_again = False  # an outside change seen while the window had its own edit in hand
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _quiet(self, note) -> bool:
        """True when the window holds no edit of ``note`` that a reload would throw away."""
        window = self.window
        return (window.notebook is not None and window.note_view.note is note and not window.unsaved
                and window.note_view.text.editing is None)

    def check(self) -> None:
        """Starts a reload of the open note if another process has written to the notebook since the last look."""
        window = self.window
        if window.notebook is None:
            self.seen_version = self.library_version = None
            return
        try:
            version = window.notebook.storage.outside_changes()
        except NotebookError:
            return
        # None: the first look since unlock, which may come after a change made while the list was being read
        library_behind = version != self.library_version
        self.library_version = version
        if library_behind:
            window.library.refresh()  # a note added or forgotten from a terminal shows (or goes) without a restart
        note = window.note_view.note
        if self.seen_version is None or note is None or note.note_id is None:
            self.seen_version = version  # the first look after unlock, or nothing open to follow
            return
        if (version == self.seen_version and not self.look_again) or self.checking or not self._quiet(note):
            return
        self.seen_version, self.look_again = version, False
        self.checking = True
        notebook = window.notebook
        worker = Worker(call_job(lambda: notebook.load(note.note_id), "load"), "follow outside edits")
        worker.succeeded.connect(lambda stored: self._compare(note, stored))
        worker.failed.connect(lambda message: setattr(self, "checking", False))
        window.pool.start(worker)

    def _compare(self, note, stored) -> None:
        self.checking = False
        if not self._quiet(note):
            self.look_again = True  # once the window's own edit is saved
            return
        if stored.transcript.to_json() == note.transcript.to_json() and stored.tags == note.tags:
            return
        self.window.note_view.set_note(stored)  # on whatever page the user is: no jump to the note page
        self.window.privacy.set_note(stored, self.window.engines)
        self.window.status_label.setText("This note was changed outside the window; showing the stored version")
