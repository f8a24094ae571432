"""Street addresses, written ("221B Baker Street") or spoken ("twenty two baker street")."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from app.privacy.recognizers.spoken_numbers import TEEN_WORDS, TENS_WORDS, UNIT_WORDS

STREET_TYPES = (
    "street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd", "way", "court",
    "ct", "place", "pl", "terrace", "crescent", "close", "square", "parkway", "highway", "hwy", "circle", "row",
    "gardens", "grove", "mews", "walk", "alley", "trail", "pike",
)
_NUMBER_WORD = "|".join(sorted({*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, "hundred", "thousand", "double"} - {"o", "oh"}, key=len, reverse=True))
_HOUSE_NUMBER = rf"(?:\d{{1,6}}[a-z]?|(?:(?:{_NUMBER_WORD}|oh)[\s-]+){{0,5}}(?:{_NUMBER_WORD})(?:\s*[a-z]\b)?)"
_STREET_NAME = r"(?:(?:north|south|east|west|old|new|saint|st\.?|mount|mt\.?|[a-z][a-z'.]+|\d+(?:st|nd|rd|th))\s+){1,3}?"
_STREET_TYPE = r"(?:" + "|".join(STREET_TYPES) + r")\.?"
_UNIT = r"(?:,?\s+(?:apartment|apt\.?|suite|unit|flat|floor)\s+[a-z0-9-]+(?:\s+[a-z0-9](?=\b))?)?"
_PO_BOX = r"\bp\.?\s*o\.?\s+box\s+(?:\d+|(?:(?:" + _NUMBER_WORD + r")\s*){1,8})"
_ZIP = r"(?:,?\s+\d{5}(?:-\d{4})?)?"

PATTERNS = [
    Pattern("street address", rf"\b{_HOUSE_NUMBER}\s+{_STREET_NAME}{_STREET_TYPE}\b{_UNIT}{_ZIP}", 0.7),
    Pattern("po box", _PO_BOX, 0.7),
]
CONTEXT = ["live", "lives", "living", "address", "moved", "located", "deliver", "ship", "send", "located", "at"]


class AddressRecognizer(PatternRecognizer):
    """Finds street addresses with a house number and a street type, and PO boxes."""

    def __init__(self) -> None:
        super().__init__(supported_entity="ADDRESS", name="AddressRecognizer", patterns=PATTERNS, context=CONTEXT)
