"""Voice normalisation ("normalise"): different speakers end up near one target voice, words kept."""
from __future__ import annotations

import json

import numpy as np
import pytest

from audio_core.alienate.apply import LabelledTurn, alienate_recording, alienate_voice
from audio_core.alienate.frequency_shift import shift_frequencies
from audio_core.alienate.normalise import TARGET_PITCH_HZ, measure_voice, normalise_voice, plan_normalisation
from audio_core.alienate.options import AlienationOptions, parameter_ranges, speaker_parameters
from audio_core.decode import decode_audio


@pytest.fixture(scope="module")
def meeting(synthetic_meeting):
    """The synthetic meeting's audio, its turns, and each speaker's speech joined."""
    audio = decode_audio(synthetic_meeting)
    turns = [LabelledTurn(t["start"], t["end"], t["speaker"]) for t in json.loads(synthetic_meeting.with_suffix(".json").read_text())["turns"]]
    voices = {}
    for turn in turns:
        voices.setdefault(turn.speaker_id, []).append(audio[int(turn.start_s * 16000) : int(turn.end_s * 16000)])
    return audio, turns, {speaker: np.concatenate(parts) for speaker, parts in voices.items()}


def _peak_hz(audio: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(audio * np.hanning(audio.size)))
    return float(np.fft.rfftfreq(audio.size, 1 / 16000)[np.argmax(spectrum)])


def test_frequency_shift_moves_a_tone_by_the_same_number_of_hertz():
    tone = 0.5 * np.sin(2 * np.pi * 500 * np.arange(16000) / 16000).astype(np.float32)
    shifted = shift_frequencies(tone, 150.0)
    assert shifted.shape == tone.shape and shifted.dtype == np.float32
    assert _peak_hz(shifted) == pytest.approx(650, abs=3)
    assert np.sqrt(np.mean(shifted**2)) == pytest.approx(np.sqrt(np.mean(tone**2)), rel=0.05)


@pytest.mark.parametrize("bad", [-10.0, 5000.0])
def test_frequency_shift_refuses_out_of_range_shifts(bad):
    with pytest.raises(ValueError, match="shift"):
        shift_frequencies(np.zeros(100, np.float32), bad)


def test_low_and_high_voices_are_both_moved_to_the_target_pitch(meeting):
    _, _, voices = meeting
    before, after = {}, {}
    for speaker in ("alex", "beth"):  # about 90 Hz and 165 Hz
        profile = measure_voice(voices[speaker])
        before[speaker] = profile.median_pitch_hz
        after[speaker] = measure_voice(normalise_voice(voices[speaker], plan_normalisation(profile))).median_pitch_hz
    assert before["beth"] / before["alex"] > 1.5
    for speaker in after:
        assert after[speaker] == pytest.approx(TARGET_PITCH_HZ, rel=0.1)


def test_measured_profiles_are_plausible_and_silence_measures_as_nothing(meeting):
    _, _, voices = meeting
    profile = measure_voice(voices["chris"])
    assert 70 < profile.median_pitch_hz < 200 and 800 < profile.formant_spacing_hz < 1400
    silent = measure_voice(np.zeros(16000, np.float32))
    assert silent.median_pitch_hz == 0.0 and silent.formant_spacing_hz == 0.0


def test_normalised_recording_is_full_length_level_kept_and_repeatable(meeting):
    audio, turns, _ = meeting
    clip, clip_turns = audio[: 20 * 16000], [t for t in turns if t.start_s < 20]
    options = AlienationOptions("normalise", 0.8)
    first = alienate_recording(clip, clip_turns, options, b"normalise-secret")
    assert first.shape == clip.shape and np.all(np.isfinite(first))
    assert np.sqrt(np.mean(first**2)) == pytest.approx(np.sqrt(np.mean(clip**2)), rel=0.25)
    assert np.array_equal(first, alienate_recording(clip, clip_turns, options, b"normalise-secret"))
    assert not np.allclose(first, alienate_recording(clip, clip_turns, options, b"another-secret!!"))


def test_normalise_parameters_scale_with_strength_and_are_reported():
    weak = speaker_parameters(AlienationOptions("normalise", 0.2), b"s" * 16, "A")
    strong = speaker_parameters(AlienationOptions("normalise", 1.0), b"s" * 16, "A")
    assert weak.normalise_pull < strong.normalise_pull == 1.0
    assert 0 < weak.shift_hz < strong.shift_hz
    assert speaker_parameters(AlienationOptions("normalise", 0.0), b"s" * 16, "A").shift_hz == 0.0
    ranges = parameter_ranges(AlienationOptions("normalise", 0.8))
    assert ranges["frequency_shift_hz"] == [120.0, 220.0] and set(ranges) == {"target_pitch_hz", "frequency_shift_hz"}


def test_too_short_or_silent_audio_survives_normalisation():
    parameters = speaker_parameters(AlienationOptions("normalise", 0.8), b"s" * 16, "A")
    for audio in (np.zeros(50, np.float32), np.zeros(16000, np.float32)):
        out = alienate_voice(audio, parameters)
        assert out.shape == audio.shape and np.all(np.isfinite(out))


def test_pitch_formant_re_exports_are_identical(meeting):
    from audio_core.alienate.pitch_formant import alienate_pitch_formant

    voice = meeting[2]["beth"][: 3 * 16000]
    assert np.array_equal(alienate_pitch_formant(voice, 1.3, 1.1), alienate_pitch_formant(voice, 1.3, 1.1))
