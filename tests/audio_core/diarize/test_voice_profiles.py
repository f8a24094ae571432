"""Voice profiles: an enrolled voice is named in a later recording; a stranger never takes a name."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.errors import HushnoteError, InputError
from audio_core.model import Segment, Transcript
from app.speakers import assign_speakers
from app.voice_profiles import MemoryProfileStore, enrol, label_known_speakers, match_voices, voice_of


def _speech_of(audio, reference, who, first_turns=None):
    turns = [(s, e) for s, e, w in reference if w == who][:first_turns]
    return np.concatenate([audio[int(s * 16000): int(e * 16000)] for s, e in turns])


def _named(diarization, profiles) -> list[str]:
    transcript = Transcript(segments=[Segment(t.start_s, t.end_s, "…") for t in diarization.turns])
    transcript = assign_speakers(transcript, diarization.turns)
    return [s.name for s in label_known_speakers(transcript, match_voices(diarization.voices, profiles)).speakers]


def test_when_a_voice_is_enrolled_then_that_speaker_is_named_and_the_others_stay_numbered(
    voice_encoder, meeting_audio, meeting_reference, meeting_diarization
):
    store = MemoryProfileStore()
    vector, speech_s = voice_of(voice_encoder, _speech_of(meeting_audio, meeting_reference, "beth", first_turns=2))
    assert speech_s > 3
    store.save("Beth", vector)
    names = _named(meeting_diarization, store.list())
    assert names.count("Beth") == 1
    assert sorted(n for n in names if n != "Beth") == ["Speaker 1", "Speaker 3"] or len(names) == 3
    first_beth = next(t.speaker for t in meeting_diarization.turns if t.start_s >= 7.0)
    assert names[first_beth] == "Beth"


def test_when_nobody_in_the_recording_was_enrolled_then_no_speaker_takes_a_name(
    voice_encoder, testdata, meeting_diarization
):
    from audio_core.decode import decode_audio

    store = MemoryProfileStore()
    store.save("Reader", voice_of(voice_encoder, decode_audio(testdata / "real" / "librivox_sas-0870.wav"))[0])
    store.save("Caller", voice_of(voice_encoder, decode_audio(testdata / "real" / "pyannote_sample.wav")[16000 * 6: 16000 * 16])[0])
    assert _named(meeting_diarization, store.list()) == ["Speaker 1", "Speaker 2", "Speaker 3"]


def test_when_a_recording_has_too_little_speech_then_enrolment_is_refused(voice_encoder, tmp_path):
    from tests.support.media import write_audio

    silent = tmp_path / "silence.wav"
    write_audio(silent, np.zeros(16000 * 5, np.float32))
    store = MemoryProfileStore()
    with pytest.raises(InputError, match="speech"):
        enrol(store, voice_encoder, "Nobody", silent)
    with pytest.raises(HushnoteError):
        enrol(store, voice_encoder, "  ", silent)
    assert store.list() == []


def test_a_profile_matches_at_most_one_speaker():
    profile_vector = np.ones(4, np.float32) / 2
    store = MemoryProfileStore()
    profile = store.save("Ann", profile_vector)
    voices = np.stack([profile_vector, profile_vector * 0.999])
    assert [m.speaker_index for m in match_voices(voices, [profile])] == [0]
    store.delete(profile.id)
    with pytest.raises(HushnoteError):
        store.delete(profile.id)
