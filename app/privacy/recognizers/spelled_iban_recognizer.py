"""IBANs as speech gives them: letters and digits one by one ("G B five six B D R T five three…"), or in groups.

Nothing needs to introduce the number: an IBAN carries its own check (ISO 13616
mod 97), so a run of spoken letters and digits that starts with a country
code and two check digits, and whose checksum holds, is an IBAN; anything
else (a plate, a postcode, a phone number) fails the check at least 99 times
in 100.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.spoken_iban_recognizer import IBAN_LENGTHS as SEPA_IBAN_LENGTHS, iban_checksum_valid

DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9",
}
REPEATS = {"double": 2, "triple": 3}
# The SEPA countries' lengths, and others a caller in English may give.
IBAN_LENGTHS = {**SEPA_IBAN_LENGTHS, "VA": 22, "TR": 26, "UA": 29, "IL": 23, "AE": 23, "SA": 24, "BR": 29}
_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def iban_checksum_ok(code: str) -> bool:
    """Returns True when ``code`` (upper-case letters and digits, no spaces) passes the IBAN mod-97 check."""
    if len(code) < 15 or not code[:2].isalpha() or not code[2:4].isdigit():
        return False
    return iban_checksum_valid(code[:2], code[2:])


def _spoken_characters(text: str) -> list[tuple[str, int, int]]:
    """Returns (characters, start, end, is_repeat_word) per token: None as characters for a token that is no letter or digit."""
    out = []
    tokens = list(_TOKEN.finditer(text))
    repeat = 1
    for token in tokens:
        word = token.group()
        lower = word.lower()
        if lower in REPEATS:
            repeat = REPEATS[lower]
            out.append(("", token.start(), token.end(), True))
            continue
        if word.isdigit():
            chars = word
        elif word.isupper() and len(word) <= 4:
            chars = word * repeat if len(word) == 1 else word  # "G B", "GB56 BDRT"; a capital "O" is the letter
        elif lower in DIGIT_WORDS:
            chars = DIGIT_WORDS[lower] * repeat
        else:
            chars = None
        repeat = 1
        out.append((chars, token.start(), token.end(), False))
    return out


class SpelledIbanRecognizer(EntityRecognizer):
    """Finds IBANs spoken or written in pieces, by their country code, length and mod-97 checksum."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["IBAN_CODE"], name="SpelledIbanRecognizer", supported_language="en")

    def load(self) -> None:  # rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns an IBAN_CODE result per run of spoken letters and digits that is a valid IBAN."""
        if "IBAN_CODE" not in entities:
            return []
        pieces = _spoken_characters(text)
        results = []
        index = 0
        while index < len(pieces):
            found = self._iban_at(pieces, index)
            if found is None:
                index += 1
                continue
            end_index, start, end = found
            results.append(RecognizerResult("IBAN_CODE", start, end, 0.9))
            index = end_index + 1
        return results

    @staticmethod
    def _iban_at(pieces, index):
        """Returns (last piece index, start, end) of a valid IBAN starting at ``pieces[index]``, else None."""
        chars, start, _, _ = pieces[index]
        if not chars or not chars[:1].isalpha():
            return None
        code = ""
        for j in range(index, min(len(pieces), index + 60)):
            piece, _, end, is_repeat = pieces[j]
            if is_repeat:
                continue
            if piece is None or piece == "":
                return None
            code += piece
            if len(code) >= 2 and code[:2] not in IBAN_LENGTHS:
                return None
            if len(code) >= 2 and len(code) == IBAN_LENGTHS[code[:2]]:
                return (j, start, end) if iban_checksum_ok(code) else None
            if len(code) >= 2 and len(code) > IBAN_LENGTHS[code[:2]]:
                return None
        return None
