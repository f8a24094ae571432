"""McAdams-coefficient voice alienation: LPC pole angles warped by a power law.

Each 20 ms frame (50 % overlap, Hann window) is split into an all-pole
spectral envelope and its residual. Every complex pole at angle ``phi``
(radians, 0..pi) is moved to ``phi ** alpha``; the residual is filtered
through the warped envelope and the frames are overlap-added. With
``alpha`` < 1 formants move towards about 2.5 kHz, a change of vocal tract
that speaker embeddings notice and speech recognisers mostly do not.
Pure numpy/scipy (Patino et al., "Speaker anonymisation using the McAdams
coefficient", Interspeech 2021).
"""
from __future__ import annotations

import numpy as np
from scipy.signal import lfilter

from audio_core import SAMPLE_RATE

FRAME_S = 0.02
LPC_ORDER = 20


def _lpc_batch(frames: np.ndarray, order: int) -> np.ndarray:
    """Returns LPC polynomials (n_frames, order + 1) by Levinson-Durbin on all frames at once."""
    n_fft = 1 << int(np.ceil(np.log2(2 * frames.shape[1])))
    spectrum = np.fft.rfft(frames, n_fft, axis=1)
    autocorr = np.fft.irfft(np.abs(spectrum) ** 2, n_fft, axis=1)[:, : order + 1]
    autocorr[:, 0] *= 1.0 + 1e-9  # white-noise correction keeps silent frames stable
    autocorr[:, 0] += 1e-12
    n = frames.shape[0]
    a = np.zeros((n, order + 1))
    a[:, 0] = 1.0
    error = autocorr[:, 0].copy()
    for i in range(1, order + 1):
        acc = autocorr[:, i] + np.einsum("nj,nj->n", a[:, 1:i], autocorr[:, i - 1 : 0 : -1])
        k = -acc / error
        a[:, 1 : i + 1] = a[:, 1 : i + 1] + k[:, None] * np.concatenate([a[:, i - 1 : 0 : -1], np.ones((n, 1))], axis=1)
        error *= 1.0 - k * k
    return a


def _warp_poles(lpc: np.ndarray, alpha: float) -> np.ndarray:
    """Returns LPC polynomials whose complex poles' angles are raised to the power ``alpha``."""
    order = lpc.shape[1] - 1
    companion = np.zeros((lpc.shape[0], order, order))
    companion[:, 0, :] = -lpc[:, 1:]
    companion[:, np.arange(1, order), np.arange(order - 1)] = 1.0
    poles = np.linalg.eigvals(companion)
    angles = np.angle(poles)
    complex_pole = np.abs(poles.imag) > 1e-8
    new_angles = np.where(complex_pole, np.sign(angles) * np.abs(angles) ** alpha, angles)
    warped = np.abs(poles) * np.exp(1j * new_angles)
    # the polynomial from its roots, all frames at once; real because poles come in conjugate pairs
    poly = np.zeros((lpc.shape[0], order + 1), dtype=complex)
    poly[:, 0] = 1.0
    for i in range(order):
        poly[:, 1 : i + 2] = poly[:, 1 : i + 2] - warped[:, i : i + 1] * poly[:, : i + 1]
    return poly.real


def alienate_mcadams(audio: np.ndarray, alpha: float, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns ``audio`` (mono float32) with its formants warped by McAdams coefficient ``alpha``.

    The result has the input's length and rate; ``alpha`` = 1 leaves the
    envelope unchanged, typical alienation uses 0.6..0.9. Raises ValueError
    for a non-mono array or alpha outside (0, 2).
    """
    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("alienate_mcadams expects mono audio (one dimension)")
    if not 0.0 < alpha < 2.0:
        raise ValueError(f"McAdams alpha must be in (0, 2), got {alpha}")
    frame = int(FRAME_S * sample_rate)
    hop = frame // 2
    if audio.size < frame:
        return audio.astype(np.float32)
    n_frames = 1 + int(np.ceil((audio.size - frame) / hop))
    padded = np.zeros((n_frames - 1) * hop + frame)
    padded[: audio.size] = audio
    window = np.hanning(frame + 1)[:-1]  # periodic Hann: sums to a constant at 50 % overlap
    starts = np.arange(n_frames) * hop
    frames = padded[starts[:, None] + np.arange(frame)] * window
    lpc = _lpc_batch(frames, LPC_ORDER)
    warped = _warp_poles(lpc, alpha)
    output = np.zeros_like(padded)
    for index, start in enumerate(starts):
        residual = lfilter(lpc[index], [1.0], frames[index])
        output[start : start + frame] += lfilter([1.0], warped[index], residual)
    output = output[: audio.size]
    # the warped envelope changes the gain; keep the input's level
    in_rms = np.sqrt(np.mean(audio**2)) + 1e-12
    out_rms = np.sqrt(np.mean(output**2)) + 1e-12
    output *= in_rms / out_rms
    return np.clip(output, -1.0, 1.0).astype(np.float32)
