"""The built-in diarizer on real and synthetic clips (loose DER bounds that still catch a broken diarizer;
the benchmark tests/bench/bench_diarization.py reports the real figures)."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.diarize.builtin import DiarizationOptions, collect_evidence, diarize_audio, turns_from_evidence
from audio_core.diarize.clustering import ClusteringOptions, cluster_embeddings
from tests.support.diarization import diarization_error_rate, reference_from_rttm


def test_when_three_voices_take_turns_then_three_speakers_are_found_with_low_error(meeting_diarization, meeting_reference):
    turns = meeting_diarization.turns
    assert {t.speaker for t in turns} == {0, 1, 2}
    assert diarization_error_rate(meeting_reference, turns) < 0.05  # measured 2.2 %
    assert meeting_diarization.voices.shape == (3, 256)


def test_turns_are_exclusive_in_time_order_and_inside_the_recording(meeting_diarization, meeting_audio):
    turns = meeting_diarization.turns
    duration_s = meeting_audio.size / 16000
    assert all(0 <= t.start_s < t.end_s <= duration_s + 1e-6 for t in turns)
    assert all(a.end_s <= b.start_s + 1e-9 for a, b in zip(turns, turns[1:]))
    assert turns[0].speaker == 0  # numbered by first appearance


@pytest.fixture(scope="session")
def phone_evidence(voice_encoder, phone_call):
    audio, _ = phone_call
    return collect_evidence(voice_encoder, [(0.0, audio)]), audio.size / 16000


def test_when_a_real_phone_call_is_diarized_then_its_two_speakers_are_told_apart(phone_evidence, phone_call):
    turns = turns_from_evidence(*phone_evidence).turns
    assert len({t.speaker for t in turns}) == 2
    assert diarization_error_rate(phone_call[1], turns) < 0.2  # measured 13.5 %


def test_when_two_people_talk_in_a_real_far_field_meeting_then_they_are_told_apart(voice_encoder, testdata):
    from audio_core.decode import decode_audio

    path = testdata / "meetings" / "dev01.wav"
    turns = diarize_audio(voice_encoder, decode_audio(path)).turns
    assert len({t.speaker for t in turns}) == 2
    assert diarization_error_rate(reference_from_rttm(path.with_suffix(".rttm")), turns) < 0.3  # measured 18.2 %


@pytest.fixture(scope="module")
def one_reader(testdata):
    """The five LibriVox clips of one reader (3 to 7 s each), decoded."""
    from audio_core.decode import decode_audio

    return [decode_audio(path) for path in sorted((testdata / "real").glob("librivox_*.wav"))]


def test_when_one_person_reads_a_short_clip_then_there_is_one_speaker(voice_encoder, one_reader):
    for audio in one_reader:  # too few windows for the eigengap: AHC decides
        assert {t.speaker for t in diarize_audio(voice_encoder, audio).turns} == {0}


def test_when_one_person_reads_for_half_a_minute_then_there_is_one_speaker(voice_encoder, one_reader):
    pause = np.zeros(8000, np.float32)
    audio = np.concatenate([part for clip in one_reader for part in (clip, pause)])
    diarization = diarize_audio(voice_encoder, audio)
    assert {t.speaker for t in diarization.turns} == {0}
    assert sum(t.end_s - t.start_s for t in diarization.turns) > 20


@pytest.mark.parametrize("count", [1, 3])
def test_when_the_speaker_count_is_given_then_it_is_respected(phone_evidence, count):
    options = DiarizationOptions(clustering=ClusteringOptions(num_speakers=count))
    assert len({t.speaker for t in turns_from_evidence(*phone_evidence, options).turns}) == count


def test_when_at_most_one_speaker_is_allowed_then_one_is_found(phone_evidence):
    options = DiarizationOptions(clustering=ClusteringOptions(max_speakers=1))
    assert {t.speaker for t in turns_from_evidence(*phone_evidence, options).turns} == {0}


def test_when_the_audio_is_silent_or_empty_then_there_are_no_turns(voice_encoder):
    assert diarize_audio(voice_encoder, np.zeros(16000 * 3, np.float32)).turns == []
    assert diarize_audio(voice_encoder, np.zeros(0, np.float32)).turns == []


def test_when_speaker_bounds_contradict_then_a_value_error():
    with pytest.raises(ValueError):
        cluster_embeddings(np.eye(4), ClusteringOptions(min_speakers=3, max_speakers=2))
