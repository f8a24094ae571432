"""Identifiers said after what they are: "the registration is B T nine seven R E T", "Das Kennzeichen ist BI-OT-983".

A vehicle plate, an ID card, a tax or health-insurance number is a mix of
letters and digits, spelled or written; what tells it apart from talk is the
phrase before it. The code is read from the first letter or digit after the
phrase until the first ordinary word.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.number_words import UNITS

# Phrase (lower case, regex) -> entity type, per language.
INTRODUCERS = {
    "en": {
        r"iban": "IBAN_CODE",
        r"registration(?: number)?|(?:number|licen[cs]e) plate|plate(?: number)?|reg(?: number)?": "ID_NUMBER",
        r"national insurance(?: number)?|ni number|driv(?:ing|er'?s) licen[cs]e(?: number)?|licen[cs]e number|id number|id card": "ID_NUMBER",
        r"passport(?: number)?": "PASSPORT",
        r"nhs number|health (?:service|insurance) number|patient (?:id|number)": "MEDICAL_RECORD",
    },
    "de": {
        r"iban": "IBAN_CODE",
        r"kennzeichen|nummernschild|ausweisnummer|personalausweis(?:es|nummer)?|ausweis(?:es)?|steuer-?id|steuernummer|"
        r"führerscheinnummer|sozialversicherungsnummer": "ID_NUMBER",
        r"reisepass(?:nummer)?|passnummer": "PASSPORT",
        r"versichertennummer|krankenversicherungsnummer|versicherungsnummer": "MEDICAL_RECORD",
    },
    "fr": {
        r"iban": "IBAN_CODE",
        r"plaque(?: d'immatriculation)?|immatriculation|carte d'identité|pièce d'identité|numéro fiscal|"
        r"numéro de sécurité sociale|sécurité sociale|permis de conduire": "ID_NUMBER",
        r"passeport": "PASSPORT",
        r"carte vitale": "MEDICAL_RECORD",
    },
    "es": {
        r"iban": "IBAN_CODE",
        r"matrícula|dni|nie|nif|documento de identidad|carné de identidad|seguridad social|pasaporte": "ID_NUMBER",
        r"tarjeta sanitaria": "MEDICAL_RECORD",
    },
}
# Words allowed between the phrase and the code ("is", "ist", "lautet", "es el", "number").
FILLERS = {
    "en": "is was are his her my your the its number no car's it's reads".split(),
    "de": "ist lautet meines meiner des der die das nummer lautete war".split(),
    "fr": "est c'est le la de du mon ma numéro était".split(),
    "es": "es el la de del mi número era".split(),
}
_TOKEN = re.compile(r"[^\W_]+|[-/.]")


class IntroducedCodeRecognizer(EntityRecognizer):
    """Finds a letter-and-digit code after the phrase that names it (plate, ID card, tax, health number)."""

    def __init__(self, language: str = "en") -> None:
        types = sorted(set(INTRODUCERS[language].values()))
        super().__init__(supported_entities=types, name="IntroducedCodeRecognizer", supported_language=language)
        self._phrases = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), t) for p, t in INTRODUCERS[language].items()]
        self._fillers = frozenset(FILLERS[language])
        self._digit_words = frozenset(UNITS.get(language, []) + ["zero", "oh", "one", "two", "three", "four", "five",
                                                                   "six", "seven", "eight", "nine", "double", "doppel", "doble"])

    def load(self) -> None:  # rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns the code after each introducing phrase, typed by the phrase."""
        results = []
        for pattern, entity_type in self._phrases:
            if entity_type not in entities:
                continue
            for match in pattern.finditer(text):
                span = self._code_after(text, match.end())
                if span is not None:
                    results.append(RecognizerResult(entity_type, span[0], span[1], 0.85))
        return results

    def _code_after(self, text: str, position: int) -> tuple[int, int] | None:
        tokens = list(_TOKEN.finditer(text, position, min(len(text), position + 120)))
        i = 0
        while i < len(tokens) and i < 4 and tokens[i].group().lower() in self._fillers:
            i += 1
        start = end = None
        has_digit = False
        for token in tokens[i:]:
            word = token.group()
            if end is not None and text[end:token.start()].strip(" -/"):
                break  # punctuation other than a joiner ends the code
            if word in "-/.":
                if word == "." and (end is None or not text[token.end():token.end() + 1].strip()):
                    break
                continue
            if not self._is_code_part(word):
                break
            has_digit = has_digit or any(c.isdigit() for c in word) or word.lower() in self._digit_words
            start = token.start() if start is None else start
            end = token.end()
        if start is None or not has_digit or end - start < 3:
            return None
        return start, end

    def _is_code_part(self, word: str) -> bool:
        if word.lower() in self._digit_words or word.isdigit():
            return True
        if len(word) == 1 and word.isalpha():
            return word.isupper()
        # A written code: capitals and digits ("BI", "OT", "JJ69", "12345678Z").
        return word.isupper() and len(word) <= 4 or any(c.isdigit() for c in word) and word.isalnum()
