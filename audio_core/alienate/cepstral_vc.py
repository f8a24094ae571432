"""Voice conversion by mel-cepstral statistics ("cepstral"): a speaker's spectral envelope given a target voice's.

Each 5 ms frame's envelope, as a mel-cepstrum (``mel_cepstrum``), is
standardised by the speaker's own statistics over all their speech in the
note (mean and spread of every coefficient, voiced and unvoiced frames
apart) and re-coloured with the target voice's: what is typical of the
speaker (formant positions, tilt, how far each moves) becomes what is
typical of the target, and what a frame says beyond that, the sound being
made, is kept. Coefficient 0, the frame's level, is kept. Log-F0 keeps its
contour's shape with the target's mean (plus a secret offset) and range;
timing and aperiodicity are the speaker's. Then WORLD synthesises.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.mel_cepstrum import analyse, from_mel_cepstrum, speech_frames, to_mel_cepstrum
from audio_core.alienate.world import F0_CEILING_HZ, F0_FLOOR_HZ, PROFILE_FRAME_PERIOD_MS, synthesise_like

# the mapping also turns the speaker's correlations between coefficients into the target's (whitening and
# colouring with full covariances) where a class has enough frames; else each coefficient on its own
FULL_COVARIANCE = False
MIN_SAMPLES_S = 0.1  # shorter audio has too few frames to analyse: it comes back unchanged
MIN_CLASS_FRAMES = 20  # fewer voiced (or unvoiced) speech frames than this leave that class unmeasured
FULL_COVARIANCE_FRAMES_PER_DIMENSION = 4


@dataclass(frozen=True)
class CepstralStatistics:
    """Mean, standard deviation and covariance of the mel-cepstra of one class of frames (voiced or unvoiced)."""

    mean: np.ndarray
    std: np.ndarray
    covariance: np.ndarray
    frames: int


@dataclass(frozen=True)
class VoiceStatistics:
    """A voice's statistics over all its speech (None / 0 when unmeasured): a speaker's in a note, or a target's.

    log_f0_mean, log_f0_std: of natural-log F0 over voiced frames.
    """

    voiced: CepstralStatistics | None
    unvoiced: CepstralStatistics | None
    log_f0_mean: float
    log_f0_std: float


UNMEASURED = VoiceStatistics(None, None, 0.0, 0.0)


def _check(audio: np.ndarray, sample_rate: int, name: str) -> np.ndarray:
    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError(f"{name} expects mono audio (one dimension)")
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"{name} needs {SAMPLE_RATE} Hz audio")
    return audio


def _class_statistics(cepstra: np.ndarray) -> CepstralStatistics | None:
    if cepstra.shape[0] < MIN_CLASS_FRAMES:
        return None
    return CepstralStatistics(cepstra.mean(axis=0), cepstra.std(axis=0) + 1e-6, np.cov(cepstra, rowvar=False),
                              cepstra.shape[0])


def statistics_of(f0: np.ndarray, envelope_db: np.ndarray) -> VoiceStatistics:
    """Returns the statistics of analysed frames (WORLD's F0 and log envelope); unmeasurable parts empty."""
    speech = speech_frames(envelope_db)
    cepstra = to_mel_cepstrum(envelope_db[speech])
    voiced = f0[speech] > 0
    pitch = f0[f0 > 0]
    log_f0 = np.log(pitch) if pitch.size >= MIN_CLASS_FRAMES // 2 else None
    return VoiceStatistics(_class_statistics(cepstra[voiced]), _class_statistics(cepstra[~voiced]),
                           float(log_f0.mean()) if log_f0 is not None else 0.0,
                           float(log_f0.std()) if log_f0 is not None else 0.0)


def measure_voice_statistics(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> VoiceStatistics:
    """Returns the statistics of ``audio`` (one voice); silence or too little speech leaves parts unmeasured.

    Raises ValueError for a non-mono array or a rate other than 16 kHz.
    """
    audio = _check(audio, sample_rate, "measure_voice_statistics")
    if audio.size < MIN_SAMPLES_S * sample_rate or not np.any(audio):
        return UNMEASURED
    # statistics need neither the aperiodicity (WORLD's dearest part) nor every 5 ms frame
    f0, envelope_db, _ = analyse(audio, sample_rate, with_aperiodicity=False, frame_period_ms=PROFILE_FRAME_PERIOD_MS)
    return statistics_of(f0, envelope_db)


def _matrix_power(covariance: np.ndarray, power: float) -> np.ndarray:
    values, vectors = np.linalg.eigh(covariance)
    return (vectors * np.maximum(values, 1e-6) ** power) @ vectors.T


def map_cepstra(cepstra: np.ndarray, own: CepstralStatistics, target: CepstralStatistics) -> np.ndarray:
    """Returns ``cepstra`` with ``own`` statistics replaced by ``target``'s (coefficient 0, the level, kept)."""
    out = cepstra.copy()
    dims = slice(1, None)
    full = FULL_COVARIANCE and min(own.frames, target.frames) >= FULL_COVARIANCE_FRAMES_PER_DIMENSION * cepstra.shape[1]
    if full:
        transform = _matrix_power(target.covariance[dims, dims], 0.5) @ _matrix_power(own.covariance[dims, dims], -0.5)
        out[:, dims] = (cepstra[:, dims] - own.mean[dims]) @ transform.T + target.mean[dims]
    else:
        out[:, dims] = (cepstra[:, dims] - own.mean[dims]) / own.std[dims] * target.std[dims] + target.mean[dims]
    return out


def map_log_f0(f0: np.ndarray, own: VoiceStatistics, target_mean: float, target_std: float) -> np.ndarray:
    """Returns ``f0`` (Hz, 0 unvoiced) with the speaker's log-F0 mean and range replaced by the target's."""
    if own.log_f0_mean == 0.0:
        return f0
    voiced = f0 > 0
    out = np.zeros_like(f0)
    standard = (np.log(f0[voiced]) - own.log_f0_mean) / max(own.log_f0_std, 1e-3)
    out[voiced] = np.exp(target_mean + standard * target_std)
    return np.clip(out, F0_FLOOR_HZ, 2 * F0_CEILING_HZ) * voiced


def convert_cepstral(audio: np.ndarray, own: VoiceStatistics, target: VoiceStatistics,
                     pitch_offset_semitones: float = 0.0, pull: float = 1.0,
                     sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns ``audio`` with ``own`` statistics (the speaker's) replaced by ``target``'s (float32, same length and level).

    ``pull`` (0..1) is how far the envelope and pitch move from the speaker's own to the target's. Parts of ``own``
    left unmeasured are measured on ``audio``; a class of frames still unmeasured is left as it is. Audio shorter
    than MIN_SAMPLES_S or silent comes back unchanged. Raises ValueError for a non-mono array or a rate other than
    16 kHz.
    """
    audio = _check(audio, sample_rate, "convert_cepstral")
    if audio.size < MIN_SAMPLES_S * sample_rate or not np.any(audio):
        return audio.astype(np.float32)
    f0, envelope_db, aperiodicity = analyse(audio, sample_rate)
    if own.voiced is None or own.unvoiced is None or own.log_f0_mean == 0.0:
        here = statistics_of(f0, envelope_db)
        own = VoiceStatistics(own.voiced or here.voiced, own.unvoiced or here.unvoiced,
                              own.log_f0_mean or here.log_f0_mean, own.log_f0_std or here.log_f0_std)
    cepstra = to_mel_cepstrum(envelope_db)
    mapped = cepstra.copy()
    voiced = f0 > 0
    for rows, own_class, target_class in ((voiced, own.voiced, target.voiced), (~voiced, own.unvoiced, target.unvoiced)):
        if own_class is not None and target_class is not None and rows.any():
            mapped[rows] = map_cepstra(cepstra[rows], own_class, target_class)
    new_envelope = from_mel_cepstrum(cepstra + pull * (mapped - cepstra), envelope_db.shape[1], sample_rate)
    target_mean = target.log_f0_mean + pitch_offset_semitones * np.log(2.0) / 12.0
    new_f0 = f0
    if target.log_f0_mean and own.log_f0_mean:
        new_f0 = map_log_f0(f0, own, (1.0 - pull) * own.log_f0_mean + pull * target_mean,
                            (1.0 - pull) * own.log_f0_std + pull * target.log_f0_std)
    return synthesise_like(audio, new_f0, new_envelope, aperiodicity, sample_rate)
