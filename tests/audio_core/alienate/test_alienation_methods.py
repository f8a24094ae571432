"""McAdams and pitch + formant alienation on real speech: shape kept, voice changed."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.alienate.apply import LabelledTurn, alienate_recording, alienate_voice
from audio_core.alienate.mcadams import alienate_mcadams
from audio_core.alienate.options import AlienationOptions, VoiceParameters, speaker_parameters
from audio_core.alienate.pitch_formant import alienate_pitch_formant
from audio_core.decode import decode_audio
from audio_core.errors import OptionError


@pytest.fixture(scope="module")
def speech(testdata) -> np.ndarray:
    return decode_audio(testdata / "real" / "librivox_sas-0870.wav")


def _median_pitch_hz(audio: np.ndarray) -> float:
    import parselmouth

    f0 = parselmouth.Sound(audio.astype(np.float64), 16000).to_pitch().selected_array["frequency"]
    return float(np.median(f0[f0 > 0]))


def _centroid_hz(audio: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(audio))
    freqs = np.fft.rfftfreq(audio.size, 1 / 16000)
    return float((spectrum * freqs).sum() / spectrum.sum())


def test_mcadams_keeps_length_and_level(speech):
    out = alienate_mcadams(speech, 0.7)
    assert out.shape == speech.shape and out.dtype == np.float32
    assert np.sqrt(np.mean(out**2)) == pytest.approx(np.sqrt(np.mean(speech**2)), rel=0.1)


def test_mcadams_alpha_one_leaves_voice_unchanged(speech):
    out = alienate_mcadams(speech, 1.0)
    assert np.sqrt(np.mean((out - speech) ** 2)) < 0.01 * np.sqrt(np.mean(speech**2))


def test_mcadams_moves_the_spectral_envelope(speech):
    # alpha < 1 pulls low formants up towards ~2.5 kHz: the spectrum's centre of mass rises
    assert _centroid_hz(alienate_mcadams(speech, 0.7)) > _centroid_hz(speech) + 100


def test_pitch_formant_shifts_pitch_by_the_ratio(speech):
    out = alienate_pitch_formant(speech, pitch_ratio=1.4, formant_ratio=1.15)
    assert out.shape == speech.shape
    assert _median_pitch_hz(out) / _median_pitch_hz(speech) == pytest.approx(1.4, rel=0.1)


def test_too_short_or_silent_audio_survives_both_methods():
    for audio in (np.zeros(50, np.float32), np.zeros(16000, np.float32)):
        for parameters in (VoiceParameters("mcadams", alpha=0.7), VoiceParameters("pitch_formant", pitch_ratio=1.3, formant_ratio=1.1)):
            out = alienate_voice(audio, parameters)
            assert out.shape == audio.shape and np.all(np.isfinite(out))


@pytest.mark.parametrize("bad", [dict(alpha=0.0), dict(alpha=2.5)])
def test_mcadams_rejects_out_of_range_alpha(speech, bad):
    with pytest.raises(ValueError):
        alienate_mcadams(speech, **bad)


def test_stereo_input_is_refused(speech):
    with pytest.raises(ValueError, match="mono"):
        alienate_mcadams(np.stack([speech, speech]), 0.8)
    with pytest.raises(ValueError, match="mono"):
        alienate_pitch_formant(np.stack([speech, speech]), 1.2, 1.1)


def test_parameters_are_consistent_within_a_note_and_differ_between_notes():
    options = AlienationOptions(method="pitch_formant", strength=0.8)
    a1 = speaker_parameters(options, b"note-one-secret!", "SPEAKER_00")
    assert a1 == speaker_parameters(options, b"note-one-secret!", "SPEAKER_00")
    assert a1 != speaker_parameters(options, b"note-one-secret!", "SPEAKER_01")
    assert a1 != speaker_parameters(options, b"note-two-secret!", "SPEAKER_00")


def test_strength_zero_is_identity_and_strength_scales_the_change():
    weak = speaker_parameters(AlienationOptions("mcadams", 0.0), b"s" * 16, "A")
    assert weak.alpha == 1.0
    mild = speaker_parameters(AlienationOptions("mcadams", 0.4), b"s" * 16, "A")
    strong = speaker_parameters(AlienationOptions("mcadams", 1.0), b"s" * 16, "A")
    assert 1.0 > mild.alpha > strong.alpha >= 0.6


def test_bad_options_are_refused():
    with pytest.raises(OptionError, match="method"):
        AlienationOptions(method="robot")
    with pytest.raises(OptionError, match="strength"):
        AlienationOptions(strength=1.5)


def test_recording_is_alienated_per_speaker_at_full_length(speech):
    half = speech.size / 2 / 16000
    turns = [LabelledTurn(0.0, half - 0.2, "A"), LabelledTurn(half + 0.2, speech.size / 16000, "B")]
    out = alienate_recording(speech, turns, AlienationOptions("mcadams", 1.0), b"k" * 16)
    assert out.shape == speech.shape
    # every stretch changed, gaps between turns included: no original voice survives anywhere
    for lo in range(0, speech.size - 4000, 4000):
        chunk, changed = speech[lo : lo + 4000], out[lo : lo + 4000]
        if np.sqrt(np.mean(chunk**2)) > 0.01:
            assert np.sqrt(np.mean((changed - chunk) ** 2)) > 0.2 * np.sqrt(np.mean(chunk**2))


def test_combined_method_applies_both_changes(speech):
    parameters = speaker_parameters(AlienationOptions("combined", 1.0), b"c" * 16, "A")
    assert parameters.alpha < 1.0 and parameters.pitch_ratio != 1.0 and parameters.formant_ratio != 1.0
    out = alienate_voice(speech, parameters)
    assert out.shape == speech.shape
    assert _median_pitch_hz(out) / _median_pitch_hz(speech) == pytest.approx(parameters.pitch_ratio, rel=0.12)


@pytest.mark.parametrize("language, has_text, method, fallback", [
    ("en", True, "resynth", False), ("", True, "resynth", False), ("en-GB", True, "resynth", False),
    ("de", True, "normalise_random", True), ("ja", True, "normalise_random", True), ("en", False, "normalise_random", True),
])
def test_the_default_method_is_resynthesis_where_it_was_measured(language, has_text, method, fallback):
    from audio_core.alienate.default_method import choose_alienation, default_alienation

    choice = default_alienation(language, has_text)
    assert (choice.options.method, choice.fallback) == (method, fallback)
    assert choice.notice.startswith(f"voices alienated with {method}") and choice.reason
    assert AlienationOptions().method == "resynth"
    explicit = choose_alienation(AlienationOptions("mcadams", 0.5), language, has_text)
    assert explicit.options == AlienationOptions("mcadams", 0.5) and not explicit.fallback
