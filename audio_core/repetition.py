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
# A unit without digits is a loop when repeated at least LOOP_REPEATS times in a row.
LOOP_REPEATS = 8
# A unit with digits is a loop when its repeats hold more than MAX_DIGIT_REPEATS digits: the
# limit is counted in digits, not repeats, so "111, 111, 111, 111, 111, 111, 111" (21 ones from
# seven repeats of a three-digit unit, seen in a full-suite run) is cut like 21 repeats of "1".
MIN_DIGIT_LOOP_REPEATS = 3
_CHAR_LOOP = re.compile(r"(.{1,6}?)\1{%d,}" % (MIN_DIGIT_LOOP_REPEATS - 1), re.DOTALL)


# Whisper writes spoken digits as numerals or as words ("one one one"); both count as digits.
_DIGIT_WORD = re.compile(r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE)


def _digits_in(unit: str) -> int:
    return sum(ch.isdigit() for ch in unit) + len(_DIGIT_WORD.findall(unit))


def _is_loop(unit: str, repeats: int) -> bool:
    digits = _digits_in(unit)
    if digits:
        return repeats >= MIN_DIGIT_LOOP_REPEATS and repeats * digits > MAX_DIGIT_REPEATS
    return repeats >= LOOP_REPEATS


def _repeats_to_keep(unit: str, repeats: int) -> int:
    digits = _digits_in(unit)
    limit = max(1, MAX_DIGIT_REPEATS // digits) if digits else MAX_REPEATS
    return min(repeats, limit)


def _collapse_match(match: re.Match) -> str:
    unit = match.group(1)
    repeats = len(match.group(0)) // len(unit)
    if not _is_loop(unit, repeats):
        return match.group(0)
    return unit * _repeats_to_keep(unit, repeats)


def collapse_char_loops(text: str) -> str:
    """Returns ``text`` with runaway loops of a 1-6 character unit cut.

    A unit without digits repeated 8+ times keeps 3 repeats; a unit with digits whose repeats
    hold more than 15 digits keeps 15 digits' worth.
    """
    return _CHAR_LOOP.sub(_collapse_match, text)


def _normal(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower())


def loop_free_indices(tokens: list[str]) -> list[int]:
    """Returns the indices of ``tokens`` to keep so no 1-3 token unit loops.

    A unit without digits loops when it repeats 8+ times in a row and keeps its first 3 repeats; a
    unit with digits loops when its repeats hold more than 15 digits and keeps 15 digits' worth; the words
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
            if _is_loop(" ".join(unit), repeats):
                keep.extend(range(i, i + size * _repeats_to_keep(" ".join(unit), repeats)))
                i += size * repeats
                skipped = True
                break
        if not skipped:
            keep.append(i)
            i += 1
    return keep
