"""Korean given names as Whisper writes them: two romanised syllables joined by a hyphen ("Min-jun", "Seo-yeon",
"Dong-hyun"), with or without a surname ("Ji-woo Kim", "Sung-min Park").

Neither spaCy's small English model nor Faker's name lists (Korean names ship
in Hangul) know them, so the parser reads "Min - jun" as three tokens and
tags nothing. The form itself is the evidence: a capitalised syllable, a
hyphen and a lower-case syllable, both made of Korean initials, vowels and
finals as the Revised Romanisation (and the older spellings "oo", "ee", "ou")
writes them. English hyphenated words of that shape open with a prefix or an
everyday word ("Re-run", "Set-up", "Log-in") or say a syllable twice ("Yo-yo", "So-so"), and those are left alone.
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

_INITIAL = r"(?:kk|tt|pp|ss|jj|ch|g|k|n|d|t|r|l|m|b|p|s|j|h|y|w)?"
_VOWEL = r"(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|a|e|o|u|i)"
_FINAL = r"(?:ng|n|m|l|k|p|t)?"
SYLLABLE = re.compile(rf"{_INITIAL}{_VOWEL}{_FINAL}")
_SURNAMES = r"(?:Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Yoon|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Yoo|Hong|Jeon|Ko|Moon|Yang|Son|Bae|Baek|Heo|Nam|Noh|Ha|Kwak|Sung|Cha|Joo|Woo|Min|Ryu|Na|Jin|Yeo)"
PATTERNS = [Pattern("korean given name", rf"(?<![\w-])[A-Z][a-z]{{1,5}}-[a-z]{{1,6}}(?:\s+{_SURNAMES})?(?![\w-])", 0.6)]
# English words that open a hyphenated word: "Re-run", "Co-op", "Set-up", "Log-in", "Sign-off", "Wi-fi".
_ENGLISH_OPENERS = frozenset(
    "re de pre co non mid sub ex un anti semi self post set log sign check go wi ad up in on off out pop top hot sun "
    "pick kick lock back buy hand hold hook knock look make mix pay print push put run see shut start take tear try "
    "turn wake walk wind work write one two six ten bye hi no yes say".split()
)


def is_korean_given_name(word: str) -> bool:
    """Returns True when ``word`` ("Min-jun") is two romanised Korean syllables joined by a hyphen, not an English
    hyphenated word ("Re-run", "Set-up")."""
    first, _, second = word.lower().partition("-")
    return bool(second) and first != second and first not in _ENGLISH_OPENERS and second not in _ENGLISH_OPENERS \
        and SYLLABLE.fullmatch(first) is not None and SYLLABLE.fullmatch(second) is not None


class KoreanNameRecognizer(PatternRecognizer):
    """Finds hyphenated romanised Korean given names, with a following surname when one is said."""

    def __init__(self) -> None:
        super().__init__(supported_entity="PERSON", name="KoreanNameRecognizer", patterns=PATTERNS)

    def validate_result(self, pattern_text: str) -> bool | None:
        return True if is_korean_given_name(pattern_text.split()[0]) else False
