"""Findings whose type the words around them correct: a date of birth said as digits, a street named like a person.

Number recognisers read "twelve oh nine nineteen seventy" as a phone number and
the language model reads "42 Willow Bank" as a person; the phrase before them
says what they are.
"""
from __future__ import annotations

import re

from app.privacy.analyzer import Finding

_BIRTH_DATE_BEFORE = re.compile(r"\b(?:date of birth|birth date|birthdate|dob|d\s?o\s?b|born on)\b[\s,:]*(?:is|was|of)?[\s,:]*$", re.IGNORECASE)
_NUMBER_TYPES = ("PHONE_NUMBER", "ID_NUMBER", "CREDENTIAL")
# A house number right before the name: "42 Willow Bank", "7a Rowan Rise".
_HOUSE_NUMBER_BEFORE = re.compile(r"(?<![\d,.])\b(\d{1,4}[a-zA-Z]?)\s+$")
_STREET_WORD_AFTER = re.compile(r"^\s+[A-Z][a-z]+")


def as_a_birth_date(text: str, finding: Finding) -> Finding:
    """Returns ``finding`` as a DATE_TIME when a number finding follows "date of birth", "DOB" or "born on" ("his
    date of birth is twelve oh nine nineteen seventy"); otherwise ``finding`` unchanged."""
    if finding.entity_type not in _NUMBER_TYPES or not _BIRTH_DATE_BEFORE.search(text[max(0, finding.start - 40):finding.start]):
        return finding
    return Finding(finding.start, finding.end, "DATE_TIME", finding.score)


def as_a_street(text: str, finding: Finding) -> Finding:
    """Returns ``finding`` as an ADDRESS from the house number through the street's last word when a PERSON follows
    a house number and a capitalised word closes it ("42 Willow Bank": a street, not Willow; "18 Ivy Bank" taken
    whole for a name); otherwise ``finding`` unchanged."""
    if finding.entity_type != "PERSON":
        return finding
    number = _HOUSE_NUMBER_BEFORE.search(text[max(0, finding.start - 8):finding.start])
    after = _STREET_WORD_AFTER.match(text[finding.end:finding.end + 30])
    if number is None or after is None and len(text[finding.start:finding.end].split()) < 2:
        return finding
    end = finding.end + (after.end() if after is not None else 0)
    return Finding(finding.start - len(number.group()), end, "ADDRESS", finding.score)
