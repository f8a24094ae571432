"""``hushnote redact`` and redacted-by-default ``hushnote transcribe``, as a user runs them, with the network forbidden."""
from __future__ import annotations

import pytest

import json
import shutil

from audio_core.model import Transcript

PASSPHRASE = {"HUSHNOTE_PASSPHRASE": "correct horse battery staple 42"}


def test_when_a_text_file_is_redacted_then_stdout_has_no_pii_and_nothing_went_online(run_cli, tmp_path):
    source = tmp_path / "call.txt"
    source.write_text("Hi, this is Tom Baker, call me on five five five, two one four, double eight three nine.\n")
    result = run_cli("redact", str(source))
    assert result.returncode == 0, result.stderr
    assert "Tom" not in result.stdout and "five five" not in result.stdout
    assert "[PERSON_1]" in result.stdout and "[PHONE_NUMBER_1]" in result.stdout
    assert result.netlog == []


def test_when_the_policy_is_unknown_then_one_line_error_and_exit_2(run_cli, tmp_path):
    source = tmp_path / "call.txt"
    source.write_text("hello\n")
    result = run_cli("redact", str(source), "--policy", "everything")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown policy" in result.stderr


@pytest.mark.slow
def test_when_a_call_is_transcribed_then_exports_are_redacted_by_default(run_cli, testdata, tmp_path):
    audio = testdata / "real" / "pyannote_sample.wav"
    result = run_cli("transcribe", str(audio), "--format", "txt,json", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "pyannote_sample.txt").read_text()
    exported = text + (tmp_path / "pyannote_sample.json").read_text()
    for item in ("Diane", "Sheila", "Jersey", "Texas", "Chicago"):
        assert item not in exported
    assert "[PERSON_1]" in text and "[LOCATION_1]" in text
    assert result.netlog == []


@pytest.mark.slow
def test_when_no_redact_is_asked_then_text_is_verbatim_and_the_audit_log_records_it(run_cli, testdata, tmp_path):
    from app.storage import open_notebook

    notebook_path = tmp_path / "notebook.db"
    assert run_cli("notebook", "init", "--notebook", str(notebook_path), env=PASSPHRASE).returncode == 0
    audio = tmp_path / "clip.wav"
    shutil.copy(testdata / "real" / "librivox_sas-0870.wav", audio)
    result = run_cli("transcribe", str(audio), "--no-redact", "--format", "json", "--out", str(tmp_path),
                     "--notebook", str(notebook_path), env=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    transcript = Transcript.from_json((tmp_path / "clip.json").read_text())
    assert "dashwood" in transcript.text.lower()
    with open_notebook(notebook_path, PASSPHRASE["HUSHNOTE_PASSPHRASE"]) as notebook:
        entries = notebook.list_audit_log()
    assert [(e.redacted, e.formats) for e in entries] == [(False, ["json"])]
    assert result.netlog == []


def test_when_a_german_text_is_redacted_with_language_de_then_its_spoken_number_and_name_are_gone(run_cli, tmp_path):
    source = tmp_path / "anruf.txt"
    source.write_text("Hallo, hier spricht Sabine Hoffmann, meine Nummer ist null eins sieben zwei, drei vier fünf, sechs sieben.\n")
    result = run_cli("redact", str(source), "--language", "de")
    assert result.returncode == 0, result.stderr
    assert "Hoffmann" not in result.stdout and "null eins" not in result.stdout
    assert "[PERSON_1]" in result.stdout and "[PHONE_NUMBER_1]" in result.stdout
    assert result.netlog == []


def test_when_the_detection_language_is_unsupported_then_one_line_error_and_exit_2(run_cli, tmp_path):
    source = tmp_path / "call.txt"
    source.write_text("ciao\n")
    result = run_cli("redact", str(source), "--language", "it")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "supports en, de, fr, es" in result.stderr
