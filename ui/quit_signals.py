"""A logout, a shutdown or ``kill PID`` (SIGTERM), a closed terminal (SIGHUP) or Ctrl+C in it (SIGINT) quit the app
as Ctrl+Q does: the open note's edits are written and the note is reopened at the next start.

Python runs a signal handler only between bytecodes, and Qt's event loop waits in C: without a wakeup the
signal was seen only at the next event, or never (an idle window was killed by the system's SIGKILL later, its
last place unsaved). ``signal.set_wakeup_fd`` writes a byte to a socket that a QSocketNotifier watches, so the
event loop wakes, Python runs the handler, and the handler asks the window to quit through the event loop.
"""
from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class QuitOnSignals(QObject):
    """Calls ``quit()`` from the event loop, once, when one of QUIT_SIGNALS arrives; ``restore()`` undoes it.

    Install it in the main thread (Python delivers signals there only).
    """

    def __init__(self, quit: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self._quit = quit
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Read, self)
        self._notifier.activated.connect(self._woken)
        self._previous = {number: signal.signal(number, self._handle) for number in QUIT_SIGNALS}

    def _woken(self) -> None:
        """Empties the wakeup socket; Python runs the pending handler as this slot starts."""
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _handle(self, number: int, _frame) -> None:
        if self.received is None:  # a second signal while quitting changes nothing
            self.received = number
            QTimer.singleShot(0, self._quit)

    def restore(self) -> None:
        """Puts back the handlers and the wakeup descriptor found at install; returns None."""
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def run_until_quit(application, window) -> int:
    """Runs ``application``'s event loop until it quits (Ctrl+Q, the close button, or a quit signal, on which
    ``window.quit_without_asking`` runs); returns the loop's exit code."""
    handler = QuitOnSignals(window.quit_without_asking, window)
    try:
        return application.exec()
    finally:
        handler.restore()
