"""Speech versus music with both models: the mean of Spleeter's and DeepFilterNet3's voice.

The two models fail differently on music (Spleeter lets drum hits through,
DeepFilterNet3 leaves tonal music under the voice), so averaging their voice
estimates cancels part of each one's error: on speech over music at 0 and
5 dB SNR the mean is about 1.1 dB SI-SDR better than Spleeter alone
(tests/bench/bench_separation.py), for the cost of running both. Weighting
the two unequally, taking the smaller magnitude or the geometric mean per
time-frequency bin, or running one model on the other's voice all did worse.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

import numpy as np

from app.progress import NEVER_CANCELLED, CancelToken
from audio_core.resample import StreamResampler
from audio_core.separate.dfn import DeepFilterSeparator
from audio_core.separate.spleeter import SpleeterSeparator


def _fork(source: Iterable[np.ndarray]) -> tuple[Iterator[np.ndarray], Iterator[np.ndarray]]:
    """Returns two iterators over ``source`` that each see every item.

    Unlike itertools.tee, which frees items only in runs of 57, an item is
    released as soon as both have read it, so what is buffered stays the
    distance between the two readers.
    """
    items = iter(source)
    queues: tuple[deque, deque] = (deque(), deque())

    def branch(own: deque) -> Iterator[np.ndarray]:
        while True:
            if not own:
                try:
                    item = next(items)
                except StopIteration:
                    return
                for queue in queues:
                    queue.append(item)
            yield own.popleft()

    return branch(queues[0]), branch(queues[1])


class EnsembleSeparator:
    """The average of the voices found by Spleeter 2-stems and DeepFilterNet3 (at 48 kHz)."""

    name = "spleeter+dfn"

    def __init__(self, spleeter: SpleeterSeparator, dfn: DeepFilterSeparator) -> None:
        """Combines two loaded separators."""
        self._spleeter = spleeter
        self._dfn = dfn
        self.model_rate = dfn.model_rate

    def _spleeter_voice(self, chunks: Iterable[np.ndarray], cancel: CancelToken) -> Iterator[np.ndarray]:
        """Yields Spleeter's voice of ``chunks`` at ``model_rate``, resampled to its rate and back."""
        to_spleeter = StreamResampler(self.model_rate, self._spleeter.model_rate)
        from_spleeter = StreamResampler(self._spleeter.model_rate, self.model_rate)

        def spleeter_input() -> Iterator[np.ndarray]:
            for chunk in chunks:
                yield to_spleeter.push(chunk)
            yield to_spleeter.push(np.zeros(0, np.float32), last=True)

        for voice in self._spleeter.stream_voice(spleeter_input(), cancel):
            yield from_spleeter.push(voice)
        yield from_spleeter.push(np.zeros(0, np.float32), last=True)

    def stream_voice(self, chunks: Iterable[np.ndarray], cancel: CancelToken = NEVER_CANCELLED) -> Iterator[np.ndarray]:
        """Yields the mean voice of both models for ``chunks`` (mono float32 at ``model_rate``), as many samples as came in.

        Raises Cancelled when ``cancel`` is set.
        """
        received = 0

        def counted(source: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
            nonlocal received
            for chunk in source:
                chunk = np.asarray(chunk, np.float32)
                received += chunk.size
                yield chunk

        dfn_input, spleeter_input = _fork(counted(chunks))
        outputs = [self._dfn.stream_voice(dfn_input, cancel), self._spleeter_voice(spleeter_input, cancel)]
        pending = [np.zeros(0, np.float32), np.zeros(0, np.float32)]
        done = [False, False]
        emitted = 0
        while not all(done):
            # pull from the model that is behind, so the input buffered between them stays short
            lagging = min((i for i in range(2) if not done[i]), key=lambda i: pending[i].size)
            try:
                pending[lagging] = np.concatenate([pending[lagging], next(outputs[lagging])])
            except StopIteration:
                done[lagging] = True
            n = min(p.size for p in pending)
            if n:
                yield (pending[0][:n] + pending[1][:n]) * np.float32(0.5)
                pending = [p[n:] for p in pending]
                emitted += n
        # the resampling round trip may leave Spleeter a few samples short or long at the very end
        missing = received - emitted
        if missing > 0:
            # where one model's output ran out, the other's stands alone
            tail = [np.concatenate([p[:missing], other[p.size : missing]]) for p, other in zip(pending, pending[::-1])]
            tail = [np.pad(t, (0, missing - t.size)) for t in tail]
            yield ((tail[0] + tail[1]) * np.float32(0.5)).astype(np.float32)
