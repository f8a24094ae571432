"""The diarization stage inside transcribe_file: speakers on by default, progress, cancellation, options."""
from __future__ import annotations

import pytest

from app.diarization import SpeakerOptions
from audio_core.errors import Cancelled, HushnoteError
from app.pipeline import PipelineOptions, transcribe_file
from audio_core.progress import CancelToken


@pytest.fixture(scope="module")
def phone_call(testdata):
    return testdata / "real" / "pyannote_sample.wav"


def test_a_transcribed_call_has_two_speakers_and_diarize_progress_in_audio_seconds(engines, phone_call):
    steps = []
    transcript = transcribe_file(phone_call, engines, PipelineOptions(detect_pii=False),
                                 hook=lambda step, artifact=None, **kw: steps.append((step, kw.get("completed"), kw.get("total"))))
    assert [s.name for s in transcript.speakers] == ["Speaker 1", "Speaker 2"]
    assert all(s.speaker_id in {"S1", "S2"} for s in transcript.segments)
    assert all(w.speaker_id == s.speaker_id for s in transcript.segments for w in s.words)
    diarize = [s for s in steps if s[0] == "diarize"]
    assert diarize[0][1] == 0.0 and diarize[-1][1] == diarize[-1][2] == pytest.approx(30.0, abs=0.5)
    assert steps.index(diarize[0]) > max(i for i, s in enumerate(steps) if s[0] == "transcribe")


def test_when_cancelled_during_diarization_then_cancelled_is_raised(engines, testdata):
    token = CancelToken()

    def hook(step, artifact=None, **kw):
        if step == "diarize":
            token.cancel()

    with pytest.raises(Cancelled):
        transcribe_file(testdata / "real" / "librivox_sas-0870.wav", engines, PipelineOptions(detect_pii=False),
                        hook=hook, cancel=token)


def test_speaker_options_refuse_impossible_counts():
    with pytest.raises(HushnoteError, match="impossible speaker count"):
        SpeakerOptions(min_speakers=4, max_speakers=2).diarization_options()
    assert SpeakerOptions(num_speakers=3).diarization_options().clustering.num_speakers == 3
