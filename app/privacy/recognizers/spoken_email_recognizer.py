"""Email addresses as speech comes out of ASR: "tom dot baker at gmail dot com", "paul point girard arobase orange point fr"."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

TOP_LEVEL_DOMAINS = (
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "fr", "nl", "ca", "au", "us", "info", "biz", "me", "ai",
    "app", "dev", "ie", "es", "it", "ch", "se", "eu", "in", "jp", "at", "be", "pt", "pl", "mx", "ar", "cl", "br",
    "cat", "lu", "dk", "no", "fi", "cz", "ru",
)
# The words for "@", "." and the joiners in each language's spoken addresses.
AT_WORDS = {"en": ("at",), "de": ("at", "ät", "et"), "fr": ("arobase", "arobas", "at"), "es": ("arroba", "at")}
DOT_WORDS = {"en": ("dot", "point"), "de": ("punkt", "dot"), "fr": ("point", "dot"), "es": ("punto", "dot")}
JOIN_WORDS = {
    "en": ("underscore", "dash", "hyphen"),
    "de": ("unterstrich", "bindestrich", "strich", "minus"),
    "fr": ("tiret bas", "underscore", "tiret", "trait d'union"),
    "es": ("guion bajo", "guión bajo", "guion", "guión", "barra baja"),
}
CONTEXT = {
    "en": ["email", "e-mail", "mail", "address", "send", "write"],
    "de": ["mail", "e-mail", "adresse", "schicken", "schreiben", "erreichbar"],
    "fr": ["mail", "courriel", "adresse", "envoyer", "envoyez", "écrire"],
    "es": ["correo", "mail", "dirección", "envía", "envíalo", "escribir"],
}
DIGIT_WORDS = {
    "en": ("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "double"),
    "de": ("null", "eins", "zwei", "zwo", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "doppel"),
    "fr": ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "double"),
    "es": ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "doble"),
}
_PART = r"[^\W_]+"
_TLD = r"(?:" + "|".join(TOP_LEVEL_DOMAINS) + r")"


def email_patterns(language: str) -> list[Pattern]:
    """Returns the written and spoken email patterns of ``language``."""
    dot = r"(?:\s+(?:" + "|".join(DOT_WORDS[language]) + r")\s+|\s*\.\s*)"
    join = r"(?:\s+(?:" + "|".join((*DOT_WORDS[language], *JOIN_WORDS[language])) + r")\s+|[._-])"
    at = r"(?:\s+(?:" + "|".join(AT_WORDS[language]) + r")\s+|\s*@\s*)"
    # A local part may end in spoken digits: "thomas three four at yahoo dot com".
    digits = r"(?:\s+(?:" + "|".join(DIGIT_WORDS[language]) + r"))*"
    # A domain may hold hyphens too: "club tiret internet point fr" is club-internet.fr.
    return [Pattern("spoken email", rf"\b{_PART}(?:{join}{_PART})*{digits}{at}{_PART}(?:{join}{_PART})*?{dot}{_TLD}\b", 0.85)]


class SpokenEmailRecognizer(PatternRecognizer):
    """Finds email addresses written or spoken ("at", "dot", "arobase", "punkt", "arroba", "underscore")."""

    def __init__(self, language: str = "en") -> None:
        super().__init__(supported_entity="EMAIL_ADDRESS", name="SpokenEmailRecognizer", patterns=email_patterns(language),
                         context=CONTEXT[language], supported_language=language)
        self._spoken_at = re.compile(r"\s+(?:" + "|".join(AT_WORDS[language]) + r")\s+", re.IGNORECASE)
        self._stop_words = _stop_words(language)

    def validate_result(self, pattern_text: str) -> bool | None:
        """Rejects "is at jones dot net": a spoken "at" after a function word is a place on the web, not a mailbox."""
        local = self._spoken_at.split(pattern_text, maxsplit=1)
        if len(local) == 2 and "@" not in pattern_text and local[0].strip().lower() in self._stop_words:
            return False
        return None


def _stop_words(language: str) -> frozenset[str]:
    """Returns spaCy's stop words of ``language`` (plain word lists, no model), plus verbs that precede "at"."""
    import importlib

    words = importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
    return frozenset(words) | {"look", "looking", "page", "site", "website", "find", "us", "me", "them"}
