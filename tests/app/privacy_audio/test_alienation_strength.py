"""The default alienation against the on-device attacker and the recogniser (looser bounds than the benchmark)."""
from __future__ import annotations

import json

import pytest

from app.privacy.voice_attack import VoiceSegment, attack, embed_segments, equal_error_rate
from app.wer import word_error_rate
from audio_core.alienate.apply import LabelledTurn, alienate_recording
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
    turns = [LabelledTurn(t["start"], t["end"], t["speaker"]) for t in reference["turns"]]
    segments = [VoiceSegment("meeting", t.speaker_id, t.start_s, t.end_s) for t in turns]
    return decode_audio(synthetic_meeting), turns, segments


@pytest.fixture(scope="module")
def original_embeddings(meeting, engines):
    audio, _, segments = meeting
    return embed_segments(engines.voice_encoder, audio, segments)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["combined", "normalise", "normalise_random"])
def test_attacker_recognises_original_voices_but_not_alienated_ones(meeting, engines, original_embeddings, method):
    audio, turns, segments = meeting
    original = original_embeddings
    alienated_audio = alienate_recording(audio, turns, AlienationOptions(method=method), b"test-note-secret")
    alienated = embed_segments(engines.voice_encoder, alienated_audio, segments)
    assert attack(segments, original, segments, original).eer <= 0.1
    # the benchmark measures about 23 % (combined), 38 % (normalise) and 30 % (normalise_random) over all its data sets
    # (target 40 %, not met); one 62 s meeting gives a coarse estimate, so this only checks that
    # alienation clearly hurts the attacker
    assert attack(segments, original, segments, alienated).eer >= 0.15


def _heard(engines, samples) -> str:
    return " ".join(s.text for s in transcribe_array(engines.recognizer, samples, AsrOptions(language="en")))


@pytest.fixture(scope="module")
def reading(testdata, engines):
    """LibriVox speech, its reference text, and the recogniser's WER on the original."""
    import numpy as np

    paths = [testdata / "real" / f"librivox_sas-{n}.wav" for n in ("0870", "0890", "0930")]
    audio = np.concatenate([decode_audio(p) for p in paths])
    reference = " ".join(p.with_suffix(".txt").read_text() for p in paths)
    return audio, reference, word_error_rate(reference, _heard(engines, audio))


@pytest.mark.parametrize("method", ["combined", "normalise", "normalise_random"])
def test_alienated_speech_stays_intelligible(reading, engines, method):
    audio, reference, wer_original = reading
    # the benchmark measures +3..+16 points over 317 words depending on the draw (target 5, not met);
    # 44 words swing by several words per draw, so two notes' draws and a looser bound
    wers = [word_error_rate(reference, _heard(engines, alienate_recording(audio, [], AlienationOptions(method=method), secret)))
            for secret in (b"another-secret!!", b"third-secret-key")]
    assert sum(wers) / len(wers) <= wer_original + 0.3
