"""A day of the calendar that says nothing about anyone: "the release date is the fifth of May".

A date with a day and a month but no year names when a meeting, a release or
a term happens; it is someone's personal data when the sentence ties it to a
person: a birth, a pregnancy, an appointment, a visit, a flight, a hire, or a
person named or spoken of ("I", "she", "Dr. Okafor"). "We" is the team as often
as a couple, so it ties nothing; nor does "due" alone ("the renewal is due in
April"), which is a person's only with a person in the sentence ("she's due in
April"). Dates with a year stay redacted ("On the 13th
of December 1951…").
"""
from __future__ import annotations

import re

from app.privacy.analyzer import Finding

_YEAR = re.compile(
    r"\b\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|'\d{2}\b|"
    r"\b(?:nineteen|twenty|two thousand)[\s-]+(?:and\s+)?(?:oh|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine)\b",
    re.IGNORECASE,
)
# Words that tie a date to a person's life, anywhere in its sentence.
_PERSONAL_CUE = re.compile(
    r"\b(?:born|birth|birthday|dob|d\.o\.b|baby|pregnant|expecting|appointment|check-?up|visit|visiting|admitted|admission|discharged|"
    r"died|passed away|anniversary|wedding|married|surgery|operation|scan|expiry|expires|met|meet|hired|flight|"
    r"flying|fly|holiday|leave|i|i'm|i'll|i've|i'd|me|my|he|he's|she|she's|him|his|her)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def names_a_calendar_day(text: str, finding: Finding, people: list[Finding] = ()) -> bool:
    """Returns True for a DATE_TIME with no year in a sentence that names no one (``people``: the PERSON findings)
    and says nothing of a birth, due date, appointment, visit or trip ("the release date is the fifth of May", "term
    starts on the second of September"); False for "born on the fifth of May", "I'll be in Paris from July 9th",
    "call Dr. Okafor before March 12th" and every date with a year."""
    if finding.entity_type != "DATE_TIME" or _YEAR.search(text[finding.start:finding.end]):
        return False
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, finding.start - 200), finding.start)]
    start = starts[-1] if starts else max(0, finding.start - 200)
    end_match = _SENTENCE_END.search(text, finding.end, finding.end + 200)
    sentence = text[start:end_match.start() if end_match else min(len(text), finding.end + 200)]
    return not _PERSONAL_CUE.search(sentence) and not any(start <= p.start < start + len(sentence) for p in people)
