"""Silero VAD run once per block: recognition and the diarizer share its frame probabilities.

faster-whisper's VAD filter and the diarizer's speech regions (audio_core.diarize.speech)
both need Silero's speech probability for every 32 ms frame of the same decoded block;
run twice, it cost about 4 % of a bare recognition pass. The model faster-whisper hands
out (``faster_whisper.vad.get_vad_model``) is replaced by one that remembers its last
result and returns it when asked again about the same samples.
"""
from __future__ import annotations

import hashlib
import threading

import numpy as np

_install_lock = threading.Lock()


class SharedSilero:
    """Silero VAD that returns its last result for a second call on the same samples (thread-safe)."""

    def __init__(self, model):
        self._model = model
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._result: np.ndarray | None = None

    def __call__(self, audio: np.ndarray, *args, **kwargs) -> np.ndarray:
        """Returns the model's speech probabilities of ``audio`` (read-only: the same array may be shared)."""
        audio = np.ascontiguousarray(audio)
        key = (audio.shape, audio.dtype.str, args, tuple(sorted(kwargs.items())), hashlib.blake2b(audio.view(np.uint8)).digest())
        with self._lock:
            if key == self._key:
                return self._result
        result = np.asarray(self._model(audio, *args, **kwargs))
        result.flags.writeable = False
        with self._lock:
            self._key, self._result = key, result
        return result


def shared_vad_model() -> SharedSilero:
    """Returns the process's Silero VAD, installed as faster-whisper's own so its VAD filter shares results."""
    import faster_whisper.vad as fw_vad

    with _install_lock:
        current = fw_vad.get_vad_model()
        if not isinstance(current, SharedSilero):
            current = SharedSilero(current)
            fw_vad.get_vad_model = lambda: current
        return current
