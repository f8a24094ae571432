"""Cutting a decoded stream into long blocks at quiet points.

ASR and diarization work block by block so memory stays flat with the
recording's length; cutting in the quietest stretch near each boundary keeps
words whole.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from audio_core import SAMPLE_RATE

BLOCK_S = 240.0
SEARCH_S = 20.0
FRAME_S = 0.1


def quietest_cut(audio: np.ndarray, lo: int, hi: int, sample_rate: int = SAMPLE_RATE) -> int:
    """Returns a sample index in [lo, hi) at the centre of the quietest 100 ms frame."""
    frame = max(1, int(FRAME_S * sample_rate))
    region = audio[lo:hi]
    n = region.size // frame
    if n == 0:
        return hi
    energy = np.square(region[: n * frame].reshape(n, frame)).mean(axis=1)
    return lo + int(np.argmin(energy)) * frame + frame // 2


def cut_into_blocks(
    chunks: Iterable[np.ndarray], block_s: float = BLOCK_S, sample_rate: int = SAMPLE_RATE
) -> Iterator[tuple[float, np.ndarray]]:
    """Yields ``(offset_s, block)`` pairs covering the stream with no gap or overlap.

    Each block is at most ``block_s`` seconds and ends in the quietest frame
    of its last ``SEARCH_S`` seconds.
    """
    block_n = int(block_s * sample_rate)
    search_n = min(int(SEARCH_S * sample_rate), block_n // 2)
    # Chunks wait in a list and are joined once per block: joined chunk by chunk, each block was copied
    # eight times over in ever larger buffers (2, 4 … 15 MB), and the joined buffer stayed alive beside a
    # copy of the block while it was worked on. Once: half the page faults of a 30-minute pass.
    pending: list[np.ndarray] = []
    pending_n = 0
    offset = 0
    for chunk in chunks:
        pending.append(np.asarray(chunk, np.float32))
        pending_n += pending[-1].size
        if pending_n < block_n:
            continue
        buffer = pending[0] if len(pending) == 1 else np.concatenate(pending)  # a whole recording: not copied
        pending.clear()  # the chunks are in the buffer now: not held twice while a block is worked on
        start = 0
        while buffer.size - start >= block_n:
            cut = quietest_cut(buffer, start + block_n - search_n, start + block_n, sample_rate)
            yield offset / sample_rate, buffer[start:cut]
            offset += cut - start
            start = cut
        rest = buffer[start:].copy()  # its own memory, so the joined buffer goes with its last block
        del buffer
        pending.append(rest)
        pending_n = rest.size
    if pending_n:
        last = pending[0] if len(pending) == 1 else np.concatenate(pending)
        pending.clear()
        yield offset / sample_rate, last
