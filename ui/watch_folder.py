"""The app's watch folder: new files in the chosen folder go through the import queue while the notebook is unlocked."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.watch import FolderScan, ImportLedger, WatchSetting, file_digest
from app.watch.ledger import IMPORTED
from audio_core.errors import HushnoteError
from ui.viewmodels.import_queue import CANCELLED, DONE, FAILED, ImportQueue

POLL_MS = 2000


class FolderWatcher(QObject):
    """Polls one folder every 2 s; each finished file whose content the notebook's ledger lacks is queued once.

    A file is remembered (by content digest, in the encrypted notebook) only
    once its import succeeded, so a failed or cancelled one is tried again
    after a restart or when it changes.
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
        self._queued: dict[Path, str] = {}
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

    @property
    def active(self) -> bool:
        """Returns True while a folder is being watched."""
        return self._scan is not None

    def poll(self) -> None:
        """Queues the folder's finished new files; returns None (a missing folder is retried on the next poll)."""
        if self._scan is None or self._ledger is None:
            return
        try:
            ready, _changing = self._scan.poll()
            for path in ready:
                self._scan.mark_done(path)
                digest = file_digest(path)
                if self._ledger.outcome(digest) is None and path not in self._queued:
                    self._queued[path] = digest
                    self.queue.add([path])
        except HushnoteError:
            return  # the folder is gone or unreadable for now (an unplugged drive): try again later

    def _entry_changed(self, row: int) -> None:
        entry = self.queue.entries[row]
        if entry.path not in self._queued or entry.state not in (DONE, FAILED, CANCELLED):
            return
        digest = self._queued.pop(entry.path)
        if entry.state == DONE and self._ledger is not None:
            self._ledger.remember(digest, IMPORTED)
