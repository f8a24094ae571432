"""Notes a live process is still writing: recovery must not take them for interrupted ones.

An import or recording in another process (``hushnote transcribe --save`` while
the app is open, ``hushnote record --recover`` run beside a recording) is seen
through a lock on byte ``note id`` of an empty file beside the notebook
(``notebook.db-inflight``). The kernel drops the lock when its process ends,
however it ends, so a killed writer's note reads as interrupted at once.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_note_ids: set[tuple[str, int]] = set()
# One descriptor per notebook for the life of the process: closing any descriptor of
# a file drops every lock the process holds on it.
_lock_files: dict[str, int | None] = {}


def _lock_file(notebook) -> int | None:
    key = str(notebook.path)
    if key not in _lock_files:
        try:
            _lock_files[key] = os.open(f"{key}-inflight", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a read-only folder: other processes cannot be seen, this one still is
            _lock_files[key] = None
    return _lock_files[key]


def hold(notebook, note_id: int) -> None:
    """Returns None after marking ``note_id`` of ``notebook`` as being written by this process."""
    with _lock:
        _note_ids.add((str(notebook.path), note_id))
        fd = _lock_file(notebook)
        if fd is not None:
            with contextlib.suppress(OSError):  # held elsewhere: this process's mark still guards it here
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, note_id)


def release(notebook, note_id: int) -> None:
    """Returns None after unmarking ``note_id`` (finished, discarded or abandoned)."""
    with _lock:
        if (str(notebook.path), note_id) not in _note_ids:
            return
        _note_ids.discard((str(notebook.path), note_id))
        fd = _lock_file(notebook)
        if fd is not None:
            with contextlib.suppress(OSError):
                fcntl.lockf(fd, fcntl.LOCK_UN, 1, note_id)


@contextlib.contextmanager
def holding(notebook, note_id: int) -> Iterator[None]:
    """Marks ``note_id`` of ``notebook`` as being written by this process while the block runs."""
    hold(notebook, note_id)
    try:
        yield
    finally:
        release(notebook, note_id)


def is_held(notebook, note_id: int) -> bool:
    """Returns True while this or another live process is writing ``note_id`` of ``notebook``."""
    with _lock:
        if (str(notebook.path), note_id) in _note_ids:
            return True
        fd = _lock_file(notebook)
        if fd is None:
            return False
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, note_id)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, note_id)
        return False


def interrupted_notes(notebook) -> list:
    """Returns the summaries of the notes a crash or kill interrupted: unfinished, and no live process writing them."""
    return [s for s in notebook.interrupted_recordings() if not is_held(notebook, s.id)]
