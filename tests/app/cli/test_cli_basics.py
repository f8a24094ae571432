"""The command line as a user meets it: help, version, errors, offline transcription."""
from __future__ import annotations

import json
import shutil

import pytest

import app
from app.cli.main import build_parser
from tests.support.bad_inputs import BAD_INPUTS


def _subcommand_paths(parser, prefix=()):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield prefix + (name,)
                yield from _subcommand_paths(sub, prefix + (name,))


def test_version_prints_the_package_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hushnote {app.__version__}"


def test_every_command_has_help():
    from app.cli.main import main

    paths = list(_subcommand_paths(build_parser()))
    assert ("transcribe",) in paths and ("demo",) in paths
    for path in paths:
        with pytest.raises(SystemExit) as exit_info:
            main([*path, "--help"])
        assert exit_info.value.code == 0, path


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_when_transcribing_bad_input_then_one_line_error_and_exit_2(run_cli, tmp_path, case):
    make, message = BAD_INPUTS[case]
    path = make(tmp_path)

    result = run_cli("transcribe", str(path), "--out", str(tmp_path / "out"))

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("hushnote: error:") and message in lines[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_when_english_only_model_gets_another_language_then_clear_message(run_cli, testdata, tmp_path):
    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--language", "de")

    assert result.returncode == 2
    assert "English only" in result.stderr and "--model base" in result.stderr
    assert "Traceback" not in result.stderr


def test_when_unknown_model_then_clear_message(run_cli, testdata):
    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--model", "huge-v9")

    assert result.returncode == 2
    assert "unknown model 'huge-v9'" in result.stderr


@pytest.mark.slow
def test_transcribe_works_with_networking_forbidden(run_cli, testdata, tmp_path):
    clip = tmp_path / "clip one.wav"
    shutil.copy(testdata / "real" / "librivox_sas-0880.wav", clip)

    result = run_cli("transcribe", str(clip), "--format", "txt,json", "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    assert result.netlog == []
    text = (tmp_path / "out" / "clip one.txt").read_text()
    assert "young man" in text.lower()
    data = json.loads((tmp_path / "out" / "clip one.json").read_text())
    assert data["model"] == "tiny.en" and data["segments"]
    assert "transcribe" in result.stderr and "real time" in result.stderr  # the progress bar


@pytest.mark.slow
def test_when_one_of_several_files_is_bad_then_the_others_are_still_transcribed(run_cli, testdata, tmp_path):
    missing = tmp_path / "gone.wav"
    result = run_cli("transcribe", str(missing), str(testdata / "real" / "librivox_sas-0880.wav"), "--no-diarize",
                     "--format", "txt", "--out", str(tmp_path / "out"))

    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("hushnote: error:")]
    assert len(errors) == 1 and "gone.wav" in errors[0]
    assert "young man" in (tmp_path / "out" / "librivox_sas-0880.txt").read_text().lower()


def test_when_verbatim_export_has_no_notebook_for_its_audit_then_it_says_why(run_cli, testdata, tmp_path):
    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--no-redact", "--out", str(tmp_path))

    assert result.returncode == 2
    assert "audit log" in result.stderr and "hushnote notebook init" in result.stderr
    assert not (tmp_path / "librivox_sas-0880.txt").exists()


@pytest.mark.slow
def test_transcribing_leaves_no_file_but_the_export(run_cli, testdata, tmp_path):
    home, tmp, out = tmp_path / "home", tmp_path / "tmp", tmp_path / "out"
    home.mkdir()
    tmp.mkdir()

    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--out", str(out),
                     env={"HOME": str(home), "TMPDIR": str(tmp), "HUSHNOTE_HOME": str(home / "hushnote"),
                          "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")})

    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file() and p.name != "netguard.log")
    assert written == ["out/librivox_sas-0880.txt"]  # no telemetry ids, caches or temp files


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path):
    """``hushnote notes show 1 | head`` printed a BrokenPipeError traceback once ``head`` had its lines."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command prints its first line
    child = subprocess.run([sys.executable, "-m", "ui", "models", "list"], stdout=write_end, stderr=subprocess.PIPE,
                           text=True, cwd=tmp_path, timeout=120)
    os.close(write_end)
    assert child.stderr == ""
    assert child.returncode == 0


def test_a_file_with_no_speech_says_so_instead_of_empty_exports_alone(run_cli, tmp_path):
    """Ten seconds of silence gave an empty .txt and exit 0 with no word of why."""
    import numpy as np

    from tests.support.media import write_audio

    silent = write_audio(tmp_path / "quiet room.wav", np.zeros(10 * 16_000, np.float32))
    result = run_cli("transcribe", str(silent), "--no-diarize", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "quiet room.wav: no speech found (10.0 s of audio)" in result.stderr
    assert (tmp_path / "out" / "quiet room.txt").read_text().strip() == ""
