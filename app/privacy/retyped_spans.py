"""Findings whose type the words around them correct: a date of birth said as digits, a street named like a person,
a web address with "at" in it.

Number recognisers read "twelve oh nine nineteen seventy" as a phone number,
the language model reads "42 Willow Bank" as a person and the email recogniser
reads "tom cooks at home dot net" as an email; the phrase before them says
what they are.
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


# A house number said after the street, as much of Europe writes it: "Thompson Squares 122", "… one hundred and thirty".
_HOUSE_NUMBER_AFTER = re.compile(
    r"^\s+(?:\d{1,4}[a-zA-Z]?\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)"
)


def as_a_street_name(text: str, finding: Finding) -> Finding:
    """Returns ``finding`` as an ADDRESS when the PERSON it is is a name and a street type ("Mathew Square", "Joanna
    Alley", "Williams Overpass": the model reads the name), the type being no name itself or a house number following
    ("Tanya Hill" stays a person; "Reid Lake 40" is a street); otherwise ``finding`` unchanged."""
    if finding.entity_type != "PERSON":
        return finding
    end = finding.end
    words = text[finding.start:end].split()
    if len(words) == 1:  # "Zachary Avenue 126": the model took only the name
        following = _STREET_WORD_AFTER.match(text[end:end + 30])
        if following is None:
            return finding
        end += following.end()
        words = text[finding.start:end].split()
    if len(words) != 2 or not words[1][:1].isupper():
        return finding
    from app.privacy.recognizers.address_recognizer import usps_street_suffixes
    from app.privacy.recognizers.name_lexicon import name_lexicon

    suffix = words[1].rstrip(".,")
    if suffix not in usps_street_suffixes():
        return finding
    first_names, surnames = name_lexicon()
    if (suffix.lower() in first_names or suffix.lower() in surnames or end != finding.end) \
            and not _HOUSE_NUMBER_AFTER.match(text[end:end + 12]):
        return finding  # "Tanya Hill", "Zachary Avenue" alone: a person, or not sure enough
    return Finding(finding.start, end, "ADDRESS", finding.score)


# "his website is …", "my blog is at …": what follows is a web address, whatever "at" it holds.
_WEB_ADDRESS_INTRO = re.compile(
    r"\b(?:website|web site|site|blog|homepage|home page|url|web address|portfolio)(?:'s|\s+is)(?:\s+at)?\s+", re.IGNORECASE
)
_WEB_ADDRESS_LOOK_BACK_CHARS = 40


def as_a_web_address(text: str, finding: Finding) -> Finding:
    """Returns ``finding`` as a URL from the words right after "website is" / "blog is at" when it is an email or a
    web address that runs on from them with no pause ("his website is tom cooks at home dot net": no email, a site;
    "her blog is at green fingers in leeds dot co dot uk": all of it); otherwise ``finding`` unchanged ("the website
    is down, email j dot lee at …" is an email)."""
    if finding.entity_type not in ("EMAIL_ADDRESS", "URL"):
        return finding
    window_start = max(0, finding.start - _WEB_ADDRESS_LOOK_BACK_CHARS)
    intros = list(_WEB_ADDRESS_INTRO.finditer(text, window_start, finding.start))
    if not intros:
        return finding
    start = intros[-1].end()
    if re.search(r"[,.;:!?]|\bemail\b", text[start:finding.start], re.IGNORECASE) or len(text[start:finding.start].split()) > 5:
        return finding
    return Finding(start, finding.end, "URL", finding.score)
