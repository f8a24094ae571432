"""User names and social handles: "@kevinmatthews", "my handle is at kevin matthews", "find me online as rosi86"."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_HANDLE = r"(?:@\s?|at\s+)?[A-Za-z0-9][\w.]{1,30}"
_INTROS = (
    "handle is", "username is", "user name is", "user id is", "login is", "online as", "me on twitter as",
    "instagram is", "twitter is", "gamertag is", "account name is", "nickname is",
)
PATTERNS = [
    Pattern("at handle", r"(?<![\w.@])@[A-Za-z0-9_][\w.]{1,30}\b", 0.6),
    *[Pattern(f"after '{intro}'", rf"(?<={intro} ){_HANDLE}", 0.7) for intro in _INTROS],
]
CONTEXT = ["handle", "username", "user", "online", "twitter", "instagram", "account", "login"]


class UsernameRecognizer(PatternRecognizer):
    """Finds handles written with "@" and user names after the phrase that introduces them."""

    def __init__(self) -> None:
        super().__init__(supported_entity="USERNAME", name="UsernameRecognizer", patterns=PATTERNS, context=CONTEXT)

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if pattern_text.strip(" .") else False
