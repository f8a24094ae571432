"""The library's table: one row per note, sortable and filterable without widgets."""
from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from app.export.timecode import clock
from ui.notebook import NoteSummary
from ui.viewmodels.table_model import HeaderedTableModel

COLUMNS = ("Title", "Date", "Duration", "Speakers", "Tags", "Match")
NOTE_ID_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2


def title_order(title: str) -> str:
    """Returns a sort key putting titles in the order people count: "Meeting 2" before "Meeting 10", any case."""
    return re.sub(r"\d+", lambda number: number.group().zfill(12), title.casefold())


def format_date(iso: str) -> str:
    """Returns an ISO timestamp as local "YYYY-MM-DD HH:MM" (the input unchanged if unparsable)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class NotesTableModel(HeaderedTableModel):
    """Notes with title, date, duration, speakers, tags and (while searching) a snippet."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[NoteSummary] = []
        self._snippets: dict[str, str] = {}

    def set_notes(self, notes: list[NoteSummary]) -> None:
        """Replaces every row."""
        self.beginResetModel()
        self._rows = list(notes)
        self.endResetModel()

    def set_snippets(self, snippets: dict[str, str]) -> None:
        """Sets the search snippet shown per note id ({} clears them)."""
        self._snippets = dict(snippets)
        if self._rows:
            self.dataChanged.emit(self.index(0, 5), self.index(len(self._rows) - 1, 5))

    def note_at(self, row: int) -> NoteSummary:
        """Returns the note summary in ``row``."""
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        note = self._rows[index.row()]
        column = index.column()
        if role == NOTE_ID_ROLE:
            return note.note_id
        if role == SORT_ROLE:
            return (title_order(note.title), note.created_at, note.duration_s, len(note.speakers), ",".join(note.tags),
                    "")[column]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return (
                note.title,
                format_date(note.created_at),
                clock(note.duration_s),
                ", ".join(note.speakers) or "—",
                ", ".join(note.tags),
                self._snippets.get(note.note_id, ""),
            )[column]
        if role == Qt.TextAlignmentRole and column == 2:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


class NotesFilterProxy(QSortFilterProxyModel):
    """Sorts by the real values (dates, seconds) and keeps notes matching a tag, speaker, or search hit set."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._tag = ""
        self._speaker = ""
        self._allowed_ids: set[str] | None = None

    def set_tag(self, tag: str) -> None:
        """Keeps only notes with ``tag`` ("" keeps all)."""
        self.beginFilterChange()
        self._tag = tag
        self.endFilterChange()

    def set_speaker(self, speaker: str) -> None:
        """Keeps only notes where ``speaker`` speaks ("" keeps all)."""
        self.beginFilterChange()
        self._speaker = speaker
        self.endFilterChange()

    def set_allowed_ids(self, note_ids: set[str] | None) -> None:
        """Keeps only these note ids (search results); None keeps all."""
        self.beginFilterChange()
        self._allowed_ids = None if note_ids is None else set(note_ids)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        note = self.sourceModel().note_at(source_row)
        if self._allowed_ids is not None and note.note_id not in self._allowed_ids:
            return False
        if self._tag and self._tag not in note.tags:
            return False
        if self._speaker and self._speaker not in note.speakers:
            return False
        return True
