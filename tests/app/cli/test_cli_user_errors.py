"""Mistakes a user can make get one line and exit 2, never a traceback or "unexpected error"."""
from __future__ import annotations

import pytest

from audio_core.model import Segment, Transcript


def _one_error_line(result) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("hushnote: error:"), result.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["export", "redact"])
@pytest.mark.parametrize("content", ['{"segments": [1]}', '{"segments": [{"text": "hi"}]}', '{"segments": "hi"}',
                                     '{"segments": [], "pii_spans": [{"start": 1}]}', '{"segments": [', "\xff\xfe"])
def test_a_malformed_transcript_json_gets_one_line(run_cli, tmp_path, command, content):
    path = tmp_path / "meeting.json"
    path.write_bytes(content.encode("latin-1"))

    line = _one_error_line(run_cli(command, str(path), "--out", str(tmp_path / "out")))

    assert "meeting.json" in line and "not a Hushnote transcript" in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("option, value, message", [("--strength", "1.5", "strength must be between 0 and 1"),
                                                    ("--strength", "-0.1", "strength must be between 0 and 1")])
def test_a_bad_alienation_option_gets_one_line(run_cli, tmp_path, option, value, message):
    path = tmp_path / "meeting.json"
    path.write_text(Transcript(segments=[Segment(0.0, 1.0, "hello")]).to_json(), encoding="utf-8")

    line = _one_error_line(run_cli("export", str(path), "--audio", "alienated", option, value,
                                   "--out", str(tmp_path / "out")))

    assert message in line
    assert not (tmp_path / "out").exists()


def test_an_interrupted_note_is_named_so_and_not_exported_empty(run_cli, tmp_path):
    """A note a kill interrupted mid-import was listed as "[recording]" and exported as an empty transcript."""
    from app.storage import init_notebook
    from app.storage.importing import begin_note
    from tests.support.notebooks import FAST_KDF, PASSPHRASE

    path = tmp_path / "notebook.db"
    with init_notebook(path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        note_id = begin_note(notebook, "weekly call", "call.wav")  # what a process killed mid-import leaves
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}

    listing = run_cli("notes", "list", "--notebook", str(path), env=env)
    assert "[interrupted: hushnote record --recover]" in listing.stdout and "[recording]" not in listing.stdout
    for command in (("notes", "show", str(note_id)), ("notes", "export", str(note_id), "--format", "txt")):
        line = _one_error_line(run_cli(*command, "--notebook", str(path), env=env))
        assert "interrupted" in line and "hushnote record --recover" in line
    assert not list(tmp_path.glob("note-*"))


@pytest.mark.parametrize("command", [("purge", "--older-than", "banana"), ("notes", "retention", "1", "--audio-days", "xyz"),
                                     ("notebook", "retention", "--audio-days", "-3")])
def test_an_age_or_number_of_days_it_cannot_read_gets_one_line(command):
    """These printed a NotebookError traceback: the check ran inside argparse, before the one-line handler."""
    import contextlib
    import io

    from app.cli.main import main

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(list(command))
    lines = stderr.getvalue().strip().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("hushnote: error:"), lines
    assert command[-1] in lines[0] or "negative" in lines[0]


def test_restoring_a_backup_that_is_not_there_says_so_first(tmp_path):
    """It answered "a notebook already exists … (use --force)", and --force only then said the backup was missing."""
    import contextlib
    import io

    from app.cli.main import main

    existing = tmp_path / "notebook.db"
    existing.write_bytes(b"stands in for the user's notebook")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["notebook", "restore", str(tmp_path / "typo.hnbak"), "--notebook", str(existing)])
    assert code == 2 and stderr.getvalue() == f"hushnote: error: no backup at {tmp_path / 'typo.hnbak'}\n"
    assert existing.read_bytes() == b"stands in for the user's notebook"
