"""Running several voice estimators over one stream and averaging what they find.

Used by Spleeter (one pass per speed-up) and by the ``spleeter+dfn``
ensemble. Each pass reads its own copy of the input and yields its voice
chunk by chunk; the passes are pulled in turn, the one that is behind
first, so the input held for the slower ones stays about one model window.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np

from audio_core.progress import NEVER_CANCELLED, CancelToken
from audio_core.resample import StreamResampler

VoicePass = Callable[[Iterable[np.ndarray]], Iterator[np.ndarray]]


def fork(source: Iterable[np.ndarray], copies: int = 2) -> list[Iterator[np.ndarray]]:
    """Returns ``copies`` iterators over ``source`` that each see every item.

    Unlike itertools.tee, which frees items only in runs of 57, an item is
    released as soon as every copy has read it, so what is buffered stays
    the distance between the readers.
    """
    items = iter(source)
    queues: list[deque] = [deque() for _ in range(copies)]

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

    return [branch(queue) for queue in queues]


def at_rate(voice_pass: Callable[[Iterable[np.ndarray], CancelToken], Iterator[np.ndarray]], outer_rate: int, inner_rate: int,
            cancel: CancelToken = NEVER_CANCELLED) -> VoicePass:
    """Returns a pass over a stream at ``outer_rate`` that runs ``voice_pass`` on it resampled to ``inner_rate``.

    The voice comes back resampled to ``outer_rate``; the round trip may
    leave it a few samples short or long at the very end.
    """

    def run(chunks: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
        to_inner = StreamResampler(outer_rate, inner_rate)
        to_outer = StreamResampler(inner_rate, outer_rate)

        def inner_input() -> Iterator[np.ndarray]:
            for chunk in chunks:
                yield to_inner.push(chunk)
            yield to_inner.push(np.zeros(0, np.float32), last=True)

        for voice in voice_pass(inner_input(), cancel):
            yield to_outer.push(voice)
        yield to_outer.push(np.zeros(0, np.float32), last=True)

    return run


def mean_voice(chunks: Iterable[np.ndarray], passes: Sequence[VoicePass]) -> Iterator[np.ndarray]:
    """Yields the sample-wise mean of the voices ``passes`` find in ``chunks``, as many samples as came in.

    A pass may end a few samples short (a resampling round trip); where
    some passes have run out, the mean is over the others.
    """
    received = 0

    def counted(source: Iterable[np.ndarray]) -> Iterator[np.ndarray]:
        nonlocal received
        for chunk in source:
            chunk = np.asarray(chunk, np.float32)
            received += chunk.size
            yield chunk

    outputs = [voice_pass(copy) for voice_pass, copy in zip(passes, fork(counted(chunks), len(passes)))]
    pending = [np.zeros(0, np.float32) for _ in passes]
    done = [False] * len(passes)
    emitted = 0
    weight = np.float32(1.0 / len(passes))
    while not all(done):
        lagging = min((i for i in range(len(passes)) if not done[i]), key=lambda i: pending[i].size)
        try:
            pending[lagging] = np.concatenate([pending[lagging], next(outputs[lagging])])
        except StopIteration:
            done[lagging] = True
        n = min(p.size for p in pending)
        if n:
            yield (np.sum([p[:n] for p in pending], axis=0) * weight).astype(np.float32)
            pending = [p[n:] for p in pending]
            emitted += n
    missing = received - emitted
    if missing > 0:
        tail = np.full((len(passes), missing), np.nan, np.float32)
        for row, p in zip(tail, pending):
            row[: min(missing, p.size)] = p[:missing]
        covered = np.isfinite(tail).any(axis=0)
        mean = np.zeros(missing, np.float32)
        mean[covered] = np.nanmean(tail[:, covered], axis=0)
        yield mean
