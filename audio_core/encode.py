"""The one audio encoder: 16-bit mono FLAC or WAV, to a file or to bytes in memory.

Every file is written where no one can see it half-done (``audio_core.whole_file``):
a crash, a kill or a full disk leaves either no file or the complete one, and
never replaces an existing export with a broken one.
"""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import av
import numpy as np

from audio_core.errors import HushnoteError, InputError
from audio_core.whole_file import StagedFile

#: format -> (container, codec)
AUDIO_FORMATS = {"flac": ("flac", "flac"), "wav": ("wav", "pcm_s16le")}


def to_int16(samples: np.ndarray) -> np.ndarray:
    """Returns mono int16 PCM for float (-1..1, clipped) or int16 ``samples``.

    Raises InputError for anything that is not a 1-D float or int16 array.
    """
    samples = np.asarray(samples)
    if samples.ndim != 1:
        raise InputError(f"audio must be mono (1-D), got shape {samples.shape}")
    if samples.dtype == np.int16:
        return samples
    if samples.dtype.kind != "f":
        raise InputError(f"audio must be float or int16 PCM, got {samples.dtype}")
    return (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype(np.int16)


class _Encoder:
    """A PyAV container and stream that take int16 blocks; the sink is a path, a file object or a BytesIO."""

    def __init__(self, sink, fmt: str, sample_rate: int, channels: int = 1) -> None:
        container_format, codec = AUDIO_FORMATS[fmt]
        self.sample_rate = int(sample_rate)
        self.layout = "stereo" if channels == 2 else "mono"
        self.container = av.open(sink, "w", format=container_format)
        self.stream = self.container.add_stream(codec, rate=self.sample_rate, layout=self.layout)
        self.stream.format = "s16"
        self.pts = 0

    def encode(self, pcm: np.ndarray | None) -> None:
        frame = None
        if pcm is not None:
            frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout=self.layout)
            frame.sample_rate = self.sample_rate
            frame.pts = self.pts
            self.pts += len(pcm)
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def finish(self) -> None:
        self.encode(None)
        self.container.close()


def encode_flac_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    """Returns ``samples`` as a complete FLAC stream, encoded in memory: mono (n,) or two channels (n, 2),
    float or int16.

    Raises InputError for another shape or a non-PCM array.
    """
    samples = np.asarray(samples)
    if samples.ndim == 2 and samples.shape[1] == 2:
        pcm = np.stack([to_int16(np.ascontiguousarray(samples[:, 0])), to_int16(np.ascontiguousarray(samples[:, 1]))], axis=1)
    else:
        pcm = to_int16(samples)
    buffer = io.BytesIO()
    encoder = _Encoder(buffer, "flac", sample_rate, channels=1 if pcm.ndim == 1 else 2)
    encoder.encode(pcm)
    encoder.finish()
    return buffer.getvalue()


def audio_format_of(path: str | Path) -> str:
    """Returns "flac" or "wav" from the extension of ``path``; raises HushnoteError for any other."""
    kind = Path(path).suffix.lower().lstrip(".")
    if kind not in AUDIO_FORMATS:
        raise HushnoteError(f"cannot write audio as {Path(path).suffix or 'no extension'!r}: choose flac or wav")
    return kind


class AudioFileWriter:
    """A mono 16-bit FLAC or WAV file being written block by block; use as a context manager.

    Nothing appears under ``path`` until :meth:`close` (see the module docstring).
    """

    def __init__(self, path: str | Path, sample_rate: int, fmt: str = "flac") -> None:
        """Opens an unnamed file beside ``path``; raises HushnoteError for an unknown format or an unwritable folder."""
        if fmt not in AUDIO_FORMATS:
            raise HushnoteError(f"unknown audio format {fmt!r}: choose from {', '.join(AUDIO_FORMATS)}")
        self.path = Path(path)
        self.sample_rate = int(sample_rate)
        self._staged: StagedFile | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._staged = StagedFile(self.path)
            self._encoder = _Encoder(self._staged.handle, fmt, self.sample_rate)
        except (OSError, av.error.FFmpegError) as exc:
            self._discard()
            raise HushnoteError(f"{self.path}: cannot write here ({getattr(exc, 'strerror', None) or exc})") from None

    def write(self, samples: np.ndarray) -> None:
        """Appends mono float32 ``samples`` (clipped to -1..1); returns None. Raises HushnoteError when writing fails."""
        pcm = to_int16(np.asarray(samples, dtype=np.float32).reshape(-1))
        if pcm.size:
            self._guarded(self._encoder.encode, pcm)

    def close(self) -> Path:
        """Finishes the file, flushes it to disk and gives it its name; returns the path.

        Raises HushnoteError when writing fails (then no file is left).
        """
        try:
            self._guarded(self._encoder.finish)
            self._guarded(self._staged.publish)
        except BaseException:
            self._discard()
            raise
        return self.path

    def abort(self) -> None:
        """Drops the unfinished file; returns None."""
        with contextlib.suppress(OSError, av.error.FFmpegError, AttributeError):
            self._encoder.container.close()
        self._discard()

    def _discard(self) -> None:
        if self._staged is not None:
            self._staged.discard()

    def _guarded(self, step, *args) -> None:
        try:
            step(*args)
        except (OSError, av.error.FFmpegError) as exc:
            raise HushnoteError(f"{self.path}: writing failed ({getattr(exc, 'strerror', None) or exc})") from None

    def __enter__(self) -> AudioFileWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_audio_file(path: str | Path, audio: np.ndarray, sample_rate: int, fmt: str | None = None) -> Path:
    """Writes mono float32 ``audio`` to ``path`` (16-bit FLAC or WAV, by ``fmt`` or the extension); returns the path.

    Written in blocks of about ten seconds, complete or not at all. Raises
    HushnoteError for another extension or an unwritable destination.
    """
    fmt = fmt or audio_format_of(path)
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    block = 10 * int(sample_rate)
    with AudioFileWriter(path, sample_rate, fmt) as writer:
        for start in range(0, audio.size, block):
            writer.write(audio[start:start + block])
    return Path(path)
