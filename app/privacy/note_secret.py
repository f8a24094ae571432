"""Each stored note's alienation secret, kept inside the encrypted notebook.

The secret seeds the note's per-speaker alienation parameters, so every
re-export of a note alienates each speaker the same way; it is random (never
derived from the voices), lives only in the SQLCipher database, and goes
when the note goes.
"""
from __future__ import annotations

from audio_core.alienate.options import new_note_secret

_TABLE = """CREATE TABLE IF NOT EXISTS alienation_secrets (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    secret BLOB NOT NULL
)"""


def note_secret(notebook, note_id: int) -> bytes:
    """Returns the alienation secret of ``note_id``, creating and storing one on first use.

    Raises NoteNotFoundError for an unknown note.
    """
    notebook.get_summary(note_id)  # raises for an unknown note
    conn = notebook.connection
    conn.execute(_TABLE)
    row = conn.execute("SELECT secret FROM alienation_secrets WHERE note_id = ?", (note_id,)).fetchone()
    if row is not None:
        return bytes(row[0])
    secret = new_note_secret()
    with conn:
        conn.execute("INSERT INTO alienation_secrets (note_id, secret) VALUES (?, ?)", (note_id, secret))
    return secret
