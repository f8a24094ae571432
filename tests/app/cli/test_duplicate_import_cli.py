"""A file imported before is not imported again by ``transcribe --save`` or ``watch --save`` unless asked."""
from __future__ import annotations

import shutil

import pytest

from app.storage import init_notebook, open_notebook
from tests.support.notebooks import FAST_KDF

PASSPHRASE = "duplicate import test passphrase"
ENV = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}


def _note_ids() -> list[int]:
    with open_notebook(passphrase=PASSPHRASE) as notebook:
        return sorted(n.id for n in notebook.list_notes())


@pytest.mark.slow
def test_the_same_content_under_another_name_gets_a_one_line_notice_and_allow_duplicate_imports_it(
        run_cli, testdata, tmp_path, isolated_home):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()  # cheap key derivation; `notebook init`: test_notebook_cli.py
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    renamed = inbox / "renamed reading.wav"
    shutil.copy(testdata / "real" / "librivox_sas-0880.wav", renamed)
    first = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--save", "--no-diarize", env=ENV)
    assert first.returncode == 0, first.stderr
    [note_id] = _note_ids()

    again = run_cli("transcribe", str(renamed), "--save", "--no-diarize", env=ENV)

    assert again.returncode == 0, again.stderr
    assert "saved note" not in again.stdout
    notice = [line for line in again.stderr.splitlines() if "already in the notebook" in line]
    assert len(notice) == 1 and f"note {note_id}" in notice[0] and "--allow-duplicate" in notice[0]
    assert "error" not in again.stderr
    assert _note_ids() == [note_id]

    watched = run_cli("watch", str(inbox), "--save", "--once", "--no-diarize", env=ENV)

    assert watched.returncode == 0, watched.stderr
    assert "renamed reading.wav is already in the notebook" in watched.stderr and "skipped" in watched.stderr
    assert "imported 0, already imported 1, failed 0" in watched.stderr
    assert _note_ids() == [note_id]

    forced = run_cli("transcribe", str(renamed), "--save", "--no-diarize", "--allow-duplicate", env=ENV)

    assert forced.returncode == 0 and "saved note" in forced.stdout, forced.stderr
    assert len(_note_ids()) == 2
