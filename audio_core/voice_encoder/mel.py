"""Resemblyzer's mel spectrogram in numpy (the same numbers as its librosa call, without librosa).

Resemblyzer computes ``librosa.feature.melspectrogram(y, sr=16000, n_fft=400,
hop_length=160, n_mels=40)``: a power spectrogram of centred, zero-padded
25 ms Hann frames every 10 ms, through 40 Slaney-normalised mel filters.
It is a power spectrogram, not a log-mel one.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

SAMPLE_RATE = 16000
WINDOW_N = 400  # 25 ms
HOP_N = 160  # 10 ms
MEL_CHANNELS = 40


def _hz_to_mel(hz: np.ndarray) -> np.ndarray:
    """Slaney's mel scale: linear below 1 kHz, logarithmic above (librosa's default)."""
    hz = np.asarray(hz, np.float64)
    linear = hz / (200.0 / 3)
    log_from = 1000.0 / (200.0 / 3)
    return np.where(hz >= 1000.0, log_from + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27.0), linear)


def _mel_to_hz(mel: np.ndarray) -> np.ndarray:
    mel = np.asarray(mel, np.float64)
    log_from = 1000.0 / (200.0 / 3)
    return np.where(mel >= log_from, 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - log_from)), (200.0 / 3) * mel)


@lru_cache(maxsize=None)
def mel_filters(sample_rate: int = SAMPLE_RATE, n_fft: int = WINDOW_N, n_mels: int = MEL_CHANNELS) -> np.ndarray:
    """Returns the (n_mels, n_fft // 2 + 1) float32 Slaney mel filter bank from 0 Hz to Nyquist."""
    fft_hz = np.fft.rfftfreq(n_fft, 1.0 / sample_rate)
    edges_hz = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(sample_rate / 2.0), n_mels + 2))
    widths = np.diff(edges_hz)
    ramps = edges_hz[:, None] - fft_hz[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (edges_hz[2 : n_mels + 2] - edges_hz[:n_mels]))[:, None]
    weights = weights.astype(np.float32)
    weights.flags.writeable = False
    return weights


@lru_cache(maxsize=None)
def _hann(n: int) -> np.ndarray:
    window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)).astype(np.float32)  # periodic, as for an FFT
    window.flags.writeable = False
    return window


def mel_spectrogram(audio: np.ndarray) -> np.ndarray:
    """Returns the (n_frames, 40) float32 mel power spectrogram of 16 kHz ``audio``, one frame per 10 ms
    (``len(audio) // 160 + 1`` frames, centred)."""
    audio = np.asarray(audio, np.float32)
    padded = np.pad(audio, WINDOW_N // 2)
    n_frames = 1 + (padded.size - WINDOW_N) // HOP_N if padded.size >= WINDOW_N else 0
    out = np.empty((n_frames, MEL_CHANNELS), np.float32)
    filters_t = mel_filters().T
    window = _hann(WINDOW_N)
    frames = np.lib.stride_tricks.sliding_window_view(padded, WINDOW_N)[::HOP_N]
    chunk = 4096  # frames per FFT call: bounds the complex buffer on hour-long audio
    for lo in range(0, n_frames, chunk):
        spectrum = np.fft.rfft(frames[lo : lo + chunk] * window, axis=1)
        power = np.square(spectrum.real, dtype=np.float32) + np.square(spectrum.imag, dtype=np.float32)
        np.matmul(power, filters_t, out=out[lo : lo + chunk])
    return out
