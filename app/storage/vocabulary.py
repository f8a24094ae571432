"""Custom vocabulary records: the notebook's names and terms, kept in the (encrypted) settings table.

One JSON value under one key holds the whole list, so a change is one row
written in the caller's transaction and needs no schema change.
Every function takes an open connection; the caller owns the transaction.
"""
from __future__ import annotations

import json

from app.storage import settings
from app.storage.errors import NotebookError

_KEY = "vocabulary.entries"


def read_entries(conn) -> list[tuple[str, str]]:
    """Returns the stored (text, kind) pairs in the order they were added (empty when none).

    Raises NotebookError when the stored value is damaged.
    """
    value = settings.read_settings(conn, [_KEY]).get(_KEY)
    if not value:
        return []
    try:
        pairs = json.loads(value)
        if not all(isinstance(t, str) and isinstance(k, str) for t, k in pairs):
            raise ValueError("not text")
    except (ValueError, TypeError):
        raise NotebookError("the notebook's vocabulary list is damaged; remove it with 'hushnote vocabulary clear'") from None
    return [(text, kind) for text, kind in pairs]


def write_entries(conn, entries: list[tuple[str, str]]) -> None:
    """Replaces the stored list with ``entries`` ((text, kind) pairs, in order); returns None."""
    settings.write_settings(conn, {_KEY: json.dumps([[text, kind] for text, kind in entries], ensure_ascii=False)})
