"""The notebook's vocabulary in personal-data detection: listed names are people, listed terms never personal data.

Matching is on the text itself, case-insensitive and on whole words, so it
works the same in every language and needs no model.
"""
from __future__ import annotations

import re

from app.privacy.analyzer import Finding
from app.vocabulary import Vocabulary

NAME_SCORE = 1.0


def _occurrences(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Returns the (start, end) of every whole-word, case-insensitive occurrence of ``phrases`` in ``text``."""
    if not phrases:
        return []
    # Inner spaces match any run of spaces, so "Siobhan  Nakagawa" across a segment joint is still one name.
    alternatives = sorted((r"\s+".join(re.escape(w) for w in p.split()) for p in phrases), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def listed_names(text: str, vocabulary: Vocabulary) -> list[Finding]:
    """Returns a PERSON finding for every mention of a name the vocabulary lists."""
    return [Finding(start, end, "PERSON", NAME_SCORE) for start, end in _occurrences(text, vocabulary.names)]


def without_listed_terms(text: str, findings: list[Finding], vocabulary: Vocabulary) -> list[Finding]:
    """Returns ``findings`` with every listed term cut out of them (a finding left with no letters or digits is dropped)."""
    terms = _occurrences(text, vocabulary.terms)
    if not terms:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        pieces = [(finding.start, finding.end)]
        for t_start, t_end in terms:
            pieces = [part for start, end in pieces for part in _minus(start, end, t_start, t_end)]
        for start, end in pieces:
            if any(ch.isalnum() for ch in text[start:end]):
                kept.append(Finding(start, end, finding.entity_type, finding.score))
    return kept


def _minus(start: int, end: int, cut_start: int, cut_end: int) -> list[tuple[int, int]]:
    """Returns what is left of [start, end) once [cut_start, cut_end) is taken out (0, 1 or 2 pieces)."""
    if cut_end <= start or end <= cut_start:
        return [(start, end)]
    return [(a, b) for a, b in ((start, cut_start), (cut_end, end)) if b > a]
