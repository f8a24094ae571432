"""Passwords, PINs and API keys said aloud: "my password is hunter two", "the key is sk-…"."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_INTRO = r"(?:password|passcode|passphrase|pin|pin code|api key|secret key|access key|secret|token|login code|security code)"
PATTERNS = [
    # The value after "password is": up to four words, stopping at punctuation or a clause word.
    Pattern(
        "introduced secret",
        rf"(?<={_INTRO} is )(?:(?!and\b|but\b|so\b|please\b|okay\b|ok\b|right\b)[^\s,;!?]+(?:\s+|$)){{1,4}}",
        0.7,
    ),
    Pattern("api key", r"\b(?:sk|pk|rk|ghp|gho|xox[abp]|AKIA)[-_]?[-_A-Za-z0-9]{12,}\b", 0.8),
]
CONTEXT = ["password", "passcode", "pin", "key", "secret", "token", "login"]


class CredentialRecognizer(PatternRecognizer):
    """Finds the secret after "my password/PIN/API key is", and key-shaped strings."""

    def __init__(self) -> None:
        super().__init__(supported_entity="CREDENTIAL", name="CredentialRecognizer", patterns=PATTERNS, context=CONTEXT)

    def validate_result(self, pattern_text: str) -> bool | None:
        return bool(pattern_text.strip(" .")) or False
