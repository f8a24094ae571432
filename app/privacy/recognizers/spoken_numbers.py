"""Finds runs of digits in speech-to-text output, spoken or written.

ASR writes the same phone number as "555-214-8839", "5 5 5 2 1 4" or
"five five five, two one four, double eight three nine". :func:`find_number_runs`
turns each maximal run into its digit string with character offsets into the
original text, so digit-based recognizers work on every form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
TEEN_WORDS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}
TENS_WORDS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7", "eighty": "8", "ninety": "9",
}
REPEAT_WORDS = {"double": 2, "triple": 3}
# What may sit between the groups of one spoken or written number.
GROUP_SEPARATORS = {"-", ",", ".", "(", ")", "/", "dash", "hyphen"}
# "oh" and "o" are zeros only next to other digits ("oh I see" is not a number).
AMBIGUOUS_ZEROS = {"oh", "o"}

_TOKEN = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")


@dataclass(frozen=True)
class NumberRun:
    """One run of digits: ``start``/``end`` are character offsets into the text."""

    start: int
    end: int
    digits: str
    separators: str  # the separator characters/words seen inside the run, joined
    spoken: bool  # True when at least one digit came from a word
    digit_by_digit: bool = False  # every group one digit ("4-1-1-1", "five five five"): a code, never a quantity


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def _is_number_word(token: _Token) -> bool:
    word = token.lower
    return token.text.isdigit() or word in UNIT_WORDS or word in TEEN_WORDS or word in TENS_WORDS or word in REPEAT_WORDS


def find_number_runs(text: str) -> list[NumberRun]:
    """Returns every maximal run of digits (words or figures) in ``text``, in order."""
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    runs: list[NumberRun] = []
    i = 0
    while i < len(tokens):
        if not _starts_number(tokens, i):
            i += 1
            continue
        run, i = _read_run(text, tokens, i)
        if run is not None:
            runs.append(run)
    return runs


def _starts_number(tokens: list[_Token], i: int) -> bool:
    token = tokens[i]
    if token.lower in AMBIGUOUS_ZEROS:
        return i + 1 < len(tokens) and _is_number_word(tokens[i + 1]) and tokens[i + 1].lower not in AMBIGUOUS_ZEROS
    if token.lower in REPEAT_WORDS:
        return i + 1 < len(tokens) and (tokens[i + 1].lower in UNIT_WORDS or tokens[i + 1].text.isdigit())
    return _is_number_word(token)


def _read_run(text: str, tokens: list[_Token], i: int) -> tuple[NumberRun | None, int]:
    digits: list[str] = []
    separators: list[str] = []
    spoken = False
    start = tokens[i].start
    end = start
    last_hundred_at = -1
    while i < len(tokens):
        token, word = tokens[i], tokens[i].lower
        if token.text.isdigit():
            digits.append(token.text)
        elif word in UNIT_WORDS and (word not in AMBIGUOUS_ZEROS or digits or _next_is_number(tokens, i)):
            if digits and last_hundred_at == len(digits) - 1 and digits[-1].endswith("00") and not _next_is_number(tokens, i):
                digits[-1] = digits[-1][:-1] + UNIT_WORDS[word]
            else:
                digits.append(UNIT_WORDS[word])
            spoken = True
        elif word in TEEN_WORDS:
            digits.append(TEEN_WORDS[word])
            spoken = True
        elif word in TENS_WORDS:
            # "twenty one" and "twenty-one" are one number, not 20 then 1.
            hyphen = i + 2 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 1].start == token.end
            unit = tokens[i + 1 + hyphen].lower if i + 1 + hyphen < len(tokens) else ""
            spoken = True
            if unit in UNIT_WORDS and unit not in AMBIGUOUS_ZEROS and unit != "zero":
                digits.append(TENS_WORDS[word] + UNIT_WORDS[unit])
                i += 1 + hyphen
            else:
                digits.append(TENS_WORDS[word] + "0")
        elif word in REPEAT_WORDS and i + 1 < len(tokens) and (tokens[i + 1].lower in UNIT_WORDS or tokens[i + 1].text.isdigit()):
            nxt = tokens[i + 1]
            digits.append((UNIT_WORDS.get(nxt.lower) or nxt.text) * REPEAT_WORDS[word])
            spoken = True
            i += 1
        elif word == "hundred" and digits and len(digits[-1]) == 1:
            digits[-1] += "00"
            last_hundred_at = len(digits) - 1
            spoken = True
        else:
            break
        end = tokens[i].end
        i += 1
        # "four hundred and twenty": "and" after "hundred" joins the number.
        if word == "hundred" and i + 1 < len(tokens) and tokens[i].lower == "and" and _is_number_word(tokens[i + 1]):
            i += 1
            continue
        # Separators only count when another number follows them.
        j = i
        seen: list[str] = []
        while j < len(tokens) and tokens[j].lower in GROUP_SEPARATORS:
            seen.append(tokens[j].lower)
            j += 1
        if seen and j < len(tokens) and _is_number_word(tokens[j]) and len(seen) <= 2:
            separators.extend(seen)
            i = j
        elif seen:
            break
    if not digits:
        return None, i + 1
    if last_hundred_at >= 0:
        digits = _fold_hundreds(digits)
    one_by_one = len(digits) >= 4 and all(len(group) == 1 for group in digits)
    return NumberRun(start, end, "".join(digits), " ".join(separators), spoken, one_by_one), i


def _fold_hundreds(digits: list[str]) -> list[str]:
    """Turns "4" "00" "20" into "420": a tens word after "hundred" fills its zeros."""
    folded: list[str] = []
    for group in digits:
        if folded and folded[-1].endswith("00") and len(folded[-1]) == 3 and len(group) == 2 and group[0] != "0":
            folded[-1] = folded[-1][0] + group
        else:
            folded.append(group)
    return folded


def _next_is_number(tokens: list[_Token], i: int) -> bool:
    return i + 1 < len(tokens) and _is_number_word(tokens[i + 1]) and tokens[i + 1].lower not in AMBIGUOUS_ZEROS


def luhn_valid(digits: str) -> bool:
    """Returns True when ``digits`` passes the Luhn checksum used by payment cards."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0 and len(digits) > 1


def find_number_runs_in(text: str, language: str) -> list[NumberRun]:
    """Returns every maximal run of digits in ``text`` read as ``language`` speaks numbers.

    English uses :func:`find_number_runs`; German, French and Spanish number
    words come from :mod:`.number_words` ("null eins sieben", "zéro six, douze").
    """
    if language not in number_phrases_languages():
        return find_number_runs(text)
    from app.privacy.recognizers.number_words import REPEAT_WORDS, longest_phrase, number_phrases, tokens

    phrases, longest, repeats = number_phrases(language), longest_phrase(language), REPEAT_WORDS[language]
    found = tokens(text)
    words = [m.group().lower() for m in found]

    def number_at(i: int) -> tuple[str, int] | None:
        """Returns (digits, tokens used) for a number starting at token i."""
        if words[i].isdigit():
            return words[i], 1
        if words[i] in repeats and i + 1 < len(words):
            inner = number_at(i + 1)
            if inner and len(inner[0]) == 1:
                return inner[0] * repeats[words[i]], 1 + inner[1]
        for size in range(min(longest, len(words) - i), 0, -1):
            digits = phrases.get(tuple(words[i:i + size]))
            if digits is not None:
                return digits, size
        return None

    runs: list[NumberRun] = []
    i = 0
    while i < len(words):
        first = number_at(i)
        if first is None:
            i += 1
            continue
        groups, separators, start = [first[0]], [], found[i].start()
        spoken = not words[i].isdigit()
        i += first[1]
        end = found[i - 1].end()
        while i < len(words):
            j = i
            while j < len(words) and j - i < 2 and words[j] in LANGUAGE_SEPARATORS:
                j += 1
            following = number_at(j) if j < len(words) else None
            if following is None:
                break
            separators.extend(words[i:j])
            groups.append(following[0])
            spoken = spoken or not words[j].isdigit()
            i = j + following[1]
            end = found[i - 1].end()
        one_by_one = len(groups) >= 4 and all(len(g) == 1 for g in groups)
        runs.append(NumberRun(start, end, "".join(groups), " ".join(separators), spoken, one_by_one))
    return runs


LANGUAGE_SEPARATORS = GROUP_SEPARATORS | {"bindestrich", "strich", "tiret", "guion", "guión"}


def number_phrases_languages() -> tuple[str, ...]:
    """Returns the languages read with spoken-number tables other than English's."""
    return ("de", "fr", "es")
