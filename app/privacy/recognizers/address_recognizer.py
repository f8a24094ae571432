"""Street addresses in English, written ("221B Baker Street") or spoken ("twenty two baker street").

Two kinds of street word: the everyday ones ("street", "road", "lane") match in
any casing; the full USPS suffix list (Faker ships it: "Parkway", "Loaf",
"Divide", "Knoll"…) only after a capitalised street name, as Whisper writes
names, so "3 key points" stays a quantity. An address takes its flat or suite,
its town, state and ZIP with it; a flat number, a PO box and a ZIP after its
state also stand alone.
"""
from __future__ import annotations

import re

from functools import lru_cache

from presidio_analyzer import Pattern, PatternRecognizer

from app.privacy.recognizers.spoken_numbers import TEEN_WORDS, TENS_WORDS, UNIT_WORDS

STREET_TYPES = (
    "street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "drive", "dr", "boulevard", "blvd", "way", "court",
    "ct", "place", "pl", "terrace", "crescent", "close", "square", "parkway", "highway", "hwy", "circle", "row",
    "gardens", "grove", "mews", "walk", "alley", "trail", "pike",
)


def _usps_suffixes() -> list[str]:
    try:
        from faker.providers.address.en_US import Provider
    except ImportError:  # Faker missing: the everyday street words still work
        return []
    return sorted({s for s in Provider.street_suffixes}, key=len, reverse=True)


@lru_cache(maxsize=1)
def usps_street_suffixes() -> frozenset[str]:
    """Returns the street types of US addresses as Faker writes them, capitalised ("Alley", "Squares", "Overpass")."""
    return frozenset(_usps_suffixes())


_NUMBER_WORD = "|".join(sorted({*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, "hundred", "thousand", "double"} - {"o", "oh"}, key=len, reverse=True))
_SPOKEN_NUMBER = rf"(?:(?:{_NUMBER_WORD}|oh)(?:[\s-]+|\s+and\s+))*(?:{_NUMBER_WORD})"
_HOUSE_NUMBER = rf"(?:\d{{1,6}}[a-zA-Z]?|{_SPOKEN_NUMBER}(?:\s*[a-z]\b)?)"
_STREET_NAME = r"(?:(?:north|south|east|west|old|new|saint|st\.?|mount|mt\.?|[a-z][a-z'.]+|\d+(?:st|nd|rd|th))\s+){1,3}?"
_STREET_TYPE = r"(?:" + "|".join(STREET_TYPES) + r")\.?"
_CAPITALISED_NAME = r"(?:(?:[A-Z][\w'.-]*|\d+(?:st|nd|rd|th))\s+){1,3}?"
_USPS_TYPE = r"(?:" + "|".join(_usps_suffixes() or ["Street"]) + r")\b\.?"
_UNIT_WORD = r"(?:[Aa]partment|[Aa]pt\.?|[Ss]uite|[Ff]lat|[Uu]nit)"
_UNIT_VALUE = rf"(?:#\s*)?(?:\d{{1,5}}[A-Za-z]?|[A-Z]\b|{_SPOKEN_NUMBER}(?:\s+[A-Z]\b)?)"
_UNIT = rf"(?:,?\s+{_UNIT_WORD}\s+{_UNIT_VALUE})?"
_ZIP = rf"(?:\d{{5}}(?:-\d{{4}})?|(?:(?:double\s+|triple\s+)?(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\s*){{3,5}})"
_TOWN = r"(?:,\s+(?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+(?=[\s,.?!]|$))?"
_STATE_ZIP = rf"(?:,?\s+[A-Z]{{2}}\s+{_ZIP})?"
# Shared with address_block: a house number, a capitalised street name, and its suffix in either list.
HOUSE_NUMBER = _HOUSE_NUMBER
CAPITALISED_NAME = _CAPITALISED_NAME
STREET_SUFFIX = rf"(?:{_USPS_TYPE}|(?i:{_STREET_TYPE})\b)"
_PO_BOX = r"\bp\.?\s*o\.?\s+box\s+(?:\d+|(?:(?:" + _NUMBER_WORD + r")\s*){1,8})"

# Streets abroad, said in English talk: "27 Rue Oberkampf", "Calle de Serrano 15", "Kastanienallee 42". The street
# word is capitalised, as Whisper writes a foreign name; "Via" and "Place" are English words too, so they need a number.
FOREIGN_STREET_TYPES = (
    "Rue", "Avenida", "Calle", "Carrer", "Avinguda", "Rua", "Praça", "Piazza", "Viale", "Strada", "Ulica", "Calea",
    "Quai", "Chemin", "Allée", "Paseo", "Travessa", "Largo", "Corso", "Via", "Place", "Plaza", "Boulevard", "Avenue",
)
_NUMBERLESS_FOREIGN_TYPES = ("Rue", "Avenida", "Calle", "Carrer", "Avinguda", "Rua", "Praça", "Piazza", "Viale", "Strada", "Ulica")
_FOREIGN_LINK = r"(?:de\s+la|de\s+las|de\s+los|des|del|della|delle|dei|du|de|di|da|do|dos|das|la|le|les|l'|d')"
_FOREIGN_NAME = rf"(?:{_FOREIGN_LINK}\s+)*[A-ZÀ-Ý][\w'’-]*(?:\s+(?:{_FOREIGN_LINK}\s+)*[A-ZÀ-Ý][\w'’-]*){{0,2}}"
_FOREIGN_TYPE = "(?:" + "|".join(FOREIGN_STREET_TYPES) + ")"
_GERMAN_STREET = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*(?:straße|strasse|allee|weg|gasse|platz|damm|ufer|ring)"
_WRITTEN_HOUSE_NUMBER = r"\d{1,4}[a-zA-Z]?"
# A house number ends the street's phrase ("Via Roma 12, Milan", "… 12 in Milan"); "Via Slack, 3 people" counts people.
_NUMBER_ENDS = r"(?=\s*(?:$|[,.;?!])|\s+(?:in|near|at|on)\b|\s+[A-ZÀ-Ý])"

PATTERNS = [
    Pattern("number and foreign street", rf"\b(?i:{_HOUSE_NUMBER}),?\s+{_FOREIGN_TYPE}\s+{_FOREIGN_NAME}{_TOWN}", 0.7),
    Pattern("foreign street and number", rf"\b{_FOREIGN_TYPE}\s+{_FOREIGN_NAME},?\s+{_WRITTEN_HOUSE_NUMBER}{_NUMBER_ENDS}{_TOWN}", 0.7),
    Pattern("foreign street", rf"\b(?:{'|'.join(_NUMBERLESS_FOREIGN_TYPES)})\s+{_FOREIGN_NAME}", 0.5),
    Pattern("german street and number", rf"\b{_GERMAN_STREET}\s+{_WRITTEN_HOUSE_NUMBER}{_NUMBER_ENDS}{_TOWN}", 0.7),
    Pattern("street address", rf"(?i:\b{_HOUSE_NUMBER}\s+{_STREET_NAME}{_STREET_TYPE}\b{_UNIT}){_TOWN}(?:,?\s+\d{{5}}(?:-\d{{4}})?)?", 0.7),
    Pattern("usps street address", rf"\b(?i:{_HOUSE_NUMBER})\s+{_CAPITALISED_NAME}{_USPS_TYPE}{_UNIT}{_TOWN}{_STATE_ZIP}", 0.7),
    Pattern("unit", rf"\b{_UNIT_WORD}\s+{_UNIT_VALUE}", 0.5),
    # A street without its number: "lives on Weaver Loop street", "the corner of Fox Brook and Ellen Stream".
    Pattern("named street", rf"\b(?<![\d] )(?:[A-Z][\w'-]*\s+){{1,2}}{_USPS_TYPE}(?=\s+(?:[Ss]treet|St\.|St\b))", 0.55),
    Pattern("street after on/of", rf"(?<=\bo[nf] )(?:[A-Z][\w'-]*\s+){{1,2}}{_USPS_TYPE}", 0.5),
    Pattern("street after and", rf"(?<= and )(?:[A-Z][\w'-]*\s+){{1,2}}{_USPS_TYPE}(?=\s*(?:$|[.,;?!]|\s+[Ss]t\b))", 0.5),
    Pattern("state and zip", rf"(?<=, )[A-Z]{{2}}\s+{_ZIP}", 0.6),
    Pattern("po box", rf"(?i:{_PO_BOX})", 0.7),
]
CONTEXT = ["live", "lives", "living", "address", "moved", "located", "deliver", "ship", "send", "located", "at"]


# "the Treaty on European Union", "the African Union": a people's adjective before a suffix, and no house number.
_DEMONYM_NAMED = re.compile(r"^([A-Z][a-z]+(?:ean|ian|an|ese|ish))\s+\S+$")


_TOWN_WITHOUT_COMMA = re.compile(r" ([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)(?=[,.?!;]|\s*$)")


def _is_town(phrase: str) -> bool:
    """True when ``phrase`` is a listed place or every word of it is a capitalised rare word ("Springfield" 3.4)."""
    from app.privacy.recognizers.common_words import is_common_word
    from app.privacy.recognizers.places import place_lexicon

    return phrase.lower() in place_lexicon() or not any(is_common_word(w, "en") for w in phrase.split())


class AddressRecognizer(PatternRecognizer):
    """Finds street addresses with a house number and a street type, flat numbers, and PO boxes."""

    def __init__(self) -> None:
        super().__init__(supported_entity="ADDRESS", name="AddressRecognizer", patterns=PATTERNS, context=CONTEXT,
                         global_regex_flags=0)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """Returns the addresses found, each with the town said right after its street without a comma
        ("42 Elm Street Springfield?": ASR drops the comma, and the town is as much the address)."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        for result in results:
            town = _TOWN_WITHOUT_COMMA.match(text, result.end)
            if town and _is_town(town.group(1)):
                result.end = town.end(1)
        return results

    def invalidate_result(self, pattern_text: str) -> bool:
        """Returns True for a numberless "street" that is an institution: "European Union", "African Union"."""
        match = _DEMONYM_NAMED.match(pattern_text.strip())
        if not match:
            return False
        from app.privacy.recognizers.common_words import is_common_word
        from app.privacy.recognizers.name_lexicon import name_lexicon

        adjective = match.group(1).lower()
        first_names, surnames = name_lexicon()  # "Megan Union", "Hartman Run", "Christian Way" are streets
        return adjective not in first_names and adjective not in surnames and is_common_word(adjective, "en")
