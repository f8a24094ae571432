"""The encrypted notebook as the desktop app sees it: list, search, load and save notes.

A thin adapter over ``app.storage`` (SQLCipher): note ids become strings for
Qt, audio travels with the note for playback and the waveform. Calls may come
from worker threads; the storage layer serialises them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from audio_core.model import Transcript
from app.note_merge import NoteMerge, NoteState
from app.storage import NotebookError, NoteNotFoundError, default_notebook_path, init_notebook, key_file_path, open_notebook


@dataclass(frozen=True)
class NoteSummary:
    """One row of the library."""

    note_id: str
    title: str
    created_at: str
    duration_s: float
    speakers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchHit:
    """A note matching a full-text query, with a snippet around the match («guillemets» mark it)."""

    note_id: str
    snippet: str


@dataclass
class Note:
    """An opened note: its transcript and, when kept, its 16 kHz mono audio."""

    note_id: str | None
    transcript: Transcript
    audio: np.ndarray | None = None
    tags: list[str] = field(default_factory=list)
    # the note as stored when this copy was read or last saved: what a save merges the edits over
    base: NoteState | None = field(default=None, repr=False, compare=False)

    def state(self) -> NoteState:
        """Returns the note's transcript and tags (shared, not copied)."""
        return NoteState(self.transcript, self.tags)

    def take(self, state: NoteState) -> None:
        """Puts ``state``'s transcript fields and tags into this note in place (edits holding it stay valid)."""
        for name in (f.name for f in fields(self.transcript)):
            setattr(self.transcript, name, getattr(state.transcript, name))
        self.tags[:] = state.tags


def notebook_exists(path: Path | None = None) -> bool:
    """Returns True when a notebook (its key file) exists at ``path`` (default location when None)."""
    return key_file_path(Path(path) if path else default_notebook_path()).exists()


class DesktopNotebook:
    """Wraps an unlocked ``app.storage.Notebook``."""

    def __init__(self, storage):
        self.storage = storage

    @classmethod
    def create(cls, passphrase: str, path: Path | None = None, use_keychain: bool = False) -> DesktopNotebook:
        """Returns a new empty notebook; raises NotebookError when one exists."""
        return cls(init_notebook(path, passphrase, use_keychain=use_keychain))

    @classmethod
    def unlock(cls, passphrase: str, path: Path | None = None) -> DesktopNotebook:
        """Returns the unlocked notebook; raises WrongPassphraseError, CorruptNotebookError, NotebookError."""
        return cls(open_notebook(path, passphrase))

    @classmethod
    def from_keychain(cls, path: Path | None = None) -> DesktopNotebook | None:
        """Returns the notebook unlocked with the key kept in the system keychain, or None when there is none.

        Raises CorruptNotebookError or NotebookError for a damaged or missing database.
        """
        from app.storage.access import open_with_keychain

        notebook = open_with_keychain(path)
        return None if notebook is None else cls(notebook)

    def list_notes(self) -> list[NoteSummary]:
        """Returns every finished note's summary."""
        return [
            NoteSummary(str(s.id), s.title, s.created_at, s.duration_s, tuple(s.speaker_names), tuple(s.tags))
            for s in self.storage.list_notes()
            if s.state == "complete"
        ]

    def search(self, query: str) -> list[SearchHit]:
        """Returns the notes matching every word of ``query``, best first ([] for a query without words)."""
        try:
            return [SearchHit(str(h.note_id), h.snippet) for h in self.storage.search(query, limit=200)]
        except NotebookError:
            return []

    def load(self, note_id: str) -> Note:
        """Returns the note with its audio (None when none is kept); raises NoteNotFoundError."""
        transcript = self.storage.load_transcript(int(note_id))
        audio = self.storage.read_audio(int(note_id))
        tags = list(self.storage.get_summary(int(note_id)).tags)
        return Note(note_id, transcript, audio if len(audio) else None, tags, self.stored_state(note_id))

    def stored_state(self, note_id: str) -> NoteState:
        """Returns a fresh read of the stored note, to keep as the base of a copy's edits; raises NoteNotFoundError."""
        return self.storage.note_state(int(note_id))

    def save(self, note: Note) -> str:
        """Stores a new note (with its audio) or updates a changed one; returns its id."""
        if note.note_id is None:
            note.note_id = str(self._save_new(note))
            note.base = self.stored_state(note.note_id)
        else:
            self.save_edits(note)
        return note.note_id

    def save_edits(self, note: Note) -> NoteMerge:
        """Writes a stored note's edits over what others stored since ``note.base`` was read, merging, never
        overwriting (``Notebook.save_edits``); ``note`` then holds the merged note. Returns the merge.

        Raises NoteNotFoundError for a deleted note, NotebookError when the notebook cannot be written.
        """
        merge, stored = self.storage.save_edits(int(note.note_id), note.base, note.state())
        if merge.changed_outside:
            note.take(merge.note)
        note.base = stored
        return merge

    def _save_new(self, note: Note) -> int:
        """Stores a new note the crash-safe way: audio first, complete only when all of it is in."""
        from app.storage.importing import NoteAudioWriter, begin_note, complete_note, discard_note

        transcript = note.transcript
        note_id = begin_note(self.storage, transcript.title, transcript.source_name, transcript.created_at)
        try:
            if note.audio is not None and len(note.audio):
                writer = NoteAudioWriter(self.storage, note_id)
                writer(note.audio)
                writer.flush()
            self.storage.set_tags(note_id, note.tags)
            complete_note(self.storage, note_id, transcript)
        except BaseException:
            discard_note(self.storage, note_id)
            raise
        return note_id

    def delete(self, note_id: str) -> None:
        """Deletes the note and its audio for good."""
        self.storage.delete_note(int(note_id))

    def delete_many(self, note_ids: list[str]) -> None:
        """Deletes the notes with their audio for good, then rebuilds the file once; returns None.

        A note already gone (forgotten from a terminal meanwhile) is skipped. Raises NotebookError when the
        notebook cannot be written.
        """
        for note_id in note_ids:
            try:
                self.storage.delete_note(int(note_id), vacuum=False)
            except NoteNotFoundError:
                continue
        self.storage.vacuum()  # what was deleted must not stay readable in free pages or the WAL

    def close(self) -> None:
        """Locks: closes the database connection."""
        self.storage.close()
