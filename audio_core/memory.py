"""Keeping resident memory flat over long recordings."""
from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_freed_memory() -> None:
    """Returns freed heap memory to the operating system (glibc ``malloc_trim``); a no-op elsewhere.

    Each block of a long recording allocates and frees tens of MB in native
    code (features, beams); without trimming, fragmentation lets the resident
    size creep up block after block.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
