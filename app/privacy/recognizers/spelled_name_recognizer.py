"""Names spelled out letter by letter: "O K A F O R", "o-k-a-f-o-r", "O. K. A. F. O. R."."""
from __future__ import annotations

import copy
import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

# Three or more single letters, one separator each; "a" and "i" alone are words,
# so a run made only of them is left out in validate_result.
PATTERNS = [Pattern("spelled letters", r"(?<![\w'])(?:[a-z]\.?[\s-]+){2,}[a-z]\.?(?![\w'])", 0.7)]
CONTEXT = ["spell", "spelled", "spelt", "spelling", "name", "surname", "last name", "that's"]
COMMON_ABBREVIATIONS = {"usa", "fbi", "cia", "nhs", "bbc", "abc", "nba", "ceo", "cfo", "cto", "faq", "atm", "pdf", "uk", "eu", "ai", "api", "www"}


# Letters after digits, or after the word that names a plate or a code, spell that code: "A B one two, C D E".
_CODE_BEFORE = re.compile(
    r"(?:\b(?:plate|registration|reg|postcode|post code|zip|code|reference|ref|booking|flight|seat|serial)\b(?:\s+(?:number|is|was|it's|its))*"
    r"|\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine))[\s,.-]*$",
    re.IGNORECASE,
)


def _spells_a_code(text: str, start: int) -> bool:
    """True when the letters at ``start`` continue a plate, postcode or reference ("the number plate is A B one two, C D E")."""
    return bool(_CODE_BEFORE.search(text[max(0, start - 40):start]))


class SpelledNameRecognizer(PatternRecognizer):
    """Finds letter-by-letter spellings, which in speech are almost always names."""

    def __init__(self) -> None:
        super().__init__(supported_entity="PERSON", name="SpelledNameRecognizer", patterns=PATTERNS, context=CONTEXT)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """Returns the spelled-out names, plus the spoken word they spell when it is said nearby; letters that continue a
        plate or reference ("A B one two, C D E") are an ID_NUMBER."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        for result in results:
            if _spells_a_code(text, result.start):
                result.entity_type = "ID_NUMBER"  # the rest of a plate or reference is as personal, but no name
        for result in [r for r in results if r.entity_type == "PERSON"]:
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
