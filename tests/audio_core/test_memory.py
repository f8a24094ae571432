"""Large arrays of a long pass live outside the heap, so freeing them gives their memory back."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh process: whether glibc maps an array or carves it from the heap also depends on the free
# space the heap already has, which a test session's models leave behind.
ALLOCATIONS = r"""
import ctypes, ctypes.util, json, sys
import numpy as np
from audio_core.memory import LARGE_BUFFER_BYTES, heap_for_worker_threads, map_large_buffers

class Mallinfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(ctypes.util.find_library("c"))
if not hasattr(libc, "mallinfo2"):
    print(json.dumps(None)); sys.exit()
libc.mallinfo2.restype = Mallinfo2
mapped = lambda: libc.mallinfo2().hblks

if sys.argv[1] == "mapped":
    assert map_large_buffers()
larger = np.ones(20_000_000 // 4, np.float32)  # freed under 32 MB: glibc alone takes its size as its threshold
del larger
before = mapped()
block_features = np.ones(2 * LARGE_BUFFER_BYTES // 4, np.float32)
block = mapped() - before
del block_features
with heap_for_worker_threads():
    step_buffer = np.ones(2 * LARGE_BUFFER_BYTES // 4, np.float32)
    worker = mapped() - before
print(json.dumps({"block": block, "worker": worker}))
"""


def _new_mappings(setting: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", ALLOCATIONS, setting], capture_output=True, text=True, env=env, check=True)
    counts = json.loads(result.stdout)
    if counts is None:
        pytest.skip("not glibc 2.33 or later")
    return counts


def test_a_block_sized_array_gets_its_own_mapping_even_after_a_larger_one_was_freed():
    # glibc alone raises its threshold to each freed mapping's size (up to 32 MB): after the first large array
    # of a pass, every block's 4-32 MB arrays came from the main heap, which grew block after block.
    assert _new_mappings("glibc's own")["block"] == 0
    assert _new_mappings("mapped")["block"] == 1


def test_native_worker_calls_keep_reusing_the_heap_for_their_buffers():
    # CTranslate2's threads allocate 4-32 MB at every decoding step: mapped afresh, each page would fault again.
    assert _new_mappings("mapped")["worker"] == 0
