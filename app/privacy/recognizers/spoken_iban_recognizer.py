"""IBANs as speech recognition writes them: "DE eins zwei …", "D E 89 3704 …", "FR76 3000 …", "es noventa y uno …".

An IBAN is a country code, two check digits and the account number (BBAN).
Spoken, the code comes out as "DE", "D E" or "D-E", glued to the first digits
("FR76") or alone; the digits as figures in any grouping or as the language's
number words (digit by digit in German, in pairs in French and Spanish). A
code written in capitals is evidence enough; a code in small letters ("es",
"de" are everyday words) needs a banking word before it ("IBAN", "Konto",
"compte", "cuenta") and a valid checksum. When the digits are complete the
ISO 13616 checksum decides (mod 97); after a code in capitals, a run with a
digit misheard or a few missed is still a bank account number and is found
with a lower score.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.context import mentions, words_before
from app.privacy.recognizers.spoken_numbers import NumberRun, find_number_runs_in

# ISO 13616 IBAN lengths (code and check digits included) of the SEPA countries.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
    "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27,
}
# Words that say a bank account is being given, per language (German compounds match by their parts).
BANK_WORDS = {
    "en": ("iban", "account", "bank", "transfer", "wire", "pay into", "sort code"),
    "de": ("iban", "konto", "bankverbindung", "bank", "überweisen", "überweis", "überweisung", "überweist", "zahlen",
           "einzahlen", "lastschrift"),
    "fr": ("iban", "rib", "compte", "virement", "virer", "bancaire", "bancaires", "banque", "verser", "prélèvement"),
    "es": ("iban", "cuenta", "transferencia", "transferir", "ingresar", "ingreso", "banco", "bancaria", "bancario",
           "bancarias", "bancarios", "domiciliación"),
}
MIN_BODY_WITHOUT_CHECKSUM = 10  # fewer digits after a code are no evidence of an account number
# Whisper mishears the code ("NS-91-21-00…" for "E S 91 21 00…"): two capitals, then this many digits, are an account.
MIN_BODY_AFTER_UNKNOWN_CODE = 14
# Or it drops the code: a run this long after a banking word is an account number however the code was lost.
MIN_BODY_WITHOUT_CODE = 20
# The countries whose IBANs a speaker of the language gives most, tried when the code was not heard.
HOME_COUNTRIES = {"en": ("GB", "IE"), "de": ("DE", "AT", "CH"), "fr": ("FR", "BE", "CH", "LU"), "es": ("ES",)}
_CODE_BEFORE = re.compile(r"(?<![^\W\d_])([A-Za-z])(?:[ .-]|\. )?([A-Za-z])\.?[ ,:.-]*$")
_MISHEARD_CODE = re.compile(r"(?<![^\W\d_])[A-Z]{2,3}[ ,:.-]*$")
_LETTER_GROUP = re.compile(r"[A-Z]{1,4}(?![^\W\d_])")
_GAP = re.compile(r"[ ,.\-/]{0,3}")


def iban_checksum_valid(code: str, body: str) -> bool:
    """Returns True when country ``code`` + ``body`` (check digits, then the BBAN) passes the ISO 13616 mod-97 check."""
    rearranged = body[2:] + code + body[:2]
    try:
        return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1
    except ValueError:
        return False


class SpokenIbanRecognizer(EntityRecognizer):
    """Finds IBANs spoken or written by ASR, with their country code, checked by checksum when complete."""

    def __init__(self, language: str = "en") -> None:
        super().__init__(supported_entities=["IBAN_CODE"], name="SpokenIbanRecognizer", supported_language=language)
        self._bank_words = BANK_WORDS.get(language, BANK_WORDS["en"])

    def load(self) -> None:  # rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns an IBAN_CODE RecognizerResult per IBAN in ``text`` (0.95 with a valid checksum, lower when partial)."""
        if "IBAN_CODE" not in entities:
            return []
        runs = find_number_runs_in(text, self.supported_language)
        results = []
        used_until = 0
        for index, run in enumerate(runs):
            if run.start < used_until:
                continue
            found = self._iban_at(text, runs, index)
            if found is not None:
                start, end, score = found
                results.append(RecognizerResult("IBAN_CODE", start, end, score))
                used_until = end
        return results

    def _iban_at(self, text: str, runs: list[NumberRun], index: int) -> tuple[int, int, float] | None:
        """Returns (start, end, score) of an IBAN whose digits begin with ``runs[index]``, else None."""
        run = runs[index]
        code_match = _CODE_BEFORE.search(text[max(0, run.start - 12):run.start])
        if code_match is None:
            return self._iban_after_misheard_code(text, runs, index) or self._iban_without_code(text, runs, index)
        code_start = run.start - (len(text[max(0, run.start - 12):run.start]) - code_match.start())
        letters = code_match.group(1) + code_match.group(2)
        code = letters.upper()
        capitals = letters.isupper()
        if code not in IBAN_LENGTHS:
            return self._iban_after_misheard_code(text, runs, index) or self._iban_without_code(text, runs, index)
        banking = mentions(words_before(text, code_start, 10), self._bank_words, compounds=self.supported_language == "de")
        if not capitals and not banking:
            return None  # "es", "de": everyday words unless an account is being given
        body, end = self._read_body(text, runs, index)
        need = IBAN_LENGTHS[code] - 2
        if len(body) >= need and iban_checksum_valid(code, body[:need]):
            return code_start, end, 0.95 if capitals else 0.9
        if capitals and len(body) >= max(MIN_BODY_WITHOUT_CHECKSUM, need - 4):
            return code_start, end, 0.6  # a digit misheard or missed: still someone's account number
        return None

    def _iban_after_misheard_code(self, text: str, runs: list[NumberRun], index: int) -> tuple[int, int, float] | None:
        """Returns (start, end, 0.5) for two or three capitals no country has, then an account's digits ("NSS 91-21-00-…")."""
        code = _MISHEARD_CODE.search(text, max(0, runs[index].start - 12), runs[index].start)
        if code is None:
            return None
        body, end = self._read_body(text, runs, index)
        return (code.start(), end, 0.5) if len(body) >= MIN_BODY_AFTER_UNKNOWN_CODE and body.isdigit() else None

    def _iban_without_code(self, text: str, runs: list[NumberRun], index: int) -> tuple[int, int, float] | None:
        """Returns (start, end, score) when the code was not heard but the digits are an IBAN's: a home country's checksum, or a banking word and many digits."""
        body, end = self._read_body(text, runs, index)
        if len(body) < MIN_BODY_AFTER_UNKNOWN_CODE:
            return None
        start = runs[index].start
        for code in HOME_COUNTRIES.get(self.supported_language, ()):
            need = IBAN_LENGTHS[code] - 2
            if len(body) == need and iban_checksum_valid(code, body):
                return start, end, 0.7
        banking = mentions(words_before(text, start, 10), self._bank_words, compounds=self.supported_language == "de")
        return (start, end, 0.5) if banking and len(body) >= MIN_BODY_WITHOUT_CODE else None

    @staticmethod
    def _read_body(text: str, runs: list[NumberRun], index: int) -> tuple[str, int]:
        """Returns (the account characters, end offset) read from ``runs[index]`` on: runs and capital letter groups."""
        body = runs[index].digits
        end = runs[index].end
        following = index + 1
        while True:
            gap = _GAP.match(text, end)
            position = gap.end()
            if following < len(runs) and runs[following].start == position:
                body += runs[following].digits
                end = runs[following].end
                following += 1
                continue
            letters = _LETTER_GROUP.match(text, position)
            if letters and following < len(runs) and _GAP.fullmatch(text[letters.end():runs[following].start]):
                body += letters.group()  # "GB29 NWBK 6016 …": a bank code in letters inside the account
                end = letters.end()
                continue
            return body, end
