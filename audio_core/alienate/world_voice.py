"""The "world" alienation of one speaker: their secret parameters turned into a WORLD conversion.

Every speaker is moved to one common voice (``normalise``'s target pitch and
formant spacing, and one long-term envelope shape), then to their own secret
point around it (a pitch offset and range, a formant warp away from their own
side, a smooth colouring), so speakers of one note stay distinguishable
while nobody without the secret knows where each voice went.
"""
from __future__ import annotations

import numpy as np
from scipy.signal import butter, sosfiltfilt

from audio_core import SAMPLE_RATE
from audio_core.alienate.frequency_shift import shift_frequencies
from audio_core.alienate.normalise import HIGHPASS_ORDER, TARGET_FORMANT_SPACING_HZ, TARGET_PITCH_HZ
from audio_core.alienate.options import VoiceParameters
from audio_core.alienate.random_eq import eq_curve_db
from audio_core.alienate.world import FFT_SIZE, WorldVoice, convert_voice, measure_world_voice, plan_world_conversion

# the common long-term envelope (Hz, dB), linear between points: the average over the benchmark's tune speakers
# (tests/bench/tune_alienation.py), smoothed, without the band limit of their phone and MP3 clips above 7 kHz
TARGET_ENVELOPE_POINTS = ((0.0, 35.0), (300.0, 35.0), (1000.0, 11.0), (3000.0, 6.0), (4000.0, 0.0), (6000.0, -12.0),
                          (8000.0, -15.0))
# each part's share of the way to the common voice (1 = all of the strength's pull)
PITCH_PULL = 1.0
WARP_PULL = 1.0
ENVELOPE_PULL = 1.0


def target_envelope_db(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns the long-term envelope every speaker is given (dB, mean 0, FFT_SIZE // 2 + 1 bins up to Nyquist)."""
    freqs = np.linspace(0.0, sample_rate / 2, FFT_SIZE // 2 + 1)
    hz, db = zip(*TARGET_ENVELOPE_POINTS)
    shape = np.interp(freqs, hz, db)
    return shape - shape.mean()


def alienate_world(audio: np.ndarray, parameters: VoiceParameters, sample_rate: int = SAMPLE_RATE,
                   voice: WorldVoice | None = None) -> np.ndarray:
    """Returns ``audio`` (one speaker) converted with ``parameters``, at the input's length and rate.

    ``voice`` is the speaker measured over all their speech in the note; without it ``audio`` itself is
    measured. Raises ValueError for a non-mono array or a rate other than 16 kHz.
    """
    voice = voice if voice is not None else measure_world_voice(audio, sample_rate)
    warp_size = abs(parameters.formant_offset - 1.0)
    # the warp offset points away from the speaker's own side of the common spacing
    own_side_low = 0 < voice.formant_spacing_hz < TARGET_FORMANT_SPACING_HZ
    warp_offset = 1.0 + warp_size if own_side_low or not parameters.formant_away else 1.0 - warp_size
    colouring = (eq_curve_db(parameters.eq_coefficients, parameters.eq_rms_db, FFT_SIZE // 2 + 1, sample_rate)
                 if parameters.eq_rms_db else None)
    plan = plan_world_conversion(
        voice,
        target_pitch_hz=TARGET_PITCH_HZ * 2 ** (parameters.pitch_offset_semitones / 12),
        target_range_semitones=parameters.pitch_range_semitones,
        target_spacing_hz=TARGET_FORMANT_SPACING_HZ * warp_offset,
        target_envelope_db=target_envelope_db(sample_rate),
        pull=parameters.normalise_pull * PITCH_PULL,
        colouring_db=colouring,
        warp_pull=parameters.normalise_pull * WARP_PULL,
        envelope_pull=parameters.normalise_pull * ENVELOPE_PULL,
    )
    out = convert_voice(audio, voice, plan, sample_rate)
    if parameters.shift_hz > 0:
        out = shift_frequencies(out, parameters.shift_hz, sample_rate)
    if parameters.highpass_hz > 0 and out.size > 3 * 2 * HIGHPASS_ORDER:
        sos = butter(HIGHPASS_ORDER, parameters.highpass_hz, "highpass", fs=sample_rate, output="sos")
        out = sosfiltfilt(sos, out.astype(np.float64)).astype(np.float32)
    return out
