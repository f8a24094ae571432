"""Which notes came from which file content: the SHA-256 of an imported file's bytes, per note.

Every function takes an open connection; the caller owns the transaction. The
digest lives in the encrypted notebook only and is deleted with its note.
"""
from __future__ import annotations


def remember_source(conn, note_id: int, content_sha256: str) -> None:
    """Records that note ``note_id`` was imported from a file with this content digest; returns None."""
    conn.execute("INSERT OR REPLACE INTO note_sources (note_id, content_sha256) VALUES (?, ?)",
                 (note_id, content_sha256))


def notes_from_source(conn, content_sha256: str) -> list[int]:
    """Returns the ids of the notes imported from a file with this content digest, oldest first."""
    rows = conn.execute("SELECT note_id FROM note_sources WHERE content_sha256 = ? ORDER BY note_id", (content_sha256,))
    return [row[0] for row in rows]


def forget_source(conn, note_id: int) -> None:
    """Deletes the note's content digest; returns None."""
    conn.execute("DELETE FROM note_sources WHERE note_id = ?", (note_id,))
