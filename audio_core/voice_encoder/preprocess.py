"""Resemblyzer's ``preprocess_wav`` for 16 kHz audio: louder to -30 dBFS, long silences cut (WebRTC VAD).

Kept to the same numbers as Resemblyzer's own, which the voice attack
(``app/privacy/voice_attack.py``) was calibrated with, without importing its
package (which imports torch).
"""
from __future__ import annotations

import numpy as np

TARGET_DBFS = -30.0
VAD_WINDOW_MS = 30
VAD_SMOOTHING_WINDOWS = 8
VAD_MAX_SILENCE_WINDOWS = 6
INT16_MAX = 2**15 - 1


def normalize_volume(wav: np.ndarray, target_dbfs: float = TARGET_DBFS, increase_only: bool = True) -> np.ndarray:
    """Returns ``wav`` scaled to ``target_dbfs`` RMS (left as it is when already louder and ``increase_only``)."""
    rms = np.sqrt(np.mean((wav * INT16_MAX) ** 2))
    with np.errstate(divide="ignore"):
        change_db = target_dbfs - 20 * np.log10(rms / INT16_MAX)
    if (change_db < 0 and increase_only) or not np.isfinite(change_db):
        return wav
    return wav * (10 ** (change_db / 20))


def _moving_average(values: np.ndarray, width: int) -> np.ndarray:
    padded = np.concatenate((np.zeros((width - 1) // 2), values, np.zeros(width // 2)))
    sums = np.cumsum(padded, dtype=float)
    sums[width:] = sums[width:] - sums[:-width]
    return sums[width - 1 :] / width


def trim_long_silences(wav: np.ndarray, sample_rate: int = 16000) -> np.ndarray:
    """Returns ``wav`` (float, 16 kHz) without the silences longer than about 0.2 s that WebRTC's VAD finds."""
    import webrtcvad
    from scipy.ndimage import binary_dilation

    window_n = VAD_WINDOW_MS * sample_rate // 1000
    wav = wav[: len(wav) - len(wav) % window_n]
    pcm = np.round(wav * INT16_MAX).astype("<i2").tobytes()
    vad = webrtcvad.Vad(mode=3)
    voiced = np.array(
        [vad.is_speech(pcm[start * 2 : (start + window_n) * 2], sample_rate=sample_rate) for start in range(0, len(wav), window_n)],
        dtype=float,
    )
    if voiced.size == 0:
        return wav
    mask = np.round(_moving_average(voiced, VAD_SMOOTHING_WINDOWS)).astype(bool)
    mask = binary_dilation(mask, np.ones(VAD_MAX_SILENCE_WINDOWS + 1))
    return wav[np.repeat(mask, window_n)]


def preprocess_wav(wav: np.ndarray) -> np.ndarray:
    """Returns 16 kHz ``wav`` made as loud as Resemblyzer's training data, with long silences removed."""
    return trim_long_silences(normalize_volume(np.asarray(wav), TARGET_DBFS, increase_only=True))
