"""Smoothing the upper spectral envelope: the high formants flatten, the words and the low band stay."""
from __future__ import annotations

import numpy as np
import pytest

from app.wer import word_error_rate
from audio_core.alienate.envelope_smoothing import smooth_upper_envelope
from audio_core.decode import decode_audio
from audio_core.transcribe import AsrOptions, transcribe_array


@pytest.fixture(scope="module")
def reading(testdata):
    """Real read speech (LibriVox, 13 s) and what is said."""
    paths = [testdata / "real" / f"librivox_sas-{n}.wav" for n in ("0870", "0920")]
    return np.concatenate([decode_audio(p) for p in paths]), " ".join(p.with_suffix(".txt").read_text() for p in paths)


def _band_spectrum_db(audio: np.ndarray, lo_hz: float, hi_hz: float) -> np.ndarray:
    """Returns the long-term power spectrum (dB) of ``audio`` between lo_hz and hi_hz, 31 Hz bins."""
    frames = audio[: audio.size // 512 * 512].reshape(-1, 512) * np.hanning(512)
    power = (np.abs(np.fft.rfft(frames, axis=1)) ** 2).mean(axis=0)
    freqs = np.fft.rfftfreq(512, 1 / 16000)
    return 10 * np.log10(power[(freqs >= lo_hz) & (freqs < hi_hz)] + 1e-12)


def _short_time_peakiness_db(audio: np.ndarray, lo_hz: float) -> float:
    """Returns the mean over loud frames of the spread (dB) of each frame's log spectrum above ``lo_hz``."""
    frames = audio[: audio.size // 512 * 512].reshape(-1, 512) * np.hanning(512)
    spectra = 20 * np.log10(np.abs(np.fft.rfft(frames, axis=1)) + 1e-9)
    loud = (frames**2).sum(axis=1) >= np.quantile((frames**2).sum(axis=1), 0.5)
    upper = spectra[loud][:, np.fft.rfftfreq(512, 1 / 16000) >= lo_hz]
    return float(np.mean(np.std(upper - upper.mean(axis=1, keepdims=True), axis=1)))


def test_the_upper_envelope_flattens_while_the_band_of_the_words_is_kept(reading):
    audio, _ = reading
    smoothed = smooth_upper_envelope(audio, 2500.0, 1000.0)
    assert smoothed.shape == audio.shape and smoothed.dtype == np.float32
    assert _short_time_peakiness_db(smoothed, 3000.0) < _short_time_peakiness_db(audio, 3000.0) - 0.75  # measured 18.8 -> 17.5 dB
    below = _band_spectrum_db(smoothed, 100.0, 2400.0) - _band_spectrum_db(audio, 100.0, 2400.0)
    assert np.max(np.abs(below)) < 1.0  # first and second formants untouched
    level = np.sqrt(np.mean(smoothed.astype(np.float64) ** 2)) / np.sqrt(np.mean(audio.astype(np.float64) ** 2))
    assert level == pytest.approx(1.0, abs=0.1)


def test_the_words_are_still_recognised(reading, engines):
    audio, reference = reading

    def heard(samples):
        return " ".join(s.text for s in transcribe_array(engines.recognizer, samples, AsrOptions(language="en")))

    before = word_error_rate(reference, heard(audio))
    after = word_error_rate(reference, heard(smooth_upper_envelope(audio, 2500.0, 1000.0)))
    assert after <= before + 0.05  # 41 words: at most two more words lost


def test_no_width_keeps_the_audio_and_bad_input_is_refused(reading):
    audio, _ = reading
    assert np.array_equal(smooth_upper_envelope(audio, 2500.0, 0.0), audio)
    assert np.max(np.abs(smooth_upper_envelope(audio, 7999.0, 1000.0) - audio)) < 1e-4  # nothing above the cut-off
    short = np.zeros(100, np.float32)
    assert smooth_upper_envelope(short, 2500.0, 1000.0).shape == short.shape
    with pytest.raises(ValueError):
        smooth_upper_envelope(np.stack([audio, audio]), 2500.0, 1000.0)
    with pytest.raises(ValueError):
        smooth_upper_envelope(audio, 9000.0, 1000.0)


def test_switched_on_in_normalise_random_it_changes_only_the_upper_band_and_is_reported(reading, monkeypatch):
    import audio_core.alienate.options as alienate_options
    from audio_core.alienate.apply import alienate_recording
    from audio_core.alienate.options import AlienationOptions, parameter_ranges

    audio = reading[0][: 6 * 16000]
    options = AlienationOptions("normalise_random", 0.8)
    plain = alienate_recording(audio, [], options, b"envelope-secret!")
    assert "envelope_smoothing_width_hz" not in parameter_ranges(options)  # off by default
    monkeypatch.setattr(alienate_options, "ENVELOPE_WIDTH_HZ", 1000.0)
    smoothed = alienate_recording(audio, [], options, b"envelope-secret!")
    assert parameter_ranges(options)["envelope_smoothing_width_hz"] == [1000.0, 1000.0]
    assert _short_time_peakiness_db(smoothed, 3000.0) < _short_time_peakiness_db(plain, 3000.0) - 0.5
    below = _band_spectrum_db(smoothed, 500.0, 2400.0) - _band_spectrum_db(plain, 500.0, 2400.0)
    # the rest of the chain is the same: below the cut-off only the level moves (it is renormalised afterwards)
    assert np.max(np.abs(below - below.mean())) < 0.1
