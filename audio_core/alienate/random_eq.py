"""Per-speaker random spectral colouring: a smooth, secret EQ curve over log-frequency.

A speaker model reads a voice largely from its long-term spectral envelope;
a speech recogniser is trained to ignore the microphone and room, which
colour speech in much the same way. So each speaker gets their own smooth
random curve (a few cosines over log-frequency between 100 Hz and 8 kHz, a
few dB RMS), drawn from the note secret. Two renderings of one voice with
different secrets end up further apart than the voice's own character,
which is what defeats an attacker who alienates their enrolment audio too.
"""
from __future__ import annotations

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.normalise import EQ_FFT

EQ_LOW_HZ = 100.0
EQ_HIGH_HZ = 8000.0
EQ_COSINES = 4  # four half-periods over the band at most: a tilt and a few broad bumps, no narrow notches


def draw_eq_coefficients(rng: np.random.Generator) -> tuple[float, ...]:
    """Returns 2 * EQ_COSINES coefficients (cosine, sine per harmonic) for :func:`eq_curve_db`."""
    return tuple(round(float(c), 4) for c in rng.normal(size=2 * EQ_COSINES))


def eq_curve_db(coefficients: tuple[float, ...], rms_db: float, n_bins: int = EQ_FFT // 2 + 1,
                sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns the EQ gains (dB, mean 0, RMS ``rms_db``) at ``n_bins`` linearly spaced frequencies up to Nyquist.

    Raises ValueError when the number of coefficients is not 2 * EQ_COSINES.
    """
    if len(coefficients) != 2 * EQ_COSINES:
        raise ValueError(f"an EQ curve needs {2 * EQ_COSINES} coefficients, got {len(coefficients)}")
    freqs = np.linspace(0.0, sample_rate / 2, n_bins)
    position = np.log2(np.clip(freqs, EQ_LOW_HZ, EQ_HIGH_HZ) / EQ_LOW_HZ) / np.log2(EQ_HIGH_HZ / EQ_LOW_HZ)
    curve = np.zeros(n_bins)
    for k in range(EQ_COSINES):
        angle = np.pi * (k + 1) * position
        curve += coefficients[2 * k] * np.cos(angle) + coefficients[2 * k + 1] * np.sin(angle)
    curve -= curve.mean()
    rms = np.sqrt(np.mean(curve**2))
    return curve * (rms_db / rms) if rms > 1e-9 else curve

