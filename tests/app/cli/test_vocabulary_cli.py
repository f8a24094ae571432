"""``hushnote vocabulary add|list|remove|clear`` on a real encrypted notebook, with one-line errors."""
from __future__ import annotations

import pytest

from app.cli.main import main
from app.storage import init_notebook
from tests.support.notebooks import FAST_KDF

PASSPHRASE = "vocabulary cli passphrase"


@pytest.fixture
def hushnote(monkeypatch, capsys, tmp_path):
    """Runs ``hushnote ACTION ARGS --notebook PATH`` in this process on a fresh notebook; returns (exit code, stdout, stderr)."""
    path = tmp_path / "notebook.db"
    init_notebook(path, PASSPHRASE, kdf=FAST_KDF).close()  # a cheap key derivation: its cost is not what is tested
    monkeypatch.setenv("HUSHNOTE_PASSPHRASE", PASSPHRASE)

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--notebook", str(path)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_add_list_remove_round_trip(hushnote):
    assert hushnote("vocabulary", "list")[1].startswith("no vocabulary yet")
    code, out, _ = hushnote("vocabulary", "add", "Siobhan  Nakagawa", "--kind", "name")
    assert code == 0 and out.strip() == "added name 'Siobhan Nakagawa'"
    assert hushnote("vocabulary", "add", "Zephyrix")[1].strip() == "added term 'Zephyrix'"
    code, out, _ = hushnote("vocabulary", "add", "ZEPHYRIX")
    assert code == 0 and "already listed" in out
    assert hushnote("vocabulary", "list")[1].splitlines() == ["name  Siobhan Nakagawa", "term  Zephyrix"]
    code, out, _ = hushnote("vocabulary", "remove", "siobhan nakagawa")
    assert code == 0 and out.strip() == "removed name 'Siobhan Nakagawa'"
    assert hushnote("vocabulary", "list")[1].splitlines() == ["term  Zephyrix"]
    assert hushnote("vocabulary", "clear")[1].strip() == "removed 1 entry"


@pytest.mark.parametrize("args, message", [
    (("add", ""), "cannot be empty"),
    (("add", "x" * 61), "too long"),
    (("add", "Ann, Bob"), "one entry at a time"),
    (("remove", "Nobody"), "is not in the vocabulary"),
])
def test_bad_input_gets_one_line_and_exit_code_2(hushnote, args, message):
    code, out, err = hushnote("vocabulary", *args)
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err
    assert hushnote("vocabulary", "list")[1].startswith("no vocabulary yet")


def test_a_wrong_kind_is_refused_by_the_parser(hushnote):
    with pytest.raises(SystemExit) as exit_info:
        hushnote("vocabulary", "add", "Ngozi", "--kind", "person")
    assert exit_info.value.code == 2
