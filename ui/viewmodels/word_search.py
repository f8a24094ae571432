"""Finding words in an open note: every word of the query matches the beginning of consecutive words, as the
library's search does ("spring" finds "Springfield")."""
from __future__ import annotations

from ui.viewmodels.transcript_layout import TranscriptLayout


def _norm(token: str) -> str:
    return "".join(c for c in token.lower() if c.isalnum())


def find_words(layout: TranscriptLayout, query: str) -> list[tuple[int, int]]:
    """Returns (first, last) indices into ``layout.words`` of each match of ``query``, in reading order.

    A word without letters or digits in the query is ignored; an empty query matches nothing.
    """
    tokens = [t for t in map(_norm, query.split()) if t]
    if not tokens:
        return []
    shown = [_norm(layout.text[w.start_char:w.end_char]) for w in layout.words]
    matches = []
    for first in range(len(shown) - len(tokens) + 1):
        if all(shown[first + k].startswith(token) for k, token in enumerate(tokens)):
            matches.append((first, first + len(tokens) - 1))
    return matches
