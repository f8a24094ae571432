"""The import queue: files wait, then go through the pipeline one at a time (the CPU is the bottleneck).

Each entry shows the stage its file is in ("Recognising speech… 40 %",
"Finding speakers…", "Finding personal data…", "Saving…").
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.import_sources import AlreadyImportedError
from ui.viewmodels.stage_labels import STAGE_LABELS
from ui.workers import Job, Worker, WorkerPool

WAITING, RUNNING, DONE, FAILED, CANCELLED = "waiting", "running", "done", "failed", "cancelled"
DUPLICATE = "duplicate"  # the file's content is already a note: not imported again (unless asked)

RECOGNITION_SHARE = 0.9
LATER_STAGES = {"diarize": 0.9, "detect_pii": 0.95, "save": 0.98}


@dataclass
class ImportEntry:
    """One queued file: its state, progress fraction (0–1), message and what decoding warned of.

    allow_duplicate: import even when the same content is already a note. ask_if_duplicate: a person dropped or
    chose the file (ask them), not the watch folder (skip it). earlier: that note, once found.
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


class ImportQueue(QObject):
    """Runs ``make_job(path, allow_duplicate)`` for each queued file in turn.

    entry_changed(row) after any change; imported(path, result) for each success; already_queued(path) for a
    file added while it is still waiting or being imported; already_imported(row) for a file whose content is
    already a note (a job returns the AlreadyImportedError instead of a note id): the entry is left DUPLICATE.
    """

    entry_added = Signal(int)
    entry_changed = Signal(int)
    imported = Signal(object, object)
    already_queued = Signal(object)
    already_imported = Signal(int)
    idle = Signal()

    def __init__(self, make_job: Callable[[Path, bool], Job], pool: WorkerPool, parent=None):
        super().__init__(parent)
        self.make_job = make_job
        self.pool = pool
        self.entries: list[ImportEntry] = []

    def add(self, paths: list[str | Path], *, allow_duplicate: bool = False, ask_if_duplicate: bool = True) -> None:
        """Queues ``paths`` and starts the next when nothing runs.

        A file already waiting or being imported is not queued again (a second drop would make a second note):
        ``already_queued(path)`` says so. ``allow_duplicate`` imports files whose content is already a note;
        ``ask_if_duplicate`` False marks files nobody chose (the watch folder's).
        """
        for path in map(Path, paths):
            if self._pending(path):
                self.already_queued.emit(path)
                continue
            self.entries.append(ImportEntry(path, allow_duplicate, ask_if_duplicate))
            self.entry_added.emit(len(self.entries) - 1)
        self._next()

    def _pending(self, path: Path) -> bool:
        target = path.resolve()
        return any(e.state in (WAITING, RUNNING) and e.path.resolve() == target for e in self.entries)

    def cancel(self, row: int) -> None:
        """Cancels a waiting or running entry."""
        entry = self.entries[row]
        if entry.state == WAITING:
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
        self.idle.emit()

    def _start(self, row: int, entry: ImportEntry) -> None:
        entry.state, entry.message = RUNNING, "Starting…"
        worker = Worker(self.make_job(entry.path, entry.allow_duplicate), f"import {row}")
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
            self.already_imported.emit(row)
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
        self._next()
