"""Hushnote's recognizers for PII as speech-to-text writes it (one recognizer per module), per language.

The classes load on first use (PEP 562): they need Presidio, and Presidio imports torch, which
takes seconds; redaction and its word lists (``names``, ``spoken_numbers``) do not need them.
"""
from __future__ import annotations

import importlib

# class name -> its module in this package
RECOGNIZER_MODULES = {
    "AddressBlockRecognizer": "address_block_recognizer",
    "AddressRecognizer": "address_recognizer",
    "ContextLocationRecognizer": "context_location_recognizer",
    "CredentialRecognizer": "credential_recognizer",
    "EuropeanAddressRecognizer": "european_address_recognizer",
    "EuropeanDateRecognizer": "european_date_recognizer",
    "IntroducedCodeRecognizer": "introduced_code_recognizer",
    "KoreanNameRecognizer": "korean_name_recognizer",
    "LexiconNameRecognizer": "lexicon_name_recognizer",
    "LocationRecognizer": "location_recognizer",
    "NameRecognizer": "name_recognizer",
    "PersonSlotRecognizer": "person_slot_recognizer",
    "PostcodeRecognizer": "postcode_recognizer",
    "SpelledIbanRecognizer": "spelled_iban_recognizer",
    "SpelledNameRecognizer": "spelled_name_recognizer",
    "SpokenDateRecognizer": "spoken_date_recognizer",
    "SpokenEmailRecognizer": "spoken_email_recognizer",
    "SpokenIbanRecognizer": "spoken_iban_recognizer",
    "SpokenIpRecognizer": "spoken_ip_recognizer",
    "SpokenNumberRecognizer": "spoken_number_recognizer",
    "SpokenUrlRecognizer": "url_recognizer",
    "UsernameRecognizer": "username_recognizer",
}


def __getattr__(name: str):
    if name in RECOGNIZER_MODULES:
        return getattr(importlib.import_module(f"{__name__}.{RECOGNIZER_MODULES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def hushnote_recognizers(language: str = "en") -> list:
    """Returns a fresh instance of every Hushnote recognizer for ``language`` ("en", "de", "fr" or "es")."""
    r = __getattr__
    if language == "en":
        return [
            r("AddressRecognizer")(),
            r("AddressBlockRecognizer")(),
            r("CredentialRecognizer")(),
            r("LocationRecognizer")(),
            r("NameRecognizer")(),
            r("LexiconNameRecognizer")("en"),
            r("KoreanNameRecognizer")(),
            r("PersonSlotRecognizer")(),
            r("SpelledNameRecognizer")(),
            r("SpokenDateRecognizer")(),
            r("SpokenEmailRecognizer")(),
            r("SpelledIbanRecognizer")(),
            r("SpokenIpRecognizer")(),
            r("SpokenNumberRecognizer")(),
            r("SpokenUrlRecognizer")(),
            r("PostcodeRecognizer")(),
            r("IntroducedCodeRecognizer")("en"),
            r("UsernameRecognizer")(),
            r("ContextLocationRecognizer")("en"),
        ]
    return [
        r("EuropeanAddressRecognizer")(language),
        r("EuropeanDateRecognizer")(language),
        r("LexiconNameRecognizer")(language),
        r("SpokenEmailRecognizer")(language),
        r("SpokenIbanRecognizer")(language),
        r("SpokenNumberRecognizer")(language),
        r("SpokenUrlRecognizer")(language),
        r("IntroducedCodeRecognizer")(language),
        r("ContextLocationRecognizer")(language),
        *([r("LocationRecognizer")("de")] if language == "de" else []),
    ]


def neutral_recognizers(language: str) -> list:
    """Returns Presidio's language-neutral recognizers (cards, emails, IBANs, IPs) registered for ``language``."""
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
    )

    from app.privacy.recognizers.card_recognizer import NamedNumberCardRecognizer

    # German, French and Spanish: a Luhn-valid number the speaker named as an ID ("sécurité sociale") is no card.
    card = NamedNumberCardRecognizer if language in ("de", "fr", "es") else CreditCardRecognizer
    return [cls(supported_language=language) for cls in (card, EmailRecognizer, IbanRecognizer, IpRecognizer)]
