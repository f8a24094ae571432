"""Voice profiles (named speaker embeddings) and the export audit log."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import numpy as np

from app.storage.errors import NotebookError


@dataclass(frozen=True)
class VoiceProfile:
    """A named voice: a float32 speaker embedding."""

    id: str
    name: str
    embedding: np.ndarray
    created_at: str


@dataclass(frozen=True)
class AuditEntry:
    """One export: when, of which note (None for several), which formats, under which redaction policy."""

    id: int
    at: str
    note_id: int | None
    what: str
    formats: list[str]
    policy: str
    redacted: bool


def save_profile(conn, name: str, embedding: np.ndarray) -> str:
    """Inserts a voice profile; returns its id. Raises NotebookError for an empty or non-1-D embedding."""
    from app.storage.notebook import utc_now

    vector = np.asarray(embedding, dtype=np.float32)
    if vector.ndim != 1 or vector.size == 0:
        raise NotebookError(f"a voice profile needs a 1-D embedding, got shape {vector.shape}")
    profile_id = uuid.uuid4().hex
    conn.execute("INSERT INTO voice_profiles (id, name, embedding, created_at) VALUES (?, ?, ?, ?)",
                 (profile_id, name, vector.tobytes(), utc_now()))
    return profile_id


def list_profiles(conn) -> list[VoiceProfile]:
    """Returns every voice profile, oldest first."""
    return [
        VoiceProfile(i, n, np.frombuffer(e, dtype=np.float32).copy(), c)
        for i, n, e, c in conn.execute("SELECT id, name, embedding, created_at FROM voice_profiles ORDER BY created_at, rowid")
    ]


def delete_profile(conn, profile_id: str) -> None:
    """Deletes a voice profile and unlinks it from speakers; raises NotebookError for an unknown id."""
    if conn.execute("DELETE FROM voice_profiles WHERE id = ?", (profile_id,)).rowcount == 0:
        raise NotebookError(f"no voice profile {profile_id!r}")
    conn.execute("UPDATE speakers SET profile_id = NULL WHERE profile_id = ?", (profile_id,))


def record_export(conn, note_id, what: str, formats: list[str], policy: str, redacted: bool, when: str) -> int:
    """Inserts one audit entry; returns its id."""
    cursor = conn.execute(
        "INSERT INTO audit_log (at, note_id, what, formats, policy, redacted) VALUES (?, ?, ?, ?, ?, ?)",
        (when, note_id, what, json.dumps(formats), policy, int(bool(redacted))),
    )
    return cursor.lastrowid


def list_audit(conn, note_id=None) -> list[AuditEntry]:
    """Returns audit entries, oldest first, optionally only those of ``note_id``."""
    sql = "SELECT id, at, note_id, what, formats, policy, redacted FROM audit_log"
    rows = conn.execute(sql + (" WHERE note_id = ? ORDER BY id" if note_id is not None else " ORDER BY id"),
                        (note_id,) if note_id is not None else ()).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], bool(r[6])) for r in rows]
