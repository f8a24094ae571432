"""Guards against Whisper's repetition loops ("4-1-1-1-1-1-1…").

Tiny models sometimes loop on digit strings; decoding settings make it rare
(see ``AsrOptions``) and this trims whatever loop still gets through.
"""
from __future__ import annotations

import re

MAX_REPEATS = 3
# Spoken numbers legitimately repeat a digit many times (the test card
# 4111 1111 1111 1111 has fifteen 1s in a row), so a looping unit that holds
# digits keeps up to this many digits' worth of repeats instead of MAX_REPEATS:
# "-1" and "one" keep 15 repeats, "-11" keeps 7.
MAX_DIGIT_REPEATS = 15
# A unit of 1-6 characters repeated at least LOOP_REPEATS times in a row.
LOOP_REPEATS = 8
_CHAR_LOOP = re.compile(r"(.{1,6}?)\1{%d,}" % (LOOP_REPEATS - 1), re.DOTALL)


# Whisper writes spoken digits as numerals or as words ("one one one"); both count as digits.
_DIGIT_WORD = re.compile(r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE)


def _repeats_to_keep(unit: str, repeats: int) -> int:
    digits = sum(ch.isdigit() for ch in unit) + len(_DIGIT_WORD.findall(unit))
    limit = max(1, MAX_DIGIT_REPEATS // digits) if digits else MAX_REPEATS
    return min(repeats, limit)


def collapse_char_loops(text: str) -> str:
    """Returns ``text`` with any short unit repeated 8+ times cut to 3 repeats (15 digits' worth for units with digits)."""
    return _CHAR_LOOP.sub(
        lambda m: m.group(1) * _repeats_to_keep(m.group(1), len(m.group(0)) // len(m.group(1))), text
    )


def _normal(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower())


def loop_free_indices(tokens: list[str]) -> list[int]:
    """Returns the indices of ``tokens`` to keep so no 1-3 token unit repeats 8+ times in a row.

    A runaway loop keeps its first 3 repeats (15 digits' worth for a unit with digits); the words
    after it are kept. Punctuation-only tokens do not break a loop ("-1 -1 - 1 -1" is one run of
    ones); one is kept when the word before it is.
    """
    normal = [_normal(t) for t in tokens]
    spoken = [i for i, word in enumerate(normal) if word]
    kept_spoken = {spoken[j] for j in _loop_free([normal[i] for i in spoken])}
    keep: list[int] = []
    previous_kept = True
    for i, word in enumerate(normal):
        if word:
            previous_kept = i in kept_spoken
        if previous_kept:
            keep.append(i)
    return keep


def _loop_free(words: list[str]) -> list[int]:
    """Returns the indices of ``words`` (none empty) left after cutting runaway repeats."""
    keep: list[int] = []
    i = 0
    while i < len(words):
        skipped = False
        for size in (1, 2, 3):
            unit = words[i : i + size]
            if len(unit) < size:
                continue
            repeats = 1
            while words[i + repeats * size : i + (repeats + 1) * size] == unit:
                repeats += 1
            if repeats >= LOOP_REPEATS:
                keep.extend(range(i, i + size * _repeats_to_keep(" ".join(unit), repeats)))
                i += size * repeats
                skipped = True
                break
        if not skipped:
            keep.append(i)
            i += 1
    return keep
