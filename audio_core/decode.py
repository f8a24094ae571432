"""Decoding any audio or video file into 16 kHz mono float32, in chunks.

PyAV (FFmpeg) demuxes and decodes; channels are averaged in numpy and soxr
resamples, so memory stays flat however long the file is.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from audio_core.errors import InputError
from audio_core import SAMPLE_RATE
from audio_core.integrity import ogg_lacks_end_of_stream, wav_missing_bytes
from audio_core.resample import StreamResampler

logger = logging.getLogger(__name__)

# A file whose decodable audio is this much shorter than its header claims is
# treated as truncated (headers of VBR MP3s are estimates, hence the slack).
TRUNCATION_TOLERANCE_S = 1.0
TRUNCATION_TOLERANCE_RATIO = 0.05


@dataclass(frozen=True)
class AudioInfo:
    """What a file holds, as read from its container."""

    path: Path
    duration_s: float | None
    sample_rate: int
    channels: int
    codec: str


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an audio or video file")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty")


def _open(path: Path) -> av.container.InputContainer:
    _check_path(path)
    _check_not_cut_short(path)
    try:
        container = av.open(str(path), mode="r")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read as audio or video: not a media file, or damaged ({_reason(exc)})") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    if not container.streams.audio:
        container.close()
        raise InputError(f"{path}: the file has no audio track")
    return container


def _check_not_cut_short(path: Path) -> None:
    missing = wav_missing_bytes(path)
    if missing:
        raise InputError(f"{path}: the file is truncated: {missing} bytes of its audio data are missing")
    if ogg_lacks_end_of_stream(path):
        raise InputError(f"{path}: the file is truncated: its Ogg stream has no end")


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc).split(":")[0] or type(exc).__name__


def _declared_duration_s(container: av.container.InputContainer, stream: av.audio.AudioStream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return None


def probe_audio(path: str | Path) -> AudioInfo:
    """Returns the container's description of ``path``'s first audio track.

    Raises InputError for a missing, empty, non-audio or audio-less file.
    """
    path = Path(path)
    with _open(path) as container:
        stream = container.streams.audio[0]
        return AudioInfo(
            path=path,
            duration_s=_declared_duration_s(container, stream),
            sample_rate=stream.rate or 0,
            channels=stream.channels or 0,
            codec=stream.codec_context.name,
        )


def _iter_source_frames(path: Path) -> Iterator[tuple[np.ndarray, int]]:
    """Yields (mono float32 samples, sample rate) per decoded frame, then checks truncation."""
    with _open(path) as container:
        stream = container.streams.audio[0]
        declared_s = _declared_duration_s(container, stream)
        converter = av.AudioResampler(format="fltp")
        decoded_s = 0.0
        try:
            for frame in container.decode(stream):
                for planar in converter.resample(frame):
                    samples = planar.to_ndarray()
                    mono = samples.mean(axis=0, dtype=np.float32) if samples.shape[0] > 1 else samples[0]
                    decoded_s += mono.size / planar.sample_rate
                    yield mono, planar.sample_rate
        except av.error.FFmpegError as exc:
            raise InputError(f"{path}: the audio is damaged after {decoded_s:.1f} s ({_reason(exc)})") from None
        if decoded_s == 0:
            raise InputError(f"{path}: no audio could be decoded (the file may be damaged)")
        if declared_s is not None and decoded_s < declared_s - max(
            TRUNCATION_TOLERANCE_S, TRUNCATION_TOLERANCE_RATIO * declared_s
        ):
            raise InputError(
                f"{path}: the file is truncated: its header says {declared_s:.1f} s "
                f"but only {decoded_s:.1f} s of audio is there"
            )


def measure_duration(path: str | Path) -> float:
    """Returns the exact decodable duration of ``path`` in seconds.

    Decodes the whole file once (much faster than real time) without keeping
    the audio. Raises InputError for every kind of unreadable input,
    including a truncated or damaged file.
    """
    return sum(samples.size / rate for samples, rate in _iter_source_frames(Path(path)))


def iter_audio_chunks(path: str | Path, sample_rate: int = SAMPLE_RATE, chunk_s: float = 30.0) -> Iterator[np.ndarray]:
    """Yields ``path``'s audio as mono float32 chunks of about ``chunk_s`` seconds.

    The last chunk may be shorter. Raises InputError for unreadable input;
    for a truncated file the error comes after the readable chunks.
    """
    target = max(1, int(chunk_s * sample_rate))
    resampler: StreamResampler | None = None
    pending: list[np.ndarray] = []
    pending_n = 0
    for mono, rate in _iter_source_frames(Path(path)):
        if resampler is None or resampler.from_rate != rate:
            if resampler is not None:
                pending.append(resampler.push(np.zeros(0, np.float32), last=True))
            resampler = StreamResampler(rate, sample_rate)
        out = resampler.push(mono)
        pending.append(out)
        pending_n += out.size
        if pending_n >= target:
            joined = np.concatenate(pending)
            while joined.size >= target:
                yield joined[:target]
                joined = joined[target:]
            pending, pending_n = [joined], joined.size
    if resampler is not None:
        pending.append(resampler.push(np.zeros(0, np.float32), last=True))
    if pending:
        tail = np.concatenate(pending)
        if tail.size:
            yield tail


def decode_audio(path: str | Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns the whole of ``path``'s audio as one mono float32 array at ``sample_rate``.

    Raises InputError for missing, empty, non-audio, audio-less, damaged or
    truncated files.
    """
    chunks = list(iter_audio_chunks(path, sample_rate))
    return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
