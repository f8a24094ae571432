"""Editing a segment's text while keeping its word timestamps.

Words that survive an edit keep their times; replaced words share the time of
the words they replace; inserted words get a zero-length time at the nearest
kept boundary, so playback highlighting and subtitle timing stay right.
"""
from __future__ import annotations

from difflib import SequenceMatcher

from app.privacy.span_edit import realign_spans
from audio_core.model import Segment, Transcript, Word


def _norm(token: str) -> str:
    return "".join(c for c in token.lower() if c.isalnum())


def retime_words(words: list[Word], new_text: str, start_s: float, end_s: float) -> list[Word]:
    """Returns the words of ``new_text`` with times carried over from ``words``.

    ``start_s``/``end_s`` bound the segment and time the words when ``words`` is empty.
    """
    tokens = new_text.split()
    if not tokens:
        return []
    if not words:
        step = (end_s - start_s) / len(tokens)
        return [Word(t, round(start_s + i * step, 3), round(start_s + (i + 1) * step, 3)) for i, t in enumerate(tokens)]
    old = [_norm(w.text) for w in words]
    new = [_norm(t) for t in tokens]
    result: list[Word] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(j2 - j1):
                src = words[i1 + k]
                result.append(Word(tokens[j1 + k], src.start_s, src.end_s, src.probability, src.speaker_id))
        elif tag == "replace":
            span_start, span_end = words[i1].start_s, words[i2 - 1].end_s
            step = (span_end - span_start) / (j2 - j1)
            for k in range(j2 - j1):
                result.append(
                    Word(tokens[j1 + k], round(span_start + k * step, 3), round(span_start + (k + 1) * step, 3), 1.0, words[i1].speaker_id)
                )
        elif tag == "insert":
            at = words[i1 - 1].end_s if i1 > 0 else words[0].start_s
            result.extend(Word(tokens[j], at, at, 1.0, words[0].speaker_id) for j in range(j1, j2))
    return result


def edit_segment_text(segment: Segment, new_text: str) -> None:
    """Replaces ``segment``'s text with ``new_text`` and re-times its words in place."""
    segment.words = retime_words(segment.words, new_text, segment.start_s, segment.end_s)
    segment.text = " ".join(new_text.split())


def edit_transcript_text(transcript: Transcript, segment_index: int, new_text: str) -> None:
    """Replaces one segment's text in ``transcript``: words re-timed, its personal-data spans moved onto the new text.

    Raises IndexError for a segment that does not exist.
    """
    segment = transcript.segments[segment_index]
    old_text = segment.text
    edit_segment_text(segment, new_text)
    mine = [s for s in transcript.pii_spans if s.segment_index == segment_index]
    if mine:
        moved = iter(realign_spans(mine, old_text, segment.text, keep_empty=True))
        spans = [next(moved) if s.segment_index == segment_index else s for s in transcript.pii_spans]
        transcript.pii_spans = [s for s in spans if s is not None]  # in their order: a finding keeps its number
