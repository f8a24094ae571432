"""Speech versus background: the Separator protocol and the chunked driver.

A separator only has to say which part of a mono stream at its own model
rate is voice; this module resamples to and from that rate, keeps the
mixture aligned with the voice, and derives the background as
``mixture - voice``, so the two stems always add back up to the input and
nothing is lost. Everything works chunk by chunk, so memory stays flat with
the recording's length.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from audio_core.errors import InputError
from audio_core.progress import NEVER_CANCELLED, CancelToken
from audio_core.resample import StreamResampler


@dataclass(frozen=True)
class Stems:
    """The two parts of a mixture, mono float32 at ``sample_rate``, of equal length."""

    voice: np.ndarray
    background: np.ndarray
    sample_rate: int

    @property
    def duration_s(self) -> float:
        """Returns the stems' length in seconds."""
        return self.voice.size / self.sample_rate


@dataclass(frozen=True)
class SeparationOptions:
    """How to separate.

    backend: "dfn" (DeepFilterNet3, default: speech versus noise and room
        background), "spleeter" (Spleeter 2-stems: speech versus music) or
        "spleeter+dfn" (the mean of both voices: better on music, slower).
    chunk_s: length of the chunks a file is decoded and fed in; memory use
        grows with this, not with the recording's length.
    channel: the one channel (1-based) to separate; None mixes all channels.
    """

    backend: str = "dfn"
    chunk_s: float = 10.0
    channel: int | None = None


class Separator(Protocol):
    """A model that finds the voice in a mono stream at its own sample rate."""

    name: str
    model_rate: int

    def stream_voice(self, chunks: Iterable[np.ndarray], cancel: CancelToken = NEVER_CANCELLED) -> Iterator[np.ndarray]:
        """Yields the voice of the stream ``chunks`` (mono float32 at ``model_rate``).

        Yields, in total, exactly as many samples as came in, in order.
        Raises Cancelled when ``cancel`` is set.
        """
        ...


def check_audio(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Returns ``audio`` as a contiguous mono float32 array.

    Raises InputError for a non-array, a multi-channel array, NaN or
    infinite samples, or a sample rate that is not a positive integer.
    """
    if not isinstance(sample_rate, (int, np.integer)) or isinstance(sample_rate, bool) or sample_rate <= 0:
        raise InputError(f"the sample rate must be a positive whole number of Hz, got {sample_rate!r}")
    try:
        array = np.asarray(audio, dtype=np.float32)
    except (TypeError, ValueError):
        raise InputError(f"separation needs an array of audio samples, got {type(audio).__name__}") from None
    if array.ndim != 1:
        raise InputError(f"separation needs mono audio (one dimension), got shape {array.shape}")
    if not np.isfinite(array).all():
        raise InputError("the audio contains NaN or infinite samples")
    return np.ascontiguousarray(array)


def separate_stream(
    chunks: Iterable[np.ndarray],
    sample_rate: int,
    separator: Separator,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Iterator[Stems]:
    """Yields the stems of a mono stream at ``sample_rate``, chunk by chunk.

    The yielded stems cover the input exactly (same total length, no gap or
    overlap); ``voice + background`` equals the input. Raises InputError
    for invalid chunks or rate, Cancelled when ``cancel`` is set.
    """
    to_model = StreamResampler(sample_rate, separator.model_rate)
    from_model = StreamResampler(separator.model_rate, sample_rate)
    mixture: list[np.ndarray] = []

    def model_input() -> Iterator[np.ndarray]:
        for chunk in chunks:
            chunk = check_audio(chunk, sample_rate)
            mixture.append(chunk)
            cancel.check()
            yield to_model.push(chunk)
        yield to_model.push(np.zeros(0, np.float32), last=True)

    pending_voice = np.zeros(0, np.float32)
    pending_mix = np.zeros(0, np.float32)
    for model_voice in separator.stream_voice(model_input(), cancel):
        pending_voice = np.concatenate([pending_voice, from_model.push(model_voice)])
        if mixture:
            pending_mix = np.concatenate([pending_mix, *mixture])
            mixture.clear()
        n = min(pending_voice.size, pending_mix.size)
        if n:
            yield _stems(pending_mix[:n], pending_voice[:n], sample_rate)
            pending_voice, pending_mix = pending_voice[n:], pending_mix[n:]
    pending_voice = np.concatenate([pending_voice, from_model.push(np.zeros(0, np.float32), last=True)])
    pending_mix = np.concatenate([pending_mix, *mixture])
    if pending_mix.size:
        # the resampling round trip may be a few samples short or long at the very end
        voice = np.zeros_like(pending_mix)
        n = min(voice.size, pending_voice.size)
        voice[:n] = pending_voice[:n]
        yield _stems(pending_mix, voice, sample_rate)


def iter_voice(
    chunks: Iterable[np.ndarray],
    sample_rate: int,
    separator: Separator,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Iterator[np.ndarray]:
    """Yields only the voice of a mono stream at ``sample_rate`` (clean-up before ASR), chunk by chunk.

    Same total length as the input. Raises InputError for invalid chunks,
    Cancelled when ``cancel`` is set.
    """
    for stems in separate_stream(chunks, sample_rate, separator, cancel):
        yield stems.voice


def _stems(mixture: np.ndarray, voice: np.ndarray, sample_rate: int) -> Stems:
    voice = voice.astype(np.float32, copy=True)
    return Stems(voice=voice, background=(mixture - voice).astype(np.float32), sample_rate=sample_rate)


def separate(
    audio: np.ndarray,
    sample_rate: int,
    separator: Separator,
    cancel: CancelToken = NEVER_CANCELLED,
    chunk_s: float = SeparationOptions.chunk_s,
) -> Stems:
    """Returns the voice and background stems of ``audio`` (mono) at its length and ``sample_rate``.

    The audio is fed to ``separator`` in chunks of ``chunk_s`` seconds.
    Raises InputError for invalid audio or sample rate (including empty
    audio), Cancelled when ``cancel`` is set.
    """
    audio = check_audio(audio, sample_rate)
    if audio.size == 0:
        raise InputError("there is no audio to separate (0 samples)")
    step = max(1, int(chunk_s * sample_rate))
    parts = list(separate_stream((audio[i : i + step] for i in range(0, audio.size, step)), sample_rate, separator, cancel))
    return Stems(
        voice=np.concatenate([p.voice for p in parts]),
        background=np.concatenate([p.background for p in parts]),
        sample_rate=sample_rate,
    )
