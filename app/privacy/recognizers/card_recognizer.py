"""Presidio's written card numbers, except where the speaker named the number as something else.

One digit string in ten passes the Luhn check by chance, so a 15-digit French
social security number or a German ID can look like a card. When the words
before the number name an ID or a health number, and no card, it is that.
"""
from __future__ import annotations

from presidio_analyzer.predefined_recognizers import CreditCardRecognizer

from app.privacy.recognizers.context import mentions, words_before
from app.privacy.recognizers.number_context import NUMBER_CONTEXTS


class NamedNumberCardRecognizer(CreditCardRecognizer):
    """Presidio's CreditCardRecognizer, dropping numbers the words before them name as an ID or health number."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        self._context = NUMBER_CONTEXTS.get(supported_language, NUMBER_CONTEXTS["en"])

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """Returns Presidio's card results in ``text`` that no ID or health-number words introduce."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not self._named_otherwise(text, r.start)]

    def _named_otherwise(self, text: str, start: int) -> bool:
        context, compounds = self._context, self._context.compounds
        near = words_before(text, start, 6)
        named = mentions(near, context.id_number, compounds) or mentions(near, context.medical, compounds)
        return named and not mentions(near, context.credit_card, compounds)
