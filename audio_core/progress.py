"""One progress protocol and one cancellation token for every stage.

A hook is called as ``hook(step, artifact=None, *, completed=None, total=None)``
with numbers, never display strings (the CLI and the UI format them). The
default hook does nothing, so stages never test for ``None``.
"""
from __future__ import annotations

import threading
from typing import Any, Protocol

from audio_core.errors import Cancelled


class ProgressHook(Protocol):
    def __call__(
        self, step: str, artifact: Any = None, *, completed: float | None = None, total: float | None = None
    ) -> None: ...


def no_progress(step: str, artifact: Any = None, *, completed: float | None = None, total: float | None = None) -> None:
    """The default hook: ignores every report."""


class CancelToken:
    """A thread-safe flag a caller sets to ask a running stage to stop."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Asks every stage holding this token to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Returns True once :meth:`cancel` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Returns None; raises :class:`Cancelled` if cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled()


NEVER_CANCELLED = CancelToken()
