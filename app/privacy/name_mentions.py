"""Taking a person's name out of a stored note where others say it (right to erasure / to object).

What counts as a mention of "Chris Baker": the full name in any case, and,
written as a name (capital first letter), the surname or the first name alone,
each with a possessive "'s". A single word or a lone name part is a mention
only in a note that holds the person (they speak in it, or are named in full
there): elsewhere a lone "Chris" or "Baker" is as likely a namesake (or a baker).
The recogniser's own spellings count too (``app.privacy.name_spelling``): the
full name with a part spelt otherwise ("Jeff Taylor" for "Geoff Tayler", any
case), and, where lone parts count, a capitalised word spelt like a part
("Sean" for "Shaun"), unless another participant of the note is called so.
Each mention becomes :data:`REMOVED_MARKER`, in the segment text, the words,
the title, the file name and the tags; the personal-data spans are moved onto
the new text, and a span that held only the name goes with it.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from audio_core.model import PiiSpan, Segment, Transcript, Word
from app.privacy.removal_marker import REMOVED_MARKER

_POSSESSIVE = r"(?:['’]s)?"


_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


@dataclass(frozen=True)
class NameMentions:
    """How to find one person's name: ``full`` (any case) and ``parts`` (each alone, capitalised), and, by
    spelling, ``words`` (the name's words) unless a word is one of ``others`` (other people's name words, casefolded)."""

    full: re.Pattern | None
    parts: re.Pattern | None
    words: tuple[str, ...] = ()
    others: frozenset[str] = frozenset()

    def spans(self, text: str, lone_parts: bool = True) -> list[tuple[int, int]]:
        """Returns the (start, end) character ranges of the mentions in ``text``, in order, never overlapping;
        lone name parts (also spelt otherwise) count only when ``lone_parts``."""
        found = [m.span() for m in self.full.finditer(text)] if self.full else []
        # a full name spelt otherwise before the parts: "Geoff Taylor" is one mention, not "Geoff" and a "Taylor"
        found += [span for span in self.close_spellings(text, lone_parts)
                  if not any(s < span[1] and span[0] < e for s, e in found)]
        if lone_parts and self.parts:
            found += [m.span() for m in self.parts.finditer(text)
                      if not any(s < m.end() and m.start() < e for s, e in found)]
        return sorted(found)

    def close_spellings(self, text: str, lone_parts: bool = True) -> list[tuple[int, int]]:
        """Returns the (start, end) ranges of the name spelt otherwise in ``text`` ("Jeff Taylor", a lone "Sean");
        a full name is tried before its parts, lone parts only when ``lone_parts``."""
        from app.privacy.name_spelling import can_be_a_name, is_close_spelling

        if not self.words:
            return []

        def alike(token: str, word: str) -> bool | None:
            """True: spelt otherwise; False: the same spelling; None: not this word."""
            if token.casefold().removesuffix("'s").removesuffix("’s") == word.casefold():
                return False
            if token.casefold() in self.others or not is_close_spelling(token, word) or not can_be_a_name(token):
                return None
            return True

        tokens = list(_WORD.finditer(text))
        found: list[tuple[int, int]] = []
        n = len(self.words)
        index = 0
        while index < len(tokens):
            run = tokens[index:index + n]
            joined = n > 1 and len(run) == n and all(re.fullmatch(r"\.?\s+", text[a.end():b.start()])
                                                    for a, b in zip(run, run[1:]))
            verdicts = []
            for token_match, word in zip(run, self.words) if joined else ():
                verdicts.append(alike(token_match.group(), word))
                if verdicts[-1] is None:
                    break
            if len(verdicts) == n and None not in verdicts and any(verdicts):
                found.append((run[0].start(), run[-1].end()))
                index += n
                continue
            token = tokens[index].group()
            parts = [w for w in self.words if len(w) > 1] if lone_parts else []
            if token[0].isupper() and any(alike(token, w) for w in parts):
                found.append(tokens[index].span())
            index += 1
        return found


def name_mentions(name: str, others: Iterable[str] = ()) -> NameMentions:
    """Returns the patterns that find mentions of the person called ``name`` ("Chris Baker"; a lone "Chris" too),
    spelt otherwise too, except as a word of one of ``others`` (the names of other people in the note).

    Parts shorter than two letters (initials) are never matched alone. Raises nothing.
    """
    words = _WORD.findall(name)
    if not words:
        return NameMentions(None, None)
    own = {w.casefold() for w in words}
    taken = frozenset(w.casefold() for other in others for w in _WORD.findall(other)) - own
    full = re.compile(r"(?<![\w'’-])" + r"\.?\s+".join(map(re.escape, words)) + _POSSESSIVE + r"(?![\w'’-])", re.IGNORECASE)
    parts = sorted({w for w in words if len(w) > 1}, key=len, reverse=True) if len(words) > 1 else []
    lone = None
    if parts:
        # A name written as a name: its first letter a capital, the rest in any case ("Baker", "BAKER").
        alternatives = "|".join(f"{re.escape(w[0].upper())}(?i:{re.escape(w[1:])})" for w in parts)
        lone = re.compile(r"(?<![\w'’-])(?:" + alternatives + ")" + _POSSESSIVE + r"(?![\w'’-])")
    return NameMentions(full, lone, tuple(words), taken)


def mentions_in_full(mentions: NameMentions, transcript: Transcript, tags=()) -> int:
    """Returns how many times the full name is written in ``transcript`` (text, title, file name) and ``tags``."""
    if mentions.full is None:
        return 0
    texts = [s.text for s in transcript.segments] + [transcript.title, transcript.source_name, *tags]
    return sum(len(mentions.full.findall(t or "")) + len(mentions.close_spellings(t or "", lone_parts=False))
               for t in texts)


def spelt_otherwise(mentions: NameMentions, transcript: Transcript, tags=(), skip_speakers=(), lone_parts: bool = True) -> list[str]:
    """Returns the distinct ways ``transcript`` (others' segments, title, file name) and ``tags`` spell the name
    otherwise ("Sean Brennan", "Sean"), in order of appearance, for a person to check before anything changes."""
    skipped = set(skip_speakers)
    texts = [s.text for s in transcript.segments if s.speaker_id not in skipped or s.speaker_id is None]
    seen: dict[str, None] = {}
    for text in texts + [transcript.title, transcript.source_name, *tags]:
        for start, end in mentions.close_spellings(text or "", lone_parts):
            seen.setdefault(text[start:end], None)
    return list(seen)


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
        if joined and not joined[-1].isspace() and not word.text[:1].isspace():
            joined += " "  # stored words may come without their leading space: "Chris", "Baker" is still a full name
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
