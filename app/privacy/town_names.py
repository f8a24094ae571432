"""Towns named after people: "North Michael", "Lake Jessica", "Port Kimberly", "Jacksonville", "Joshuamouth".

A first name after a compass point, "Lake", "Port", "Fort" or "Mount", or a
name run together with a town ending ("-ville", "-borough", "-mouth"), names
a place, however surely the name list or spaCy's small model takes the name
for a person: no one is called "West Brandon". Real towns are made this way
("Port Augusta", "Lake Charles", "Fort William", "Jacksonville",
"Fredericton"), and so are the towns Faker generates.
"""
from __future__ import annotations

import re

from app.privacy.findings import Finding

_OPENER = re.compile(r"\b(North|South|East|West|Lake|Port|Fort|Mount|Mt\.?)\s+$")
_OPENS = re.compile(r"^(?:North|South|East|West|Lake|Port|Fort|Mount|Mt\.?)\s+[A-Z]")
TOWN_ENDINGS = (
    "ville", "borough", "burgh", "bury", "mouth", "berg", "burg", "haven", "chester", "stad", "furt", "shire", "town",
    "ton", "land", "view", "side", "port", "fort",
)


def _is_name(word: str) -> bool:
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    return word.lower() in first_names or word.lower() in surnames


def _named_after_someone(word: str) -> bool:
    """True for one word made of a listed name and a town ending: "Joshuamouth", "Jacksonville", "Sarahborough"."""
    lower = word.lower()
    for ending in TOWN_ENDINGS:
        stem = lower.removesuffix(ending)
        if stem != lower and len(stem) >= 3 and _is_name(stem) and not _is_name(lower):
            return True
    return False


def as_a_town(text: str, finding: Finding) -> Finding:
    """Returns ``finding`` as a LOCATION when the PERSON it is names a town after someone (the opener taken into the
    span: "Lake Jessica", not "Jessica"); otherwise ``finding`` unchanged."""
    if finding.entity_type != "PERSON":
        return finding
    span = text[finding.start:finding.end]
    opener = _OPENER.search(text[max(0, finding.start - 8):finding.start])
    words = span.split()
    if opener is not None and _is_name(words[0]):
        return Finding(finding.start - len(opener.group()), finding.end, "LOCATION", finding.score)
    if _OPENS.match(span) and len(words) == 2 and _is_name(words[1]):
        return Finding(finding.start, finding.end, "LOCATION", finding.score)
    if len(words) == 1 and span[:1].isupper() and _named_after_someone(span):
        return Finding(finding.start, finding.end, "LOCATION", finding.score)
    return finding


# "Salteras is where my parents live", "Kaapstad is where she grew up": the sentence says the name is a place.
WHERE_SOMEONE_LIVES = re.compile(
    r"^\s+(?:is|was|'s)\s+where\s+(?:i|we|you|he|she|they|(?:my|our|his|her|their|your)\s+\w+|[A-Z][a-z]+)\s+"
    r"(?:(?:still|now|all|both|first|originally|used to)\s+)?"
    r"(?:live|lives|lived|living|grew up|was born|were born|am from|is from|are from|come from|comes from|came from|"
    r"stay|stays|stayed|moved|settled|spend|spends|spent|retired|studied|work|works|worked)\b"
)


def as_a_home_place(text: str, finding: Finding) -> Finding:
    """Returns ``finding`` as a LOCATION when the PERSON it is is said to be where someone lives, grew up or was born
    ("Kaapstad is where my parents live"); otherwise ``finding`` unchanged."""
    if finding.entity_type != "PERSON" or not WHERE_SOMEONE_LIVES.match(text[finding.end:finding.end + 80]):
        return finding
    return Finding(finding.start, finding.end, "LOCATION", finding.score)
