"""Addresses written as a block of lines: recipient, street line, then unit, town, state, postcode and country lines.

A pasted or dictated address puts one part per line::

    Ibolya Miklós
    5410 Gomez Brook
     Apt. 604
     Flagstaff
     Austria 74782

The town on its own line has no "in" or "from" before it, and most towns are
on no list; the postcode there is a bare run of digits that nothing names.
What says they are an address is the block: the lines right after a street
line (house number, capitalised name, street suffix) that are short and hold
no sentence. The lines right before the street line that are two or three
capitalised words are who the letter is for; a line with a company suffix or
"X, Y and Z" there is a firm, not people.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.privacy.recognizers.address_recognizer import HOUSE_NUMBER, CAPITALISED_NAME, STREET_SUFFIX
from app.privacy.recognizers.spoken_numbers import UNIT_WORDS

# Line prefixes a block is written with: quote marks, "Billing address:", "Ship to:".
_PREFIX = re.compile(r"^[\s>*•-]*(?:(?:billing|shipping|postal|delivery|home|mailing)?\s*address\s*:|ship\s+to\s*:|to\s*:)?\s*", re.IGNORECASE)
_STREET_LINE = re.compile(rf"^(?i:{HOUSE_NUMBER})\s+{CAPITALISED_NAME}{STREET_SUFFIX}")
_DIGIT_WORD = "|".join(sorted({*UNIT_WORDS, "oh", "zero", "double", "triple"} - {"o"}, key=len, reverse=True))
# What may follow a street line: a unit, a town, a state, a postcode, a country, or a country and its postcode.
_UNIT_LINE = re.compile(r"^(?:apartment|apt\.?|suite|ste\.?|flat|unit|floor|building|bldg\.?)\s+\S+(?:\s+\S+){0,4}$", re.IGNORECASE)
_PLACE_WORD = r"[^\W\d_][\w'’.-]*"
_CODE = rf"(?:[A-Z0-9]{{2,8}}(?:[ -][A-Z0-9]{{2,4}})?|(?:(?:{_DIGIT_WORD})[\s,-]*){{3,9}})"
_PLACE_LINE = re.compile(rf"^(?:{_PLACE_WORD}\s*,?\s*){{1,4}}(?:\s*{_CODE})?$")
_CODE_LINE = re.compile(rf"^{_CODE}$", re.IGNORECASE)
# A sentence, not an address part: a verb or function word of running text.
_SENTENCE_WORD = re.compile(
    r"\b(?:is|are|was|were|be|has|have|had|will|would|can|could|should|the|a|an|of|to|for|with|that|this|please|"
    r"i|you|we|he|she|they|it|my|our|your)\b", re.IGNORECASE,
)
_FIRM_WORDS = re.compile(r"\b(?:Inc|Ltd|LLC|PLC|plc|Corp|Co|GmbH|AG|Group|Company|and|&)\b|,")
_RECIPIENT = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|del|da|di|der|den|le|la))\s*(?:[A-Z][\w'’.-]+)?$")
MAX_TAIL_LINES = 5
MAX_HEAD_LINES = 4


@dataclass(frozen=True)
class AddressBlock:
    """Character spans of one address block: the street line, the lines after it, and the recipients' lines before it."""

    street: tuple[int, int]
    tail: tuple[tuple[int, int], ...]
    recipients: tuple[tuple[int, int], ...]
    firms: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Returns the street line and the tail lines (the address itself, without the recipient)."""
        return (self.street, *self.tail)


def _lines(text: str) -> list[tuple[int, int]]:
    """Returns (start, end) of every line's content, without the block prefix and surrounding spaces."""
    lines, cursor = [], 0
    for raw in text.split("\n"):
        start = cursor + _PREFIX.match(raw).end()
        end = cursor + len(raw.rstrip())
        lines.append((start, max(start, end)))
        cursor += len(raw) + 1
    return lines


def _is_tail_line(content: str) -> bool:
    if not content or len(content.split()) > 10 or _SENTENCE_WORD.search(content) or re.search(r"[.!?;:]$", content):
        return False
    return bool(_UNIT_LINE.match(content) or _CODE_LINE.match(content) or _PLACE_LINE.match(content))


def address_blocks(text: str) -> list[AddressBlock]:
    """Returns the multi-line address blocks in ``text`` (a street line with at least one address line after it)."""
    if "\n" not in text:
        return []
    lines = _lines(text)
    blocks = []
    for index, (start, end) in enumerate(lines):
        street = _STREET_LINE.match(text[start:end])
        if not street:
            continue
        tail = []
        for tail_start, tail_end in lines[index + 1:index + 1 + MAX_TAIL_LINES]:
            content = text[tail_start:tail_end]
            if not content and not tail:
                continue  # a blank line inside the block
            if not content:
                continue
            if not _is_tail_line(content):
                break
            tail.append((tail_start, tail_end))
        if not tail and end - start == street.end():
            continue  # a street alone on its line is the ordinary recognizer's
        recipients, firms = [], []
        for before_start, before_end in reversed(lines[max(0, index - MAX_HEAD_LINES):index]):
            content = text[before_start:before_end]
            if not content:
                if recipients:
                    break
                continue  # a blank line between the name and the street
            if _SENTENCE_WORD.search(content) or len(content.split()) > 5:
                break
            if _FIRM_WORDS.search(content):
                firms.append((before_start, before_end))  # "Chavez LLC", "Halvorsen, Quist and Abara"
            elif _RECIPIENT.match(content):
                recipients.append((before_start, before_end))
        blocks.append(AddressBlock((start, end), tuple(tail), tuple(reversed(recipients)), tuple(reversed(firms))))
    return blocks
