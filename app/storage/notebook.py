"""The Notebook API: notes (Transcript + audio), voice profiles and the audit log.

One :class:`Notebook` wraps one open SQLCipher connection. Every method is a
transaction of its own, so a crash leaves either the old or the new state.
Storage code that changes several records at once opens
:meth:`Notebook.transaction` and calls the record modules (``notes``,
``audio_store``, ``profiles``, ``audit_log``, ``settings``) with its connection.
Get one from :func:`app.storage.open_notebook` or :func:`app.storage.init_notebook`.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from audio_core.model import Transcript
from app.note_merge import NoteMerge, NoteState, merge_note
from app.storage import audio_store, audit_log, database, notes, profiles, settings, sources
from app.storage.clock import utc_now
from app.storage.database import DatabaseError, is_corruption, write_failure
from app.storage.errors import CorruptNotebookError, NotebookError, NotebookWriteError, NoteNotFoundError
from app.storage.notes import NOTE_STATES, NoteSummary

__all__ = ["NOTE_STATES", "NoteSummary", "Notebook", "utc_now"]


class Notebook:
    """An unlocked encrypted notebook. Use as a context manager or call :meth:`close`."""

    def __init__(self, conn, path: Path):
        self._conn = conn
        self.path = Path(path)
        self._lock = threading.RLock()

    # -- connection and transactions -------------------------------------------
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
    def reading(self) -> Iterator:
        """Yields the connection for reads, holding the notebook's lock (no transaction).

        Raises NotebookError when the notebook is closed, CorruptNotebookError
        when SQLite reports a damaged file.
        """
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
    def transaction(self) -> Iterator:
        """Yields the connection inside one write transaction: committed on success, rolled back on any error.

        Raises what :meth:`reading` raises, and NotebookWriteError when a write fails (a full disk, an I/O error, a
        read-only file).
        """
        try:
            with self.reading() as conn, database.transaction(conn):
                yield conn
        except DatabaseError as exc:
            reason = write_failure(exc)
            if reason is None:
                raise
            raise NotebookWriteError(f"cannot write to the notebook in {self.path.parent}: {reason}; this change was "
                                     "not saved, what was saved before is kept") from None

    def outside_changes(self) -> int:
        """Returns a number that changes each time another connection (another process) commits to the notebook."""
        with self.reading() as conn:
            return conn.execute("PRAGMA data_version").fetchone()[0]

    # -- settings ---------------------------------------------------------------
    def read_settings(self, keys: Iterable[str]) -> dict[str, str]:
        """Returns the notebook-wide values stored under ``keys`` (absent keys left out).

        Raises NotebookError when the notebook is closed or unreadable.
        """
        with self.reading() as conn:
            return settings.read_settings(conn, keys)

    def write_settings(self, values: dict[str, str]) -> None:
        """Stores notebook-wide ``values`` (key -> text) in one transaction; returns None.

        Raises NotebookError when the notebook is closed or cannot be written.
        """
        with self.transaction() as conn:
            settings.write_settings(conn, values)

    def count_settings(self, prefix: str) -> int:
        """Returns how many notebook-wide keys start with ``prefix``. Raises NotebookError as :meth:`read_settings`."""
        with self.reading() as conn:
            return settings.count_settings(conn, prefix)

    # -- notes ----------------------------------------------------------------
    def save_transcript(self, transcript: Transcript, tags: Iterable[str] = (), state: str = "complete") -> int:
        """Stores ``transcript`` as a new note; returns the note id. Raises NotebookError for an unknown state."""
        with self.transaction() as conn:
            return notes.insert_note(conn, transcript, tags, state)

    def load_transcript(self, note_id: int) -> Transcript:
        """Returns the note's Transcript; raises NoteNotFoundError for an unknown id."""
        with self.reading() as conn:
            return notes.read_note(conn, note_id)

    def update_transcript(self, note_id: int, transcript: Transcript) -> None:
        """Replaces the note's transcript (edits, speaker names, redaction decisions), keeping its audio and tags; returns None.

        Raises NoteNotFoundError for an unknown id.
        """
        with self.transaction() as conn:
            notes.replace_transcript(conn, note_id, transcript)

    def note_state(self, note_id: int) -> NoteState:
        """Returns the note's transcript and tags as stored, read together; raises NoteNotFoundError."""
        with self.reading() as conn:
            return NoteState(notes.read_note(conn, note_id), notes.read_tags(conn, note_id))

    def save_edits(self, note_id: int, base: NoteState | None, mine: NoteState) -> tuple[NoteMerge, NoteState]:
        """Writes an editor's copy ``mine`` of a note without losing what others stored since it read ``base``.

        In one transaction: reads the stored note; if it is no longer ``base``, writes the three-way merge
        (:func:`app.note_merge.merge_note`), else ``mine`` (also when ``base`` is None: nothing to merge over).
        Returns the merge (what of an outside change was taken or overridden) and the note as now stored,
        the base of the editor's next save. Raises NoteNotFoundError for an unknown id.
        """
        with self.transaction() as conn:
            stored = NoteState(notes.read_note(conn, note_id), notes.read_tags(conn, note_id))
            merge = NoteMerge(mine) if base is None or stored == base else merge_note(base, mine, stored)
            notes.replace_transcript(conn, note_id, merge.note.transcript)
            notes.set_tags(conn, note_id, merge.note.tags)
            return merge, NoteState(notes.read_note(conn, note_id), notes.read_tags(conn, note_id))

    def edit_transcript(self, note_id: int, edit: Callable[[Transcript], Transcript]) -> Transcript:
        """Reads a note's transcript, applies ``edit`` and writes its result, all in one transaction (no other
        writer can come between); returns what was written. Raises NoteNotFoundError and what ``edit`` raises.
        """
        with self.transaction() as conn:
            transcript = edit(notes.read_note(conn, note_id))
            notes.replace_transcript(conn, note_id, transcript)
            return transcript

    def rename_speaker(self, note_id: int, speaker_id: str, name: str) -> None:
        """Sets the display name of one speaker in a note; returns None.

        Raises NoteNotFoundError if the note or speaker does not exist.
        """
        with self.transaction() as conn:
            notes.rename_speaker(conn, note_id, speaker_id, name)

    def set_redaction_decision(self, note_id: int, span_index: int, decision: str) -> None:
        """Records a person's decision ("pending", "accepted", "rejected") on one PII span; returns None.

        Raises NotebookError for an unknown decision, NoteNotFoundError for an unknown span.
        """
        with self.transaction() as conn:
            notes.set_redaction_decision(conn, note_id, span_index, decision)

    def set_title(self, note_id: int, title: str) -> None:
        """Renames a note; returns None. Raises NoteNotFoundError for an unknown id."""
        with self.transaction() as conn:
            notes.set_title(conn, note_id, title)

    def set_tags(self, note_id: int, tags: Iterable[str]) -> None:
        """Replaces a note's tags; returns None. Raises NoteNotFoundError for an unknown id."""
        with self.transaction() as conn:
            notes.set_tags(conn, note_id, tags)

    def mark_complete(self, note_id: int) -> None:
        """Moves a note from "recording" to "complete" as it is; returns None. Raises NoteNotFoundError."""
        with self.transaction() as conn:
            notes.mark_complete(conn, note_id)

    def notes_from_source(self, content_sha256: str) -> list[int]:
        """Returns the ids of the notes imported from a file with this content digest (SHA-256 hex), oldest first."""
        with self.reading() as conn:
            return sources.notes_from_source(conn, content_sha256)

    def list_notes(self) -> list[NoteSummary]:
        """Returns every note, newest first, without transcript text."""
        with self.reading() as conn:
            return notes.list_summaries(conn)

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
        with self.transaction() as conn:
            notes.delete_note(conn, note_id)
        if vacuum:
            self.vacuum()

    def rewrite_note(self, note_id: int, transcript: Transcript, audio: np.ndarray | None, audit: str,
                     sample_rate: int = audio_store.SAMPLE_RATE, chunk_s: float = 30.0,
                     tags: Iterable[str] | None = None) -> None:
        """Replaces a note's transcript (and search entry), its tags unless ``tags`` is None and its audio unless
        ``audio`` is None, with an audit-log entry ``audit``, all in one transaction: a crash leaves the old note or
        the new one, never half.

        Returns None. Raises NoteNotFoundError for an unknown id, InputError for bad audio.
        """
        with self.transaction() as conn:
            notes.replace_transcript(conn, note_id, transcript)
            if tags is not None:
                notes.set_tags(conn, note_id, tags)
            if audio is not None:
                audio_store.delete_audio(conn, note_id)
                for piece in audio_store.rechunk([audio], int(chunk_s * sample_rate)):
                    audio_store.append_chunk(conn, note_id, piece, sample_rate)
            audit_log.record_export(conn, note_id, audit, [], "none (the note itself was rewritten)", True, utc_now())

    def alienation_secret(self, note_id: int, new_secret: Callable[[], bytes]) -> bytes:
        """Returns the note's alienation secret, storing ``new_secret()`` on first use.

        Raises NoteNotFoundError for an unknown id.
        """
        with self.transaction() as conn:
            return notes.alienation_secret(conn, note_id, new_secret)

    # -- the database as a whole -------------------------------------------------
    def vacuum(self) -> None:
        """Rebuilds the database file and truncates the WAL, so deleted data is gone from disk; returns None."""
        with self.reading() as conn:
            database.vacuum(conn)

    def check_integrity(self) -> str:
        """Returns SQLite's check of every page: "ok", or the first problems found."""
        with self.reading() as conn:
            return database.integrity_check(conn)

    # -- audio ----------------------------------------------------------------
    def start_recording(self, title: str, created_at: str | None = None) -> int:
        """Creates an empty note in state "recording"; returns its id."""
        return self.save_transcript(Transcript(title=title, created_at=created_at or utc_now()), state="recording")

    def append_audio(self, note_id: int, samples: np.ndarray, sample_rate: int = audio_store.SAMPLE_RATE) -> int:
        """Appends one chunk (float -1..1 or int16; mono, or (n, 2) for microphone and computer; keep it ≤ 1 s
        while recording) in its own transaction.

        Returns the chunk's sequence number. Raises NoteNotFoundError, InputError for bad arrays.
        """
        with self.transaction() as conn:
            notes.require_note(conn, note_id)
            return audio_store.append_chunk(conn, note_id, samples, sample_rate)

    def store_audio(self, note_id: int, chunks: Iterable[np.ndarray], sample_rate: int = audio_store.SAMPLE_RATE,
                    chunk_s: float = 30.0) -> float:
        """Replaces the note's audio with ``chunks`` (regrouped into ``chunk_s`` pieces); returns the seconds stored.

        All-or-nothing: one transaction. Raises NoteNotFoundError, InputError.
        """
        with self.transaction() as conn:
            notes.require_note(conn, note_id)
            audio_store.delete_audio(conn, note_id)
            for piece in audio_store.rechunk(chunks, int(chunk_s * sample_rate)):
                audio_store.append_chunk(conn, note_id, piece, sample_rate)
            return audio_store.audio_seconds(conn, note_id)

    def finish_recording(self, note_id: int, transcript: Transcript | None = None) -> None:
        """Marks a recording complete, storing ``transcript`` if given, in one transaction; returns None.

        One transaction: a crash leaves either the interrupted note as it was or
        the complete one with its transcript, never a complete note without it.
        Raises NoteNotFoundError for an unknown id.
        """
        with self.transaction() as conn:
            notes.require_note(conn, note_id)
            duration_s = audio_store.audio_seconds(conn, note_id)
            if transcript is not None:
                if not transcript.duration_s:
                    transcript.duration_s = round(duration_s, 3)
                notes.replace_transcript(conn, note_id, transcript)
            notes.mark_complete(conn, note_id, round(duration_s, 3))

    def interrupted_recordings(self) -> list[NoteSummary]:
        """Returns the notes still in state "recording" (a crash or kill stopped them)."""
        return [s for s in self.list_notes() if s.state == "recording"]

    def iter_audio(self, note_id: int) -> Iterator[np.ndarray]:
        """Yields the note's audio chunk by chunk as mono float32 at 16 kHz (bounded memory; two sides mixed)."""
        with self.reading() as conn:
            notes.require_note(conn, note_id)
            seqs = audio_store.chunk_numbers(conn, note_id)
        for seq in seqs:
            with self.reading() as conn:  # lock per chunk: an abandoned generator holds nothing
                chunk = audio_store.read_chunk(conn, note_id, seq)
            if chunk is not None:
                yield chunk

    def audio_channels(self, note_id: int) -> int:
        """Returns 2 when the note's audio keeps the microphone and the computer apart, else 1. Raises NoteNotFoundError."""
        with self.reading() as conn:
            notes.require_note(conn, note_id)
            return audio_store.channel_count(conn, note_id)

    def iter_audio_sides(self, note_id: int) -> Iterator[np.ndarray]:
        """Yields a two-sided note's audio chunk by chunk as (n, 2) float32 (0: microphone, 1: computer).

        A mono note yields (n, 1). Raises NoteNotFoundError.
        """
        with self.reading() as conn:
            notes.require_note(conn, note_id)
            seqs = audio_store.chunk_numbers(conn, note_id)
        for seq in seqs:
            with self.reading() as conn:
                chunk = audio_store.read_chunk(conn, note_id, seq, sides=True)
            if chunk is not None:
                yield chunk if chunk.ndim == 2 else chunk[:, None]

    def read_audio(self, note_id: int) -> np.ndarray:
        """Returns the note's whole audio as one float32 array (empty if none). Raises NoteNotFoundError."""
        parts = list(self.iter_audio(note_id))
        return np.concatenate(parts) if parts else np.zeros(0, np.float32)

    def delete_audio(self, note_id: int) -> None:
        """Deletes the note's audio (the transcript stays); returns None. Raises NoteNotFoundError."""
        with self.transaction() as conn:
            notes.require_note(conn, note_id)
            audio_store.delete_audio(conn, note_id)

    # -- voice profiles and audit log ------------------------------------------
    def save_voice_profile(self, name: str, embedding: np.ndarray) -> str:
        """Stores a named speaker embedding; returns the new profile id. Raises NotebookError for a bad embedding."""
        with self.transaction() as conn:
            return profiles.save_profile(conn, name, embedding)

    def list_voice_profiles(self) -> list[profiles.StoredVoiceProfile]:
        """Returns every voice profile, oldest first."""
        with self.reading() as conn:
            return profiles.list_profiles(conn)

    def delete_voice_profile(self, profile_id: str) -> None:
        """Deletes a voice profile; returns None. Raises NotebookError for an unknown id."""
        with self.transaction() as conn:
            profiles.delete_profile(conn, profile_id)

    def record_export(self, note_id: int | None, what: str, formats: Iterable[str], policy: str, redacted: bool,
                      when: str | None = None) -> int:
        """Appends one entry to the audit log (what was exported, when, under which policy); returns its id."""
        with self.transaction() as conn:
            return audit_log.record_export(conn, note_id, what, list(formats), policy, redacted, when or utc_now())

    def list_audit_log(self, note_id: int | None = None) -> list[audit_log.AuditEntry]:
        """Returns audit log entries (all, or those of ``note_id``), oldest first."""
        with self.reading() as conn:
            return audit_log.list_audit(conn, note_id)

    # -- search ---------------------------------------------------------------
    def search(self, query: str, limit: int = 20):
        """Returns ranked :class:`app.storage.search.SearchHit` for ``query``; raises NotebookError for bad syntax."""
        from app.storage.search import search_notes

        with self.reading() as conn:
            return search_notes(conn, query, limit)
