"""The optional pyannote backend's plumbing: folder checks, the missing-extra message, Annotation conversion.

pyannote.audio itself cannot be installed here (it requires torchaudio and
torchcodec, which are CUDA-only on this platform and would replace torch),
so these tests use pyannote.core, which is installed, and real folders.
"""
from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from pyannote.core import Annotation, Segment

from audio_core.errors import ModelError
from audio_core.diarize import SpeakerTurn
from audio_core.diarize.pyannote_backend import annotation_to_turns, check_pipeline_dir, import_pyannote, load_pipeline


def test_when_an_annotation_is_converted_then_turns_are_exclusive_and_numbered_by_first_appearance():
    annotation = Annotation(uri="call")
    annotation[Segment(0.0, 2.0)] = "SPEAKER_01"
    annotation[Segment(1.5, 3.0)] = "SPEAKER_00"
    annotation[Segment(3.5, 4.0)] = "SPEAKER_01"
    annotation[Segment(3.6, 3.8)] = "SPEAKER_00"
    assert annotation_to_turns(annotation) == [
        SpeakerTurn(0.0, 1.5, 0),
        SpeakerTurn(1.5, 3.0, 1),
        SpeakerTurn(3.5, 3.6, 0),
        SpeakerTurn(3.6, 3.8, 1),
        SpeakerTurn(3.8, 4.0, 0),
    ]


def test_when_the_pipeline_folder_is_missing_or_not_a_pipeline_then_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no such pyannote pipeline folder"):
        check_pipeline_dir(tmp_path / "community-1")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="no config.yaml"):
        load_pipeline(tmp_path / "empty")


def test_when_a_pipeline_folder_exists_then_its_config_is_found(tmp_path):
    (tmp_path / "config.yaml").write_text("pipeline:\n  name: pyannote.audio.pipelines.SpeakerDiarization\n  params: {}\n")
    assert check_pipeline_dir(tmp_path) == tmp_path / "config.yaml"


@pytest.mark.skipif(importlib.util.find_spec("pyannote.audio") is not None, reason="the extra is installed")
def test_when_the_extra_is_missing_then_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.delenv("PYANNOTE_METRICS_ENABLED", raising=False)
    with pytest.raises(ModelError, match=r"hushnote\[pyannote\]"):
        import_pyannote()
    import os

    assert os.environ["PYANNOTE_METRICS_ENABLED"] == "0"  # telemetry off before pyannote could load


def test_when_transcribe_names_a_missing_pipeline_then_one_line_error_and_no_network(run_cli, testdata, tmp_path):
    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0870.wav"), "--pyannote-pipeline",
                     str(tmp_path / "nowhere"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "no such pyannote pipeline folder" in result.stderr
    assert result.netlog == []


def test_speakers_from_pyannote_turns_get_voices_that_profiles_can_match(voice_encoder, meeting_audio, meeting_reference):
    from audio_core.diarize.pyannote_backend import voices_of_turns

    names = sorted({who for _, _, who in meeting_reference})
    turns = [SpeakerTurn(s, e, names.index(who)) for s, e, who in meeting_reference]
    voices = voices_of_turns(voice_encoder, meeting_audio, turns)
    assert voices.shape == (3, 256)
    similarity = voices @ voices.T
    assert np.allclose(np.diag(similarity), 1.0, atol=1e-4)
    assert similarity[0, 1] < 0.9 and similarity[0, 2] < 0.9
