"""Phone, card, SSN, passport, patient and other ID numbers, spoken or written.

Each run of digits (see :mod:`.spoken_numbers`) is classified by its length,
its checksum and the words around it ("card", "social security", "patient").
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.context import mentions, words_after, words_before
from app.privacy.recognizers.spoken_numbers import NumberRun, find_number_runs, luhn_valid

CONTEXT = {
    "CREDIT_CARD": ("card", "visa", "mastercard", "amex", "american express", "credit", "debit", "card number"),
    "US_SSN": ("social security", "ssn", "social"),
    "PASSPORT": ("passport",),
    "MEDICAL_RECORD": ("patient", "medical record", "mrn", "chart number", "record number", "health", "nhs", "hospital number"),
    "ID_NUMBER": (
        "account", "member", "membership", "policy", "license", "licence", "employee", "customer", "reference",
        "case number", "id", "badge", "insurance", "tax", "routing", "student", "order number", "claim",
    ),
    "CREDENTIAL": ("pin", "passcode", "password", "security code", "cvv", "access code", "verification code", "code is"),
    "PHONE_NUMBER": ("phone", "call", "number", "cell", "mobile", "reach", "text", "fax", "extension", "dial", "ring"),
}
# Words that make a number a phone number even next to ID words ("call my account manager on …").
PHONE_WORDS = ("phone", "call", "cell", "mobile", "reach", "text", "fax", "dial", "ring", "landline", "hotline")
# Words after a number that make it a quantity, not personal data.
QUANTITY_WORDS = {
    "dollars", "euros", "pounds", "percent", "people", "units", "users", "years", "minutes", "hours", "seconds",
    "days", "weeks", "months", "miles", "kilometers", "items", "copies", "times", "points", "k", "million", "billion",
}
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_LETTER_PREFIX = re.compile(r"(?:\b[A-Za-z]{1,2}[ -]?)$")


class SpokenNumberRecognizer(EntityRecognizer):
    """Finds digit runs that are personal numbers and tells which kind each is."""

    ENTITIES = ["PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "PASSPORT", "MEDICAL_RECORD", "ID_NUMBER", "CREDENTIAL"]

    def __init__(self) -> None:
        super().__init__(supported_entities=self.ENTITIES, name="SpokenNumberRecognizer", supported_language="en")

    def load(self) -> None:  # nothing to load: rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns a RecognizerResult per personal number in ``text``."""
        results = []
        for run in find_number_runs(text):
            found = self._classify(text, run)
            if found is None:
                continue
            entity_type, score = found
            if entity_type not in entities:
                continue
            start = self._extend_letter_prefix(text, run) if entity_type in ("PASSPORT", "ID_NUMBER", "MEDICAL_RECORD") else run.start
            results.append(RecognizerResult(entity_type, start, run.end, score))
        return results

    @staticmethod
    def _classify(text: str, run: NumberRun) -> tuple[str, float] | None:
        digits = run.digits
        before = words_before(text, run.start)
        after = words_after(text, run.end)
        raw = text[run.start:run.end]
        if (after and after[0] in QUANTITY_WORDS) or text[max(0, run.start - 1):run.start] in "$€£" and run.start > 0:
            return None
        if _THOUSANDS.match(raw) or "/" in run.separators:
            return None
        near = before[-6:]
        if mentions(near, CONTEXT["CREDENTIAL"]) and len(digits) >= 3:
            return "CREDENTIAL", 0.85
        if 13 <= len(digits) <= 19 and (luhn_valid(digits) or mentions(near, CONTEXT["CREDIT_CARD"])):
            return "CREDIT_CARD", 0.9
        if len(digits) == 9 and (mentions(near, CONTEXT["US_SSN"]) or re.fullmatch(r"\d{3}-\d{2}-\d{4}", raw)):
            return "US_SSN", 0.9
        if mentions(near, CONTEXT["PASSPORT"]) and len(digits) >= 5:
            return "PASSPORT", 0.85
        if mentions(near, CONTEXT["MEDICAL_RECORD"]) and len(digits) >= 4:
            return "MEDICAL_RECORD", 0.85
        if mentions(near, CONTEXT["US_SSN"]) and len(digits) >= 4:
            return "US_SSN", 0.8
        if mentions(near, CONTEXT["CREDIT_CARD"]) and len(digits) >= 4 and mentions(near, ("ending", "last", "ends")):
            return "CREDIT_CARD", 0.8
        if 7 <= len(digits) <= 15 and mentions(before, PHONE_WORDS):
            return "PHONE_NUMBER", 0.85
        if mentions(near, CONTEXT["ID_NUMBER"]) and len(digits) >= 4:
            return "ID_NUMBER", 0.8
        if 7 <= len(digits) <= 15 and mentions(before, CONTEXT["PHONE_NUMBER"]):
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
        if match and match.group().strip().lower() not in {"a", "i", "is", "it", "to", "of", "in", "on", "my", "at", "id", "be", "no", "as", "so", "or"}:
            return match.start()
        return run.start
