"""The default alienation against the on-device attacker and the recogniser (looser bounds than the benchmark)."""
from __future__ import annotations

import json

import pytest

from app.privacy.voice_attack import VoiceSegment, attack, embed_segments, equal_error_rate
from app.wer import word_error_rate
from audio_core.alienate.apply import SpeakerTurn, alienate_recording
from audio_core.alienate.options import AlienationOptions
from audio_core.decode import decode_audio
from audio_core.transcribe import AsrOptions, transcribe_array


def test_eer_is_zero_for_separable_and_half_for_random_scores():
    assert equal_error_rate([0.9, 0.8, 0.2, 0.1], [True, True, False, False]) == 0.0
    assert equal_error_rate([0.5, 0.5, 0.5, 0.5], [True, False, True, False]) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        equal_error_rate([0.3], [True])


@pytest.fixture(scope="module")
def meeting(synthetic_meeting):
    reference = json.loads(synthetic_meeting.with_suffix(".json").read_text())
    turns = [SpeakerTurn(t["start"], t["end"], t["speaker"]) for t in reference["turns"]]
    segments = [VoiceSegment("meeting", t.speaker_id, t.start_s, t.end_s) for t in turns]
    return decode_audio(synthetic_meeting), turns, segments


def test_attacker_recognises_original_voices_but_not_alienated_ones(meeting, engines):
    audio, turns, segments = meeting
    encoder = engines.voice_encoder
    original = embed_segments(encoder, audio, segments)
    alienated_audio = alienate_recording(audio, turns, AlienationOptions(), b"test-note-secret")
    alienated = embed_segments(encoder, alienated_audio, segments)
    assert attack(segments, original, segments, original).eer <= 0.1
    # the benchmark measures about 20 % over all its data sets (target 40 %, not met); one 62 s
    # meeting gives a coarse estimate, so this only checks that alienation clearly hurts the attacker
    assert attack(segments, original, segments, alienated).eer >= 0.15


def test_alienated_speech_stays_intelligible(testdata, engines):
    import numpy as np

    paths = [testdata / "real" / f"librivox_sas-{n}.wav" for n in ("0870", "0890", "0930")]
    audio = np.concatenate([decode_audio(p) for p in paths])
    reference = " ".join(p.with_suffix(".txt").read_text() for p in paths)
    alienated = alienate_recording(audio, [], AlienationOptions(), b"another-secret!!")

    def heard(samples):
        return " ".join(s.text for s in transcribe_array(engines.recognizer, samples, AsrOptions(language="en")))

    assert word_error_rate(reference, heard(alienated)) <= word_error_rate(reference, heard(audio)) + 0.15
