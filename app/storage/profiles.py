"""Voice profile records: named speaker embeddings kept in the notebook.

Every function takes an open connection; the caller owns the transaction.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import numpy as np

from app.storage.clock import utc_now
from app.storage.errors import NotebookError


@dataclass(frozen=True)
class StoredVoiceProfile:
    """A voice profile as stored: a float32 speaker embedding with its name and creation time."""

    id: str
    name: str
    embedding: np.ndarray
    created_at: str


def save_profile(conn, name: str, embedding: np.ndarray) -> str:
    """Inserts a voice profile; returns its id. Raises NotebookError for an empty or non-1-D embedding."""
    vector = np.asarray(embedding, dtype=np.float32)
    if vector.ndim != 1 or vector.size == 0:
        raise NotebookError(f"a voice profile needs a 1-D embedding, got shape {vector.shape}")
    profile_id = uuid.uuid4().hex
    conn.execute("INSERT INTO voice_profiles (id, name, embedding, created_at) VALUES (?, ?, ?, ?)",
                 (profile_id, name, vector.tobytes(), utc_now()))
    return profile_id


def list_profiles(conn) -> list[StoredVoiceProfile]:
    """Returns every voice profile, oldest first."""
    return [
        StoredVoiceProfile(i, n, np.frombuffer(e, dtype=np.float32).copy(), c)
        for i, n, e, c in conn.execute("SELECT id, name, embedding, created_at FROM voice_profiles ORDER BY created_at, rowid")
    ]


def delete_profile(conn, profile_id: str) -> None:
    """Deletes a voice profile and unlinks it from speakers; raises NotebookError for an unknown id."""
    if conn.execute("DELETE FROM voice_profiles WHERE id = ?", (profile_id,)).rowcount == 0:
        raise NotebookError(f"no voice profile {profile_id!r}")
    conn.execute("UPDATE speakers SET profile_id = NULL WHERE profile_id = ?", (profile_id,))


def count_profiles(conn) -> int:
    """Returns how many voice profiles the notebook holds."""
    return conn.execute("SELECT count(*) FROM voice_profiles").fetchone()[0]
