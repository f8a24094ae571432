"""The other files a user hands Hushnote: transcript JSON, text to redact, notebooks, settings, backups.

Each damaged one gets one line on stderr and exit 2 (captured at the file
descriptor, so native libraries' own output counts too), and nothing that
existed is changed.
"""
from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from app.cli.main import main
from app.storage import init_notebook, key_file_path
from app.storage.backup import backup_notebook
from tests.support.notebooks import make_transcript
from tests.support.notebooks import FAST_KDF

PASSPHRASE = "quiet lantern 42 orbit"


def _one_line_error(capfd, *argv: str) -> str:
    code = main(list(argv))
    err = capfd.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hushnote: error: "), err
    return lines[0]


def _digest(*paths) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


TRANSCRIPTS = {
    "malformed": "{\"segments\": [",
    "not_an_object": "[1, 2, 3]",
    "segments_not_a_list": json.dumps({"segments": "hello"}),
    "segment_not_an_object": json.dumps({"segments": [1, 2]}),
    "word_not_an_object": json.dumps({"segments": [{"start_s": 0, "end_s": 1, "text": "hi", "words": [7]}]}),
    "time_not_a_number": json.dumps({"segments": [{"start_s": "soon", "end_s": 1, "text": "hi"}]}),
    "text_not_a_string": json.dumps({"segments": [{"start_s": 0, "end_s": 1, "text": 5}]}),
    "missing_fields": json.dumps({"segments": [{"text": "hi"}]}),
    "binary": b"\xff\xfe\x00\x01binary",
}


@pytest.mark.parametrize("case", sorted(TRANSCRIPTS))
def test_a_damaged_transcript_json_is_one_line(tmp_path, capfd, case):
    path = tmp_path / f"{case}.json"
    content = TRANSCRIPTS[case]
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "out.txt"

    line = _one_line_error(capfd, "redact", str(path), "--out", str(out))

    assert str(path) in line and not out.exists()
    assert str(path) in _one_line_error(capfd, "export", str(path), "--out", str(tmp_path / "exports"))


def test_a_transcript_json_too_large_to_parse_is_refused_before_it_is_read(tmp_path, capfd):
    # A sparse 200 MB file: parsing that much JSON would take gigabytes of memory.
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    out = tmp_path / "out.txt"

    line = _one_line_error(capfd, "redact", str(path), "--out", str(out))

    assert "too large" in line and str(path) in line and not out.exists()
    assert "too large" in _one_line_error(capfd, "export", str(path), "--out", str(tmp_path / "exports"))


TEXTS = {
    "random_bytes.txt": bytes(range(256)) * 40,
    "nul_bytes.txt": b"hello\x00world\n",
    "latin1.txt": "Call J\u00f6rg M\u00fcller in K\u00f6ln".encode("latin-1"),
    "huge.txt": b"the budget meeting was long and we agreed on it\n" * 25_000,
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_text_that_cannot_be_redacted_is_one_line(tmp_path, capfd, name):
    path = tmp_path / name
    path.write_bytes(TEXTS[name])
    out = tmp_path / "out.txt"
    out.write_text("an earlier redaction")

    assert str(path) in _one_line_error(capfd, "redact", str(path), "--out", str(out))
    assert out.read_text() == "an earlier redaction"


def test_a_utf16_text_with_its_byte_order_mark_is_redacted(tmp_path, capfd):
    path = tmp_path / "windows.txt"
    path.write_bytes("Please call Sarah Johnson tomorrow.\n".encode("utf-16"))

    assert main(["redact", str(path)]) == 0
    redacted = capfd.readouterr().out
    assert "Please call" in redacted and "Sarah Johnson" not in redacted


@pytest.fixture
def notebook_path(tmp_path, monkeypatch):
    monkeypatch.setenv("HUSHNOTE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "book" / "notebook.db"
    with init_notebook(path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        notebook.save_transcript(make_transcript())
    return path


def test_damaged_notebooks_and_key_files_are_one_line_and_left_alone(tmp_path, capfd, notebook_path):
    other = tmp_path / "other" / "notebook.db"
    init_notebook(other, PASSPHRASE, kdf=FAST_KDF).close()
    real_db, real_key = notebook_path.read_bytes(), key_file_path(notebook_path).read_bytes()
    cases = {
        "not_sqlcipher": (b"SQLite format 3\x00" + b"\x00" * 4080, real_key),
        "truncated": (real_db[: len(real_db) // 2 + 100], real_key),
        "key_of_another_notebook": (real_db, key_file_path(other).read_bytes()),
        "damaged_key_file": (real_db, real_key[:100]),
    }
    for name, (db, key) in cases.items():
        path = tmp_path / name / "notebook.db"
        path.parent.mkdir()
        path.write_bytes(db)
        key_file_path(path).write_bytes(key)
        before = _digest(path, key_file_path(path))

        _one_line_error(capfd, "notes", "list", "--notebook", str(path))

        assert _digest(path, key_file_path(path)) == before, name


def test_a_truncated_or_tampered_backup_is_refused_and_the_notebook_kept(tmp_path, capfd, notebook_path):
    from app.storage import open_notebook

    backup = tmp_path / "good.hnbak"
    with open_notebook(notebook_path, PASSPHRASE) as notebook:
        backup_notebook(notebook, backup)
    with zipfile.ZipFile(backup) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}

    def repack(name: str, **changes: bytes):
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:  # valid zip CRCs: only the notebook's own MACs can tell
            for member, data in members.items():
                archive.writestr(member, changes.get(member.replace(".", "_"), data))
        return path

    db = members["notebook.db"]
    flipped_middle = db[: len(db) // 2] + bytes([db[len(db) // 2] ^ 1]) + db[len(db) // 2 + 1 :]
    truncated = tmp_path / "truncated.hnbak"
    truncated.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    other = tmp_path / "other" / "notebook.db"
    init_notebook(other, PASSPHRASE, kdf=FAST_KDF).close()
    backups = [
        truncated,
        repack("page_changed.hnbak", notebook_db=flipped_middle),
        repack("database_cut.hnbak", notebook_db=db[: len(db) // 2]),
        repack("key_swapped.hnbak", notebook_key=key_file_path(other).read_bytes()),
        repack("manifest_changed.hnbak", manifest_json=b'{"format": "something-else"}'),
    ]
    before = _digest(notebook_path, key_file_path(notebook_path))
    for path in backups:
        assert str(path) in _one_line_error(capfd, "notebook", "restore", str(path), "--force", "--notebook", str(notebook_path))
        assert _digest(notebook_path, key_file_path(notebook_path)) == before, path.name
    assert sorted(p.name for p in notebook_path.parent.iterdir()) == ["notebook.db", "notebook.key"]


def test_a_damaged_settings_file_gives_the_defaults_for_what_is_damaged(isolated_home):
    from ui.settings import UiSettings, load_settings, settings_path

    path = settings_path()
    for content in (b"{not json", b"[1, 2]", b"\xff\xfe\x00garbage", b"null", b""):
        path.write_bytes(content)
        assert load_settings() == UiSettings()
    path.write_text(json.dumps({"cpu_threads": "many", "model": 7, "auto_lock_min": 5, "use_keychain": "yes", "import_channel": 3}))
    assert load_settings() == UiSettings(auto_lock_min=5, import_channel=3)
    assert path.read_text().startswith('{"cpu_threads": "many"')  # loading never rewrites it
