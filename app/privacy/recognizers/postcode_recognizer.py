"""UK and Canadian postcodes, written ("SW1A 1AA", "K1A 0B1") or spelled ("C three J five S eight")."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_LETTER = r"[A-Z]"
_DIGIT = r"(?:\d|zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_S = r"[\s-]+"
PATTERNS = [
    Pattern("uk postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", 0.6),
    Pattern("canadian postcode", r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b", 0.6),
    Pattern("spelled canadian postcode", rf"\b{_LETTER}{_S}{_DIGIT}{_S}{_LETTER}{_S}{_DIGIT}{_S}{_LETTER}{_S}{_DIGIT}\b", 0.6),
    Pattern("spelled uk postcode",
            rf"\b{_LETTER}(?:{_S}{_LETTER})?{_S}{_DIGIT}(?:{_S}(?:{_LETTER}|{_DIGIT}))?{_S}{_DIGIT}{_S}{_LETTER}{_S}{_LETTER}\b", 0.55),
]
CONTEXT = ["postcode", "post code", "postal code", "zip", "address", "send"]


class PostcodeRecognizer(PatternRecognizer):
    """Finds UK and Canadian postcodes; capitals matter, so "I see" is no postcode."""

    def __init__(self) -> None:
        super().__init__(supported_entity="ADDRESS", name="PostcodeRecognizer", patterns=PATTERNS, context=CONTEXT,
                         global_regex_flags=0)
