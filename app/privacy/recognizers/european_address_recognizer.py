"""Street addresses in German, French and Spanish, written or spoken.

"Lindenstraße zwölf", "Hilmar-Schuster-Platz 5", "12 rue des Lilas",
"calle Alcalá número veintitrés", and a postcode before a town ("70669 Tübingen").
A German street word with no house number after it must not be a common word
("Arbeitsplatz", "Umweg"): Hushnote asks a word-frequency list, not a list of
exceptions.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from app.privacy.recognizers.common_words import is_common_word
from app.privacy.recognizers.number_words import number_phrases

STREET_TYPES = {
    "de": ("straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer", "chaussee", "steig",
           "pfad", "markt", "berg", "hof", "kamp", "stieg", "graben", "anger", "wall", "garten", "feld", "brücke"),
    "fr": ("rue", "avenue", "av.", "boulevard", "bd", "chemin", "place", "allée", "impasse", "quai", "route", "cours",
           "square", "passage", "voie", "rond-point", "sentier", "faubourg", "esplanade", "résidence", "hameau"),
    "es": ("calle", "c/", "c.", "avenida", "avda.", "avda", "plaza", "paseo", "camino", "carretera", "ronda", "pasaje",
           "travesía", "glorieta", "vía", "via", "vial", "urbanización", "callejón", "cuesta", "rambla", "acceso",
           "alameda", "cañada", "pasadizo", "carrera", "senda", "bajada", "subida", "costanilla", "avinguda", "carrer"),
}
CONTEXT = {
    "de": ["wohne", "wohnt", "adresse", "anschrift", "straße", "liefern", "schicken", "paket"],
    "fr": ["habite", "adresse", "domicile", "livrer", "envoyer", "colis"],
    "es": ["vivo", "vive", "dirección", "domicilio", "enviar", "paquete", "calle"],
}
_UPPER = "A-ZÄÖÜÀÂÇÉÈÊËÎÏÔÛÙÜŸÁÍÓÚÑ"
_CAPITALISED = rf"[{_UPPER}][\w'’-]*"  # no full stop: a street name never runs into the next sentence
_NAME_LINKS = {
    "fr": r"(?:de\s+la|de\s+l'|des|du|de|d'|la|le|les|l'|saint|sainte|sur|aux|au|et)",
    "es": r"(?:de\s+la|de\s+los|de\s+las|del|de|la|el|los|las|y|san|santa)",
}


def _number_words(language: str) -> str:
    words = sorted((" ".join(p).replace(" - ", "-") for p in number_phrases(language)), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def _house_number(language: str) -> str:
    return rf"(?:\d{{1,4}}(?:\s?[a-zA-Z]\b|\s*/\s*\d+|\s*(?:bis|ter)\b)?|(?:{_number_words(language)})\b)"


def _postcode(language: str) -> str:
    """", 49126", ", null neun sieben null sechs": the postcode that may follow a street (its town is a LOCATION)."""
    spoken = rf"(?:(?:{_number_words(language)}|doppel|double|doble)(?:,?\s+|$)){{1,6}}"
    return rf"(?:,?\s+(?:\d{{5}}\b|{spoken}))?"


def address_patterns(language: str) -> list[Pattern]:
    """Returns the street and postcode patterns of ``language`` (German, French or Spanish)."""
    types = "|".join(re.escape(t) for t in sorted(STREET_TYPES[language], key=len, reverse=True))
    number = _house_number(language)
    town = _postcode(language)
    postcode_town = Pattern("postcode before a town", rf"\b\d{{5}}(?=\s+{_CAPITALISED})", 0.6)
    if language == "de":
        # "Schleichstraße", "Hilmar-Schuster-Platz": hyphenated names are the norm; a town in capitals is not a street.
        one_word = rf"(?<![\w-])[{_UPPER}][a-zäöüß]*(?:-[{_UPPER}]?[\wäöüß]+)*-?(?i:{types})(?![\w-])"
        two_words = rf"\b[{_UPPER}][\wäöüß]+(?:er|e|s)?\s+(?:Straße|Strasse|Str\.|Allee|Platz|Weg|Gasse|Ring|Damm|Ufer|Markt)"
        street = rf"(?:(?:Am|An\s+der|Auf\s+dem|Im|Zum|Zur)\s+{_CAPITALISED}|{two_words}|{one_word})"
        return [
            Pattern("street and number", rf"{street}\s+{number}{town}", 0.75),
            Pattern("street", street, 0.5),
            postcode_town,
        ]
    name = rf"(?:{_NAME_LINKS[language]}\s*)*{_CAPITALISED}(?:\s+(?:{_NAME_LINKS[language]}\s*)*{_CAPITALISED}){{0,3}}"
    street = rf"(?<![\w])(?i:{types})\s+{name}"
    if language == "fr":
        return [
            Pattern("number and street", rf"\b{number},?\s+{street}{town}", 0.8),
            Pattern("street", street, 0.6),
            postcode_town,
        ]
    return [
        Pattern("street and number", rf"{street},?\s+(?:(?:número|num\.?|nº|n\.º)\s*)?{number}{town}", 0.8),
        Pattern("street", street, 0.6),
        postcode_town,
    ]


class EuropeanAddressRecognizer(PatternRecognizer):
    """Finds German, French and Spanish street addresses and postcode-plus-town."""

    def __init__(self, language: str) -> None:
        self._language = language
        super().__init__(supported_entity="ADDRESS", name="EuropeanAddressRecognizer", patterns=address_patterns(language),
                         context=CONTEXT[language], supported_language=language,
                         global_regex_flags=re.DOTALL | re.MULTILINE)

    def validate_result(self, pattern_text: str) -> bool | None:
        """Rejects a lone German street word that is an everyday noun ("Arbeitsplatz") or a listed surname ("Patberg", "Häring")."""
        from app.privacy.recognizers.name_lexicon import name_lexicon

        text = pattern_text.strip()
        if self._language == "de" and " " not in text and (is_common_word(text, "de") or text.lower() in name_lexicon()[1]):
            return False
        return None
