"""Decoding in this process: PyAV (FFmpeg) demuxes and decodes, numpy mixes, soxr resamples.

Native code reads the user's file here, so this module runs inside the
decoder child (:mod:`audio_core.decode_child`); the rest of Hushnote calls
:mod:`audio_core.decode`, which a decoder crash cannot take down.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from audio_core.errors import InputError
from audio_core.frames import SampleCounts, to_mono
from audio_core.integrity import ogg_lacks_end_of_stream, wav_missing_bytes
from audio_core.resample import StreamResampler

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
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not an audio or video file")
        if not path.is_file():
            raise InputError(f"{path}: is not a regular file")
        if path.stat().st_size == 0:
            raise InputError(f"{path}: the file is empty")
        _check_not_cut_short(path)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None


def _open(path: Path) -> av.container.InputContainer:
    _check_path(path)
    try:
        container = av.open(str(path), mode="r")
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError, OSError) as exc:
        raise InputError(f"{path}: cannot be read as audio or video: not a media file, or damaged ({_reason(exc)})") from None
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


def _check_channel(path: Path, channel: int | None, channels: int) -> None:
    if channel is not None and not 1 <= channel <= channels:
        raise InputError(f"{path}: has {channels} channel{'s' * (channels != 1)}; there is no channel {channel}")


def probe_audio(path: Path) -> AudioInfo:
    """Returns the container's description of ``path``'s first audio track.

    Raises InputError for a missing, empty, non-audio or audio-less file.
    """
    with _open(path) as container:
        stream = container.streams.audio[0]
        return AudioInfo(
            path=path,
            duration_s=_declared_duration_s(container, stream),
            sample_rate=stream.rate or 0,
            channels=stream.channels or 0,
            codec=stream.codec_context.name,
        )


def iter_source_frames(path: Path, channel: int | None, counts: SampleCounts) -> Iterator[tuple[np.ndarray, int]]:
    """Yields (mono float32 samples, sample rate) per decoded frame, then checks truncation.

    ``channel`` (1-based) picks one channel; None mixes all. ``counts``
    gathers clipped and non-finite samples. Raises InputError for unreadable,
    damaged or truncated input, or a channel the file lacks.
    """
    with _open(path) as container:
        stream = container.streams.audio[0]
        _check_channel(path, channel, stream.channels or 1)
        declared_s = _declared_duration_s(container, stream)
        decoded_s = 0.0
        try:
            for frame in container.decode(stream):
                if not frame.samples or not frame.sample_rate:
                    continue
                _check_channel(path, channel, frame.layout.nb_channels)
                try:
                    mono = to_mono(frame, channel, counts)
                except ValueError as exc:
                    raise InputError(f"{path}: {exc}") from None
                decoded_s += mono.size / frame.sample_rate
                yield mono, frame.sample_rate
        except (av.error.FFmpegError, OSError) as exc:
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


def iter_chunks(
    frames: Iterator[tuple[np.ndarray, int]], sample_rate: int, chunk_s: float
) -> Iterator[np.ndarray]:
    """Yields ``frames`` resampled to ``sample_rate`` in mono float32 chunks of about ``chunk_s`` seconds.

    The last chunk may be shorter. Raises what ``frames`` raises, after the
    chunks decoded before it.
    """
    target = max(1, int(chunk_s * sample_rate))
    resampler: StreamResampler | None = None
    pending: list[np.ndarray] = []
    pending_n = 0
    for mono, rate in frames:
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
