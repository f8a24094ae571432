"""The import queue: files wait, then go through the pipeline one at a time (the CPU is the bottleneck).

Files a person adds are first hashed off the UI thread, all of one drop together, so those already in the
notebook are known, and asked about once for the whole drop, before any import starts; the digest read then
is the one the import uses. Each entry shows the stage its file is in ("Recognising speech… 40 %",
"Finding speakers…", "Finding personal data…", "Saving…").
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.import_sources import AlreadyImportedError, KnownDigest
from audio_core.errors import HushnoteError
from ui.viewmodels.stage_labels import STAGE_LABELS
from ui.workers import Job, Worker, WorkerPool, digest_job

WAITING, RUNNING, DONE, FAILED, CANCELLED = "waiting", "running", "done", "failed", "cancelled"
DUPLICATE = "duplicate"  # the file's content is already a note: not imported again (unless asked)
CHECKING = "checking"  # a file a person added, being hashed to find whether it is already a note
PENDING = (CHECKING, WAITING, RUNNING)

RECOGNITION_SHARE = 0.9
LATER_STAGES = {"diarize": 0.9, "detect_pii": 0.95, "save": 0.98}


@dataclass
class ImportEntry:
    """One queued file: its state, progress fraction (0–1), message and what decoding warned of.

    allow_duplicate: import even when the same content is already a note. ask_if_duplicate: a person dropped or
    chose the file (ask them), not the watch folder (skip it). earlier: that note, once found.
    known_digest: the file's digest as already read (by the drop check or the watch folder), so the import
    does not read the file again. checked_with: how many files were checked together with this one (its drop or
    Import… choice, itself included), so a question about some of them can say "2 of these 5 files".
    open_when_done: the person asked to see this file's note (the sample meeting): ``open_imported`` says when.
    """

    path: Path
    allow_duplicate: bool = False
    ask_if_duplicate: bool = True
    earlier: object = None
    state: str = WAITING
    fraction: float = 0.0
    message: str = ""
    worker: Worker | None = None
    warnings: list[str] = field(default_factory=list)
    known_digest: KnownDigest | None = None
    checked_with: int = 1
    open_when_done: bool = False


class ImportQueue(QObject):
    """Runs ``make_job(path, allow_duplicate, known_digest)`` for each queued file in turn.

    ``find_earlier(sha256)`` returns the note already imported from that content, or None; given, the files a
    person adds are checked against it first, one hashing job per ``add``. entry_changed(row) after any change;
    imported(path, result) for each success, then open_imported(result) when the file was added with
    ``open_when_done``; already_queued(path) for a file added while it is still checked,
    waiting or being imported; already_imported(rows) for the files of one ``add`` whose content is already a
    note (or one file whose job returned the AlreadyImportedError instead of a note id): those entries are left
    DUPLICATE.
    """

    entry_added = Signal(int)
    entry_changed = Signal(int)
    imported = Signal(object, object)
    open_imported = Signal(object)
    already_queued = Signal(object)
    already_imported = Signal(list)
    idle = Signal()

    def __init__(self, make_job: Callable[[Path, bool, KnownDigest | None], Job], pool: WorkerPool, parent=None,
                 find_earlier: Callable[[str], object] | None = None):
        super().__init__(parent)
        self.make_job = make_job
        self.pool = pool
        self.find_earlier = find_earlier
        self.entries: list[ImportEntry] = []

    def add(self, paths: list[str | Path], *, allow_duplicate: bool = False, ask_if_duplicate: bool = True,
            digests: dict[Path, KnownDigest] | None = None, open_when_done: bool = False) -> None:
        """Queues ``paths`` and starts the next when nothing runs; returns None.

        A file already checked, waiting or being imported is not queued again (a second drop would make a second
        note): ``already_queued(path)`` says so. ``allow_duplicate`` imports files whose content is already a note;
        ``ask_if_duplicate`` False marks files nobody chose (the watch folder's). ``digests``: files' digests
        already read, for the import to use instead of reading the files again. ``open_when_done``: the note each
        file becomes is to be shown (``open_imported``).
        """
        checked = []
        for path in map(Path, paths):
            if self._pending(path):
                self.already_queued.emit(path)
                continue
            entry = ImportEntry(path, allow_duplicate, ask_if_duplicate, known_digest=(digests or {}).get(path),
                                open_when_done=open_when_done)
            if self.find_earlier is not None and ask_if_duplicate and not allow_duplicate:
                entry.state, entry.message = CHECKING, "Checking…"
                checked.append(len(self.entries))
            self.entries.append(entry)
            self.entry_added.emit(len(self.entries) - 1)
        for row in checked:
            self.entries[row].checked_with = len(checked)
        if checked:
            self._check(checked)
        self._next()

    def _pending(self, path: Path) -> bool:
        target = path.resolve()
        return any(e.state in PENDING and e.path.resolve() == target for e in self.entries)

    def _check(self, rows: list[int]) -> None:
        worker = Worker(digest_job([self.entries[row].path for row in rows]), "import check")
        worker.succeeded.connect(lambda digests: self._checked(rows, dict(digests)))
        worker.failed.connect(lambda _message: self._checked(rows, {}))  # each import then says what is wrong
        worker.cancelled.connect(lambda: self._checked(rows, None))
        self.pool.start(worker)

    def _checked(self, rows: list[int], digests: dict[Path, KnownDigest] | None) -> None:
        found = []
        for row in rows:
            entry = self.entries[row]
            if entry.state != CHECKING:
                continue  # cancelled meanwhile
            if digests is None:
                entry.state, entry.message = CANCELLED, "Cancelled"
            else:
                entry.known_digest = digests.get(entry.path)  # None when unreadable: the import reports it
                entry.earlier = self._earlier(entry.known_digest)
                if entry.earlier is None:
                    entry.state, entry.message = WAITING, ""
                else:
                    entry.state, entry.message = DUPLICATE, "Already in the notebook"
                    found.append(row)
            self.entry_changed.emit(row)
        if found:
            self.already_imported.emit(found)
        self._next()

    def _earlier(self, known: KnownDigest | None):
        if known is None:
            return None
        try:
            return self.find_earlier(known.sha256)
        except HushnoteError:
            return None  # the notebook could not be read now: the import checks again

    def cancel(self, row: int) -> None:
        """Cancels a waiting or running entry (or one still being checked)."""
        entry = self.entries[row]
        if entry.state in (CHECKING, WAITING):
            entry.state, entry.message = CANCELLED, "Cancelled"
            self.entry_changed.emit(row)
        elif entry.state == RUNNING and entry.worker is not None:
            entry.message = "Cancelling…"
            entry.worker.cancel()
            self.entry_changed.emit(row)

    def cancel_all(self) -> None:
        """Cancels every waiting and running entry."""
        for row in range(len(self.entries)):
            self.cancel(row)

    @property
    def running(self) -> bool:
        """Returns True while a file is being imported."""
        return any(e.state == RUNNING for e in self.entries)

    def _next(self) -> None:
        if self.running:
            return
        for row, entry in enumerate(self.entries):
            if entry.state == WAITING:
                self._start(row, entry)
                return
        if not any(e.state == CHECKING for e in self.entries):
            self.idle.emit()

    def _start(self, row: int, entry: ImportEntry) -> None:
        entry.state, entry.message = RUNNING, "Starting…"
        worker = Worker(self.make_job(entry.path, entry.allow_duplicate, entry.known_digest), f"import {row}")
        entry.worker = worker
        worker.progress.connect(lambda step, done, total, r=row: self._progress(r, step, done, total))
        worker.artifact.connect(lambda step, artifact, r=row: self._artifact(r, step, artifact))
        worker.succeeded.connect(lambda result, r=row: self._finish(r, DONE, "Done", result))
        worker.failed.connect(lambda message, r=row: self._finish(r, FAILED, message, None))
        worker.cancelled.connect(lambda r=row: self._finish(r, CANCELLED, "Cancelled", None))
        self.entry_changed.emit(row)
        self.pool.start(worker)

    def _progress(self, row: int, step: str, completed: float, total: float) -> None:
        entry = self.entries[row]
        if entry.state != RUNNING or step not in STAGE_LABELS:
            return
        entry.message = STAGE_LABELS[step]
        if step == "transcribe" and total > 0:
            # Recognition is most of the work: the bar follows it, the later stages finish the last part.
            entry.fraction = RECOGNITION_SHARE * max(0.0, min(1.0, completed / total))
            entry.message = f"{entry.message} {completed / total:.0%}"
        elif step in LATER_STAGES:
            entry.fraction = max(entry.fraction, LATER_STAGES[step])
        self.entry_changed.emit(row)

    def _artifact(self, row: int, step: str, artifact) -> None:
        if step == "decoded" and hasattr(artifact, "warnings"):  # the DecodeReport: clipping, invalid samples
            entry = self.entries[row]
            entry.warnings = artifact.warnings(entry.path.name)

    def _finish(self, row: int, state: str, message: str, result) -> None:
        entry = self.entries[row]
        if isinstance(result, AlreadyImportedError):
            entry.state, entry.message, entry.worker, entry.earlier = DUPLICATE, "Already in the notebook", None, result.earlier
            if not entry.ask_if_duplicate:
                entry.message += ": skipped"
            self.entry_changed.emit(row)
            self.already_imported.emit([row])
            self._next()
            return
        if state == DONE and entry.warnings:
            message = f"{message}; " + "; ".join(entry.warnings)
        entry.state, entry.message, entry.worker = state, message, None
        if state == DONE:
            entry.fraction = 1.0
        self.entry_changed.emit(row)
        if state == DONE:
            self.imported.emit(entry.path, result)
            if entry.open_when_done:
                self.open_imported.emit(result)
        self._next()
