"""The Notebook API: notes (Transcript + audio), voice profiles and the audit log.

One :class:`Notebook` wraps one open SQLCipher connection. Every change is a
transaction of its own, so a crash leaves either the old or the new state.
Get one from :func:`app.storage.open_notebook` or :func:`app.storage.init_notebook`.
"""
from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from audio_core.model import Transcript
from app.storage import audio_store, profiles, transcript_rows
from app.storage.database import DatabaseError, is_corruption, transaction
from app.storage.errors import CorruptNotebookError, NoteNotFoundError, NotebookError

NOTE_STATES = ("recording", "complete")


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


def utc_now() -> str:
    """Returns the current UTC time as ISO 8601 with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Notebook:
    """An unlocked encrypted notebook. Use as a context manager or call :meth:`close`."""

    def __init__(self, conn, path: Path):
        self._conn = conn
        self.path = Path(path)
        self._lock = threading.RLock()

    # -- plumbing -------------------------------------------------------------
    def close(self) -> None:
        """Closes the connection (checkpointing the WAL); returns None."""
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def _reading(self) -> Iterator:
        with self._lock:
            if self._conn is None:
                raise NotebookError("the notebook is closed")
            try:
                yield self._conn
            except DatabaseError as exc:
                if is_corruption(exc):
                    raise CorruptNotebookError(f"the notebook {self.path} is damaged ({exc})") from None
                raise

    @contextlib.contextmanager
    def _writing(self) -> Iterator:
        with self._reading() as conn, transaction(conn):
            yield conn

    @property
    def connection(self):
        """Returns the raw sqlcipher3 connection (for storage modules and tests only)."""
        return self._conn

    # -- notes ----------------------------------------------------------------
    def save_transcript(self, transcript: Transcript, tags: Iterable[str] = (), state: str = "complete") -> int:
        """Stores ``transcript`` as a new note; returns the note id."""
        if state not in NOTE_STATES:
            raise NotebookError(f"unknown note state {state!r}")
        with self._writing() as conn:
            cursor = conn.execute(
                "INSERT INTO notes (title, created_at, duration_s, language, model, source_name, tags, state)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (transcript.title or transcript.source_name or "Untitled", transcript.created_at, transcript.duration_s,
                 transcript.language, transcript.model, transcript.source_name, transcript_rows.tags_to_json(tags), state),
            )
            note_id = cursor.lastrowid
            transcript_rows.insert_transcript_rows(conn, note_id, transcript)
        return note_id

    def load_transcript(self, note_id: int) -> Transcript:
        """Returns the note's Transcript; raises NoteNotFoundError for an unknown id."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT title, created_at, duration_s, language, model, source_name FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
            if row is None:
                raise NoteNotFoundError(f"no note {note_id} in this notebook")
            return transcript_rows.read_transcript(conn, note_id, row)

    def update_transcript(self, note_id: int, transcript: Transcript) -> None:
        """Replaces the note's transcript (edits, speaker names, redaction decisions), keeping its audio and tags; returns None.

        Raises NoteNotFoundError for an unknown id.
        """
        with self._writing() as conn:
            self._require(conn, note_id)
            conn.execute(
                "UPDATE notes SET title = ?, duration_s = ?, language = ?, model = ?, source_name = ? WHERE id = ?",
                (transcript.title or "Untitled", transcript.duration_s, transcript.language, transcript.model,
                 transcript.source_name, note_id),
            )
            transcript_rows.delete_transcript_rows(conn, note_id)
            transcript_rows.insert_transcript_rows(conn, note_id, transcript)

    def rename_speaker(self, note_id: int, speaker_id: str, name: str) -> None:
        """Sets the display name of one speaker in a note; returns None.

        Raises NoteNotFoundError if the note or speaker does not exist.
        """
        with self._writing() as conn:
            if conn.execute("UPDATE speakers SET name = ? WHERE note_id = ? AND speaker_id = ?",
                            (name, note_id, speaker_id)).rowcount == 0:
                raise NoteNotFoundError(f"note {note_id} has no speaker {speaker_id!r}")

    def set_redaction_decision(self, note_id: int, span_index: int, decision: str) -> None:
        """Records a person's decision ("pending", "accepted", "rejected") on one PII span; returns None.

        Raises NotebookError for an unknown decision, NoteNotFoundError for an unknown span.
        """
        if decision not in ("pending", "accepted", "rejected"):
            raise NotebookError(f"unknown redaction decision {decision!r}")
        with self._writing() as conn:
            if conn.execute("UPDATE redactions SET decision = ? WHERE note_id = ? AND span_index = ?",
                            (decision, note_id, span_index)).rowcount == 0:
                raise NoteNotFoundError(f"note {note_id} has no redaction span {span_index}")

    def set_title(self, note_id: int, title: str) -> None:
        """Renames a note; returns None. Raises NoteNotFoundError for an unknown id."""
        with self._writing() as conn:
            self._require(conn, note_id)
            conn.execute("UPDATE notes SET title = ? WHERE id = ?", (title, note_id))
            body = conn.execute("SELECT body FROM notes_fts WHERE rowid = ?", (note_id,)).fetchone()
            transcript_rows.index_note_text(conn, note_id, title, body[0] if body else "")

    def set_tags(self, note_id: int, tags: Iterable[str]) -> None:
        """Replaces a note's tags; returns None. Raises NoteNotFoundError for an unknown id."""
        with self._writing() as conn:
            self._require(conn, note_id)
            conn.execute("UPDATE notes SET tags = ? WHERE id = ?", (transcript_rows.tags_to_json(tags), note_id))

    def list_notes(self) -> list[NoteSummary]:
        """Returns every note, newest first, without transcript text."""
        with self._reading() as conn:
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

    def get_summary(self, note_id: int) -> NoteSummary:
        """Returns one note's summary; raises NoteNotFoundError for an unknown id."""
        for summary in self.list_notes():
            if summary.id == note_id:
                return summary
        raise NoteNotFoundError(f"no note {note_id} in this notebook")

    def delete_note(self, note_id: int, *, vacuum: bool = True) -> None:
        """Deletes a note with its audio and search entry irreversibly; returns None.

        ``secure_delete`` zeroes the freed pages and VACUUM rebuilds the file so
        nothing of the note remains. Raises NoteNotFoundError for an unknown id.
        """
        with self._writing() as conn:
            self._require(conn, note_id)
            transcript_rows.delete_transcript_rows(conn, note_id)
            conn.execute("DELETE FROM audio_chunks WHERE note_id = ?", (note_id,))
            conn.execute("DELETE FROM alienation_secrets WHERE note_id = ?", (note_id,))
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        if vacuum:
            self.vacuum()

    def alienation_secret(self, note_id: int, new_secret: Callable[[], bytes]) -> bytes:
        """Returns the note's alienation secret, storing ``new_secret()`` on first use.

        Raises NoteNotFoundError for an unknown id.
        """
        with self._writing() as conn:
            self._require(conn, note_id)
            row = conn.execute("SELECT secret FROM alienation_secrets WHERE note_id = ?", (note_id,)).fetchone()
            if row is not None:
                return bytes(row[0])
            secret = new_secret()
            conn.execute("INSERT INTO alienation_secrets (note_id, secret) VALUES (?, ?)", (note_id, secret))
            return secret

    def vacuum(self) -> None:
        """Rebuilds the database file and truncates the WAL, so deleted data is gone from disk; returns None."""
        with self._reading() as conn:
            conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('optimize')")
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @staticmethod
    def _require(conn, note_id: int) -> None:
        if conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone() is None:
            raise NoteNotFoundError(f"no note {note_id} in this notebook")

    # -- audio ----------------------------------------------------------------
    def start_recording(self, title: str, created_at: str | None = None) -> int:
        """Creates an empty note in state "recording"; returns its id."""
        return self.save_transcript(Transcript(title=title, created_at=created_at or utc_now()), state="recording")

    def append_audio(self, note_id: int, samples: np.ndarray, sample_rate: int = audio_store.SAMPLE_RATE) -> int:
        """Appends one chunk (float -1..1 or int16, mono; keep it ≤ 1 s while recording) in its own transaction.

        Returns the chunk's sequence number. Raises NoteNotFoundError, InputError for bad arrays.
        """
        with self._writing() as conn:
            self._require(conn, note_id)
            return audio_store.append_chunk(conn, note_id, samples, sample_rate)

    def store_audio(self, note_id: int, chunks: Iterable[np.ndarray], sample_rate: int = audio_store.SAMPLE_RATE,
                    chunk_s: float = 30.0) -> float:
        """Replaces the note's audio with ``chunks`` (regrouped into ``chunk_s`` pieces); returns the seconds stored.

        All-or-nothing: one transaction. Raises NoteNotFoundError, InputError.
        """
        with self._writing() as conn:
            self._require(conn, note_id)
            conn.execute("DELETE FROM audio_chunks WHERE note_id = ?", (note_id,))
            for piece in audio_store.rechunk(chunks, int(chunk_s * sample_rate)):
                audio_store.append_chunk(conn, note_id, piece, sample_rate)
            return audio_store.audio_seconds(conn, note_id)

    def finish_recording(self, note_id: int, transcript: Transcript | None = None) -> None:
        """Marks a recording complete, storing ``transcript`` if given; returns None.

        Raises NoteNotFoundError for an unknown id.
        """
        with self._writing() as conn:
            self._require(conn, note_id)
            duration_s = audio_store.audio_seconds(conn, note_id)
            conn.execute("UPDATE notes SET state = 'complete', duration_s = ? WHERE id = ?", (round(duration_s, 3), note_id))
        if transcript is not None:
            if not transcript.duration_s:
                transcript.duration_s = round(duration_s, 3)
            self.update_transcript(note_id, transcript)

    def interrupted_recordings(self) -> list[NoteSummary]:
        """Returns the notes still in state "recording" (a crash or kill stopped them)."""
        return [s for s in self.list_notes() if s.state == "recording"]

    def iter_audio(self, note_id: int) -> Iterator[np.ndarray]:
        """Yields the note's audio chunk by chunk as float32 at 16 kHz (bounded memory)."""
        with self._reading() as conn:
            self._require(conn, note_id)
            seqs = audio_store.chunk_numbers(conn, note_id)
        for seq in seqs:
            with self._reading() as conn:  # lock per chunk: an abandoned generator holds nothing
                chunk = audio_store.read_chunk(conn, note_id, seq)
            if chunk is not None:
                yield chunk

    def read_audio(self, note_id: int) -> np.ndarray:
        """Returns the note's whole audio as one float32 array (empty if none). Raises NoteNotFoundError."""
        parts = list(self.iter_audio(note_id))
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def delete_audio(self, note_id: int) -> None:
        """Deletes the note's audio (the transcript stays); returns None."""
        with self._writing() as conn:
            self._require(conn, note_id)
            conn.execute("DELETE FROM audio_chunks WHERE note_id = ?", (note_id,))

    # -- voice profiles and audit log ------------------------------------------
    def save_voice_profile(self, name: str, embedding: np.ndarray) -> str:
        """Stores a named speaker embedding; returns the new profile id."""
        with self._writing() as conn:
            return profiles.save_profile(conn, name, embedding)

    def list_voice_profiles(self) -> list[profiles.VoiceProfile]:
        """Returns every voice profile, oldest first."""
        with self._reading() as conn:
            return profiles.list_profiles(conn)

    def delete_voice_profile(self, profile_id: str) -> None:
        """Deletes a voice profile; returns None. Raises NotebookError for an unknown id."""
        with self._writing() as conn:
            profiles.delete_profile(conn, profile_id)

    def record_export(self, note_id: int | None, what: str, formats: Iterable[str], policy: str, redacted: bool,
                      when: str | None = None) -> int:
        """Appends one entry to the audit log (what was exported, when, under which policy); returns its id."""
        with self._writing() as conn:
            return profiles.record_export(conn, note_id, what, list(formats), policy, redacted, when or utc_now())

    def list_audit_log(self, note_id: int | None = None) -> list[profiles.AuditEntry]:
        """Returns audit log entries (all, or those of ``note_id``), oldest first."""
        with self._reading() as conn:
            return profiles.list_audit(conn, note_id)

    # -- search ---------------------------------------------------------------
    def search(self, query: str, limit: int = 20):
        """Returns ranked :class:`app.storage.search.SearchHit` for ``query``; raises NotebookError for bad syntax."""
        from app.storage.search import search_notes

        with self._reading() as conn:
            return search_notes(conn, query, limit)
