"""Full-text search over every note (FTS5, bm25-ranked, highlighted snippets)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.storage.database import DatabaseError
from app.storage.errors import NotebookError

# Guillemets, not brackets: a redacted item reads "[PERSON_1]", and a hit must never look like one.
HIGHLIGHT_START = "«"
HIGHLIGHT_END = "»"


@dataclass(frozen=True)
class SearchHit:
    """One matching note: its id, title, a snippet with matches between the highlight markers («…»), and its bm25 rank (lower is better)."""

    note_id: int
    title: str
    snippet: str
    rank: float


def to_fts_query(query: str) -> str:
    """Returns a safe FTS5 query: each word quoted and matched as a prefix ("spring" finds "Springfield"), all required.

    Raises NotebookError for a query without any word.
    """
    terms = []
    for token in re.findall(r"[\w'*-]+", query, flags=re.UNICODE):
        word = token.rstrip("*").replace('"', "")
        if word.strip("'-"):
            terms.append(f'"{word}"*')
    if not terms:
        raise NotebookError("the search query has no words")
    return " ".join(terms)


def search_notes(conn, query: str, limit: int = 20) -> list[SearchHit]:
    """Returns up to ``limit`` notes matching every word of ``query``, best first.

    Raises NotebookError for an empty query.
    """
    fts_query = to_fts_query(query)
    try:
        rows = conn.execute(
            "SELECT notes_fts.rowid, notes.title, snippet(notes_fts, 1, ?, ?, '…', 12), bm25(notes_fts, 5.0, 1.0) AS score"
            " FROM notes_fts JOIN notes ON notes.id = notes_fts.rowid"
            " WHERE notes_fts MATCH ? ORDER BY score LIMIT ?",
            (HIGHLIGHT_START, HIGHLIGHT_END, fts_query, limit),
        ).fetchall()
    except DatabaseError as exc:
        raise NotebookError(f"cannot search for {query!r} ({exc})") from None
    return [SearchHit(r[0], r[1], r[2], r[3]) for r in rows]
