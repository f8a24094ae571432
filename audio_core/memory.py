"""Keeping resident memory flat over long recordings."""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
from contextlib import contextmanager

# glibc's mallopt parameter for the size from which an allocation gets its own memory mapping.
_M_MMAP_THRESHOLD = -3
# Measured at 30 minutes (the full transcribe, per-block heap statistics): at 4 MB the main heap stopped
# growing and the pass peaked at 673-756 MB in every block (before: 801-936, growing); at 16 MB it still grew;
# at 1 MB it stayed flat for three times the page faults of 4 MB.
LARGE_BUFFER_BYTES = 4 * 1024 * 1024
# glibc's own ceiling for its rising threshold: what native worker threads had before.
WORKER_BUFFER_BYTES = 32 * 1024 * 1024
_mapping = {"on": False}


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


def release_freed_memory() -> None:
    """Returns freed heap memory to the operating system (glibc ``malloc_trim``); a no-op elsewhere.

    Each block of a long recording allocates and frees tens of MB in native
    code (features, beams); without trimming, fragmentation lets the resident
    size creep up block after block.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def map_large_buffers() -> bool:
    """Returns whether glibc now gives every allocation of ``LARGE_BUFFER_BYTES`` or more its own memory
    mapping, returned to the system when it is freed (False where glibc is not the allocator). Once per process.

    glibc's own threshold starts at 128 KB and rises to the size of each mapped buffer freed, up to 32 MB; so
    after the first large array of a pass, the 4-32 MB arrays of every block (Whisper's features, the VAD's
    and the diarizer's frames) were carved from the main heap, between small objects that live on. The heap
    grew block after block around the holes they left (tens of MB per 4-minute block), and while a block
    ran those holes were touched again: the pass's peak grew with the recording's length. A fixed threshold
    keeps those arrays out of the heap.
    """
    libc = _libc()
    _mapping["on"] = libc is not None and libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BUFFER_BYTES) == 1
    return _mapping["on"]


@contextmanager
def heap_for_worker_threads():
    """Within it, allocations under ``WORKER_BUFFER_BYTES`` come from the heaps again (a no-op until
    :func:`map_large_buffers` ran).

    CTranslate2's worker threads allocate and free 4-32 MB at every decoding step and reuse them from their
    own heap, which did not grow with length (the main heap did); mapped afresh, every page of them would
    fault in again at every step. The whole pass still costs 1-5 % more CPU than before the fixed threshold
    (tests/bench/bench_memory_growth.py, two runs, 10 and 60 minutes).
    """
    libc = _libc()
    if not _mapping["on"] or libc is None:
        yield
        return
    libc.mallopt(_M_MMAP_THRESHOLD, WORKER_BUFFER_BYTES)
    try:
        yield
    finally:
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BUFFER_BYTES)


class HeapForWorkers:
    """Stands in for a native model (every attribute is the model's) whose calls run under
    :func:`heap_for_worker_threads`."""

    def __init__(self, model):
        self._model = model

    def __getattr__(self, name):
        value = getattr(self._model, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def call(*args, **kwargs):
            with heap_for_worker_threads():
                return value(*args, **kwargs)

        return call
