"""Keeping personal-data spans on the right characters when a segment's text changes.

Spans are character ranges into one segment's text. After a person corrects
that text the ranges are carried through a character diff, then widened to
whole words: a span that ends inside a word would leave the rest of it
readable ("[LOCATION_1]linic").
"""
from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from audio_core.model import PiiSpan


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "'’_"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Returns ``(start, end)`` widened to whole words of ``text`` and trimmed of surrounding spaces.

    An empty or all-space range comes back empty (``start == end``).
    """
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    while start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        start -= 1
    while end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
        end += 1
    return start, end


def _position_map(old_text: str, new_text: str):
    opcodes = SequenceMatcher(a=old_text, b=new_text, autojunk=False).get_opcodes()

    def start_of(position: int) -> int:
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 <= position < i2:
                return j1 + (position - i1) if tag == "equal" else j1
        return len(new_text)

    def end_of(position: int) -> int:
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 < position <= i2:
                return j1 + (position - i1) if tag == "equal" else j2
        return 0

    return start_of, end_of


def realign_spans(spans: list[PiiSpan], old_text: str, new_text: str, keep_empty: bool = False) -> list[PiiSpan | None]:
    """Returns ``spans`` (all of one segment) moved from ``old_text`` onto ``new_text``, snapped to whole words.

    A span whose characters were all deleted is dropped (None in its place
    when ``keep_empty``); a span whose word was retyped covers the new word,
    so a corrected name stays redacted.
    """
    start_of, end_of = _position_map(old_text, new_text)
    moved: list[PiiSpan] = []
    for span in spans:
        start, end = snap_to_words(new_text, start_of(span.start), end_of(span.end))
        if start < end:
            moved.append(replace(span, start=start, end=end, text=new_text[start:end]))
        elif keep_empty:
            moved.append(None)
    return moved
