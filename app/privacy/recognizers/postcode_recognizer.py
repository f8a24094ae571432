"""Postcodes: UK and Canadian, written ("SW1A 1AA", "K1A 0B1") or spelled ("C three J five S eight"), and five-digit
codes right after a country or state ("Canada 13041", "Texas nine five eight nine five")."""
from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult

from app.privacy.recognizers.places import COUNTRIES, MULTI_WORD, US_STATES

_LETTER = r"[A-Z]"
_DIGIT = r"(?:\d|zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_S = r"[\s-]+"
_SPELLED_S = r",?[\s-]+"  # "S W one A, two A A": a pause between the two halves is written as a comma
PATTERNS = [
    Pattern("uk postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b", 0.6),
    Pattern("canadian postcode", r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b", 0.6),
    Pattern("spelled canadian postcode", rf"\b{_LETTER}{_S}{_DIGIT}{_S}{_LETTER}{_S}{_DIGIT}{_S}{_LETTER}{_S}{_DIGIT}\b", 0.6),
    Pattern("spelled uk postcode",
            rf"\b{_LETTER}(?:{_S}{_LETTER})?{_S}{_DIGIT}(?:{_S}(?:{_LETTER}|{_DIGIT}))?{_SPELLED_S}{_DIGIT}{_S}{_LETTER}{_S}{_LETTER}\b", 0.55),
]
_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA "
    "RI SC SD TN TX UT VT VA WA WV WI WY DC"
).split()
_REGION = "|".join(sorted({re.escape(p.title()) for p in COUNTRIES + US_STATES + MULTI_WORD} | set(_STATE_CODES), key=len, reverse=True))
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
# A five-digit code after a region is its postcode, not an ID: "… Slovenia 58731", "MI five eight three five six".
_CODE_AFTER_REGION = re.compile(rf"\b(?:{_REGION}),?\s+(\d{{5}}(?:-\d{{4}})?|{_DIGIT_WORD}(?:[\s-]+{_DIGIT_WORD}){{4}})\b")
CONTEXT = ["postcode", "post code", "postal code", "zip", "address", "send"]


class PostcodeRecognizer(PatternRecognizer):
    """Finds UK and Canadian postcodes; capitals matter, so "I see" is no postcode."""

    def __init__(self) -> None:
        super().__init__(supported_entity="ADDRESS", name="PostcodeRecognizer", patterns=PATTERNS, context=CONTEXT,
                         global_regex_flags=0)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """Returns the postcodes the patterns find, and five-digit codes right after a country or state."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        if "ADDRESS" in entities:
            for match in _CODE_AFTER_REGION.finditer(text):
                explanation = AnalysisExplanation(self.name, 0.9, pattern_name="code after region", pattern=_CODE_AFTER_REGION.pattern)
                results.append(RecognizerResult("ADDRESS", match.start(1), match.end(1), 0.9, explanation,
                                                {"recognizer_name": self.name, "recognizer_identifier": self.id}))
        return results
