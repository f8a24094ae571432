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


class BlockCutter:
    """Cuts a stream pushed chunk by chunk into blocks of at most ``block_s`` seconds, each ending in the
    quietest frame of its last ``SEARCH_S`` seconds. Where the stream is cut depends only on its samples,
    never on how it was chunked: blocks pushed back in are yielded unchanged (the same arrays).

    Call :meth:`push` with each chunk in order and :meth:`flush` once at the end, and iterate over what
    both yield: ``(offset_s, block)`` pairs. A block is yielded once ``block_s`` seconds from its start
    are known (its cut is chosen among them), so up to a block's worth waits between pushes.
    """

    def __init__(self, block_s: float = BLOCK_S, sample_rate: int = SAMPLE_RATE):
        self.sample_rate = sample_rate
        self.block_n = int(block_s * sample_rate)
        self.search_n = min(int(SEARCH_S * sample_rate), self.block_n // 2)
        # Chunks wait in a list and are joined once per block (joined chunk by chunk, each block was copied
        # eight times over in ever larger buffers); a block inside one chunk is a view of it, not a copy.
        self._pending: list[np.ndarray] = []
        self._pending_n = 0
        self._offset = 0

    def _joined(self, lo: int, hi: int) -> np.ndarray:
        """Returns samples [lo, hi) of the pending chunks: a view when one chunk holds them."""
        pieces, start = [], 0
        for chunk in self._pending:
            a, b = max(lo - start, 0), min(hi - start, chunk.size)
            if a < b:
                pieces.append(chunk if b - a == chunk.size else chunk[a:b])
            start += chunk.size
            if start >= hi:
                break
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)

    def _drop(self, n: int) -> bool:
        """Returns whether the first chunk left is now a slice of a longer one, after dropping ``n`` samples."""
        while n and n >= self._pending[0].size:
            n -= self._pending.pop(0).size
        if n:
            self._pending[0] = self._pending[0][n:]
        return bool(n)

    def push(self, chunk: np.ndarray) -> Iterator[tuple[float, np.ndarray]]:
        """Yields the ``(offset_s, block)`` pairs that ``chunk`` completes (often none)."""
        chunk = np.asarray(chunk, np.float32)
        self._pending.append(chunk)
        self._pending_n += chunk.size
        sliced = False
        while self._pending_n >= self.block_n:
            lo = self.block_n - self.search_n
            cut = lo + quietest_cut(self._joined(lo, self.block_n), 0, self.search_n, self.sample_rate)
            block = self._joined(0, cut)
            sliced = self._drop(cut)
            self._pending_n -= cut
            offset, self._offset = self._offset, self._offset + cut
            yield offset / self.sample_rate, block
            del block
        if sliced:
            self._pending[0] = self._pending[0].copy()  # its own memory, so the chunk goes with its last block

    def flush(self) -> Iterator[tuple[float, np.ndarray]]:
        """Yields the last ``(offset_s, block)`` pair: what is left of the stream (nothing when nothing is)."""
        if not self._pending_n:
            return
        last = self._joined(0, self._pending_n)
        self._pending.clear()
        offset, self._offset, self._pending_n = self._offset, self._offset + last.size, 0
        yield offset / self.sample_rate, last


def cut_into_blocks(
    chunks: Iterable[np.ndarray], block_s: float = BLOCK_S, sample_rate: int = SAMPLE_RATE
) -> Iterator[tuple[float, np.ndarray]]:
    """Yields ``(offset_s, block)`` pairs covering the stream with no gap or overlap.

    Each block is at most ``block_s`` seconds and ends in the quietest frame
    of its last ``SEARCH_S`` seconds.
    """
    cutter = BlockCutter(block_s, sample_rate)
    for chunk in chunks:
        yield from cutter.push(chunk)
    yield from cutter.flush()
