"""Counts how often this process opens a file for reading, from any thread (Python's audit hook on ``open``).

Decoding runs in a child process, so within this process a media file is opened only to hash it.
"""
from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

_active: list[tuple[set[str], Counter]] = []
_lock = threading.Lock()
_installed = False


def _hook(event: str, args: tuple) -> None:
    if event != "open" or not _active:
        return
    path, mode = args[0], args[1]
    if isinstance(path, (str, bytes, os.PathLike)) and (mode is None or "r" in str(mode)):
        key = os.path.abspath(os.fsdecode(path))
        with _lock:
            for watched, counts in _active:
                if key in watched:
                    counts[key] += 1


@contextmanager
def counting_reads(*paths: Path):
    """Yields a function giving how often a file of ``paths`` was opened for reading inside the block."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)  # cannot be removed: it does nothing while no block is active
        _installed = True
    watch = ({os.path.abspath(p) for p in paths}, Counter())
    with _lock:
        _active.append(watch)
    try:
        yield lambda path: watch[1][os.path.abspath(path)]
    finally:
        with _lock:
            _active.remove(watch)
