"""Countries, US states and large cities from a built-in list, in any casing."""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.places import PLACES

# Longest names first, so "new york" wins over "york".
_PLACE = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(PLACES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# Place names that are also first names ("Georgia", "Jordan"): only when capitalised.
ALSO_NAMES = frozenset({"georgia", "jordan", "virginia", "florida", "chad", "israel", "kansas", "washington", "paris"})


def german_cities() -> re.Pattern:
    """Returns a pattern of the German, Austrian and Swiss towns Faker lists (real names, in its wheel)."""
    names: set[str] = set()
    for locale in ("de_DE", "de_AT", "de_CH"):
        try:
            provider = __import__(f"faker.providers.address.{locale}", fromlist=["Provider"]).Provider
        except ImportError:
            continue
        names |= {c for c in getattr(provider, "cities", ()) if isinstance(c, str) and len(c) > 3}
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


class LocationRecognizer(EntityRecognizer):
    """Finds well-known places by name; scores above spaCy's guess, so a known city is not called a person.

    English uses the built-in list (any casing); German, which has no NER model, Faker's list of its towns
    (capitalised, as Whisper writes them).
    """

    def __init__(self, language: str = "en") -> None:
        super().__init__(supported_entities=["LOCATION"], name="LocationRecognizer", supported_language=language)
        self._pattern = german_cities() if language == "de" else _PLACE

    def load(self) -> None:  # nothing to load: the list is a module constant
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns a LOCATION RecognizerResult per known place in ``text``."""
        if "LOCATION" not in entities:
            return []
        results = []
        for match in self._pattern.finditer(text):
            if match.group().lower() in ALSO_NAMES and not match.group()[0].isupper():
                continue
            results.append(RecognizerResult("LOCATION", match.start(), match.end(), 0.9))
        return results
