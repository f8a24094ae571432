"""The notebook schema as numbered migrations (``PRAGMA user_version``).

Version 1 holds notes, speakers, segments, words, redactions, audio and the
audit log, with an FTS5 index over titles and transcript text. Version 2 adds
voice profiles, settings and per-note retention; version 4 the stretches where
speakers overlap; version 5 the content digest of the file each note was imported
from (so a file imported twice is noticed). A notebook made by any older
version is upgraded in place, each step in its own transaction.
"""
from __future__ import annotations

from collections.abc import Callable

_V1 = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    duration_s REAL NOT NULL DEFAULT 0,
    language TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    source_name TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'complete'
);
CREATE TABLE speakers (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    speaker_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    profile_id TEXT,
    PRIMARY KEY (note_id, speaker_id)
) WITHOUT ROWID;
CREATE TABLE segments (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    segment_index INTEGER NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    text TEXT NOT NULL,
    speaker_id TEXT,
    PRIMARY KEY (note_id, segment_index)
) WITHOUT ROWID;
CREATE TABLE words (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    segment_index INTEGER NOT NULL,
    word_index INTEGER NOT NULL,
    text TEXT NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    probability REAL NOT NULL,
    speaker_id TEXT,
    PRIMARY KEY (note_id, segment_index, word_index)
) WITHOUT ROWID;
CREATE TABLE redactions (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    span_index INTEGER NOT NULL,
    segment_index INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    entity_type TEXT NOT NULL,
    text TEXT NOT NULL,
    score REAL NOT NULL,
    decision TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (note_id, span_index)
) WITHOUT ROWID;
CREATE TABLE audio_chunks (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    codec TEXT NOT NULL,
    sample_rate INTEGER NOT NULL,
    n_samples INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (note_id, seq)
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    note_id INTEGER,
    what TEXT NOT NULL,
    formats TEXT NOT NULL,
    policy TEXT NOT NULL,
    redacted INTEGER NOT NULL
);
CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO notes_fts(notes_fts, rank) VALUES ('secure-delete', 1);
"""

_V2 = """
CREATE TABLE voice_profiles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    embedding BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
ALTER TABLE notes ADD COLUMN audio_retention_days INTEGER;
ALTER TABLE notes ADD COLUMN redact_after_days INTEGER;
ALTER TABLE notes ADD COLUMN redacted_only INTEGER NOT NULL DEFAULT 0;
CREATE INDEX notes_created ON notes(created_at);
"""

# Version 3 adopts the table that exports used to create on the fly (IF NOT EXISTS
# keeps notebooks that already have it).
_V3 = """
CREATE TABLE IF NOT EXISTS alienation_secrets (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    secret BLOB NOT NULL
);
"""

_V4 = """
CREATE TABLE overlaps (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    overlap_index INTEGER NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    speaker_ids TEXT NOT NULL,
    PRIMARY KEY (note_id, overlap_index)
) WITHOUT ROWID;
"""

# The SHA-256 of an imported file's bytes: encrypted with the rest, gone with its note.
_V5 = """
CREATE TABLE note_sources (
    note_id INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
    content_sha256 TEXT NOT NULL
);
CREATE INDEX note_sources_digest ON note_sources(content_sha256);
"""


def _script(sql: str) -> Callable:
    def apply(conn) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return apply


MIGRATIONS: list[Callable] = [_script(_V1), _script(_V2), _script(_V3), _script(_V4), _script(_V5)]
"""MIGRATIONS[i] upgrades a notebook from version i to version i + 1."""

CURRENT_VERSION = len(MIGRATIONS)
