"""Exports that split voices from background: alienated voices over the untouched music, and background-only audio by Spleeter."""
from __future__ import annotations

import json

import numpy as np
import pytest

from audio_core.errors import HushnoteError
from app.export_job import ExportRequest, export_note
from audio_core.model import Segment, Transcript
from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio
from tests.support.mixtures import meeting_over_music as meeting_over_music_mixture


@pytest.fixture(scope="module")
def meeting_over_music(testdata):
    """Returns (transcript with the speaker turns, mixture, speech, music): three turns under music at 0 dB."""
    meeting = meeting_over_music_mixture(testdata)
    segments = [Segment(t["start"], t["end"], t["text"], speaker_id=t["speaker"]) for t in meeting.turns]
    transcript = Transcript(segments=segments, duration_s=meeting.speech.size / SAMPLE_RATE, title="standup")
    return transcript, meeting.mixture, meeting.speech, meeting.music


def correlation_in_turns(exported: np.ndarray, part: np.ndarray, transcript: Transcript) -> float:
    """Returns how much of ``part`` (the speech or the music) the export still holds where people speak (1 = all, as is)."""
    inside = np.zeros(part.size, bool)
    for s in transcript.segments:
        inside[int(s.start_s * SAMPLE_RATE) : int(s.end_s * SAMPLE_RATE)] = True
    a, b = exported[: part.size][inside].astype(np.float64), part[inside].astype(np.float64)
    return float(np.dot(a, b) / np.sqrt(np.dot(a, a) * np.dot(b, b)))


def export(engines, out_dir, transcript, mixture, **choices):
    request = ExportRequest(out_dir=out_dir, stem="standup", formats=("txt",), report=True, measure=False, **choices)
    return export_note(request, transcript, mixture, engines)


def test_alienating_only_the_voices_keeps_the_music_under_them(engines, meeting_over_music, tmp_path):
    transcript, mixture, speech, music = meeting_over_music
    export(engines, tmp_path / "kept", transcript, mixture, audio="alienated", keep_background=True, separator="spleeter")
    export(engines, tmp_path / "whole", transcript, mixture, audio="alienated")
    kept = decode_audio(tmp_path / "kept" / "standup.alienated.flac")
    whole = decode_audio(tmp_path / "whole" / "standup.alienated.flac")
    # at 0 dB the untouched mixture itself scores 0.71 with the music; measured 0.70 kept, 0.01 whole
    assert correlation_in_turns(kept, music, transcript) > 0.6
    assert correlation_in_turns(whole, music, transcript) < 0.2
    # and the voices are changed in both (measured 0.07 kept with Spleeter, 0.00 whole)
    assert correlation_in_turns(kept, speech, transcript) < 0.3
    assert correlation_in_turns(whole, speech, transcript) < 0.3
    report = json.loads((tmp_path / "kept" / "standup.privacy.json").read_text())
    assert report["audio"] == "alienated" and report["separator"] == "spleeter"
    assert "background, separated by spleeter, is kept" in (tmp_path / "kept" / "standup.privacy.txt").read_text()
    assert json.loads((tmp_path / "whole" / "standup.privacy.json").read_text())["separator"] == ""


def test_background_only_by_spleeter_keeps_the_music_and_says_which_model(engines, meeting_over_music, tmp_path):
    transcript, mixture, speech, music = meeting_over_music
    export(engines, tmp_path, transcript, mixture, audio="background", separator="spleeter")
    background = decode_audio(tmp_path / "standup.background.flac")
    assert correlation_in_turns(background, music, transcript) > 0.8
    assert correlation_in_turns(background, speech, transcript) < 0.2
    assert "Voices removed by spleeter" in (tmp_path / "standup.privacy.txt").read_text()


def test_keep_background_without_alienated_audio_is_refused_before_any_work(run_cli, tmp_path):
    result = run_cli("export", str(tmp_path / "not-read.wav"), "--audio", "bleeped", "--keep-background")
    assert result.returncode == 2
    assert "--keep-background" in result.stderr and "--audio alienated" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_separator_is_a_clear_error_before_any_file_is_written(engines, meeting_over_music, tmp_path):
    transcript, mixture, _, _ = meeting_over_music
    with pytest.raises(HushnoteError, match="spleeter"):
        export(engines, tmp_path / "out", transcript, mixture, audio="background", separator="demucs")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
