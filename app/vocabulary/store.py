"""The notebook's vocabulary: read, add and remove entries, each change one transaction in the encrypted notebook."""
from __future__ import annotations

from dataclasses import dataclass

from app.storage import NotebookError
from app.storage import vocabulary as records
from app.vocabulary.entries import MAX_ENTRIES, Vocabulary, VocabularyEntry, make_entry
from audio_core.errors import OptionError

ADDED = "added"
UNCHANGED = "unchanged"
KIND_CHANGED = "kind changed"


@dataclass(frozen=True)
class AddResult:
    """What adding did: the entry as stored, and ``outcome`` ("added", "unchanged" or "kind changed")."""

    entry: VocabularyEntry
    outcome: str


def load_vocabulary(notebook) -> Vocabulary:
    """Returns the notebook's vocabulary (empty when none). Raises NotebookError when the notebook cannot be read."""
    with notebook.reading() as conn:
        return Vocabulary(tuple(VocabularyEntry(text, kind) for text, kind in records.read_entries(conn)))


def add_to_vocabulary(notebook, text: str, kind: str) -> AddResult:
    """Adds ``text`` as a ``kind`` entry; returns what happened.

    An entry already listed (case-insensitive) is left as it is, or gets the new
    kind. Raises OptionError for a bad entry (see :func:`app.vocabulary.entries.clean_text`)
    or a full list, NotebookError when the notebook cannot be written.
    """
    new = make_entry(text, kind)
    with notebook.transaction() as conn:
        pairs = records.read_entries(conn)
        for index, (stored_text, stored_kind) in enumerate(pairs):
            if VocabularyEntry(stored_text).key == new.key:
                if stored_kind == new.kind:
                    return AddResult(VocabularyEntry(stored_text, stored_kind), UNCHANGED)
                pairs[index] = (stored_text, new.kind)
                records.write_entries(conn, pairs)
                return AddResult(VocabularyEntry(stored_text, new.kind), KIND_CHANGED)
        if len(pairs) >= MAX_ENTRIES:
            raise OptionError(f"the vocabulary is full ({MAX_ENTRIES} entries): remove some first")
        records.write_entries(conn, [*pairs, (new.text, new.kind)])
    return AddResult(new, ADDED)


def remove_from_vocabulary(notebook, text: str) -> VocabularyEntry | None:
    """Removes the entry ``text`` names (case-insensitive); returns it, or None when it was not listed.

    Raises NotebookError when the notebook cannot be written.
    """
    key = VocabularyEntry(" ".join(text.split())).key
    with notebook.transaction() as conn:
        pairs = records.read_entries(conn)
        kept = [(t, k) for t, k in pairs if VocabularyEntry(t).key != key]
        if len(kept) == len(pairs):
            return None
        records.write_entries(conn, kept)
    removed = next((t, k) for t, k in pairs if VocabularyEntry(t).key == key)
    return VocabularyEntry(*removed)


def clear_vocabulary(notebook) -> int:
    """Removes every entry (also a damaged list); returns how many there were (0 when it was damaged).

    Raises NotebookError when the notebook cannot be written.
    """
    with notebook.transaction() as conn:
        try:
            count = len(records.read_entries(conn))
        except NotebookError:
            count = 0
        records.write_entries(conn, [])
    return count
