"""Hushnote's recognizers for PII as speech-to-text writes it (one recognizer per module).

The classes load on first use (PEP 562): they need Presidio, and Presidio imports torch, which
takes seconds; redaction and its word lists (``names``, ``spoken_numbers``) do not need them.
"""
from __future__ import annotations

import importlib

# class name -> its module in this package
RECOGNIZER_MODULES = {
    "AddressRecognizer": "address_recognizer",
    "CredentialRecognizer": "credential_recognizer",
    "LocationRecognizer": "location_recognizer",
    "NameRecognizer": "name_recognizer",
    "SpelledNameRecognizer": "spelled_name_recognizer",
    "SpokenDateRecognizer": "spoken_date_recognizer",
    "SpokenEmailRecognizer": "spoken_email_recognizer",
    "SpokenIpRecognizer": "spoken_ip_recognizer",
    "SpokenNumberRecognizer": "spoken_number_recognizer",
}


def __getattr__(name: str):
    if name in RECOGNIZER_MODULES:
        return getattr(importlib.import_module(f"{__name__}.{RECOGNIZER_MODULES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def hushnote_recognizers() -> list:
    """Returns a fresh instance of every Hushnote recognizer."""
    return [__getattr__(name)() for name in RECOGNIZER_MODULES]
