"""Encrypted backups: a round trip, no plaintext inside, and refusals that lose nothing."""
from __future__ import annotations

import hashlib
import zipfile

import numpy as np
import pytest

from app.storage import CorruptNotebookError, NotebookError, WrongPassphraseError
from app.storage.backup import backup_notebook, restore_notebook
from tests.support.notebooks import PASSPHRASE, make_transcript


def test_a_backup_restores_every_note_with_audio_and_holds_nothing_readable(notebook, tmp_path):
    note_id = notebook.save_transcript(make_transcript("Board meeting"))
    notebook.append_audio(note_id, np.linspace(-0.5, 0.5, 16000, dtype=np.float32))
    backup = backup_notebook(notebook, tmp_path / "nb.hushnote-backup")
    raw = backup.read_bytes()
    for secret in (b"Zanzibar", b"Board meeting", b"fLaC", b"SQLite format 3"):
        assert secret not in raw
    assert set(zipfile.ZipFile(backup).namelist()) == {"manifest.json", "notebook.key", "notebook.db"}

    target = tmp_path / "restored" / "notebook.db"
    with restore_notebook(backup, target, PASSPHRASE) as restored:
        assert restored.load_transcript(note_id) == notebook.load_transcript(note_id)
        assert np.array_equal(restored.read_audio(note_id), notebook.read_audio(note_id))
    assert list(tmp_path.glob(".*partial*")) == []


def test_restore_refuses_to_replace_a_notebook_or_use_a_wrong_passphrase(notebook, notebook_path, tmp_path):
    notebook.save_transcript(make_transcript())
    backup = backup_notebook(notebook, tmp_path / "b.zip")
    with pytest.raises(NotebookError, match="already exists"):
        backup_notebook(notebook, backup)
    before = hashlib.sha256(notebook_path.read_bytes()).hexdigest()
    with pytest.raises(NotebookError, match="already exists"):
        restore_notebook(backup, notebook_path, PASSPHRASE)
    with pytest.raises(WrongPassphraseError):
        restore_notebook(backup, tmp_path / "other.db", "wrong")
    assert not (tmp_path / "other.db").exists()
    assert hashlib.sha256(notebook_path.read_bytes()).hexdigest() == before


def test_a_damaged_backup_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CorruptNotebookError, match="not a readable Hushnote backup"):
        restore_notebook(broken, tmp_path / "n.db", PASSPHRASE)
    assert not (tmp_path / "n.db").exists()
