"""Phone, card, SSN, passport, patient and other ID numbers, spoken or written.

Each run of digits (see :mod:`.spoken_numbers`) is classified by its length,
its checksum and the words around it ("card", "social security", "patient").
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.context import mentions, words_after, words_before
from app.privacy.recognizers.number_context import ENGLISH, NUMBER_CONTEXTS, NumberContext
from app.privacy.recognizers.spoken_numbers import NumberRun, find_number_runs_in, luhn_valid

# English context, kept under its old names for callers that read it.
CONTEXT = {
    "CREDIT_CARD": ENGLISH.credit_card, "US_SSN": ENGLISH.ssn, "PASSPORT": ENGLISH.passport,
    "MEDICAL_RECORD": ENGLISH.medical, "ID_NUMBER": ENGLISH.id_number, "CREDENTIAL": ENGLISH.credential,
    "PHONE_NUMBER": ENGLISH.phone,
}
PHONE_WORDS = ENGLISH.phone_strong
QUANTITY_WORDS = ENGLISH.quantity_after
_STATE_BEFORE = re.compile(r",\s+[A-Z]{2}\s+$")
# A written ISO date, maybe with its time ("2026-12-05", "2026-03-12 14:05:33"): the date recognizers' (DATE_TIME).
_ISO_DATE = re.compile(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
# Short words that sit before a number without being part of it, in the four languages.
_NOT_PREFIXES = frozenset(
    "a i is it to of in on my at id be no as so or es el la le de du en un al mi ma se te me lo ce et y am im um zu ab ja"
    " da wo".split()
)
_LETTER_PREFIX = re.compile(r"(?:\b[A-Za-z]{1,2}[ -]?)$")


_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun jul aug "
    "sep sept oct nov dec januar februar märz mai juni juli oktober dezember janvier février mars avril juin juillet "
    "août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre octubre "
    "noviembre diciembre".split()
)
_COUNTRY_LETTERS = re.compile(r"\b([A-Z])[\s-]?([A-Z])[\s,-]*$")


def _is_spelled_iban(text: str, run: NumberRun) -> bool:
    """"D E acht neun …": two capitals then 13–32 digits that pass the IBAN checksum (ISO 13616, mod 97)."""
    match = _COUNTRY_LETTERS.search(text[:run.start])
    if not match or not 13 <= len(run.digits) <= 32:
        return False
    rearranged = run.digits[2:] + "".join(str(ord(c) - 55) for c in match.groups()) + run.digits[:2]
    return int(rearranged) % 97 == 1


# Words before "number" that make it a phone's, or say nothing of its kind ("my number", "her mum's number").
_PHONE_OR_OWNER_BEFORE_NUMBER = frozenset(
    "phone telephone mobile cell contact home work office direct landline fax emergency personal new old best "
    "callback daytime whatsapp signal extension desk private main business switchboard reception number "
    "my your his her their our the a an this that its s me".split()
)
_LINK_WORDS = frozenset("is was s are it".split())


def names_a_non_phone_number(before: list[str]) -> bool:
    """Returns True when the words before a number end in "<noun> number (is)" and that noun is no phone's and no
    owner's ("the library card number is", "his loyalty number"); False for "my number is", "her mobile number"."""
    words = list(before)
    while words and words[-1] in _LINK_WORDS:
        words.pop()
    return len(words) >= 2 and words[-1] == "number" and len(words[-2]) > 2 \
        and words[-2] not in _PHONE_OR_OWNER_BEFORE_NUMBER


class SpokenNumberRecognizer(EntityRecognizer):
    """Finds digit runs that are personal numbers and tells which kind each is."""

    ENTITIES = ["PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "PASSPORT", "MEDICAL_RECORD", "ID_NUMBER", "CREDENTIAL", "ADDRESS",
                "IBAN_CODE"]

    def __init__(self, language: str = "en") -> None:
        super().__init__(supported_entities=self.ENTITIES, name="SpokenNumberRecognizer", supported_language=language)
        self._context = NUMBER_CONTEXTS[language]

    def load(self) -> None:  # nothing to load: rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns a RecognizerResult per personal number in ``text``."""
        results = []
        for run in find_number_runs_in(text, self.supported_language):
            found = self._classify(text, run, self._context)
            if found is None:
                continue
            entity_type, score = found
            if entity_type not in entities:
                continue
            start = self._extend_letter_prefix(text, run) if entity_type in ("PASSPORT", "ID_NUMBER", "MEDICAL_RECORD", "IBAN_CODE") else run.start
            results.append(RecognizerResult(entity_type, start, run.end, score))
        return results

    @staticmethod
    def _classify(text: str, run: NumberRun, context: NumberContext = ENGLISH) -> tuple[str, float] | None:
        digits = run.digits
        before = words_before(text, run.start)
        after = words_after(text, run.end)
        raw = text[run.start:run.end]
        if (after and after[0] in context.quantity_after) or text[max(0, run.start - 1):run.start] in "$€£" and run.start > 0:
            return None
        if _THOUSANDS.match(raw) or "/" in run.separators or _ISO_DATE.match(raw):
            return None
        near = before[-6:]

        def said(phrases: tuple[str, ...], words: list[str] = near) -> bool:
            return mentions(words, phrases, context.compounds)

        if before and before[-1] in _MONTHS and len(digits) <= 4:
            return None  # "born on 3 October 1975": the year of a date, left to the date recognizers
        named = before[-4:]
        if said(context.meeting_numbers, before[-5:]):
            return None  # "the meeting ID is eight one two…", "dial in with code four four…": the meeting's, no one's
        if said(context.shared_codes, before[-5:]):
            return None  # "the coupon code is four four one two", "error code five oh three": everyone's, no one's
        personal = (context.credit_card, context.ssn, context.passport, context.medical, context.id_number,
                    context.credential, context.phone_strong, context.postcode)
        if said(context.not_personal, named) and not any(said(words, named) for words in personal):
            return None  # "the invoice number is four four nine…", "room two oh four": the firm's numbers, not a person's

        if 4 <= len(digits) <= 5 and (said(context.postcode, before[-3:]) or _STATE_BEFORE.search(text[:run.start])):
            return "ADDRESS", 0.8  # a postcode: "zip code is 82823", "Austin, TX 78701"
        if _is_spelled_iban(text, run):
            return "IBAN_CODE", 0.9
        if said(context.credential) and len(digits) >= 3:
            return "CREDENTIAL", 0.85
        if 4 <= len(digits) <= 8 and said(context.code_words, before) and not said(context.not_secret_codes, before) \
                and not (context is ENGLISH and said(context.id_number, before[-3:])):  # "tax code reference is …": an ID
            return "CREDENTIAL", 0.7  # "the one-time code they sent me is 004197"
        if text[max(0, run.start - 1):run.start] == "+" and 7 <= len(digits) <= 15:
            return "PHONE_NUMBER", 0.85  # "+49(0)5477 221820": a country prefix, whatever the checksum says
        # One run in ten passes Luhn by chance: a number named as an ID or health number is one, not a card.
        named_otherwise = (said(context.id_number) or said(context.medical)) and not said(context.credit_card)
        if 13 <= len(digits) <= 19 and (luhn_valid(digits) and not named_otherwise or said(context.credit_card)):
            return "CREDIT_CARD", 0.9
        us_ssn_named = said(context.ssn) and not said(context.not_ssn)
        if len(digits) == 9 and (us_ssn_named or re.fullmatch(r"\d{3}-\d{2}-\d{4}", raw)):
            return "US_SSN", 0.9
        if said(context.passport) and len(digits) >= 5:
            return "PASSPORT", 0.85
        if said(context.medical) and len(digits) >= 4:
            return "MEDICAL_RECORD", 0.85
        if us_ssn_named and len(digits) >= 4:
            return "US_SSN", 0.8
        if said(context.credit_card) and len(digits) >= 4 and said(context.card_tail):
            return "CREDIT_CARD", 0.8
        if 7 <= len(digits) <= 15 and said(context.phone_strong, before):
            return "PHONE_NUMBER", 0.85
        if said(context.id_number) and len(digits) >= 4:
            return "ID_NUMBER", 0.8
        if context is ENGLISH and len(digits) >= 4 and names_a_non_phone_number(before):
            return "ID_NUMBER", 0.75  # "the library card number is …": a number a noun names is no phone's
        if 7 <= len(digits) <= 15 and said(context.phone, before):
            return "PHONE_NUMBER", 0.85
        if 7 <= len(digits) <= 15:
            return "PHONE_NUMBER", 0.6
        if run.digit_by_digit:
            return "ID_NUMBER", 0.5
        return None

    @staticmethod
    def _extend_letter_prefix(text: str, run: NumberRun) -> int:
        """Passport and ID numbers often start with letters ("K 1 2 3…", "AB1234567")."""
        match = _LETTER_PREFIX.search(text[:run.start])
        if match and match.group().strip().lower() not in _NOT_PREFIXES:
            return match.start()
        return run.start
