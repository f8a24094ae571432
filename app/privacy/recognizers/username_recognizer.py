"""User names and social handles: "@kevinmatthews", "my handle is at kevin matthews", "find me online as rosi86",
and handles spelled out with their underscores: "dark underscore falcon eighty eight"."""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_HANDLE = r"(?:@\s?|at\s+)?[A-Za-z0-9][\w.]{1,30}"
_INTROS = (
    "handle is", "username is", "user name is", "user id is", "login is", "online as", "me on twitter as",
    "instagram is", "twitter is", "gamertag is", "gamer tag is", "account name is", "nickname is",
)
# A part of a spoken handle, and the numbers said after it ("falcon eighty eight").
_PART = r"[A-Za-z0-9][A-Za-z0-9.]*"
_NUMBER_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|\d+)"
)
# "underscore" is also a verb ("to underscore the point"): the words around it must be no function words.
_NOT_HANDLE_PART = frozenset(
    "to the a an and or that this these those how why what we i you they it just really also will would should must "
    "can could want wanted like let me us them its is are was were be".split()
)
_SPOKEN_HANDLE = re.compile(
    rf"(?<![\w@.])({_PART})((?:\s+underscore\s+{_PART})+)((?:\s+{_NUMBER_WORD}){{0,4}})(?![\w])", re.IGNORECASE
)
# After a phrase that introduces a handle, its parts may be joined by spoken marks: "pixel dash fox", "j dot kay 99".
_JOINED_HANDLE = rf"{_HANDLE}(?:\s+(?:dash|hyphen|underscore|dot)\s+{_PART})+(?:\s+{_NUMBER_WORD}){{0,4}}\b"
PATTERNS = [
    Pattern("at handle", r"(?<![\w.@])@[A-Za-z0-9_][\w.]{1,30}\b", 0.6),
    *[Pattern(f"after '{intro}'", rf"(?<={intro} ){_HANDLE}", 0.7) for intro in _INTROS],
    *[Pattern(f"joined after '{intro}'", rf"(?<={intro} ){_JOINED_HANDLE}", 0.7) for intro in _INTROS],
]
CONTEXT = ["handle", "username", "user", "online", "twitter", "instagram", "account", "login"]


def spoken_handles(text: str) -> list[tuple[int, int]]:
    """Returns the spans of handles said with "underscore" between their parts ("g underscore templeton")."""
    spans = []
    for match in _SPOKEN_HANDLE.finditer(text):
        parts = [match.group(1), *re.findall(r"underscore\s+(\S+)", match.group(2), re.IGNORECASE)]
        if any(part.lower() in _NOT_HANDLE_PART for part in parts):
            continue
        spans.append((match.start(), match.end()))
    return spans


class UsernameRecognizer(PatternRecognizer):
    """Finds handles written with "@", said with "underscore", and user names after the phrase that introduces them."""

    def __init__(self) -> None:
        super().__init__(supported_entity="USERNAME", name="UsernameRecognizer", patterns=PATTERNS, context=CONTEXT)

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if pattern_text.strip(" .") else False

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """Returns the written and introduced handles, and the spoken ones with "underscore" (an email's user part too:
        the email recognizer's span outranks it where both are found)."""
        from presidio_analyzer import AnalysisExplanation, RecognizerResult

        results = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        if "USERNAME" in entities:
            # Presidio's context step annotates every result of a recognizer with context words: each needs its explanation.
            explain = lambda: AnalysisExplanation(self.name, 0.7, pattern_name="spoken handle", textual_explanation="said with underscore")  # noqa: E731
            results += [RecognizerResult("USERNAME", start, end, 0.7, analysis_explanation=explain()) for start, end in spoken_handles(text)]
        return results
