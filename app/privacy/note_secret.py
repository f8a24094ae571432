"""Each stored note's alienation secret, kept inside the encrypted notebook.

The secret seeds the note's per-speaker alienation parameters, so every
re-export of a note alienates each speaker the same way; it is random (never
derived from the voices), lives only in the SQLCipher database, and goes
when the note goes.
"""
from __future__ import annotations

from audio_core.alienate.options import new_note_secret


def note_secret(notebook, note_id: int) -> bytes:
    """Returns the alienation secret of ``note_id``, creating and storing one on first use.

    Raises NoteNotFoundError for an unknown note.
    """
    return notebook.alienation_secret(note_id, new_note_secret)
