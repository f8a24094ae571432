"""The notebook through the real command line: store, find, export, forget; nothing readable left on disk."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from app.storage import open_notebook

PASSPHRASE = "cli test passphrase"
MEDIA_HEADERS = (b"RIFF", b"fLaC", b"OggS")


@pytest.fixture
def clip(testdata) -> Path:
    return testdata / "real" / "librivox_sas-0870.wav"


def _files_under(*folders: Path, skip: Path | None = None) -> list[Path]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink() and (skip is None or skip not in path.parents):
                found.append(path)
    return found


@pytest.mark.slow
def test_transcribe_save_then_search_show_export_leaves_no_plaintext_on_disk(run_cli, clip, isolated_home, tmp_path):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE, "TMPDIR": str(tmpdir)}
    assert run_cli("notebook", "init", env=env).returncode == 0
    exports = tmp_path / "exports"
    saved = run_cli("transcribe", str(clip), "--save", "--out", str(exports), env=env)
    assert saved.returncode == 0, saved.stderr
    assert [p.suffix for p in exports.iterdir()] == [".txt"], "--save with --out wrote no transcript"
    assert re.search(r"saved note (\d+)", saved.stdout)
    assert saved.netlog == []

    with open_notebook(passphrase=PASSPHRASE) as notebook:
        [summary] = notebook.list_notes()
        transcript = notebook.load_transcript(summary.id)
    assert summary.audio_s == pytest.approx(7.1, abs=0.1)
    distinctive = sorted({w.strip(".,;:!?").lower() for w in transcript.text.split() if len(w.strip(".,;:!?")) >= 6})
    assert len(distinctive) >= 3, transcript.text

    found = run_cli("search", distinctive[0], env=env)
    assert found.returncode == 0 and f"«{distinctive[0]}" in found.stdout.lower()
    shown = run_cli("notes", "show", str(summary.id), env=env)
    assert distinctive[1] in shown.stdout.lower()

    exported = run_cli("notes", "export", str(summary.id), "--format", "txt", "--out", str(exports), env=env)
    assert exported.returncode == 0, exported.stderr

    with open_notebook(passphrase=PASSPHRASE) as notebook:
        audits = notebook.list_audit_log()
    assert [(a.note_id, a.formats, a.redacted) for a in audits] == [(summary.id, ["txt"], True)] * 2

    # Only the explicit export may hold transcript text; nothing anywhere may hold raw audio.
    scanned = _files_under(isolated_home, tmpdir, tmp_path, skip=exports)
    assert any(p.name == "notebook.db" for p in scanned)
    for path in scanned:
        data = path.read_bytes()
        lowered = data.lower()
        for word in distinctive + [clip.stem.lower()]:
            assert word.encode() not in lowered, f"{word!r} readable in {path}"
        for header in MEDIA_HEADERS:
            assert header not in data, f"{header!r} in {path}"
    assert any(word.encode() in (exports / f"note-{summary.id}.txt").read_bytes().lower() for word in distinctive)


def test_a_wrong_passphrase_on_the_command_line_is_one_clear_line_and_changes_no_file(run_cli, isolated_home):
    assert run_cli("notebook", "init", env={"HUSHNOTE_PASSPHRASE": PASSPHRASE}).returncode == 0
    data_dir = isolated_home / "hushnote"
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_dir.iterdir() if p.is_file()}
    result = run_cli("notes", "list", env={"HUSHNOTE_PASSPHRASE": "wrong"})
    assert result.returncode == 2
    assert result.stderr.strip() == ("hushnote: error: wrong passphrase for this notebook: check Caps Lock and the keyboard "
                                    "layout, then try again")
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_dir.iterdir() if p.is_file()} == before


@pytest.mark.slow
def test_passwd_backup_forget_purge_and_restore_from_the_command_line(run_cli, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    assert run_cli("notebook", "init", env=env).returncode == 0
    from app.storage import open_notebook as open_nb
    from tests.support.notebooks import make_transcript

    with open_nb(passphrase=PASSPHRASE) as notebook:
        first = notebook.save_transcript(make_transcript("First"))
        second = notebook.save_transcript(make_transcript("Second"))
    new_env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE, "HUSHNOTE_NEW_PASSPHRASE": "the new one"}
    assert run_cli("notebook", "passwd", env=new_env).returncode == 0
    env = {"HUSHNOTE_PASSPHRASE": "the new one"}

    backup = tmp_path / "notes.backup"
    assert run_cli("notebook", "backup", str(backup), env=env).returncode == 0
    forgot = run_cli("forget", str(first), "--yes", env=env)
    assert forgot.returncode == 0 and f"forgot note {first}" in forgot.stdout
    listed = run_cli("notes", "list", env=env).stdout
    assert "Second" in listed and "First" not in listed
    assert run_cli("purge", "--older-than", "0d", "--yes", env=env).stdout.strip() == "deleted notes 1 notes"
    assert "no notes yet" in run_cli("notes", "list", env=env).stdout

    refused = run_cli("notebook", "restore", str(backup), env=env)
    assert refused.returncode == 2 and "use --force" in refused.stderr
    restored = run_cli("notebook", "restore", str(backup), "--force", env=env)
    assert restored.returncode == 0, restored.stderr
    listed = run_cli("notes", "list", env=env).stdout
    assert "First" in listed and "Second" in listed
    info = run_cli("notebook", "info", env=env)
    assert "notes:           2" in info.stdout and "Argon2id" in info.stdout
    assert second
