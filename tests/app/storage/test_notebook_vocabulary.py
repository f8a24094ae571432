"""The vocabulary in a real SQLCipher notebook: kept across lock and unlock, never readable in the file."""
from __future__ import annotations

import pytest

from app.storage import NotebookError, open_notebook
from app.vocabulary import (
    ADDED, KIND_CHANGED, NAME, TERM, UNCHANGED, add_to_vocabulary, clear_vocabulary, load_vocabulary, remove_from_vocabulary,
)
from audio_core.errors import OptionError
from tests.support.notebooks import PASSPHRASE

SECRET_NAME = "Xochitl Przybylski"


def _bytes_on_disk(notebook_path) -> bytes:
    return b"".join(p.read_bytes() for p in notebook_path.parent.iterdir() if p.is_file())


def test_vocabulary_survives_lock_and_unlock_and_is_encrypted_on_disk(notebook, notebook_path):
    assert add_to_vocabulary(notebook, SECRET_NAME, NAME).outcome == ADDED
    assert add_to_vocabulary(notebook, "Zephyrix", TERM).outcome == ADDED
    notebook.close()  # locked
    for encoding in ("utf-8", "utf-16-le"):
        assert SECRET_NAME.encode(encoding) not in _bytes_on_disk(notebook_path)
        assert b"Zephyrix" not in _bytes_on_disk(notebook_path)
    with open_notebook(notebook_path, passphrase=PASSPHRASE) as unlocked:
        vocabulary = load_vocabulary(unlocked)
    assert [(e.text, e.kind) for e in vocabulary] == [(SECRET_NAME, NAME), ("Zephyrix", TERM)]


def test_adding_twice_changes_nothing_and_a_new_kind_is_kept(notebook):
    add_to_vocabulary(notebook, "Zephyrix", TERM)
    assert add_to_vocabulary(notebook, "  ZEPHYRIX ", TERM).outcome == UNCHANGED
    changed = add_to_vocabulary(notebook, "zephyrix", NAME)
    assert changed.outcome == KIND_CHANGED and changed.entry.text == "Zephyrix"
    assert [(e.text, e.kind) for e in load_vocabulary(notebook)] == [("Zephyrix", NAME)]


def test_removing_by_any_case_and_clearing(notebook):
    for word in ("Quorbit", "Nimbulon", "Vexillo"):
        add_to_vocabulary(notebook, word, TERM)
    assert remove_from_vocabulary(notebook, "quorbit").text == "Quorbit"
    assert remove_from_vocabulary(notebook, "quorbit") is None
    assert load_vocabulary(notebook).terms == ("Nimbulon", "Vexillo")
    assert clear_vocabulary(notebook) == 2 and not load_vocabulary(notebook)


def test_a_bad_entry_is_refused_and_the_list_is_left_as_it_was(notebook):
    add_to_vocabulary(notebook, "Quorbit", TERM)
    with pytest.raises(OptionError):
        add_to_vocabulary(notebook, "", NAME)
    with pytest.raises(OptionError, match="kind"):
        add_to_vocabulary(notebook, "Ngozi", "nickname")
    assert load_vocabulary(notebook).terms == ("Quorbit",)


def test_a_damaged_list_gets_a_clear_error_and_can_be_cleared(notebook):
    notebook.write_settings({"vocabulary.entries": "{not json"})
    with pytest.raises(NotebookError, match="vocabulary clear"):
        load_vocabulary(notebook)
    clear_vocabulary(notebook)
    assert not load_vocabulary(notebook)
