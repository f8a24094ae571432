"""What detection returns: findings in a text and the words it parsed (plain values, no Presidio types)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One detection in a text: character offsets, Presidio entity type, confidence 0–1."""

    start: int
    end: int
    entity_type: str
    score: float


@dataclass(frozen=True)
class ParsedWord:
    """One token of the analysed text as the spaCy pipeline parsed it: offsets, part of speech, dependency and the
    offset of the token it depends on (empty tags where the language has no statistical pipeline)."""

    start: int
    end: int
    pos: str
    dep: str
    head_start: int
