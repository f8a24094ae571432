"""Pitch + formant shifting with Praat (praat-parselmouth), "Change gender".

Praat's PSOLA manipulation moves the pitch median and scales the formants
(by resampling, then restoring the duration), which changes both the voice
source and the vocal tract length a listener or a speaker model hears.
"""
from __future__ import annotations

import warnings

import numpy as np

from audio_core import SAMPLE_RATE

PITCH_FLOOR_HZ = 75.0
PITCH_CEILING_HZ = 600.0
MIN_SAMPLES_S = 0.1  # Praat needs a few pitch periods to analyse


def alienate_pitch_formant(
    audio: np.ndarray,
    pitch_ratio: float,
    formant_ratio: float,
    sample_rate: int = SAMPLE_RATE,
) -> np.ndarray:
    """Returns ``audio`` (mono float32) with pitch scaled by ``pitch_ratio`` and formants by ``formant_ratio``.

    Ratios of 1 leave the voice as it is. The result has the input's length
    and rate; audio too short or without voiced frames only gets the formant
    shift. Raises ValueError for a non-mono array or a ratio outside 0.5..2.
    """
    import parselmouth
    from parselmouth.praat import call

    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("alienate_pitch_formant expects mono audio (one dimension)")
    for name, ratio in (("pitch_ratio", pitch_ratio), ("formant_ratio", formant_ratio)):
        if not 0.5 <= ratio <= 2.0:
            raise ValueError(f"{name} must be in 0.5..2, got {ratio}")
    if audio.size < MIN_SAMPLES_S * sample_rate:
        return audio.astype(np.float32)
    sound = parselmouth.Sound(audio, sampling_frequency=sample_rate)
    pitch = sound.to_pitch(pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ)
    median_hz = call(pitch, "Get quantile", 0, 0, 0.5, "Hertz")
    new_median_hz = 0.0 if not np.isfinite(median_hz) else float(median_hz) * pitch_ratio
    changed = change_gender(sound, sample_rate, formant_ratio, new_median_hz, 1.0, audio.size)
    return np.clip(changed, -1.0, 1.0).astype(np.float32)


def change_gender(sound, sample_rate: int, formant_ratio: float, new_median_hz: float, pitch_range_factor: float,
                  n_samples: int, pitch_floor_hz: float = PITCH_FLOOR_HZ,
                  pitch_ceiling_hz: float = PITCH_CEILING_HZ, duration_factor: float = 1.0) -> np.ndarray:
    """Returns Praat's "Change gender" of ``sound`` as float64 samples at ``sample_rate``, ``n_samples`` long.

    ``new_median_hz`` 0 keeps the pitch; ``duration_factor`` stretches (over 1)
    or compresses the time, keeping the pitch. Praat's random jitter in unvoiced
    stretches is seeded, so the same input always gives the same output.
    """
    import parselmouth
    from parselmouth.praat import call, run

    with warnings.catch_warnings():
        # unvoiced audio (silence, whispering) only gets the formant shift; that is expected
        warnings.simplefilter("ignore", parselmouth.PraatWarning)
        # Praat jitters unvoiced stretches at random; a fixed seed makes re-exports of a note identical
        run("random_initializeWithSeedUnsafelyButPredictably (20261121)")
        try:
            changed = call(sound, "Change gender", pitch_floor_hz, pitch_ceiling_hz, formant_ratio, new_median_hz,
                           pitch_range_factor, duration_factor)
        finally:
            run("random_initializeSafelyAndUnpredictably ()")
    values = changed.values[0]
    if changed.sampling_frequency != sample_rate:
        from audio_core.resample import resample

        values = resample(values.astype(np.float32), int(changed.sampling_frequency), sample_rate)
    out = np.zeros(n_samples)
    n = min(out.size, values.size)
    out[:n] = values[:n]
    return out
