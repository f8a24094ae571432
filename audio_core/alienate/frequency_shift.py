"""Single-sideband frequency shifting: every component moves up by the same number of hertz.

Unlike a pitch shift, which multiplies frequencies, adding a constant makes
the harmonics of a voice inharmonic (100, 200, 300 Hz become 250, 350,
450 Hz). Speaker embeddings lean on that harmonic pattern; a speech
recogniser mostly hears the formants, which move only a little. Computed
with the analytic signal (FFT Hilbert transform), so it is linear-time and
exact apart from the edges.
"""
from __future__ import annotations

import numpy as np
from scipy.signal import hilbert

from audio_core import SAMPLE_RATE


def shift_frequencies(audio: np.ndarray, shift_hz: float, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns ``audio`` (mono) with every frequency moved up by ``shift_hz``, float32, same length.

    Raises ValueError for a non-mono array or a shift outside 0..1000 Hz.
    """
    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("shift_frequencies expects mono audio (one dimension)")
    if not 0.0 <= shift_hz <= 1000.0:
        raise ValueError(f"frequency shift must be in 0..1000 Hz, got {shift_hz}")
    if audio.size < 2 or shift_hz == 0.0:
        return audio.astype(np.float32)
    n_fft = 1 << int(np.ceil(np.log2(audio.size)))  # a power of two keeps the FFT fast on odd lengths
    analytic = hilbert(audio, n_fft)[: audio.size]
    carrier = np.exp(2j * np.pi * shift_hz * np.arange(audio.size) / sample_rate)
    return np.clip(np.real(analytic * carrier), -1.0, 1.0).astype(np.float32)
