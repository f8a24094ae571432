"""Email addresses as speech comes out of ASR: "tom dot baker at gmail dot com"."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

TOP_LEVEL_DOMAINS = (
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "fr", "nl", "ca", "au", "us", "info", "biz", "me", "ai",
    "app", "dev", "ie", "es", "it", "ch", "se", "eu", "in", "jp",
)
_PART = r"[a-z0-9]+"
_DOT = r"(?:\s+(?:dot|point)\s+|\s*\.\s*)"
_JOIN = r"(?:\s+(?:dot|point|underscore|dash|hyphen)\s+|[._-])"
_AT = r"(?:\s+at\s+|\s*@\s*)"
_TLD = r"(?:" + "|".join(TOP_LEVEL_DOMAINS) + r")"

PATTERNS = [
    Pattern(
        "spoken email",
        rf"\b{_PART}(?:{_JOIN}{_PART})*{_AT}{_PART}(?:{_DOT}{_PART})*?{_DOT}{_TLD}\b",
        0.85,
    ),
]
CONTEXT = ["email", "e-mail", "mail", "address", "send", "write"]


class SpokenEmailRecognizer(PatternRecognizer):
    """Finds email addresses written or spoken ("at", "dot", "underscore")."""

    def __init__(self) -> None:
        super().__init__(supported_entity="EMAIL_ADDRESS", name="SpokenEmailRecognizer", patterns=PATTERNS, context=CONTEXT)
