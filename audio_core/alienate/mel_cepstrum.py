"""WORLD analysis and the mel-cepstrum of its spectral envelope, for the "cepstral" conversion.

The log envelope (dB) is read at MEL_POINTS frequencies evenly spaced on the
mel scale and summarised by a cosine transform: coefficient 0 is the frame's
level, the low ones the broad shape (formants, tilt), the high ones detail.
The inverse gives back a smooth envelope (finer detail than the mel grid, the
speaker's own, is dropped).
"""
from __future__ import annotations

import numpy as np
from scipy.fft import dct, idct

from audio_core.alienate.world import DIO_ALLOWED_RANGE, F0_CEILING_HZ, F0_FLOOR_HZ, FFT_SIZE, FRAME_PERIOD_MS

MEL_POINTS = 64
MEL_BAND_HZ = (60.0, 7600.0)
SPEECH_BELOW_PEAK_DB = 45.0  # frames quieter than this below the loud frames (95th percentile) are pauses


def analyse(audio: np.ndarray, sample_rate: int, with_aperiodicity: bool = True,
            frame_period_ms: float = FRAME_PERIOD_MS) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Returns (F0 in Hz with 0 unvoiced, log envelope in dB, aperiodicity or None), one row per WORLD frame."""
    import pyworld

    audio = np.ascontiguousarray(audio, dtype=np.float64)
    f0, times = pyworld.dio(audio, sample_rate, f0_floor=F0_FLOOR_HZ, f0_ceil=F0_CEILING_HZ,
                            frame_period=frame_period_ms, allowed_range=DIO_ALLOWED_RANGE)
    f0 = pyworld.stonemask(audio, f0, times, sample_rate)
    envelope = pyworld.cheaptrick(audio, f0, times, sample_rate, fft_size=FFT_SIZE)
    aperiodicity = pyworld.d4c(audio, f0, times, sample_rate, fft_size=FFT_SIZE) if with_aperiodicity else None
    return f0, 10.0 * np.log10(np.maximum(envelope, 1e-16)), aperiodicity


def _mel(hz):
    return 2595.0 * np.log10(1.0 + np.asarray(hz, dtype=np.float64) / 700.0)


def _grid(bins: int, sample_rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Returns (the linear bins' frequencies, the mel grid's frequencies), both in Hz."""
    mel = np.linspace(_mel(MEL_BAND_HZ[0]), _mel(MEL_BAND_HZ[1]), MEL_POINTS)
    return np.linspace(0.0, sample_rate / 2, bins), 700.0 * (10 ** (mel / 2595.0) - 1.0)


def to_mel_cepstrum(envelope_db: np.ndarray, sample_rate: int = 16000) -> np.ndarray:
    """Returns frames × MEL_POINTS mel-cepstral coefficients of log envelopes (frames × bins, dB)."""
    freqs, mel_hz = _grid(envelope_db.shape[1], sample_rate)
    position = np.interp(mel_hz, freqs, np.arange(freqs.size))
    lo = np.clip(np.floor(position).astype(int), 0, freqs.size - 2)
    frac = position - lo
    return dct(envelope_db[:, lo] * (1.0 - frac) + envelope_db[:, lo + 1] * frac, type=2, norm="ortho", axis=1)


def from_mel_cepstrum(cepstrum: np.ndarray, bins: int, sample_rate: int = 16000) -> np.ndarray:
    """Returns the log envelopes (frames × ``bins``, dB) of mel-cepstra, linear between mel points, edges held."""
    freqs, mel_hz = _grid(bins, sample_rate)
    on_mel = idct(cepstrum, type=2, norm="ortho", axis=1)
    position = np.interp(freqs, mel_hz, np.arange(mel_hz.size))
    lo = np.clip(np.floor(position).astype(int), 0, mel_hz.size - 2)
    frac = position - lo
    return on_mel[:, lo] * (1.0 - frac) + on_mel[:, lo + 1] * frac


def speech_frames(envelope_db: np.ndarray) -> np.ndarray:
    """Returns which frames are speech: their level within SPEECH_BELOW_PEAK_DB of the loud frames'."""
    level = envelope_db.mean(axis=1)
    if level.size == 0:
        return np.zeros(0, bool)
    return level > np.percentile(level, 95) - SPEECH_BELOW_PEAK_DB
