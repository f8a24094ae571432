"""The crash-safe save of a new note, for imported files and recordings alike.

A note is created in state "recording" before its audio arrives; the audio
is committed piece by piece as it is decoded or recorded (memory stays flat);
the transcript goes in and the note is marked complete only once all of its
audio is in. A process killed midway leaves an interrupted note whose audio
is safe (``hushnote record --recover`` and the app's recovery finish it); an
import that fails or is cancelled removes its note again.
"""
from __future__ import annotations

import numpy as np

from app.storage import notes, sources
from app.storage.clock import utc_now
from app.storage.notebook import Notebook
from audio_core.model import Transcript

AUDIO_PIECE_S = 30.0


def begin_note(notebook: Notebook, title: str, source_name: str, created_at: str | None = None,
               source_sha256: str | None = None) -> int:
    """Returns the id of a new, empty note in state "recording" (listed as interrupted until completed).

    ``source_sha256``, the digest of the imported file's bytes, is stored with the note in the same
    transaction (so the same file is recognised later, even if this import is interrupted).
    """
    transcript = Transcript(title=title, source_name=source_name, created_at=created_at or utc_now())
    with notebook.transaction() as conn:
        note_id = notes.insert_note(conn, transcript, (), "recording")
        if source_sha256:
            sources.remember_source(conn, note_id, source_sha256)
        return note_id


class NoteAudioWriter:
    """Commits a note's audio as it arrives, in pieces of ``AUDIO_PIECE_S`` (each one transaction)."""

    def __init__(self, notebook: Notebook, note_id: int, piece_s: float = AUDIO_PIECE_S):
        self.notebook = notebook
        self.note_id = note_id
        self._piece_n = int(piece_s * 16_000)
        self._pending: list[np.ndarray] = []
        self._pending_n = 0

    def __call__(self, samples: np.ndarray) -> None:
        """Returns None once every full piece of ``samples`` (16 kHz mono float) is committed; the rest waits.

        Raises NoteNotFoundError, InputError for bad arrays.
        """
        self._pending.append(np.asarray(samples, np.float32))
        self._pending_n += samples.size
        if self._pending_n >= self._piece_n:
            joined = np.concatenate(self._pending)
            cut = joined.size - joined.size % self._piece_n
            for start in range(0, cut, self._piece_n):
                self.notebook.append_audio(self.note_id, joined[start : start + self._piece_n])
            self._pending, self._pending_n = [joined[cut:]], joined.size - cut

    def flush(self) -> None:
        """Returns None once everything received is committed."""
        if self._pending_n:
            self.notebook.append_audio(self.note_id, np.concatenate(self._pending))
        self._pending, self._pending_n = [], 0


def complete_note(notebook: Notebook, note_id: int, transcript: Transcript) -> None:
    """Returns None after storing ``transcript`` as the note's and marking the note complete.

    Both in one transaction: a crash leaves an interrupted note with all of
    its audio, never a complete note without its transcript. Raises NoteNotFoundError.
    """
    notebook.finish_recording(note_id, transcript)


def discard_note(notebook: Notebook, note_id: int) -> None:
    """Returns None after removing a note whose import failed or was cancelled (the source file still has it)."""
    notebook.delete_note(note_id)
