"""A file's content digest, and the note already imported from the same content.

An import remembers the SHA-256 of the file's bytes with its note, inside the
encrypted notebook (never a readable hash on disk, never the file name); a later
import of the same content, under any name, from any folder, is recognised
before any work is done.
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from app.storage.errors import NotebookError, NoteNotFoundError
from app.storage.notes import NoteSummary
from audio_core.errors import InputError
from audio_core.progress import NEVER_CANCELLED, CancelToken


class AlreadyImportedError(NotebookError):
    """The file's content is already in the notebook; ``earlier`` is that note's summary."""

    def __init__(self, file_name: str, earlier: NoteSummary):
        self.file_name = file_name
        self.earlier = earlier
        super().__init__(f"{file_name} is already in the notebook as note {earlier.id} “{earlier.title}” "
                         f"(imported {local_time(earlier.created_at)})")


def file_digest(path: Path, cancel: CancelToken = NEVER_CANCELLED) -> str:
    """Returns the SHA-256 of the file's content, as hex: its identity, never its name.

    Raises InputError when the file cannot be read, Cancelled when ``cancel`` is set (checked every MB).
    """
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                cancel.check()
                digest.update(block)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return digest.hexdigest()


def earlier_import(notebook, content_sha256: str) -> NoteSummary | None:
    """Returns the newest note of ``notebook`` imported from this content, or None when there is none.

    Raises NotebookError when the notebook cannot be read.
    """
    for note_id in reversed(notebook.notes_from_source(content_sha256)):
        try:
            return notebook.get_summary(note_id)
        except NoteNotFoundError:
            continue  # deleted between the two reads
    return None


def local_time(iso: str) -> str:
    """Returns an ISO timestamp as local "YYYY-MM-DD HH:MM" (the input unchanged if unparsable)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso
