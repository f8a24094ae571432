"""Notebook-wide settings: text values under dotted keys (the settings table).

Every function takes an open connection; the caller owns the transaction.
"""
from __future__ import annotations


def read_settings(conn, keys) -> dict[str, str]:
    """Returns the stored values of ``keys`` (absent keys are left out)."""
    keys = list(keys)
    marks = ", ".join("?" for _ in keys)
    return dict(conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", keys))


def write_settings(conn, values: dict[str, str]) -> None:
    """Stores ``values`` (key -> text), replacing what was there; returns None."""
    conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", list(values.items()))


def count_settings(conn, prefix: str) -> int:
    """Returns how many stored keys start with ``prefix``."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return conn.execute("SELECT COUNT(*) FROM settings WHERE key LIKE ? ESCAPE '\\'", (escaped + "%",)).fetchone()[0]
