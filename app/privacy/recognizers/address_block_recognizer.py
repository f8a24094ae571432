"""Address blocks (see :mod:`.address_block`) as Presidio results: each address line an ADDRESS, the recipient a PERSON."""
from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.address_block import address_blocks


class AddressBlockRecognizer(EntityRecognizer):
    """Finds multi-line addresses: the street line, the unit, town, state, postcode and country lines after it."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["ADDRESS", "PERSON"], name="AddressBlockRecognizer", supported_language="en")

    def load(self) -> None:  # rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns an ADDRESS result per address line and a PERSON result per recipient line."""
        results = []
        for block in address_blocks(text):
            if "ADDRESS" in entities:
                results += [RecognizerResult("ADDRESS", start, end, 0.8) for start, end in block.spans]
            if "PERSON" in entities:
                results += [RecognizerResult("PERSON", start, end, 0.7) for start, end in block.recipients]
        return results
