"""The watch loop: poll the folder, import each finished new file once, keep going past bad ones."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.import_sources import AlreadyImportedError, KnownDigest
from app.watch.folder import FolderScan, read_digest
from app.watch.ledger import IMPORTED, UNREADABLE, ImportLedger
from app.watch.shred import overwrite_and_unlink
from audio_core.errors import HushnoteError, InputError
from audio_core.progress import NEVER_CANCELLED, CancelToken


@dataclass(frozen=True)
class WatchOptions:
    """How the folder is watched.

    poll_s: seconds between looks at the folder.
    settle_s: how long a file's size and mtime must stay unchanged before it is imported.
    once: import what is in the folder (waiting for files still being written), then return.
    delete_after_import: overwrite and delete each source file once it is safely imported.
    """

    poll_s: float = 2.0
    settle_s: float = 2.0
    once: bool = False
    delete_after_import: bool = False


@dataclass
class WatchSummary:
    """What one watch run did: counts only, never file names."""

    imported: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def watch_folder(
    folder: Path,
    import_one: Callable[[Path, KnownDigest], str],
    ledger: ImportLedger,
    options: WatchOptions = WatchOptions(),
    stop: CancelToken = NEVER_CANCELLED,
    on_error: Callable[[Path, HushnoteError], None] = lambda path, exc: None,
    on_skip: Callable[[Path, AlreadyImportedError], None] = lambda path, exc: None,
) -> WatchSummary:
    """Imports new media files from ``folder`` one at a time until ``stop`` is set (or, with ``options.once``, the folder is done).

    ``import_one(path, known_digest)`` imports one file and returns a short detail to remember
    (such as the note id); ``known_digest`` is the digest the watcher read, for the import to
    use instead of reading the file again. A file whose content the ledger already holds is
    skipped, and so is one whose content is already a note (imported by hand,
    say: ``import_one`` raises AlreadyImportedError), reported through
    ``on_skip``. A file that cannot be read as media is remembered as
    unreadable (a new version of it is tried again); any other HushnoteError of one file
    (a full disk, a model problem) is reported through ``on_error`` and tried
    again on the next run. ``stop`` is only looked at between files.
    Returns the run's counts. Raises InputError when the folder cannot be read,
    NotebookError when the ledger cannot.
    """
    scan = FolderScan(folder, settle_s=options.settle_s)
    summary = WatchSummary()
    while not stop.cancelled:
        ready, changing = scan.poll()
        for path in ready:
            if stop.cancelled:
                return summary
            _handle(path, import_one, ledger, options, summary, on_error, on_skip)
            scan.mark_done(path)
        if options.once and not ready and not changing:
            return summary
        if not ready:
            _sleep(stop, options.poll_s)
    return summary


def _handle(path: Path, import_one, ledger: ImportLedger, options: WatchOptions, summary: WatchSummary, on_error,
            on_skip) -> None:
    try:
        known = read_digest(path)
        digest = known.sha256
        if ledger.outcome(digest) is not None:
            summary.skipped += 1
            return
        try:
            detail = import_one(path, known)
        except InputError as exc:
            ledger.remember(digest, UNREADABLE)
            raise exc
        except AlreadyImportedError as exc:
            ledger.remember(digest, IMPORTED, f"note {exc.earlier.id}")
            summary.skipped += 1
            on_skip(path, exc)
            return
        ledger.remember(digest, IMPORTED, detail)
        summary.imported += 1
        if options.delete_after_import:
            overwrite_and_unlink(path)
    except HushnoteError as exc:
        summary.failed += 1
        summary.errors.append(str(exc))
        on_error(path, exc)


def _sleep(stop: CancelToken, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not stop.cancelled and time.monotonic() < deadline:
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
