"""The app's watch folder: new files in the chosen folder go through the import queue while the notebook is unlocked."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.import_sources import KnownDigest
from app.watch import FolderScan, ImportLedger, WatchSetting
from app.watch.ledger import IMPORTED
from audio_core.errors import HushnoteError
from ui.viewmodels.import_queue import CANCELLED, DONE, DUPLICATE, FAILED, ImportQueue
from ui.workers import Worker, WorkerPool, digest_job

POLL_MS = 2000


class FolderWatcher(QObject):
    """Polls one folder every 2 s; each finished file whose content the notebook's ledger lacks is queued once.

    A file is remembered (by content digest, in the encrypted notebook) only
    once its import succeeded, so a failed or cancelled one is tried again
    after a restart or when it changes. Files are hashed on a worker thread:
    a recording of an hour is hundreds of MB, and reading it on the UI thread
    froze the window; the digest goes with the file into the queue, so the
    import does not read it again.
    """

    def __init__(self, queue: ImportQueue, parent=None, settle_s: float = 2.0):
        super().__init__(parent)
        self.queue = queue
        self.settle_s = settle_s
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self._scan: FolderScan | None = None
        self._ledger: ImportLedger | None = None
        self._queued: dict[Path, KnownDigest] = {}
        self._hashing: Worker | None = None
        self._generation = 0  # bumped by stop(): a digest computed for an earlier watch is dropped
        self.pool = WorkerPool(self)
        queue.entry_changed.connect(self._entry_changed)

    def start(self, storage, setting: WatchSetting) -> None:
        """Watches ``setting.folder`` for ``storage`` (the unlocked notebook) when the setting is on; else stops."""
        self.stop()
        if storage is None or not setting.enabled or not setting.folder:
            return
        self._scan = FolderScan(Path(setting.folder), settle_s=self.settle_s)
        self._ledger = ImportLedger(storage)
        self.timer.start()

    def stop(self) -> None:
        """Stops watching (on lock or when switched off); files already queued stay in the queue."""
        self.timer.stop()
        self._scan = self._ledger = None
        self._queued.clear()
        self._generation += 1
        if self._hashing is not None:
            self.pool.cancel_all(wait_ms=5_000)  # stops within a MB read; no thread outlives the window
            self._hashing = None

    @property
    def active(self) -> bool:
        """Returns True while a folder is being watched."""
        return self._scan is not None

    @property
    def hashing(self) -> bool:
        """Returns True while finished files are being hashed on the worker thread."""
        return self._hashing is not None

    def poll(self) -> None:
        """Hashes the folder's finished new files off the UI thread, then queues those the ledger lacks;
        returns None at once (a missing folder is retried on the next poll)."""
        if self._scan is None or self._ledger is None or self._hashing is not None:
            return
        try:
            ready, _changing = self._scan.poll()
        except HushnoteError:
            return  # the folder is gone or unreadable for now (an unplugged drive): try again later
        for path in ready:
            self._scan.mark_done(path)
        if not ready:
            return
        generation = self._generation
        worker = Worker(digest_job(ready), "watch folder")
        worker.succeeded.connect(lambda digests: self._hashed(generation, digests))
        worker.finished.connect(lambda: self._hashing_done(worker))
        self._hashing = worker
        self.pool.start(worker)

    def _hashing_done(self, worker: Worker) -> None:
        if self._hashing is worker:
            self._hashing = None

    def _hashed(self, generation: int, digests: list[tuple[Path, KnownDigest]]) -> None:
        if generation != self._generation or self._ledger is None:
            return  # stopped or restarted (locked, switched off) while hashing
        try:
            for path, known in digests:
                if self._ledger.outcome(known.sha256) is None and path not in self._queued:
                    self._queued[path] = known
                    self.queue.add([path], ask_if_duplicate=False, digests={path: known})
        except HushnoteError:
            return  # the notebook could not be read now: the files come back when they change or after a restart

    def _entry_changed(self, row: int) -> None:
        entry = self.queue.entries[row]
        if entry.path not in self._queued or entry.state not in (DONE, DUPLICATE, FAILED, CANCELLED):
            return
        known = self._queued.pop(entry.path)
        if entry.state in (DONE, DUPLICATE) and self._ledger is not None:
            self._ledger.remember(known.sha256, IMPORTED)

