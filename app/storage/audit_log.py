"""The export audit log: what was exported, when, of which note, under which redaction policy.

Every function takes an open connection; the caller owns the transaction.
"""
from __future__ import annotations

import json
from dataclasses import dataclass


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
