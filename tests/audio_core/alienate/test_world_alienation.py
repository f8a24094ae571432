"""'world': WORLD vocoder conversion, a new pitch contour and a warped, re-levelled spectral envelope."""
from __future__ import annotations

import numpy as np
import pytest

from app.privacy.voice_attack import VoiceSegment, cosine, embed_segments
from app.voice_profiles import MATCH_THRESHOLD
from app.wer import word_error_rate
from audio_core.alienate.apply import LabelledTurn, alienate_recording, alienate_voice
from audio_core.alienate.options import AlienationOptions, parameter_ranges, speaker_parameters
from audio_core.alienate.world import WARP_LIMITS, measure_world_voice, warp_envelope
from audio_core.transcribe import AsrOptions, transcribe_array

OPTIONS = AlienationOptions("world", 0.8)
SECRET = b"world-secret-001"


@pytest.fixture(scope="module")
def alienated(reading):
    audio, _ = reading
    return alienate_recording(audio, [LabelledTurn(0.0, audio.size / 16000, "reader")], OPTIONS, SECRET)


def _pitch_hz(audio: np.ndarray) -> float:
    return float(np.exp(measure_world_voice(audio).log_f0_mean))


def test_the_voice_no_longer_matches_its_profile_while_the_words_are_still_recognised(reading, alienated, engines):
    audio, text = reading
    encoder = engines.voice_encoder
    whole = [VoiceSegment("r", "reader", 0.0, audio.size / 16000)]
    before = embed_segments(encoder, audio, whole)[0]
    after = embed_segments(encoder, alienated, whole)[0]
    assert cosine(before, after) < MATCH_THRESHOLD  # a voice profile of the reader would not match
    heard = " ".join(s.text for s in transcribe_array(engines.recognizer, alienated, AsrOptions(language="en")))
    original = " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en")))
    assert word_error_rate([text], [heard]) <= word_error_rate([text], [original]) + 0.10


def test_the_pitch_goes_to_the_secret_target_whatever_the_speaker(reading, alienated):
    audio, _ = reading
    parameters = speaker_parameters(OPTIONS, SECRET, "reader")
    target = 150.0 * 2 ** (parameters.pitch_offset_semitones / 12)
    assert _pitch_hz(alienated) == pytest.approx(target, rel=0.08)
    assert abs(np.log(_pitch_hz(audio) / target)) > 0.1  # the reader's own pitch was elsewhere


def test_same_secret_gives_the_same_audio_and_another_secret_another_voice(reading, alienated):
    audio, _ = reading
    clip = audio[: 4 * 16000]
    turns = [LabelledTurn(0.0, 4.0, "reader")]
    first = alienate_recording(clip, turns, OPTIONS, SECRET)
    assert np.array_equal(first, alienate_recording(clip, turns, OPTIONS, SECRET))
    assert not np.allclose(first, alienate_recording(clip, turns, OPTIONS, b"another-secret!!"))
    assert speaker_parameters(OPTIONS, SECRET, "A") != speaker_parameters(OPTIONS, SECRET, "B")


def test_odd_input_comes_back_whole_and_finite(odd_clip):
    clip = odd_clip
    out = alienate_recording(clip, [LabelledTurn(0.0, clip.size / 16000, "A")], OPTIONS, SECRET)
    assert out.shape == clip.shape and out.dtype == np.float32 and np.all(np.isfinite(out))
    assert np.max(np.abs(out)) <= 1.0
    assert np.all(np.isfinite(alienate_voice(clip, speaker_parameters(OPTIONS, SECRET, "A"))))


def test_the_warp_moves_a_peak_by_its_ratio_and_keeps_the_band():
    envelope = np.full((1, 513), -40.0)
    envelope[0, 100] = 0.0  # a peak at about 1.56 kHz
    for ratio in (0.85, 1.15):
        warped = warp_envelope(envelope, ratio)[0]
        assert abs(int(np.argmax(warped)) - 100 * ratio) <= 1.5
        assert warped[-1] == pytest.approx(-40.0)
    with pytest.raises(ValueError, match="warp"):
        warp_envelope(envelope, WARP_LIMITS[1] + 0.2)


def test_parameters_scale_with_strength_and_are_reported():
    assert {"target_pitch_hz", "pitch_range_semitones", "formant_warp", "eq_rms_db"} <= set(parameter_ranges(OPTIONS))
    weak = speaker_parameters(AlienationOptions("world", 0.2), SECRET, "A")
    strong = speaker_parameters(OPTIONS, SECRET, "A")
    assert weak.normalise_pull < strong.normalise_pull == 1.0
    assert abs(weak.pitch_offset_semitones) < abs(strong.pitch_offset_semitones)
