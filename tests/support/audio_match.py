"""Comparing recorded audio with the audio that was played into the virtual microphone."""
from __future__ import annotations

import numpy as np
from scipy.signal import fftconvolve


def best_alignment(recorded: np.ndarray, played: np.ndarray) -> tuple[int, float]:
    """Returns ``(lag, correlation)``: where ``played`` starts in ``recorded`` (samples) and the
    normalised correlation of the two over their overlap there (1.0 = identical up to gain)."""
    recorded = np.asarray(recorded, np.float64)
    played = np.asarray(played, np.float64)
    xcorr = fftconvolve(recorded, played[::-1], mode="full")
    lag = int(np.argmax(xcorr)) - (played.size - 1)
    start = max(lag, 0)
    overlap = min(recorded.size - start, played.size - max(-lag, 0))
    if overlap <= 0:
        return lag, 0.0
    a = recorded[start : start + overlap]
    b = played[max(-lag, 0) : max(-lag, 0) + overlap]
    denom = float(np.linalg.norm(a) * np.linalg.norm(b))
    return lag, float(np.dot(a, b) / denom) if denom else 0.0
