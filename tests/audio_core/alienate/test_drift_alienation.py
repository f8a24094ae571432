"""Time-varying offsets ("drift"): a speaker's secret pitch and formant offsets wander slowly over the recording."""
from __future__ import annotations

import numpy as np
import pytest

import audio_core.alienate.options as alienate_options
from audio_core.alienate.apply import alienate_recording
from audio_core.alienate.drift import DriftCurve, draw_drift_curve, drifted
from audio_core.alienate.options import AlienationOptions, parameter_ranges, speaker_parameters
from audio_core.decode import decode_audio

OPTIONS = AlienationOptions("normalise_random", 0.8)
SECRET = b"drifting-secret!"


@pytest.fixture(scope="module")
def reading(testdata):
    """Real read speech (LibriVox, one reader, 13 s)."""
    return np.concatenate([decode_audio(testdata / "real" / f"librivox_sas-{n}.wav") for n in ("0870", "0920")])


@pytest.fixture
def drifting(monkeypatch):
    """Switches the drift on: ± 3.2 semitones and ± 10 % formants at strength 0.8."""
    monkeypatch.setattr(alienate_options, "DRIFT_SEMITONES", 4.0)
    monkeypatch.setattr(alienate_options, "DRIFT_FORMANT", 0.125)


def _block_pitch_semitones(audio: np.ndarray, times_s: list[float], half_s: float) -> np.ndarray:
    """Returns the median F0 (semitones re 100 Hz) of ``audio`` within ± half_s of each time (nan when unvoiced)."""
    import parselmouth

    pitch = parselmouth.Sound(audio.astype(np.float64), sampling_frequency=16000).to_pitch(pitch_floor=60, pitch_ceiling=500)
    f0, t = pitch.selected_array["frequency"], pitch.ts()
    out = []
    for centre in times_s:
        voiced = f0[(np.abs(t - centre) <= half_s) & (f0 > 0)]
        out.append(12 * np.log2(np.median(voiced) / 100) if voiced.size >= 10 else np.nan)
    return np.asarray(out)


def _envelope(audio: np.ndarray) -> np.ndarray:
    """Returns the 20 ms RMS envelope (dB) of ``audio``."""
    frames = audio[: audio.size // 320 * 320].astype(np.float64).reshape(-1, 320)
    return 10 * np.log10((frames**2).mean(axis=1) + 1e-10)


def test_the_curve_is_smooth_bounded_and_drawn_from_the_secret():
    curve = draw_drift_curve(np.random.default_rng(3))
    assert curve == draw_drift_curve(np.random.default_rng(3)) and curve != draw_drift_curve(np.random.default_rng(4))
    values = np.array([curve.value_at(t) for t in np.arange(0, 60, 0.1)])
    assert np.all(np.abs(values) <= 1.0) and values.std() > 0.3  # it wanders over the whole range
    assert np.max(np.abs(np.diff(values))) < 0.2  # slowly: a tenth of a second moves it little
    fixed = DriftCurve((5.0, 7.0), (0.0, 0.0))
    assert fixed.value_at(0.0) == 0.0


def test_off_by_default_and_the_other_parameters_are_the_same_with_it_on(monkeypatch):
    still = speaker_parameters(OPTIONS, SECRET, "A")
    assert still.pitch_drift is None and drifted(still, 3.0) == still
    assert "pitch_drift_semitones" not in parameter_ranges(OPTIONS)
    monkeypatch.setattr(alienate_options, "DRIFT_SEMITONES", 2.5)
    monkeypatch.setattr(alienate_options, "DRIFT_FORMANT", 0.075)
    moving = speaker_parameters(OPTIONS, SECRET, "A")
    assert moving.drift_semitones == pytest.approx(2.0) and moving.drift_formant == pytest.approx(0.06)
    assert (moving.pitch_offset_semitones, moving.formant_offset, moving.eq_coefficients, moving.shift_hz) == \
        (still.pitch_offset_semitones, still.formant_offset, still.eq_coefficients, still.shift_hz)
    assert parameter_ranges(OPTIONS)["pitch_drift_semitones"] == [-2.0, 2.0]
    assert moving.pitch_drift != speaker_parameters(OPTIONS, SECRET, "B").pitch_drift  # each speaker their own curve
    assert moving.pitch_drift != speaker_parameters(OPTIONS, b"another-secret!!", "A").pitch_drift


def test_deterministic_given_the_secret_and_different_for_another(reading, drifting):
    audio = reading[: 5 * 16000]
    first = alienate_recording(audio, [], OPTIONS, SECRET)
    assert first.shape == audio.shape and first.dtype == np.float32 and np.all(np.isfinite(first))
    assert np.array_equal(first, alienate_recording(audio, [], OPTIONS, SECRET))
    assert not np.allclose(first, alienate_recording(audio, [], OPTIONS, b"another-secret!!"))


def test_the_voice_follows_the_secret_curve_and_keeps_length_and_timing(reading, monkeypatch):
    # a frequency-shifted voice has no pitch to measure (its harmonics are no longer multiples of one
    # frequency) and the high-pass removes the fundamental: both off here, so the pitch can be read
    monkeypatch.setattr(alienate_options, "RANDOM_SHIFT_HZ", (0.0, 0.0))
    monkeypatch.setattr(alienate_options, "RANDOM_HIGHPASS_HZ", 0.0)
    fixed = alienate_recording(reading, [], OPTIONS, SECRET)
    monkeypatch.setattr(alienate_options, "DRIFT_SEMITONES", 4.0)
    monkeypatch.setattr(alienate_options, "DRIFT_FORMANT", 0.125)
    moving = alienate_recording(reading, [], OPTIONS, SECRET)
    assert moving.shape == reading.shape
    parameters = speaker_parameters(OPTIONS, SECRET, "speaker")
    times = [float(t) for t in np.arange(1.0, reading.size / 16000 - 1.0, 1.0)]
    expected = np.array([parameters.drift_semitones * parameters.pitch_drift.value_at(t) for t in times])
    measured = _block_pitch_semitones(moving, times, 0.4) - _block_pitch_semitones(fixed, times, 0.4)
    ok = np.isfinite(measured)
    assert ok.sum() >= 6
    assert np.ptp(expected[ok]) > 2.0  # the curve moves the pitch by more than two semitones over the clip
    # the measured pitch moves with the curve (not by chance, not by a constant)
    assert np.corrcoef(expected[ok], measured[ok])[0, 1] > 0.8  # measured 0.93
    assert np.median(np.abs(measured[ok] - expected[ok])) < 1.5  # measured 0.85 semitones
    # the timing is kept: the loudness envelope matches the original's, best aligned with no lag
    original, changed = _envelope(reading), _envelope(moving)
    lags = range(-5, 6)
    correlations = [np.corrcoef(np.roll(changed, lag), original)[0, 1] for lag in lags]
    assert list(lags)[int(np.argmax(correlations))] == 0 and max(correlations) > 0.8
