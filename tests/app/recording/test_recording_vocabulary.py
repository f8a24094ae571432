"""A recording's final pass spells listed words right (the live view marks listed names: tests/app/privacy).

Virtual microphone, real tiny.en. The live passes get no hint (it slowed them ~3.7 times in the benchmark).
"""
from __future__ import annotations

import threading

import pytest

from app.diarization import SpeakerOptions
from app.pipeline import PipelineOptions
from app.recording import MemorySink, RecordingOptions, RecordingSession
from app.vocabulary import parse_vocabulary
from audio_core.record import RecorderOptions
from tests.support.recording import run_while_playing
from tests.support.speech import speak, write_wav

pytestmark = pytest.mark.audio_device

SENTENCE = "Mairead Tshabalala moved the Trellisoft servers to Datadog monitoring."


def test_a_listed_name_is_spelled_right_in_the_saved_transcript(pulse, engines, tmp_path):
    clip = write_wav(tmp_path / "said.wav", speak(SENTENCE, "slt"))
    engines.recognizer  # noqa: B018 - load the model before the clock starts
    final = PipelineOptions(speakers=SpeakerOptions(enabled=False), detect_pii=False,
                            vocabulary=parse_vocabulary("name: Mairead Tshabalala\nterm: Trellisoft"))
    options = RecordingOptions(recorder=RecorderOptions(device="pulse"), duration_s=6.0, live_pii=False, final=final)
    recording_started = threading.Event()

    def hook(step, artifact=None, **numbers):
        if step == "record":
            recording_started.set()

    session = RecordingSession(engines, MemorySink(), options, hook=hook)

    result = run_while_playing(session, pulse, clip, recording_started)
    assert "Tshabalala" in result.transcript.text and "Trellisoft" in result.transcript.text, result.transcript.text
    assert result.live_text  # the live view ran
