"""Taking a person's name out of a stored note where others say it (right to erasure / to object).

What counts as a mention of "Chris Baker": the full name in any case, and,
written as a name (capital first letter), the surname or the first name alone,
each with a possessive "'s". A single word or a lone name part is a mention
only in a note that holds the person (they speak in it, or are named in full
there): elsewhere a lone "Chris" or "Baker" is as likely a namesake (or a baker).
Each mention becomes :data:`REMOVED_MARKER`, in the segment text, the words,
the title, the file name and the tags; the personal-data spans are moved onto
the new text, and a span that held only the name goes with it.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace

from audio_core.model import PiiSpan, Segment, Transcript, Word
from app.privacy.speaker_removal import REMOVED_MARKER

_POSSESSIVE = r"(?:['’]s)?"


@dataclass(frozen=True)
class NameMentions:
    """How to find one person's name: ``full`` (any case) and ``parts`` (each alone, capitalised)."""

    full: re.Pattern | None
    parts: re.Pattern | None

    def spans(self, text: str, lone_parts: bool = True) -> list[tuple[int, int]]:
        """Returns the (start, end) character ranges of the mentions in ``text``, in order, never overlapping;
        lone name parts count only when ``lone_parts``."""
        found = [m.span() for m in self.full.finditer(text)] if self.full else []
        if lone_parts and self.parts:
            found += [m.span() for m in self.parts.finditer(text)
                      if not any(s < m.end() and m.start() < e for s, e in found)]
        return sorted(found)


def name_mentions(name: str) -> NameMentions:
    """Returns the patterns that find mentions of the person called ``name`` ("Chris Baker"; a lone "Chris" too).

    Parts shorter than two letters (initials) are never matched alone. Raises nothing.
    """
    words = re.findall(r"[^\W\d_](?:[\w'’-]*[^\W_])?", name)
    if not words:
        return NameMentions(None, None)
    full = re.compile(r"(?<![\w'’-])" + r"\.?\s+".join(map(re.escape, words)) + _POSSESSIVE + r"(?![\w'’-])", re.IGNORECASE)
    parts = sorted({w for w in words if len(w) > 1}, key=len, reverse=True) if len(words) > 1 else []
    lone = None
    if parts:
        # A name written as a name: its first letter a capital, the rest in any case ("Baker", "BAKER").
        alternatives = "|".join(f"{re.escape(w[0].upper())}(?i:{re.escape(w[1:])})" for w in parts)
        lone = re.compile(r"(?<![\w'’-])(?:" + alternatives + ")" + _POSSESSIVE + r"(?![\w'’-])")
    return NameMentions(full, lone)


def mentions_in_full(mentions: NameMentions, transcript: Transcript, tags=()) -> int:
    """Returns how many times the full name is written in ``transcript`` (text, title, file name) and ``tags``."""
    if mentions.full is None:
        return 0
    texts = [s.text for s in transcript.segments] + [transcript.title, transcript.source_name, *tags]
    return sum(len(mentions.full.findall(t or "")) for t in texts)


def count_mentions(mentions: NameMentions, transcript: Transcript, tags=(), skip_speakers=()) -> int:
    """Returns how many mentions :func:`remove_mentions` would replace, leaving out the segments of ``skip_speakers``
    (their turns go whole)."""
    skipped = set(skip_speakers)
    texts = [s.text for s in transcript.segments if s.speaker_id not in skipped or s.speaker_id is None]
    return sum(len(mentions.spans(t or "")) for t in texts + [transcript.title, transcript.source_name, *tags])


def remove_mentions(mentions: NameMentions, transcript: Transcript, tags=()) -> tuple[Transcript, list[str], int]:
    """Returns (``transcript`` with every mention replaced by the marker, the tags likewise, how many were replaced).

    A tag that held nothing but the name is dropped. ``transcript`` is left unchanged. Raises nothing.
    """
    result = copy.deepcopy(transcript)
    count = 0
    new_spans: list[PiiSpan] = []
    for index, segment in enumerate(result.segments):
        found = mentions.spans(segment.text)
        own_spans = [p for p in transcript.pii_spans if p.segment_index == index]
        if not found:
            new_spans += own_spans
            continue
        count += len(found)
        new_text = _replaced(segment.text, found)
        new_spans += [s for s in (_moved_span(p, found, new_text) for p in own_spans) if s is not None]
        result.segments[index] = Segment(segment.start_s, segment.end_s, new_text, _replaced_words(mentions, segment.words),
                                         segment.speaker_id)
    result.pii_spans = new_spans
    for field_name in ("title", "source_name"):
        text = getattr(result, field_name) or ""
        found = mentions.spans(text)
        count += len(found)
        setattr(result, field_name, _replaced(text, found))
    new_tags = []
    for tag in tags:
        found = mentions.spans(tag)
        count += len(found)
        new_tag = _replaced(tag, found)
        if re.search(r"\w", new_tag.replace(REMOVED_MARKER, "")):
            new_tags.append(new_tag)
    return result, new_tags, count


def _replaced(text: str, found: list[tuple[int, int]]) -> str:
    for start, end in reversed(found):
        text = text[:start] + REMOVED_MARKER + text[end:]
    return text


def _moved_span(span: PiiSpan, found: list[tuple[int, int]], new_text: str) -> PiiSpan | None:
    """Returns ``span`` on the text with ``found`` replaced; None when all it held was the name."""
    def moved(position: int, is_end: bool) -> int:
        shift = 0
        for start, end in found:
            if position >= end:
                shift += len(REMOVED_MARKER) - (end - start)
            elif position > start or (position == start and is_end):
                return start + shift + (len(REMOVED_MARKER) if is_end else 0)
        return position + shift

    start, end = moved(span.start, False), moved(span.end, True)
    text = new_text[start:end]
    if not re.search(r"\w", text.replace(REMOVED_MARKER, "")):
        return None
    return replace(span, start=start, end=end, text=text)


def _replaced_words(mentions: NameMentions, words: list[Word]) -> list[Word]:
    """Returns ``words`` with each mention replaced; a mention over several words ("Chris", " Baker") becomes one word
    spanning their times."""
    joined, starts = "", []
    for word in words:
        starts.append(len(joined))
        joined += word.text
    found = mentions.spans(joined)
    result: list[Word] = []
    for word, w_start in zip(words, starts):
        w_end = w_start + len(word.text)
        hits = [(s, e) for s, e in found if s < w_end and e > w_start]
        if not hits:
            result.append(copy.copy(word))
            continue
        text, position = "", w_start
        for start, end in hits:
            text += joined[position:max(position, start)]
            if start >= w_start:
                text += REMOVED_MARKER
            position = max(position, min(end, w_end))
        text += joined[position:w_end]
        if hits[0][0] < w_start and result:  # the mention began in the word before: one word for all of it
            result[-1] = replace(result[-1], text=result[-1].text + text, end_s=max(result[-1].end_s, word.end_s))
        else:
            result.append(replace(word, text=text))
    return result
