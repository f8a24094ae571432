"""A capitalised word that names a thing, not a person or a place someone is in: "Chase bank", "Jasmine tea",
"Miro is where we keep the notes", "Phoenix is the code name for…".

Products, teams, banks and projects are named after people and towns, and
at a sentence's start the capital says nothing. Two things tell them apart
in English: the word modifies a common noun right after it (spaCy's parse:
a ``compound`` of a lower-case noun, as in "Chase bank sent a letter"),
unless that noun is one a person or a place takes ("the Tanaka family",
"Sunita's husband", "the Leeds office"); or the sentence says what the word
names ("Lincoln is the name of the new dashboard").
"""
from __future__ import annotations

import re

from app.privacy.analyzer import Finding, ParsedWord
from app.privacy.recognizers.places import COUNTRIES, US_STATES

COUNTRIES_AND_STATES = frozenset(COUNTRIES + US_STATES)

# Nouns after a name that keep it a person's or a place's: relations, households, what someone writes or owns, sites.
PERSON_OR_PLACE_NOUNS = frozenset(
    "family families household kids children twins brothers sisters parents house home wedding funeral wife husband "
    "partner son daughter mother father mum mom dad brother sister boss manager desk number email address phone "
    "birthday notes novel novels book books biography memoir album song songs film paper essay poem report letter memo "
    "thesis case trial lawsuit estate will diary office offices branch site campus store shop plant factory warehouse "
    "headquarters hq airport station hospital clinic school university area region depot lab bridge river street road "
    "city town village county province district lake mountain valley harbour harbor port beach island coast border "
    "suburb".split()
)
_NAMED_AS = re.compile(
    r"^\s+(?:is|was|will be)\s+(?:(?:the|our|a|an)\s+)?(?:(?:new|old|internal|code|project|product|working)\s+)?"
    r"(?:name|codename|code name|project|tool|app|platform|product|service|brand)\s+(?:of|for)\b|"
    r"^\s+is\s+(?:where|what)\s+(?:we|you|they|i|the)\b",
    re.IGNORECASE,
)


def modifies_a_thing(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a one-word PERSON or LOCATION modifies the lower-case common noun right after it
    ("Chase bank", "Jasmine tea", "Paris agreement targets"), a noun no person or place takes."""
    if finding.entity_type not in ("PERSON", "LOCATION") or " " in text[finding.start:finding.end].strip():
        return False
    if text[finding.start:finding.end].lower() in COUNTRIES_AND_STATES:
        return False  # "Finland leader", "Texas governor": a country's noun is still about the country
    by_start = {w.start: w for w in words}
    word = by_start.get(finding.start)
    if word is None or word.dep != "compound" or word.end != finding.end:
        return False
    head = by_start.get(word.head_start)
    following = next((w for w in words if w.start > word.start), None)
    if head is None or head is not following or head.pos != "NOUN":
        return False
    noun = text[head.start:head.end]
    return noun.islower() and noun not in PERSON_OR_PLACE_NOUNS


def named_as_a_thing(text: str, finding: Finding) -> bool:
    """Returns True when the words after a PERSON or LOCATION say it names a thing ("Lincoln is the name of…",
    "Phoenix is the code name for…", "Miro is where we keep…")."""
    return finding.entity_type in ("PERSON", "LOCATION") and bool(_NAMED_AS.match(text[finding.end:finding.end + 40]))
