"""Note records: the notes table with its transcript rows, tags, state, retention and alienation secret.

Every function takes an open connection; the caller owns the transaction
(:meth:`app.storage.notebook.Notebook.transaction`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from audio_core.model import Transcript
from app.storage import sources, transcript_rows
from app.storage.errors import NoteNotFoundError, NotebookError

NOTE_STATES = ("recording", "complete")
REDACTION_DECISIONS = ("pending", "accepted", "rejected")


@dataclass(frozen=True)
class NoteSummary:
    """One line of the notes list (no transcript text)."""

    id: int
    title: str
    created_at: str
    duration_s: float
    language: str
    model: str
    state: str
    tags: list[str] = field(default_factory=list)
    speaker_names: list[str] = field(default_factory=list)
    audio_s: float = 0.0
    redacted_only: bool = False


@dataclass(frozen=True)
class RetentionRow:
    """What retention needs to know of one complete note: its age, own policy and what it still holds."""

    note_id: int
    created_at: str
    audio_days: int | None
    redact_after_days: int | None
    redacted_only: bool
    has_audio: bool


def require_note(conn, note_id: int) -> None:
    """Returns None when ``note_id`` exists; raises NoteNotFoundError otherwise."""
    if conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone() is None:
        raise NoteNotFoundError(f"no note {note_id} in this notebook")


def insert_note(conn, transcript: Transcript, tags, state: str) -> int:
    """Inserts ``transcript`` as a new note in ``state``; returns its id. Raises NotebookError for an unknown state."""
    if state not in NOTE_STATES:
        raise NotebookError(f"unknown note state {state!r}")
    cursor = conn.execute(
        "INSERT INTO notes (title, created_at, duration_s, language, model, source_name, tags, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (transcript.title or transcript.source_name or "Untitled", transcript.created_at, transcript.duration_s,
         transcript.language, transcript.model, transcript.source_name, transcript_rows.tags_to_json(tags), state),
    )
    note_id = cursor.lastrowid
    transcript_rows.insert_transcript_rows(conn, note_id, transcript)
    return note_id


def read_note(conn, note_id: int) -> Transcript:
    """Returns the note's Transcript; raises NoteNotFoundError for an unknown id."""
    row = conn.execute(
        "SELECT title, created_at, duration_s, language, model, source_name FROM notes WHERE id = ?", (note_id,)
    ).fetchone()
    if row is None:
        raise NoteNotFoundError(f"no note {note_id} in this notebook")
    return transcript_rows.read_transcript(conn, note_id, row)


def read_tags(conn, note_id: int) -> list[str]:
    """Returns the note's tags; raises NoteNotFoundError for an unknown id."""
    row = conn.execute("SELECT tags FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise NoteNotFoundError(f"no note {note_id} in this notebook")
    return list(json.loads(row[0]))


def replace_transcript(conn, note_id: int, transcript: Transcript) -> None:
    """Replaces the note's transcript and header fields, keeping audio and tags; raises NoteNotFoundError."""
    require_note(conn, note_id)
    conn.execute(
        "UPDATE notes SET title = ?, duration_s = ?, language = ?, model = ?, source_name = ? WHERE id = ?",
        (transcript.title or "Untitled", transcript.duration_s, transcript.language, transcript.model,
         transcript.source_name, note_id),
    )
    transcript_rows.delete_transcript_rows(conn, note_id)
    transcript_rows.insert_transcript_rows(conn, note_id, transcript)


def keep_redacted_only(conn, note_id: int, redacted: Transcript) -> None:
    """Replaces the note's transcript, title and file name with ``redacted``'s and marks the note redacted-only;
    returns None. Raises NoteNotFoundError for an unknown id."""
    replace_transcript(conn, note_id, redacted)
    conn.execute("UPDATE notes SET redacted_only = 1 WHERE id = ?", (note_id,))


def rename_speaker(conn, note_id: int, speaker_id: str, name: str) -> None:
    """Sets one speaker's display name; raises NoteNotFoundError if the note or speaker does not exist."""
    if conn.execute("UPDATE speakers SET name = ? WHERE note_id = ? AND speaker_id = ?",
                    (name, note_id, speaker_id)).rowcount == 0:
        raise NoteNotFoundError(f"note {note_id} has no speaker {speaker_id!r}")


def set_redaction_decision(conn, note_id: int, span_index: int, decision: str) -> None:
    """Records a decision on one PII span; raises NotebookError (unknown decision), NoteNotFoundError (unknown span)."""
    if decision not in REDACTION_DECISIONS:
        raise NotebookError(f"unknown redaction decision {decision!r}")
    if conn.execute("UPDATE redactions SET decision = ? WHERE note_id = ? AND span_index = ?",
                    (decision, note_id, span_index)).rowcount == 0:
        raise NoteNotFoundError(f"note {note_id} has no redaction span {span_index}")


def set_title(conn, note_id: int, title: str) -> None:
    """Renames a note and its search entry; raises NoteNotFoundError for an unknown id."""
    require_note(conn, note_id)
    conn.execute("UPDATE notes SET title = ? WHERE id = ?", (title, note_id))
    body = conn.execute("SELECT body FROM notes_fts WHERE rowid = ?", (note_id,)).fetchone()
    transcript_rows.index_note_text(conn, note_id, title, body[0] if body else "")


def set_tags(conn, note_id: int, tags) -> None:
    """Replaces a note's tags; raises NoteNotFoundError for an unknown id."""
    require_note(conn, note_id)
    conn.execute("UPDATE notes SET tags = ? WHERE id = ?", (transcript_rows.tags_to_json(tags), note_id))


def mark_complete(conn, note_id: int, duration_s: float | None = None) -> None:
    """Moves a note to state "complete" (setting its duration when given); raises NoteNotFoundError."""
    require_note(conn, note_id)
    if duration_s is None:
        conn.execute("UPDATE notes SET state = 'complete' WHERE id = ?", (note_id,))
    else:
        conn.execute("UPDATE notes SET state = 'complete', duration_s = ? WHERE id = ?", (duration_s, note_id))


def list_summaries(conn) -> list[NoteSummary]:
    """Returns every note, newest first, without transcript text."""
    names: dict[int, list[str]] = {}
    for note_id, name in conn.execute("SELECT note_id, name FROM speakers ORDER BY note_id, position"):
        names.setdefault(note_id, []).append(name)
    audio = dict(conn.execute(
        "SELECT note_id, sum(CAST(n_samples AS REAL) / sample_rate) FROM audio_chunks GROUP BY note_id"
    ).fetchall())
    rows = conn.execute(
        "SELECT id, title, created_at, duration_s, language, model, state, tags, redacted_only FROM notes"
        " ORDER BY created_at DESC, id DESC"
    ).fetchall()
    return [
        NoteSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), names.get(r[0], []),
                    round(audio.get(r[0], 0.0), 3), bool(r[8]))
        for r in rows
    ]


def delete_note(conn, note_id: int) -> None:
    """Deletes a note with its transcript, audio, secret, source digest and search entry; raises NoteNotFoundError."""
    require_note(conn, note_id)
    transcript_rows.delete_transcript_rows(conn, note_id)
    conn.execute("DELETE FROM audio_chunks WHERE note_id = ?", (note_id,))
    conn.execute("DELETE FROM alienation_secrets WHERE note_id = ?", (note_id,))
    sources.forget_source(conn, note_id)
    conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))


def alienation_secret(conn, note_id: int, new_secret) -> bytes:
    """Returns the note's alienation secret, storing ``new_secret()`` on first use; raises NoteNotFoundError."""
    require_note(conn, note_id)
    row = conn.execute("SELECT secret FROM alienation_secrets WHERE note_id = ?", (note_id,)).fetchone()
    if row is not None:
        return bytes(row[0])
    secret = new_secret()
    conn.execute("INSERT INTO alienation_secrets (note_id, secret) VALUES (?, ?)", (note_id, secret))
    return secret


def set_retention(conn, note_id: int, audio_days: int | None, redact_after_days: int | None) -> None:
    """Stores one note's own retention policy (None: use the global one); raises NoteNotFoundError."""
    if conn.execute("UPDATE notes SET audio_retention_days = ?, redact_after_days = ? WHERE id = ?",
                    (audio_days, redact_after_days, note_id)).rowcount == 0:
        raise NoteNotFoundError(f"no note {note_id} in this notebook")


def retention_rows(conn) -> list[RetentionRow]:
    """Returns, for every complete note, what retention needs to decide on it."""
    rows = conn.execute(
        "SELECT id, created_at, audio_retention_days, redact_after_days, redacted_only,"
        " EXISTS (SELECT 1 FROM audio_chunks WHERE note_id = notes.id) FROM notes WHERE state = 'complete'"
    ).fetchall()
    return [RetentionRow(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5])) for r in rows]


def count_notes(conn) -> int:
    """Returns how many notes the notebook holds."""
    return conn.execute("SELECT count(*) FROM notes").fetchone()[0]
