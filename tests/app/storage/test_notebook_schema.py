"""Schema upgrades: a notebook made by the first schema version opens, upgraded, with its data intact."""
from __future__ import annotations

import numpy as np
import pytest

from app.storage import init_notebook, open_notebook
from app.storage.database import connect, migrate
from app.storage.keys import new_data_key, wrap_data_key, write_key_file
from app.storage.access import key_file_path
from app.storage.schema import CURRENT_VERSION
from tests.support.notebooks import FAST_KDF, PASSPHRASE


def _make_version_1_notebook(path):
    """Builds a notebook exactly as schema version 1 left it, with rows written by version-1 SQL."""
    import sqlcipher3

    data_key = new_data_key()
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    assert migrate(conn, target_version=1) == 1
    conn.execute("INSERT INTO notes (id, title, created_at, duration_s, language, model, source_name, tags, state)"
                 " VALUES (1, 'Old standup', '2025-01-02T09:00:00+00:00', 3.5, 'en', 'tiny.en', 'old.wav', '[\"team\"]', 'complete')")
    conn.execute("INSERT INTO speakers VALUES (1, 'S1', 0, 'Dora', NULL)")
    conn.execute("INSERT INTO segments VALUES (1, 0, 0.0, 3.5, 'the archive migration works', 'S1')")
    for index, word in enumerate("the archive migration works".split()):
        conn.execute("INSERT INTO words VALUES (1, 0, ?, ?, ?, ?, 0.9, 'S1')", (index, word, index * 0.8, index * 0.8 + 0.7))
    conn.execute("INSERT INTO notes_fts (rowid, title, body) VALUES (1, 'Old standup', 'the archive migration works')")
    conn.execute("INSERT INTO audit_log (at, note_id, what, formats, policy, redacted)"
                 " VALUES ('2025-01-02T10:00:00+00:00', 1, 'transcript', '[\"txt\"]', 'default', 1)")
    conn.close()
    write_key_file(key_file_path(path), wrap_data_key(data_key, PASSPHRASE, FAST_KDF))


def test_a_version_1_notebook_is_upgraded_with_its_notes_intact(tmp_path):
    path = tmp_path / "old.db"
    _make_version_1_notebook(path)
    with open_notebook(path, PASSPHRASE) as notebook:
        assert _schema_version(notebook) == CURRENT_VERSION
        [summary] = notebook.list_notes()
        assert (summary.title, summary.tags, summary.speaker_names) == ("Old standup", ["team"], ["Dora"])
        transcript = notebook.load_transcript(1)
        assert transcript.text == "the archive migration works"
        assert [w.text for w in transcript.words] == ["the", "archive", "migration", "works"]
        assert [h.note_id for h in notebook.search("migration")] == [1]
        assert notebook.list_audit_log()[0].formats == ["txt"]
        # what version 2 added works on the upgraded file
        notebook.save_voice_profile("Dora", np.ones(256, np.float32))
        assert [p.name for p in notebook.list_voice_profiles()] == ["Dora"]
        # ...and what version 3 added
        assert notebook.alienation_secret(1, lambda: b"s" * 32) == b"s" * 32
        assert notebook.check_integrity() == "ok"


def test_a_new_notebook_is_at_the_current_version(notebook):
    assert _schema_version(notebook) == CURRENT_VERSION


def test_a_version_2_notebook_whose_exports_made_the_secrets_table_upgrades_and_keeps_them(tmp_path):
    path = tmp_path / "v2.db"
    _make_version_1_notebook(path)
    with open_notebook(path, PASSPHRASE) as notebook:
        with notebook.reading() as conn:
            conn.execute("PRAGMA user_version = 2")
            conn.execute("DROP TABLE alienation_secrets")
            conn.execute("DROP TABLE overlaps")  # a real version-2 file has no table of a later version either
            conn.execute("DROP TABLE note_sources")
            # what an export before version 3 did on its own
            conn.execute("CREATE TABLE IF NOT EXISTS alienation_secrets (note_id INTEGER PRIMARY KEY "
                         "REFERENCES notes(id) ON DELETE CASCADE, secret BLOB NOT NULL)")
            conn.execute("INSERT INTO alienation_secrets VALUES (1, ?)", (b"k" * 32,))
    with open_notebook(path, PASSPHRASE) as notebook:
        assert _schema_version(notebook) == CURRENT_VERSION
        assert notebook.alienation_secret(1, lambda: b"new") == b"k" * 32


def test_a_notes_alienation_secret_is_stable_and_forgotten_with_the_note(notebook):
    from audio_core.model import Segment, Transcript
    from app.privacy.note_secret import note_secret
    from app.storage.errors import NoteNotFoundError

    note_id = notebook.save_transcript(Transcript(segments=[Segment(0.0, 1.0, "hello")]))
    first = note_secret(notebook, note_id)
    assert len(first) >= 16 and note_secret(notebook, note_id) == first
    notebook.delete_note(note_id)
    with notebook.reading() as conn:
        rows = conn.execute("SELECT COUNT(*) FROM alienation_secrets").fetchone()[0]
    assert rows == 0
    with pytest.raises(NoteNotFoundError):
        note_secret(notebook, note_id)


def _schema_version(notebook) -> int:
    with notebook.reading() as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]
