"""A transcript records the language Whisper heard, so personal data is then looked for in that language."""
from __future__ import annotations

import subprocess

import numpy as np
import pytest
import soundfile

from app.diarization import SpeakerOptions
from app.engines import EngineSettings, Engines
from app.models_registry import ensure_base_model
from app.pipeline import PipelineOptions, SourceInfo, transcribe_stream
from audio_core.transcribe import AsrOptions

GERMAN = "Guten Morgen zusammen. Ich heiße Katrin Vogel und wohne in Hamburg. Wir besprechen heute den Zeitplan."


@pytest.fixture(scope="module")
def base_engines():
    return Engines(EngineSettings(model=str(ensure_base_model()), device="cpu"))


def _spoken_german(folder) -> np.ndarray:
    wav = folder / "german.wav"
    subprocess.run(["espeak-ng", "-v", "de", "-s", "130", "-w", str(wav), GERMAN], check=True)
    audio, rate = soundfile.read(wav, dtype="float32")
    from audio_core.resample import resample

    return resample(audio, rate, 16000)


@pytest.mark.slow
def test_detected_language_is_recorded_and_drives_detection(base_engines, tmp_path):
    options = PipelineOptions(asr=AsrOptions(language=None, beam_size=1), speakers=SpeakerOptions(enabled=False))
    transcript = transcribe_stream([_spoken_german(tmp_path)], SourceInfo("Besprechung", "german.wav"), base_engines, options)
    assert transcript.language == "de"
    assert transcript.segments
    assert any(span.entity_type == "PERSON" for span in transcript.pii_spans)
