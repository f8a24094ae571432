"""Smoothing the upper spectral envelope, frame by frame: the high formants go, the words stay.

Above about 2.5 kHz a voice's spectrum carries the fourth and fifth formants
and the shape of the speaker's own vocal tract, which change little from one
vowel to the next and so say more about who speaks than what is said; the
words live mostly in the first three formants and in the broad shape of the
fricatives. Each short-time spectrum's log magnitude above ``cutoff_hz`` is
replaced by itself smoothed over ``width_hz``, which keeps the level and the
broad tilt (so an "s" still sounds unlike an "sh") but flattens the formant
peaks. The phase is kept, so the timing of every sound is unchanged.
"""
from __future__ import annotations

import numpy as np
from scipy.ndimage import convolve1d

from audio_core import SAMPLE_RATE

FRAME = 512
HOP = 128  # 75 % overlap: sqrt-Hann analysis and synthesis windows sum to a constant
TRANSITION_HZ = 500.0  # the smoothing fades in over this band above the cut-off, so no edge is heard


def smooth_upper_envelope(audio: np.ndarray, cutoff_hz: float, width_hz: float,
                          sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns ``audio`` (mono) with its spectral envelope above ``cutoff_hz`` smoothed over ``width_hz``, float32.

    The result has the input's length; ``width_hz`` 0 returns the input unchanged.
    Raises ValueError for a non-mono array or a cut-off outside 0..Nyquist.
    """
    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("smooth_upper_envelope expects mono audio (one dimension)")
    if not 0.0 <= cutoff_hz < sample_rate / 2:
        raise ValueError(f"envelope smoothing cut-off must be in 0..{sample_rate / 2:.0f} Hz, got {cutoff_hz}")
    if width_hz <= 0 or audio.size < FRAME:
        return audio.astype(np.float32)
    n = 1 + int(np.ceil((audio.size - FRAME) / HOP))
    padded = np.zeros((n - 1) * HOP + FRAME + 2 * FRAME)
    padded[FRAME : FRAME + audio.size] = audio  # a frame of padding each side: the edges get full overlap too
    n += 2 * FRAME // HOP
    window = np.sqrt(np.hanning(FRAME + 1)[:-1])
    frames = padded[np.arange(n)[:, None] * HOP + np.arange(FRAME)] * window
    spectra = np.fft.rfft(frames, axis=1)
    log_mag = np.log(np.abs(spectra) + 1e-9)
    freqs = np.fft.rfftfreq(FRAME, 1 / sample_rate)
    half = max(1, int(round(width_hz / (freqs[1] * 2))))
    kernel = np.hanning(2 * half + 3)[1:-1]
    kernel /= kernel.sum()
    smoothed = convolve1d(log_mag, kernel, axis=1, mode="mirror")
    blend = np.clip((freqs - cutoff_hz) / TRANSITION_HZ, 0.0, 1.0)
    new_log = log_mag + blend * (smoothed - log_mag)
    out_frames = np.fft.irfft(spectra * np.exp(new_log - log_mag), FRAME, axis=1) * window
    out = np.zeros(padded.size + 2 * FRAME)
    for index in range(n):
        out[index * HOP : index * HOP + FRAME] += out_frames[index]
    out /= FRAME / HOP / 2  # the squared sqrt-Hann windows at 75 % overlap sum to FRAME / HOP / 2
    return np.clip(out[FRAME : FRAME + audio.size], -1.0, 1.0).astype(np.float32)
