"""A background that no longer speaks: residual speech masked out of a background stem.

A separator's background is ``mixture - voice``; wherever the voice estimate
falls short, the remainder is still speech, quiet but intelligible to a
recogniser. For a background-only export (a privacy export) each
time-frequency cell where the voice stem dominates is suppressed too, with a
Wiener-like mask over both stems, so only what the separator judged
background survives.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ResidualSpeechOptions:
    """How hard residual speech is masked out of a background stem.

    voice_weight: how much the voice stem's power counts against the background's in
        each cell; 8 suppresses cells where the voice is within ~9 dB of the background.
    floor: the smallest gain a cell keeps (0.0 = may be silenced entirely).
    window_s: STFT window length (hop is a quarter of it).
    """

    voice_weight: float = 8.0
    floor: float = 0.0
    window_s: float = 0.032


def speech_free_background(
    background: np.ndarray,
    voice: np.ndarray,
    sample_rate: int,
    options: ResidualSpeechOptions = ResidualSpeechOptions(),
) -> np.ndarray:
    """Returns ``background`` (mono float32) with the cells where ``voice`` dominates masked out.

    Both stems have the same length and rate; the result keeps that length.
    Raises ValueError when the stems differ in length.
    """
    if background.shape != voice.shape:
        raise ValueError(f"stems differ in length: {background.shape} vs {voice.shape}")
    if background.size == 0:
        return background.astype(np.float32)
    # scipy.signal takes about a second to import: only the background export needs it, not every CLI start.
    from scipy.signal import istft, stft

    window = max(64, int(round(options.window_s * sample_rate)))
    window = min(window, max(64, background.size))
    hop = window // 4
    _, _, b = stft(background, fs=sample_rate, nperseg=window, noverlap=window - hop, boundary="even")
    _, _, v = stft(voice, fs=sample_rate, nperseg=window, noverlap=window - hop, boundary="even")
    b_power, v_power = np.abs(b) ** 2, np.abs(v) ** 2
    gain = b_power / (b_power + options.voice_weight * v_power + 1e-12)
    gain = np.maximum(gain, options.floor)
    _, masked = istft(gain * b, fs=sample_rate, nperseg=window, noverlap=window - hop, boundary=True)
    out = np.zeros(background.size, dtype=np.float32)
    n = min(out.size, masked.size)
    out[:n] = masked[:n]
    return out
