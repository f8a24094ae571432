"""Notes this process is still writing: recovery must not take them for interrupted ones."""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_note_ids: set[tuple[str, int]] = set()


def hold(notebook, note_id: int) -> None:
    """Returns None after marking ``note_id`` of ``notebook`` as being written by this process."""
    with _lock:
        _note_ids.add((str(notebook.path), note_id))


def release(notebook, note_id: int) -> None:
    """Returns None after unmarking ``note_id`` (finished, discarded or abandoned)."""
    with _lock:
        _note_ids.discard((str(notebook.path), note_id))


@contextlib.contextmanager
def holding(notebook, note_id: int) -> Iterator[None]:
    """Marks ``note_id`` of ``notebook`` as being written by this process while the block runs."""
    hold(notebook, note_id)
    try:
        yield
    finally:
        release(notebook, note_id)


def is_held(notebook, note_id: int) -> bool:
    """Returns True while this process is writing ``note_id`` of ``notebook`` (an import or a recording)."""
    with _lock:
        return (str(notebook.path), note_id) in _note_ids
