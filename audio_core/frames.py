"""Decoded audio frames to numpy, safely for any channel count and sample format.

PyAV's ``AudioFrame.planes`` (and so ``to_ndarray``) counts planes by walking
FFmpeg's ``extended_data`` until a NULL pointer, but FFmpeg does not end that
array with NULL: a planar frame of 8 channels yields a ninth "plane" whose
pointer is the frame's line size, and one of more than 8 reads past the
array. Reading it segfaults. Here exactly one plane per channel (or one for a
packed frame) is read, and the channels are mixed in numpy, never by
FFmpeg's resampler, so every layout is downmixed the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

import av
import numpy as np
from av.audio.plane import AudioPlane

# Integer formats are scaled so that full scale is 1.0.
_SCALES = {
    "u8": (np.uint8, 128.0, 128.0),
    "s16": (np.int16, 0.0, 32768.0),
    "s32": (np.int32, 0.0, 2147483648.0),
    "s64": (np.int64, 0.0, 9223372036854775808.0),
    "flt": (np.float32, 0.0, 1.0),
    "dbl": (np.float64, 0.0, 1.0),
}
# Finite float samples beyond this (30 dB over full scale) are garbage, not
# loud audio; left in, they overflow the recogniser's spectrogram.
FLOAT_LIMIT = 32.0


@dataclass
class SampleCounts:
    """What was seen in the source samples: totals over every channel."""

    samples: int = 0
    clipped: int = 0
    nonfinite: int = 0

    @property
    def clipped_fraction(self) -> float:
        """Returns the share of source samples at or beyond full scale (0–1)."""
        return self.clipped / self.samples if self.samples else 0.0


def frame_channels(frame: av.AudioFrame) -> np.ndarray:
    """Returns ``frame``'s samples as a (channels, samples) array in its own dtype.

    Raises ValueError for a sample format numpy cannot hold.
    """
    name = frame.format.name.rstrip("p")
    if name not in _SCALES:
        raise ValueError(f"unsupported sample format {frame.format.name}")
    dtype = np.dtype(_SCALES[name][0])
    channels = frame.layout.nb_channels
    if frame.format.is_planar:
        planes = [np.frombuffer(AudioPlane(frame, i), dtype=dtype, count=frame.samples) for i in range(channels)]
        return np.stack(planes)
    packed = np.frombuffer(AudioPlane(frame, 0), dtype=dtype, count=frame.samples * channels)
    return packed.reshape(frame.samples, channels).T


def to_mono(frame: av.AudioFrame, channel: int | None, counts: SampleCounts) -> np.ndarray:
    """Returns ``frame`` as mono float32: the mean of all channels, or 1-based ``channel`` alone.

    Non-finite samples become 0 and are counted in ``counts``, as are
    samples at or beyond full scale. Raises ValueError for an unsupported
    sample format.
    """
    raw = frame_channels(frame)
    if channel is not None:
        raw = raw[channel - 1 : channel]
    offset, scale = _SCALES[frame.format.name.rstrip("p")][1:]
    counts.samples += raw.size
    if raw.dtype.kind == "f":
        finite = np.isfinite(raw)
        if not finite.all():
            counts.nonfinite += int(raw.size - np.count_nonzero(finite))
            raw = np.where(finite, raw, 0)
        counts.clipped += int(np.count_nonzero(np.abs(raw) >= 1.0))
        raw = np.clip(raw, -FLOAT_LIMIT, FLOAT_LIMIT)
    else:
        info = np.iinfo(raw.dtype)
        counts.clipped += int(np.count_nonzero((raw == info.max) | (raw == info.min)))
    if raw.shape[0] == 1:
        mono = raw[0].astype(np.float32)
    else:
        mono = raw.mean(axis=0, dtype=np.float64 if raw.dtype.itemsize > 4 else np.float32).astype(np.float32)
    if offset or scale != 1.0:
        mono = (mono - np.float32(offset)) / np.float32(scale)
    return mono
