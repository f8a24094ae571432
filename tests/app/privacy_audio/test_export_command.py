"""``hushnote export``: a real phone call in, redacted text, bleeped and alienated audio and a report out."""
from __future__ import annotations

import json

import pytest

from audio_core.alienate.options import AlienationOptions
from audio_core.decode import decode_audio
from audio_core.transcribe import AsrOptions, transcribe_array

NAMES = ("diane", "sheila")
# A file export draws a fresh alienation secret; fixed here, the measured intelligibility is the same every run.
NOTE_SECRET = b"export-test-key!"


@pytest.fixture(scope="module")
def exported(tmp_path_factory, testdata):
    """Runs the export once for the module (a real 30 s two-speaker call with first names and places)."""
    import os
    import subprocess
    import sys

    from tests.support.testdata import NETGUARD, PROJECT_ROOT

    out = tmp_path_factory.mktemp("export")
    netlog = out.parent / "netguard.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(NETGUARD), str(PROJECT_ROOT)]), HUSHNOTE_NETGUARD_LOG=str(netlog),
               HOME=str(out.parent), HUSHNOTE_HOME=str(out.parent / "hushnote"))
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.fixed_secret_cli", NOTE_SECRET.hex(), "export",
         str(testdata / "real" / "pyannote_sample.wav"), "--format", "txt,srt", "--audio", "alienated", "--report",
         "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=900,
    )
    result.netlog = netlog.read_text().splitlines() if netlog.exists() else []
    return result, out


@pytest.mark.slow
def test_export_writes_every_requested_file_offline(exported):
    result, out = exported
    assert result.returncode == 0, result.stderr
    assert result.netlog == []
    assert {p.name for p in out.iterdir()} == {
        "pyannote_sample.txt", "pyannote_sample.srt", "pyannote_sample.bleeped.flac",
        "pyannote_sample.alienated.flac", "pyannote_sample.privacy.json", "pyannote_sample.privacy.txt",
    }


@pytest.mark.slow
def test_transcript_exports_are_redacted_by_default(exported):
    _, out = exported
    for name in ("pyannote_sample.txt", "pyannote_sample.srt"):
        text = (out / name).read_text().lower()
        assert "[person" in text
        assert not [n for n in NAMES if n in text]


@pytest.mark.slow
def test_bleeped_and_alienated_audio_never_speak_the_names(exported, engines):
    _, out = exported
    for name in ("pyannote_sample.bleeped.flac", "pyannote_sample.alienated.flac"):
        audio = decode_audio(out / name)
        assert audio.size == pytest.approx(30 * 16000, abs=1600)
        heard = " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en"))).lower()
        assert heard.strip(), f"{name} should still be intelligible"
        assert not [n for n in NAMES if n in heard], heard


@pytest.mark.slow
def test_report_counts_redactions_and_measures_the_alienation(exported):
    _, out = exported
    report = json.loads((out / "pyannote_sample.privacy.json").read_text())
    assert report["redacted"] is True and report["audio"] == "alienated"
    assert report["counts_by_type"].get("PERSON", 0) >= 2
    assert report["bleeped_intervals"] >= 2
    alienation = report["alienation"]
    assert alienation["method"] == AlienationOptions().method
    assert all(s["cosine_original_vs_alienated"] < 0.9 for s in alienation["speakers"] if s["segments"])
    assert alienation["wer_alienated_vs_original"] is not None and alienation["wer_alienated_vs_original"] < 0.5
    text = (out / "pyannote_sample.privacy.txt").read_text()
    assert "Re-identification attacker" in text
    # resynthesis (the English default) speaks the redacted text: its words are checked against that, not against
    # the names it was never meant to say
    assert alienation["method"] == "resynth" and "default for English" in alienation["reason"]
    assert "words differ from the exported text as spoken" in text
    assert not [n for n in NAMES if n in text.lower() or n in json.dumps(report).lower()]


@pytest.mark.slow
def test_audio_export_of_a_transcript_without_its_recording_is_refused(run_cli, tmp_path):
    from audio_core.model import Segment, Transcript

    path = tmp_path / "t.json"
    path.write_text(Transcript(segments=[Segment(0.0, 1.0, "Hello there.")]).to_json())
    result = run_cli("export", str(path), "--audio", "bleeped", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--audio-source" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_missing_source_gives_a_one_line_error(run_cli, tmp_path):
    result = run_cli("export", str(tmp_path / "nope.wav"), "--out", str(tmp_path))
    assert result.returncode == 2 and "no such file" in result.stderr



@pytest.mark.slow
def test_background_audio_export_drops_the_voice_and_keeps_the_rest(run_cli, tmp_path, testdata, engines):
    import numpy as np

    from audio_core.model import Segment, Transcript
    from audio_core.encode import write_audio_file

    speech = decode_audio(testdata / "real" / "librivox_sas-0920.wav")[: 8 * 16000]
    hum = (0.05 * np.sin(2 * np.pi * 110 * np.arange(speech.size) / 16000)).astype(np.float32)
    source = write_audio_file(tmp_path / "mix.flac", speech + hum, 16000)
    transcript = tmp_path / "mix.json"
    transcript.write_text(Transcript(segments=[Segment(0.0, 8.0, "Some words.")], duration_s=8.0).to_json())

    result = run_cli("export", str(transcript), "--audio", "background", "--audio-source", str(source),
                     "--format", "txt", "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    background = decode_audio(tmp_path / "out" / "mix.background.flac")
    assert background.size == pytest.approx(speech.size, abs=160)
    heard = " ".join(s.text for s in transcribe_array(engines.recognizer, background, AsrOptions(language="en")))
    assert len(heard.split()) <= 2, heard
    assert np.sqrt(np.mean(background**2)) > 0.3 * np.sqrt(np.mean(hum**2))  # the background is still there
