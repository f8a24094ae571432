"""Writing real media files with PyAV for tests: every container and codec users bring."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

# extension -> (container format, audio codec, sample rate)
AUDIO_FORMATS = {
    "wav": ("wav", "pcm_s16le", 44_100),
    "flac": ("flac", "flac", 48_000),
    "mp3": ("mp3", "libmp3lame", 44_100),
    "ogg": ("ogg", "libopus", 48_000),
    "opus": ("opus", "libopus", 48_000),
    "m4a": ("ipod", "aac", 44_100),
}


def _encode_audio(container, stream, audio: np.ndarray, rate: int) -> None:
    """Encodes mono float32 ``audio`` as stereo frames into ``stream``."""
    stereo = np.stack([audio, audio * 0.5]).astype(np.float32)
    frame_size = stream.codec_context.frame_size or 1024
    pts = 0
    for start in range(0, stereo.shape[1], frame_size):
        block = np.ascontiguousarray(stereo[:, start : start + frame_size])
        frame = av.AudioFrame.from_ndarray(block, format="fltp", layout="stereo")
        frame.sample_rate = rate
        frame.pts = pts
        pts += block.shape[1]
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)


def write_audio(path: Path, audio: np.ndarray, source_rate: int = 16_000) -> Path:
    """Writes mono float32 ``audio`` (at ``source_rate``) to ``path`` in the format its extension names."""
    from audio_core.resample import resample

    fmt, codec, rate = AUDIO_FORMATS[path.suffix.lstrip(".")]
    audio = resample(audio, source_rate, rate)
    with av.open(str(path), "w", format=fmt) as container:
        stream = container.add_stream(codec, rate=rate, layout="stereo")
        _encode_audio(container, stream, audio, rate)
    return path


def write_video(path: Path, audio: np.ndarray | None, source_rate: int = 16_000, seconds: float | None = None) -> Path:
    """Writes a small MP4/MKV with moving frames and, unless ``audio`` is None, an audio track."""
    from audio_core.resample import resample

    duration = seconds if seconds is not None else len(audio) / source_rate
    with av.open(str(path), "w") as container:
        video = container.add_stream("mpeg4", rate=10)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio_stream = None
        if audio is not None:
            codec, rate = ("aac", 44_100) if path.suffix == ".mp4" else ("libopus", 48_000)
            audio_stream = container.add_stream(codec, rate=rate, layout="stereo")
        for i in range(int(duration * 10)):
            image = np.full((48, 64, 3), (i * 7) % 255, np.uint8)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = i
            frame.time_base = Fraction(1, 10)
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        if audio_stream is not None:
            _encode_audio(container, audio_stream, resample(audio, source_rate, audio_stream.rate), audio_stream.rate)
    return path
