"""Background jobs end cleanly: what a job leaves behind is destroyed on the UI thread, never on its worker thread."""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from ui.workers import Worker, WorkerPool


def test_a_finished_jobs_runner_is_destroyed_on_the_ui_thread(qtbot):
    # Destroyed on the worker thread, PySide's destructor waited for the interpreter lock while holding Qt's
    # connection lock; the UI thread, holding the interpreter lock and connecting a signal, waited for that
    # lock: the import queue froze for good in a full test run.
    pool = WorkerPool()
    destroyed_on = []
    for _ in range(5):
        worker = Worker(lambda hook, cancel: 42, "a job")
        original = worker.runner

        def runner_watched(original=original):
            made = original()
            made.destroyed.connect(lambda: destroyed_on.append(threading.current_thread()), Qt.DirectConnection)
            return made

        worker.runner = runner_watched
        with qtbot.waitSignal(worker.succeeded, timeout=10_000):
            pool.start(worker)
    qtbot.waitUntil(lambda: len(destroyed_on) == 5 and not pool.busy, timeout=10_000)
    assert destroyed_on == [threading.main_thread()] * 5
