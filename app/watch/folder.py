"""Which files in a watched folder are media files that have finished being written."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# The watcher's identity of a file, shared with imports.
from app.import_sources import file_digest, read_digest  # noqa: F401
from audio_core.errors import InputError

MEDIA_SUFFIXES = frozenset({
    ".wav", ".flac", ".mp3", ".ogg", ".opus", ".m4a", ".aac", ".wma", ".mp4", ".mkv", ".webm", ".mov", ".avi",
})
"""Files the watcher imports; anything else (exports, partial downloads such as .part) is left alone."""


@dataclass(frozen=True)
class _Signature:
    size: int
    mtime_ns: int


class FolderScan:
    """Finds the media files at the top of ``folder`` whose size and mtime have not changed for ``settle_s`` seconds.

    A file is only ready after it was seen unchanged across that span, so one
    still being copied, downloaded or recorded into the folder is waited for.
    """

    def __init__(self, folder: Path, settle_s: float = 2.0, clock: Callable[[], float] = time.monotonic):
        self.folder = Path(folder)
        self.settle_s = settle_s
        self._clock = clock
        self._first_seen: dict[Path, tuple[_Signature, float]] = {}
        self._done: dict[Path, _Signature] = {}

    def poll(self) -> tuple[list[Path], int]:
        """Returns ``(ready files sorted by name, how many media files are still changing)``.

        Files passed to :meth:`mark_done` are left out until they change.
        Raises InputError when the folder is missing or unreadable.
        """
        now = self._clock()
        ready, changing = [], 0
        current: set[Path] = set()
        for path in self._media_files():
            signature = _signature_of(path)
            if signature is None:
                continue  # vanished between listing and stat
            current.add(path)
            if self._done.get(path) == signature:
                continue
            seen = self._first_seen.get(path)
            if seen is None or seen[0] != signature:
                self._first_seen[path] = (signature, now)
                changing += 1
            elif signature.size > 0 and now - seen[1] >= self.settle_s:
                ready.append(path)
            else:
                changing += 1
        for gone in set(self._first_seen) - current:
            del self._first_seen[gone]
        for gone in set(self._done) - current:
            del self._done[gone]
        return sorted(ready), changing

    def mark_done(self, path: Path) -> None:
        """Leaves ``path`` out of later polls while its size and mtime stay as they are now; returns None."""
        signature = _signature_of(path)
        self._first_seen.pop(path, None)
        if signature is not None:
            self._done[path] = signature

    def _media_files(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except FileNotFoundError:
            raise InputError(f"{self.folder}: the watched folder does not exist") from None
        except NotADirectoryError:
            raise InputError(f"{self.folder}: is a file, not a folder") from None
        except PermissionError:
            raise InputError(f"{self.folder}: permission denied") from None
        return [p for p in entries
                if p.suffix.lower() in MEDIA_SUFFIXES and not p.name.startswith((".", "~")) and p.is_file()]


def _signature_of(path: Path) -> _Signature | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _Signature(stat.st_size, stat.st_mtime_ns)
