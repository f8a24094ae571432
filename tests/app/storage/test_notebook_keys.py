"""The key hierarchy and a notebook's refusal to lose data: wrong passphrase, damage, re-keying."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import keyring
import keyring.backend
import pytest

from app.storage import (
    CorruptNotebookError,
    NotebookError,
    WrongPassphraseError,
    change_passphrase,
    init_notebook,
    key_file_path,
    open_notebook,
)
from tests.support.notebooks import FAST_KDF, PASSPHRASE, make_transcript


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def filled_notebook_path(notebook_path):
    with init_notebook(notebook_path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        for index in range(3):
            notebook.save_transcript(make_transcript(f"Meeting {index}"))
    return notebook_path


def test_the_key_file_holds_no_key_in_the_clear_and_the_database_no_readable_text(filled_notebook_path):
    key_data = json.loads(key_file_path(filled_notebook_path).read_text())
    assert key_data["kdf"]["name"] == "argon2id" and key_data["cipher"] == "AES-256-GCM"
    assert set(key_data) >= {"salt", "nonce", "wrapped_key", "version"}
    database = filled_notebook_path.read_bytes()
    assert not database.startswith(b"SQLite format 3")
    for word in (b"Zanzibar", b"quarterly", b"Meeting", b"CREATE TABLE"):
        assert word not in database


def test_a_wrong_passphrase_is_a_clear_error_and_leaves_every_file_byte_identical(filled_notebook_path):
    before = _hashes(filled_notebook_path.parent)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        open_notebook(filled_notebook_path, "not the passphrase")
    assert _hashes(filled_notebook_path.parent) == before


@pytest.mark.parametrize("damage", ["truncate_half", "truncate_odd", "garbage", "empty"])
def test_a_damaged_notebook_is_a_clear_error_and_is_never_overwritten(filled_notebook_path, damage):
    data = filled_notebook_path.read_bytes()
    damaged = {
        "truncate_half": data[: len(data) // 2 // 4096 * 4096],
        "truncate_odd": data[:5000],
        "garbage": bytes(range(256)) * (len(data) // 256),
        "empty": b"",
    }[damage]
    filled_notebook_path.write_bytes(damaged)
    before = hashlib.sha256(damaged).hexdigest()
    with pytest.raises(CorruptNotebookError, match="damaged|truncated"):
        with open_notebook(filled_notebook_path, PASSPHRASE) as notebook:
            [notebook.load_transcript(n.id) for n in notebook.list_notes()]
    assert hashlib.sha256(filled_notebook_path.read_bytes()).hexdigest() == before


def test_a_damaged_key_file_is_a_clear_error(filled_notebook_path):
    key_path = key_file_path(filled_notebook_path)
    key_path.write_text(key_path.read_text()[:40])
    with pytest.raises(CorruptNotebookError, match="key file is damaged"):
        open_notebook(filled_notebook_path, PASSPHRASE)


def test_changing_the_passphrase_rewraps_the_key_and_leaves_the_database_alone(filled_notebook_path):
    database_before = hashlib.sha256(filled_notebook_path.read_bytes()).hexdigest()
    change_passphrase(filled_notebook_path, PASSPHRASE, "a new passphrase")
    assert hashlib.sha256(filled_notebook_path.read_bytes()).hexdigest() == database_before
    with pytest.raises(WrongPassphraseError):
        open_notebook(filled_notebook_path, PASSPHRASE)
    with open_notebook(filled_notebook_path, "a new passphrase") as notebook:
        assert len(notebook.list_notes()) == 3
    with pytest.raises(WrongPassphraseError):
        change_passphrase(filled_notebook_path, "wrong", "whatever")


def test_init_refuses_to_overwrite_an_existing_notebook(filled_notebook_path):
    before = _hashes(filled_notebook_path.parent)
    with pytest.raises(NotebookError, match="already exists"):
        init_notebook(filled_notebook_path, "other", kdf=FAST_KDF)
    assert _hashes(filled_notebook_path.parent) == before


def test_a_missing_notebook_says_how_to_create_one(tmp_path):
    with pytest.raises(NotebookError, match="notebook init"):
        open_notebook(tmp_path / "none.db", PASSPHRASE)


class _SessionKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps secrets in this process (no desktop keychain exists headless)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


def test_the_os_keychain_is_off_by_default_and_unlocks_without_a_passphrase_when_on(notebook_path, monkeypatch):
    backend = _SessionKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("HUSHNOTE_PASSPHRASE", raising=False)
    try:
        init_notebook(notebook_path.with_name("plain.db"), PASSPHRASE, kdf=FAST_KDF).close()
        assert backend.secrets == {}
        init_notebook(notebook_path, PASSPHRASE, kdf=FAST_KDF, use_keychain=True).close()
        assert len(backend.secrets) == 1
        with open_notebook(notebook_path) as notebook:  # no passphrase given, none in the environment
            assert notebook.list_notes() == []
    finally:
        keyring.set_keyring(previous)


def test_without_a_terminal_or_the_variable_the_passphrase_question_is_a_clear_error(monkeypatch):
    from app.storage.passphrase import read_passphrase

    monkeypatch.delenv("HUSHNOTE_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    with pytest.raises(NotebookError, match="set HUSHNOTE_PASSPHRASE"):
        read_passphrase()
    monkeypatch.setenv("HUSHNOTE_PASSPHRASE", "")
    with pytest.raises(NotebookError, match="must not be empty"):
        read_passphrase()
