"""A file's content digest, and the note already imported from the same content.

An import remembers the SHA-256 of the file's bytes with its note, inside the
encrypted notebook (never a readable hash on disk, never the file name); a later
import of the same content, under any name, from any folder, is recognised
before any work is done.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class KnownDigest:
    """A file's SHA-256 as read when the file had ``size_bytes`` and ``mtime_ns``: still its identity while both hold.

    The watch folder and the app's drop check hash a file before importing it;
    passing this on lets the import skip a second read of what may be an hour of video.
    """

    sha256: str
    size_bytes: int
    mtime_ns: int


def read_digest(path: Path, cancel: CancelToken = NEVER_CANCELLED) -> KnownDigest:
    """Returns the file's SHA-256 with the size and mtime it had before the read.

    A file changed while it was read then never matches its KnownDigest, so it is read again.

    Raises InputError when the file cannot be read, Cancelled when ``cancel`` is set.
    """
    before = _stat(path)
    return KnownDigest(file_digest(path, cancel), before.st_size, before.st_mtime_ns)


def current_digest(path: Path, known: KnownDigest | None, cancel: CancelToken = NEVER_CANCELLED) -> str:
    """Returns the file's SHA-256: ``known``'s while the file's size and mtime are those it was read at, else read anew.

    Raises InputError when the file cannot be read, Cancelled when ``cancel`` is set.
    """
    if known is not None:
        now = _stat(path)
        if (now.st_size, now.st_mtime_ns) == (known.size_bytes, known.mtime_ns):
            return known.sha256
    return file_digest(path, cancel)


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


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
