"""A file whose content is already a note: the window asks whether to open that note, import again or skip.

Files a person dropped or chose get the question, one at a time (a drop of
several such files asks about each in turn); files from the watch folder are
skipped, and the import queue's row and the status bar say so.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from app.import_sources import local_time

OPEN, IMPORT_AGAIN, SKIP = "open", "import again", "skip"


class DuplicateQuestion(QObject):
    """Answers the queue's ``already_imported`` rows for ``window`` (a MainWindow): ask, or skip and say so."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.box: QMessageBox | None = None  # the question on screen, if any
        self._rows: list[int] = []
        window.queue.already_imported.connect(self._found)

    def _found(self, row: int) -> None:
        entry = self.window.queue.entries[row]
        if not entry.ask_if_duplicate:
            self.window.status_label.setText(f"{entry.path.name} (watch folder) is already in the notebook as "
                                             f"“{entry.earlier.title}”: skipped.")
            return
        self._rows.append(row)
        self._ask_next()

    def _ask_next(self) -> None:
        if self.box is not None or not self._rows or self.window.notebook is None:
            return
        row = self._rows.pop(0)
        entry = self.window.queue.entries[row]
        earlier = entry.earlier
        box = QMessageBox(QMessageBox.Question, "Already imported",
                          f"“{entry.path.name}” is already in your notebook as “{earlier.title}”, imported "
                          f"{local_time(earlier.created_at)}.", QMessageBox.NoButton, self.window)
        box.setInformativeText("Open that note, import the file again as a second note, or skip it?")
        open_button = box.addButton("Open the note", QMessageBox.AcceptRole)
        again_button = box.addButton("Import again", QMessageBox.ActionRole)
        skip_button = box.addButton("Skip", QMessageBox.RejectRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(skip_button)  # a reflex Escape adds nothing to the notebook
        box.setWindowModality(Qt.WindowModal)
        answers = {open_button: OPEN, again_button: IMPORT_AGAIN, skip_button: SKIP}
        box.finished.connect(lambda _result: self._answered(row, answers.get(box.clickedButton(), SKIP)))
        self.box = box
        box.open()

    def _answered(self, row: int, answer: str) -> None:
        self.box.deleteLater()
        self.box = None
        entry = self.window.queue.entries[row]
        if answer == OPEN and self.window.notebook is not None:
            entry.message = "Already in the notebook: opened"
            self.window.open_note(str(entry.earlier.id))
        elif answer == IMPORT_AGAIN:
            entry.message = "Already in the notebook: imported again below"
            self.window.queue.add([entry.path], allow_duplicate=True)
        else:
            entry.message = "Already in the notebook: skipped"
        self.window.queue.entry_changed.emit(row)
        self._ask_next()

    def clear(self) -> None:
        """Forgets the questions not yet asked and closes the one on screen (the window locks); returns None."""
        self._rows.clear()
        if self.box is not None:
            self.box.reject()
