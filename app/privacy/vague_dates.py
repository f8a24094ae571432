"""A month said without a day or a year dates nothing about a person: "by the end of June", "the renewal is due in
April", "early March". Only with a birth before it does it ("born in April", "her birthday's in June").

spaCy's small model tags every month and season phrase as a DATE; Presidio
reports it as DATE_TIME. A date someone can be found by (a date of birth,
an appointment) carries a day or a year, spoken or in digits.
"""
from __future__ import annotations

import re

from app.privacy.analyzer import Finding

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|oh|hundred|thousand)\b",
    re.IGNORECASE,
)
_BIRTH_BEFORE = re.compile(r"\b(?:born|birth|birthday|birthday's|dob|due)\b[^.!?]{0,20}$", re.IGNORECASE)


def is_a_vague_date(text: str, finding: Finding) -> bool:
    """Returns True for a DATE_TIME with no day and no year in it ("the end of June", "April"), unless a birth or a due
    date is said just before ("born in April", "she's due in May")."""
    if finding.entity_type != "DATE_TIME" or _NUMBER.search(text[finding.start:finding.end]):
        return False
    return not _BIRTH_BEFORE.search(text[max(0, finding.start - 40):finding.start])
