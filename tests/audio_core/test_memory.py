"""Large arrays of a long pass live outside the heap, so freeing them gives their memory back."""
from __future__ import annotations

import ctypes
import ctypes.util

import numpy as np
import pytest

from audio_core.memory import LARGE_BUFFER_BYTES, heap_for_worker_threads, map_large_buffers


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _mapped_buffers() -> int:
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    if not hasattr(libc, "mallinfo2"):
        pytest.skip("not glibc 2.33 or later")
    libc.mallinfo2.restype = _Mallinfo2
    return libc.mallinfo2().hblks


def test_a_block_sized_array_gets_its_own_mapping_even_after_a_larger_one_was_freed():
    # glibc alone raises its threshold to each freed mapping's size (up to 32 MB): after the first large array
    # of a pass, every block's 4-32 MB arrays came from the heap and fragmented it as the recording went on.
    assert map_large_buffers()
    larger = np.ones(20_000_000 // 4, np.float32)  # under 32 MB: glibc alone would take its size as threshold
    del larger
    mapped = _mapped_buffers()

    block_features = np.ones(2 * LARGE_BUFFER_BYTES // 4, np.float32)

    assert _mapped_buffers() == mapped + 1
    del block_features
    assert _mapped_buffers() == mapped


def test_native_worker_calls_keep_reusing_the_heap_for_their_buffers():
    # CTranslate2's threads allocate 4-32 MB at every decoding step: mapped afresh, each page would fault again.
    assert map_large_buffers()
    mapped = _mapped_buffers()

    with heap_for_worker_threads():
        step_buffer = np.ones(2 * LARGE_BUFFER_BYTES // 4, np.float32)
        assert _mapped_buffers() == mapped
    del step_buffer
    after_the_call = np.ones(2 * LARGE_BUFFER_BYTES // 4, np.float32)

    assert _mapped_buffers() == mapped + 1
    del after_the_call
