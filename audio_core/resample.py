"""Sample-rate conversion with soxr (high quality, streaming)."""
from __future__ import annotations

import numpy as np
import soxr


def resample(audio: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Returns ``audio`` (mono float32) converted from ``from_rate`` to ``to_rate`` Hz."""
    audio = np.asarray(audio, dtype=np.float32)
    if from_rate == to_rate:
        return audio
    return soxr.resample(audio, from_rate, to_rate, quality="HQ").astype(np.float32, copy=False)


class StreamResampler:
    """Resamples a mono stream chunk by chunk, keeping filter state between chunks."""

    def __init__(self, from_rate: int, to_rate: int) -> None:
        self.from_rate = from_rate
        self.to_rate = to_rate
        self._stream = None if from_rate == to_rate else soxr.ResampleStream(from_rate, to_rate, 1, dtype="float32", quality="HQ")

    def push(self, chunk: np.ndarray, last: bool = False) -> np.ndarray:
        """Returns the resampled samples available after feeding ``chunk``; ``last`` flushes."""
        chunk = np.asarray(chunk, dtype=np.float32)
        if self._stream is None:
            return chunk
        return self._stream.resample_chunk(chunk, last=last)
