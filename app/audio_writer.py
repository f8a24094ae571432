"""Writing mono audio exports (FLAC or WAV) chunk by chunk.

The file is written under a hidden temporary name in the destination folder
and renamed into place only when complete, so a failure never leaves half a
file behind or replaces an existing export with one.
"""
from __future__ import annotations

import os
from pathlib import Path

import av
import numpy as np

from audio_core.errors import HushnoteError

AUDIO_FORMATS = {"flac": ("flac", "flac", "s16"), "wav": ("wav", "pcm_s16le", "s16")}


class AudioFileWriter:
    """A mono 16-bit FLAC or WAV file being written; use as a context manager."""

    def __init__(self, path: str | Path, sample_rate: int, fmt: str = "flac") -> None:
        """Opens ``path`` for writing; raises HushnoteError for an unknown format or an unwritable folder."""
        if fmt not in AUDIO_FORMATS:
            raise HushnoteError(f"unknown audio format {fmt!r}: choose from {', '.join(AUDIO_FORMATS)}")
        self.path = Path(path)
        self.sample_rate = int(sample_rate)
        container_format, codec, sample_format = AUDIO_FORMATS[fmt]
        self._partial = self.path.with_name(f".{self.path.name}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._container = av.open(str(self._partial), "w", format=container_format)
        except (OSError, av.error.FFmpegError) as exc:
            raise HushnoteError(f"{self.path}: cannot write here ({getattr(exc, 'strerror', None) or exc})") from None
        self._stream = self._container.add_stream(codec, rate=self.sample_rate, layout="mono")
        self._stream.format = sample_format
        self._pts = 0

    def write(self, samples: np.ndarray) -> None:
        """Appends mono float32 ``samples`` (clipped to -1..1); returns None."""
        samples = np.asarray(samples, dtype=np.float32)
        if samples.size == 0:
            return
        pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = self.sample_rate
        frame.pts = self._pts
        self._pts += pcm.shape[1]
        self._mux(frame)

    def _mux(self, frame: av.AudioFrame | None) -> None:
        try:
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
        except OSError as exc:
            raise HushnoteError(f"{self.path}: writing failed ({exc.strerror or exc})") from None

    def close(self) -> Path:
        """Finishes the file and moves it into place; returns its path."""
        self._mux(None)
        self._container.close()
        os.replace(self._partial, self.path)
        return self.path

    def abort(self) -> None:
        """Drops the unfinished file; returns None."""
        try:
            self._container.close()
        except (OSError, av.error.FFmpegError):
            pass
        self._partial.unlink(missing_ok=True)

    def __enter__(self) -> AudioFileWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
