"""Files whose content is already a note: the window asks once per drop whether to open those notes, import the
files again or skip them.

Files a person dropped or chose get the question, one for all the files of one drop or one Import… choice;
files from the watch folder are skipped, and the import queue's rows and the status bar say so. Only content
the notebook remembers is recognised: a note imported before the notebook kept file digests (schema 5) is not
matched, and the question names only the notes that are.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app.import_sources import local_time

OPEN, IMPORT_AGAIN, SKIP = "open", "import again", "skip"
NAMES_SHOWN = 6  # a drop of forty files lists the first few, then "and 34 more"
ICON_AND_MARGINS_PX = 120  # the question icon, its spacing and the box's margins beside the informative text
NO_BREAK = "\u00a0"  # "imported 2026-12-05 18:55" is one unit: a line never ends inside it


class DuplicateQuestion(QObject):
    """Answers the queue's ``already_imported`` batches for ``window`` (a MainWindow): ask, or skip and say so."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.box: QMessageBox | None = None  # the question on screen, if any
        self._batches: list[list[int]] = []
        window.queue.already_imported.connect(self._found)

    def _found(self, rows: list[int]) -> None:
        entries = self.window.queue.entries
        watched = [entries[row] for row in rows if not entries[row].ask_if_duplicate]
        if len(watched) == 1:
            self.window.status_label.setText(f"{watched[0].path.name} (watch folder) is already in the notebook as "
                                             f"“{watched[0].earlier.title}”: skipped.")
        elif watched:
            self.window.status_label.setText(f"{len(watched)} files from the watch folder are already in the "
                                             "notebook: skipped.")
        asked = [row for row in rows if entries[row].ask_if_duplicate]
        if asked:
            self._batches.append(asked)
            self._ask_next()

    def _ask_next(self) -> None:
        if self.box is not None or not self._batches or self.window.notebook is None:
            return
        rows = self._batches.pop(0)
        entries = [self.window.queue.entries[row] for row in rows]
        notes = {entry.earlier.id: entry.earlier for entry in entries}
        box = QMessageBox(QMessageBox.Question, "Already imported", _question(entries), QMessageBox.NoButton,
                          self.window)
        if len(entries) == 1:
            box.setInformativeText("Open that note, import the file again as a second note, or skip it?")
        else:
            box.setInformativeText(_listing(entries) + "\n\n"
                                   + ("Open that note" if len(notes) == 1 else "Show those notes in the library")
                                   + ", import the files again as new notes, or skip them?")
            _fit_listing(box, _listing(entries))
        open_button = box.addButton("Open the note" if len(notes) == 1 else f"Show the {len(notes)} notes",
                                    QMessageBox.AcceptRole)
        if len(notes) > 1:
            open_button.setToolTip("Selects those notes in the library")
        again_button = box.addButton("Import again", QMessageBox.ActionRole)
        skip_button = box.addButton("Skip", QMessageBox.RejectRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(skip_button)  # a reflex Escape adds nothing to the notebook
        box.setWindowModality(Qt.WindowModal)
        answers = {open_button: OPEN, again_button: IMPORT_AGAIN, skip_button: SKIP}
        box.finished.connect(lambda _result: self._answered(rows, answers.get(box.clickedButton(), SKIP)))
        self.box = box
        box.open()

    def _answered(self, rows: list[int], answer: str) -> None:
        self.box.deleteLater()
        self.box = None
        queue = self.window.queue
        entries = [queue.entries[row] for row in rows]
        note_ids = list(dict.fromkeys(str(entry.earlier.id) for entry in entries))
        if answer == OPEN and self.window.notebook is not None:
            if len(note_ids) == 1:
                message = "opened"
                self.window.open_note(note_ids[0])
            else:
                message = "shown in the library"
                self.window.show_page("Library")
                self.window.library.select_notes(note_ids)
        elif answer == IMPORT_AGAIN:
            message = "imported again below"
            queue.add([entry.path for entry in entries], allow_duplicate=True,
                      digests={entry.path: entry.known_digest for entry in entries if entry.known_digest})
        else:
            message = "skipped"
        for row, entry in zip(rows, entries):
            entry.message = f"Already in the notebook: {message}"
            queue.entry_changed.emit(row)
        if message == "shown in the library":  # after the rows' own status lines, which the status bar echoes
            self.window.status_label.setText(f"The {len(note_ids)} notes these files were imported as are selected "
                                             "in the library.")
        self._ask_next()

    def clear(self) -> None:
        """Forgets the questions not yet asked and closes the one on screen (the window locks); returns None."""
        self._batches.clear()
        if self.box is not None:
            self.box.reject()


def _question(entries) -> str:
    if len(entries) == 1:
        earlier = entries[0].earlier
        return f"“{entries[0].path.name}” is already in your notebook as “{earlier.title}”, {_imported_at(earlier)}."
    checked = max(entry.checked_with for entry in entries)
    if checked <= len(entries):  # every file of the drop: "2 of these files" read as if others were new
        return f"These {len(entries)} files are already in your notebook."
    return f"{len(entries)} of these {checked} files are already in your notebook."


def _imported_at(earlier) -> str:
    return f"imported {local_time(earlier.created_at)}".replace(" ", NO_BREAK)


def _listing(entries) -> str:
    lines = [f"“{entry.path.name}” as “{entry.earlier.title}”, {_imported_at(entry.earlier)}"
             for entry in entries[:NAMES_SHOWN]]
    if len(entries) > NAMES_SHOWN:
        lines.append(f"and {len(entries) - NAMES_SHOWN} more")
    return "\n".join(lines)


def _fit_listing(box: QMessageBox, listing: str) -> None:
    """Widens ``box`` so each file of ``listing`` stays on one line, as far as the screen allows; returns None.

    QMessageBox wraps its informative text at about 500 pixels, which broke lines mid-entry ("imported⏎2026-12-05").
    Its own width limit (the screen less 480 pixels, at most 1000; the whole screen up to 1024 wide) is kept, less
    room for the icon, so a box never outgrows it: a file name longer than that still wraps, at a space.
    """
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if label is None:  # a Qt that names its labels differently: wrapped as before
        return
    screen = box.screen().availableGeometry().width()
    box_limit = screen if screen <= 1024 else min(screen - 480, 1000)
    room = box_limit - ICON_AND_MARGINS_PX
    widest = max(label.fontMetrics().horizontalAdvance(line) for line in listing.splitlines())
    label.setMinimumWidth(min(widest + 2, room))
