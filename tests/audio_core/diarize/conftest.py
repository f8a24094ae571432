"""Diarization fixtures: real clips with reference turns, decoded once."""
from __future__ import annotations

import pytest

from audio_core.decode import decode_audio
from tests.support.diarization import reference_from_meeting_json, reference_from_rttm


@pytest.fixture(scope="session")
def voice_encoder(engines):
    return engines.diarization_encoder  # the int8 encoder the app's diarizer runs


@pytest.fixture(scope="session")
def float_voice_encoder(engines):
    """The float encoder: its embedding of a window does not depend on the batch the window runs in
    (the int8 one quantizes each run's activations on that run's range), for tests of exact sharing."""
    return engines.voice_encoder


@pytest.fixture(scope="session")
def meeting_audio(synthetic_meeting):
    return decode_audio(synthetic_meeting)


@pytest.fixture(scope="session")
def meeting_reference(synthetic_meeting):
    return reference_from_meeting_json(synthetic_meeting.with_suffix(".json"))


@pytest.fixture(scope="session")
def phone_call(testdata):
    path = testdata / "real" / "pyannote_sample.wav"
    return decode_audio(path), reference_from_rttm(path.with_suffix(".rttm"))


@pytest.fixture(scope="session")
def meeting_diarization(voice_encoder, meeting_audio):
    from audio_core.diarize.builtin import diarize_audio

    return diarize_audio(voice_encoder, meeting_audio)
