"""Speech versus music with both models: the mean of Spleeter's and DeepFilterNet3's voices.

The two models fail differently on music (Spleeter lets drum hits through,
DeepFilterNet3 leaves tonal music under the voice), so averaging their voice
estimates cancels part of each one's error. Each of Spleeter's passes (one
per speed-up) counts as one voice, as DeepFilterNet3's does: on speech over
music at 0 and 5 dB SNR this equal mean of three is about 0.5 dB SI-SDR
better than Spleeter alone, and 0.1-0.3 dB better than giving Spleeter and
DeepFilterNet3 half each (tests/bench/bench_separation.py), for the cost of
running both. Taking the smaller magnitude or the geometric mean per
time-frequency bin, or running one model on the other's voice, did worse.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

import numpy as np

from audio_core.progress import NEVER_CANCELLED, CancelToken
from audio_core.separate.dfn import DeepFilterSeparator
from audio_core.separate.spleeter import SpleeterSeparator
from audio_core.separate.voice_mean import mean_voice


class EnsembleSeparator:
    """The mean of the voices found by Spleeter 2-stems' passes and DeepFilterNet3 (at 48 kHz)."""

    name = "spleeter+dfn"

    def __init__(self, spleeter: SpleeterSeparator, dfn: DeepFilterSeparator) -> None:
        """Combines two loaded separators."""
        self._spleeter = spleeter
        self._dfn = dfn
        self.model_rate = dfn.model_rate

    def stream_voice(self, chunks: Iterable[np.ndarray], cancel: CancelToken = NEVER_CANCELLED) -> Iterator[np.ndarray]:
        """Yields the mean voice of both models for ``chunks`` (mono float32 at ``model_rate``), as many samples as came in.

        Raises Cancelled when ``cancel`` is set.
        """
        passes = [*self._spleeter.passes(self.model_rate, cancel), partial(self._dfn.stream_voice, cancel=cancel)]
        yield from mean_voice(chunks, passes)
