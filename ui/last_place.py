"""Where the window was: the page, the open note and how far down it was read, to come back to after unlock.

Kept in memory across a lock, and in the encrypted notebook's settings across a
restart (a note id says which meetings someone looked at last: not for a plain
settings file).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

LAST_PLACE_KEY = "ui.last_place"
PAGES_WITH_A_NOTE = ("Note", "Privacy")


@dataclass(frozen=True)
class LastPlace:
    """A page name, the note open there (None: none) and the transcript's first character in view."""

    page: str = "Library"
    note_id: str | None = None
    top_char: int = 0

    @property
    def shows_note(self) -> bool:
        """Returns True when coming back means opening the note (its page was showing)."""
        return self.page in PAGES_WITH_A_NOTE and self.note_id is not None


def read_last_place(storage) -> LastPlace | None:
    """Returns the place stored in ``storage`` (an open Notebook), or None when none was stored or it is unreadable.

    Raises NotebookError when the notebook cannot be read.
    """
    raw = storage.read_settings([LAST_PLACE_KEY]).get(LAST_PLACE_KEY)
    try:
        value = json.loads(raw) if raw else None
        if not isinstance(value, dict):
            return None
        note_id = value.get("note_id")
        return LastPlace(str(value.get("page", "Library")), None if note_id is None else str(note_id),
                         max(0, int(value.get("top_char", 0))))
    except (TypeError, ValueError):
        return None  # written by a newer or damaged version: start on the library


def write_last_place(storage, place: LastPlace) -> None:
    """Stores ``place`` in ``storage`` (an open Notebook); returns None. Raises NotebookError."""
    storage.write_settings({LAST_PLACE_KEY: json.dumps({"page": place.page, "note_id": place.note_id,
                                                        "top_char": place.top_char})})
