"""Voice normalisation: every speaker is moved towards one common target voice.

Random shifts keep each voice's own character (a shifted voice is still
nearest to its original); normalisation removes it instead. For each
speaker we measure, once per note, the median pitch, the formant spacing
(a vocal-tract length estimate from Praat's Burg formants) and the
long-term average spectrum. The speaker's audio is then (1) equalised so
its long-term spectrum matches a fixed target shape, and (2) passed
through Praat's "Change gender" with the pitch median set to the target,
the pitch range narrowed, and the formants scaled to the target spacing;
(3) every frequency is moved up by a few hundred hertz at most
(``frequency_shift``), which breaks the harmonic pattern speaker models
rely on; (4) optionally, the upper spectral envelope is smoothed frame by
frame (``envelope_smoothing``) and the band of the fundamental is cut. Per-speaker
offsets around the target (drawn from the note secret) keep speakers
within a note distinguishable.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import butter, sosfiltfilt

from audio_core import SAMPLE_RATE
from audio_core.alienate.envelope_smoothing import smooth_upper_envelope
from audio_core.alienate.frequency_shift import shift_frequencies
from audio_core.alienate.pitch_formant import change_gender

PITCH_FLOOR_HZ = 60.0
PITCH_CEILING_HZ = 500.0
# between typical adult male (~100 Hz, ~1000 Hz spacing) and female (~210 Hz, ~1180 Hz) voices
TARGET_PITCH_HZ = 150.0
TARGET_FORMANT_SPACING_HZ = 1090.0
PITCH_RANGE_FACTOR = 0.6  # narrows every speaker's intonation range, a strong personal trait
FORMANT_RATIO_LIMITS = (0.82, 1.22)  # beyond this Praat's formant shift starts to smear words
EQ_LIMIT_DB = 12.0
EQ_FFT = 512
EQ_SMOOTH_BINS = 9  # about 280 Hz: follows the spectral tilt, not the harmonics
HIGHPASS_ORDER = 4  # run forwards and backwards: no phase change, 48 dB per octave


@dataclass(frozen=True)
class VoiceMeasurement:
    """What one speaker's voice measured in a note.

    median_pitch_hz: median F0 over voiced frames (0 when none were found).
    formant_spacing_hz: mean spacing of F1..F4 (0 when none were found).
    spectrum_db: smoothed long-term average power spectrum, EQ_FFT // 2 + 1 bins, mean 0 dB.
    """

    median_pitch_hz: float
    formant_spacing_hz: float
    spectrum_db: np.ndarray


def _smoothed_spectrum_db(audio: np.ndarray) -> np.ndarray:
    """Returns the long-term average power spectrum (dB, mean 0) of the louder frames, smoothed."""
    hop = EQ_FFT // 2
    if audio.size < EQ_FFT:
        return np.zeros(EQ_FFT // 2 + 1)
    n = 1 + (audio.size - EQ_FFT) // hop
    frames = audio[np.arange(n)[:, None] * hop + np.arange(EQ_FFT)] * np.hanning(EQ_FFT)
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    energy = power.sum(axis=1)
    # speech frames only: silence would pull the average towards the noise floor's shape
    loud = energy >= np.quantile(energy, 0.5)
    spectrum = 10 * np.log10(power[loud].mean(axis=0) + 1e-12)
    kernel = np.hanning(EQ_SMOOTH_BINS + 2)[1:-1]
    padded = np.pad(spectrum, EQ_SMOOTH_BINS // 2, mode="edge")
    smooth = np.convolve(padded, kernel / kernel.sum(), mode="valid")
    return smooth - smooth.mean()


def target_spectrum_db() -> np.ndarray:
    """Returns the target long-term spectrum (dB, mean 0): flat to 500 Hz, then -6 dB per octave."""
    freqs = np.fft.rfftfreq(EQ_FFT, 1 / SAMPLE_RATE)
    shape = -6.0 * np.log2(np.maximum(freqs, 500.0) / 500.0)
    return shape - shape.mean()


def measure_voice(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> VoiceMeasurement:
    """Returns the voice measurement of ``audio`` (one speaker, mono, at ``sample_rate``).

    Values that cannot be measured (silence, too short) come back as 0.
    Raises ValueError for a non-mono array or a rate other than 16 kHz.
    """
    import parselmouth
    from parselmouth.praat import call

    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("measure_voice expects mono audio (one dimension)")
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"measure_voice needs {SAMPLE_RATE} Hz audio")
    spectrum = _smoothed_spectrum_db(audio)
    if audio.size < 0.2 * sample_rate:
        return VoiceMeasurement(0.0, 0.0, spectrum)
    sound = parselmouth.Sound(audio, sampling_frequency=sample_rate)
    pitch = sound.to_pitch(pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ)
    f0 = pitch.selected_array["frequency"]
    voiced = f0 > 0
    median_hz = float(np.median(f0[voiced])) if voiced.sum() >= 5 else 0.0
    formants = sound.to_formant_burg(time_step=0.01, max_number_of_formants=5, maximum_formant=5250.0)
    times = formants.ts()
    pitch_times = pitch.ts()
    values = np.stack([call(formants, "To Matrix", i).values[0] for i in (1, 2, 3, 4)], axis=1)
    if values.size and pitch_times.size:
        # formants of voiced frames only: fricatives and silence give meaningless "formants"
        nearest = np.clip(np.searchsorted(pitch_times, times), 0, pitch_times.size - 1)
        values = values[voiced[nearest]]
    values = values[np.all(np.isfinite(values) & (values > 0), axis=1)]
    spacing = 0.0
    if len(values) >= 5:
        weights = np.array([0.5, 1.5, 2.5, 3.5])
        per_frame = values @ weights / (weights @ weights)
        spacing = float(np.median(per_frame))
    return VoiceMeasurement(median_hz, spacing, spectrum)


def equalise(audio: np.ndarray, gain_db: np.ndarray) -> np.ndarray:
    """Returns ``audio`` filtered by ``gain_db`` (EQ_FFT // 2 + 1 bins), overlap-add, same length."""
    hop = EQ_FFT // 2
    if audio.size < EQ_FFT:
        return audio.copy()
    gain = 10 ** (np.clip(gain_db, -EQ_LIMIT_DB, EQ_LIMIT_DB) / 20)
    n = 1 + int(np.ceil((audio.size - EQ_FFT) / hop))
    padded = np.zeros((n - 1) * hop + EQ_FFT)
    padded[: audio.size] = audio
    window = np.sqrt(np.hanning(EQ_FFT + 1)[:-1])  # sqrt-Hann analysis and synthesis sum to 1 at 50 %
    frames = padded[np.arange(n)[:, None] * hop + np.arange(EQ_FFT)] * window
    spectra = np.fft.rfft(frames, axis=1) * gain
    out_frames = np.fft.irfft(spectra, EQ_FFT, axis=1) * window
    out = np.zeros_like(padded)
    for index in range(n):
        out[index * hop : index * hop + EQ_FFT] += out_frames[index]
    return out[: audio.size]


@dataclass(frozen=True)
class NormalisationPlan:
    """How one speaker's audio is changed: EQ gains, pitch and formant changes, a frequency shift, a high-pass.

    new_median_pitch_hz: 0 keeps the pitch (no voiced frames were measured).
    highpass_hz: 0 keeps the low band.
    envelope_cutoff_hz, envelope_width_hz: the spectral envelope above the cut-off is smoothed over the width
        (``envelope_smoothing``); a width of 0 keeps it.
    """

    gain_db: np.ndarray
    new_median_pitch_hz: float
    formant_ratio: float
    pitch_range_factor: float
    shift_hz: float = 0.0
    highpass_hz: float = 0.0
    envelope_cutoff_hz: float = 0.0
    envelope_width_hz: float = 0.0


def formant_offset_away(profile: VoiceMeasurement, formant_offset: float) -> float:
    """Returns ``formant_offset`` with its sign (above or below 1) pointing away from the speaker's own side.

    A voice whose formant spacing is below the target's gets an offset above
    1, and the other way round; an unmeasured voice keeps ``formant_offset``.
    """
    if profile.formant_spacing_hz <= 0:
        return formant_offset
    size = abs(formant_offset - 1.0)
    return 1.0 + size if profile.formant_spacing_hz < TARGET_FORMANT_SPACING_HZ else 1.0 - size


def plan_normalisation(profile: VoiceMeasurement, pitch_offset_semitones: float = 0.0, formant_offset: float = 1.0,
                       strength: float = 1.0, shift_hz: float = 0.0, highpass_hz: float = 0.0) -> NormalisationPlan:
    """Returns the changes that move ``profile`` to the target voice (moved by the offsets).

    ``strength`` 0..1 interpolates (on log scales) between the voice as it
    is and the target; above 1 it goes past the target, away from where the
    voice started (2 mirrors it through the target; the pitch range then
    narrows to 0.2). ``shift_hz`` and ``highpass_hz`` are passed through to the plan.
    """
    target_pitch = TARGET_PITCH_HZ * 2 ** (pitch_offset_semitones / 12)
    target_spacing = TARGET_FORMANT_SPACING_HZ * formant_offset
    if profile.median_pitch_hz > 0:
        new_pitch = float(profile.median_pitch_hz * (target_pitch / profile.median_pitch_hz) ** strength)
    else:
        new_pitch = 0.0
    ratio = 1.0
    if profile.formant_spacing_hz > 0:
        ratio = float(np.clip((target_spacing / profile.formant_spacing_hz) ** strength, *FORMANT_RATIO_LIMITS))
    # the target spectrum, seen before the formant shift moves frequencies by ``ratio``
    freqs = np.fft.rfftfreq(EQ_FFT, 1 / SAMPLE_RATE)
    target = np.interp(freqs * ratio, freqs, target_spectrum_db())
    gain = strength * (target - profile.spectrum_db)
    range_factor = max(0.1, 1.0 - strength * (1.0 - PITCH_RANGE_FACTOR))
    return NormalisationPlan(gain - gain.mean(), new_pitch, ratio, range_factor, shift_hz, highpass_hz)


def normalise_voice(audio: np.ndarray, plan: NormalisationPlan, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns ``audio`` changed by ``plan`` (mono float32, the input's length and level).

    Raises ValueError for a non-mono array.
    """
    import parselmouth

    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("normalise_voice expects mono audio (one dimension)")
    if audio.size < 0.1 * sample_rate:
        return audio.astype(np.float32)
    equalised = equalise(audio, plan.gain_db)
    sound = parselmouth.Sound(equalised, sampling_frequency=sample_rate)
    out = change_gender(sound, sample_rate, plan.formant_ratio, plan.new_median_pitch_hz, plan.pitch_range_factor,
                        audio.size, PITCH_FLOOR_HZ, PITCH_CEILING_HZ)
    out = shift_frequencies(out, plan.shift_hz, sample_rate).astype(np.float64)
    if plan.envelope_width_hz > 0:
        out = smooth_upper_envelope(out, plan.envelope_cutoff_hz, plan.envelope_width_hz, sample_rate).astype(np.float64)
    if plan.highpass_hz > 0:
        out = sosfiltfilt(butter(HIGHPASS_ORDER, plan.highpass_hz, "highpass", fs=sample_rate, output="sos"), out)
    in_rms = np.sqrt(np.mean(audio**2)) + 1e-12
    out_rms = np.sqrt(np.mean(out**2)) + 1e-12
    return np.clip(out * in_rms / out_rms, -1.0, 1.0).astype(np.float32)
