"""Writing exported audio (FLAC or WAV, 16-bit mono) with PyAV."""
from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from audio_core.errors import HushnoteError
from audio_core import SAMPLE_RATE

CODECS = {"flac": ("flac", "flac"), "wav": ("wav", "pcm_s16le")}


def write_audio(path: str | Path, audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Path:
    """Writes mono float32 ``audio`` to ``path`` (.flac or .wav, 16-bit) and returns the path.

    Raises HushnoteError for another extension or an unwritable destination.
    """
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in CODECS:
        raise HushnoteError(f"cannot write audio as {path.suffix or 'no extension'!r}: choose flac or wav")
    container_format, codec = CODECS[kind]
    pcm = (np.clip(np.asarray(audio, np.float32), -1.0, 1.0) * 32767).astype(np.int16)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with av.open(str(path), "w", format=container_format) as container:
            stream = container.add_stream(codec, rate=sample_rate, layout="mono")
            frame = av.AudioFrame.from_ndarray(pcm[None, :], format="s16", layout="mono")
            frame.sample_rate = sample_rate
            for packet in stream.encode(frame):
                container.mux(packet)
            for packet in stream.encode(None):
                container.mux(packet)
    except OSError as exc:
        raise HushnoteError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
