"""Names spelled out letter by letter: "O K A F O R", "o-k-a-f-o-r", "O. K. A. F. O. R."."""
from __future__ import annotations

import copy
import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

# Three or more single letters, one separator each; "a" and "i" alone are words,
# so a run made only of them is left out in validate_result.
PATTERNS = [Pattern("spelled letters", r"(?<![\w'])(?:[a-z]\.?[\s-]+){2,}[a-z]\.?(?![\w'])", 0.7)]
CONTEXT = ["spell", "spelled", "spelt", "spelling", "name", "surname", "last name", "that's"]
COMMON_ABBREVIATIONS = {"usa", "fbi", "cia", "nhs", "bbc", "abc", "nba", "ceo", "cfo", "cto", "faq", "atm", "pdf", "uk", "eu", "ai", "api"}


class SpelledNameRecognizer(PatternRecognizer):
    """Finds letter-by-letter spellings, which in speech are almost always names."""

    def __init__(self) -> None:
        super().__init__(supported_entity="PERSON", name="SpelledNameRecognizer", patterns=PATTERNS, context=CONTEXT)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """Returns the spelled-out names, plus the spoken word they spell when it is said nearby."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        for result in list(results):
            letters = "".join(ch for ch in text[result.start:result.end].lower() if ch.isalpha())
            for word in re.finditer(r"[A-Za-z]+", text):
                near = word.end() <= result.start and result.start - word.end() < 40 or word.start() >= result.end and word.start() - result.end < 40
                if near and word.group().lower() == letters:
                    results.append(RecognizerResult("PERSON", word.start(), word.end(), result.score,
                                                    analysis_explanation=copy.copy(result.analysis_explanation)))
        return results

    def validate_result(self, pattern_text: str) -> bool | None:
        letters = "".join(ch for ch in pattern_text.lower() if ch.isalpha())
        if set(letters) <= {"a", "i"} or letters in COMMON_ABBREVIATIONS:
            return False
        return None
