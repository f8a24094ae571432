"""Context words near a match: what turns a digit run into a phone, card or ID."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")


def words_before(text: str, start: int, count: int = 8) -> list[str]:
    """Returns the last ``count`` lower-case words before offset ``start``."""
    return _WORD.findall(text[:start].lower())[-count:]


def words_after(text: str, end: int, count: int = 3) -> list[str]:
    """Returns the first ``count`` lower-case words after offset ``end``."""
    return _WORD.findall(text[end:].lower())[:count]


def mentions(words: list[str], phrases: tuple[str, ...], compounds: bool = False) -> bool:
    """Returns True when any phrase (one or more words) occurs in ``words``.

    With ``compounds``, a one-word phrase also counts inside a longer word
    ("telefon" in "telefonnummer"), as German joins nouns.
    """
    joined = " " + " ".join(words) + " "
    if any(f" {phrase} " in joined for phrase in phrases):
        return True
    return compounds and any(" " not in phrase and len(phrase) >= 3 and phrase in word for word in words for phrase in phrases)
