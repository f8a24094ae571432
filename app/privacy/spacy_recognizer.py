"""spaCy NER results, keeping only dates specific enough to identify someone.

spaCy labels "tomorrow", "next week" and "Monday" DATE; those are not personal
data and redacting them would gut a meeting transcript, so a DATE_TIME is kept
only when it names a month, a day number or a year.
"""
from __future__ import annotations

import re

from presidio_analyzer.predefined_recognizers import SpacyRecognizer

_SPECIFIC_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|"
    r"jul|aug|sept?|oct|nov|dec|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\w+teenth|twentieth|thirtieth|birthday|born)\b|\d(?:st|nd|rd|th)\b|\d{1,2}[/.-]\d{1,2}",
    re.IGNORECASE,
)
_RELATIVE_ONLY = re.compile(
    r"^(?:the\s+)?(?:(?:next|last|this|every|past|coming|previous)\s+)?(?:few\s+)?(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?|quarters?|weekends?|mornings?|evenings?|nights?)(?:\s+(?:ago|later))?$",
    re.IGNORECASE,
)


class SpecificSpacyRecognizer(SpacyRecognizer):
    """spaCy's PERSON, LOCATION and specific DATE_TIME entities."""

    ENTITIES = ["PERSON", "LOCATION", "DATE_TIME"]

    def __init__(self) -> None:
        super().__init__(supported_entities=self.ENTITIES, name="SpecificSpacyRecognizer")

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns spaCy's entities, dropping vague dates and single-letter names."""
        results = super().analyze(text, entities, nlp_artifacts) or []
        kept = []
        for result in results:
            span = text[result.start:result.end]
            if result.entity_type == "DATE_TIME" and (not _SPECIFIC_DATE.search(span) or _RELATIVE_ONLY.match(span)):
                continue
            if result.entity_type == "PERSON" and (len(span.strip()) < 2 or any(ch.isdigit() for ch in span)):
                continue
            kept.append(result)
        return kept
