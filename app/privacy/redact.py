"""Redaction: a transcript (or plain text) in, a new one out with every covered span replaced.

Segment texts and words are both redacted: the words that overlap a span are
merged into one word carrying the replacement, with the first one's start and
the last one's end, so subtitles and audio bleeping keep their timing. The
redacted transcript's ``pii_spans`` point into the redacted text and hold the
replacement, never the original, so an exported JSON cannot leak it.
"""
from __future__ import annotations

import copy
import re

from audio_core.model import PiiSpan, Segment, Transcript, Word
from app.privacy.analyzer import PiiAnalyzer
from app.privacy.detect import find_pii_in_text
from app.privacy.policy import RedactionPolicy
from app.privacy.replacements import Replacer
from app.privacy.speaker_mentions import speaker_name_spans
from app.privacy.speaker_pseudonyms import pseudonymize_speakers
from app.privacy.title_redaction import TitleFinder, redact_label


def spans_to_redact(transcript: Transcript, policy: RedactionPolicy) -> dict[int, list[PiiSpan]]:
    """Returns, per segment index, the spans the policy redacts (not rejected), sorted and without overlaps; the
    named speakers' names written in the text are among them (``app.privacy.speaker_mentions``)."""
    by_segment: dict[int, list[PiiSpan]] = {}
    for span in transcript.pii_spans + speaker_name_spans(transcript):
        manual = span.source == "manual"
        if span.decision == "rejected" or not (manual or policy.covers(span.entity_type, span.score)):
            continue
        if 0 <= span.segment_index < len(transcript.segments):
            by_segment.setdefault(span.segment_index, []).append(span)
    for index, spans in by_segment.items():
        spans.sort(key=lambda s: (s.start, -s.end))
        merged: list[PiiSpan] = []
        for span in spans:
            if merged and span.start < merged[-1].end:
                last = merged[-1]
                merged[-1] = PiiSpan(index, last.start, max(last.end, span.end), last.entity_type, "", last.score, last.decision, last.source)
            else:
                merged.append(copy.copy(span))
        by_segment[index] = merged
    return by_segment


def word_offsets(segment: Segment) -> list[tuple[int, int] | None]:
    """Returns each word's character range in the segment text (None where it cannot be found)."""
    offsets: list[tuple[int, int] | None] = []
    cursor = 0
    for word in segment.words:
        token = word.text.strip()
        at = segment.text.find(token, cursor) if token else -1
        if at < 0:
            offsets.append(None)
            continue
        offsets.append((at, at + len(token)))
        cursor = at + len(token)
    return offsets


def redacted_intervals(transcript: Transcript, policy: RedactionPolicy, pad_s: float = 0.0) -> list[tuple[float, float]]:
    """Returns the merged (start_s, end_s) audio intervals of every redacted word, widened by ``pad_s``.

    A span whose words cannot be located falls back to its whole segment, so
    audio is over-redacted rather than leaked.
    """
    intervals: list[tuple[float, float]] = []
    for index, spans in spans_to_redact(transcript, policy).items():
        segment = transcript.segments[index]
        offsets = word_offsets(segment)
        for span in spans:
            hits = [w for w, o in zip(segment.words, offsets) if o is not None and o[0] < span.end and o[1] > span.start]
            if hits:
                intervals.append((hits[0].start_s, hits[-1].end_s))
            else:
                intervals.append((segment.start_s, segment.end_s))
    padded = sorted((max(0.0, s - pad_s), e + pad_s) for s, e in intervals)
    merged: list[tuple[float, float]] = []
    for start_s, end_s in padded:
        if merged and start_s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end_s))
        else:
            merged.append((start_s, end_s))
    return merged


def redact_transcript(transcript: Transcript, policy: RedactionPolicy = RedactionPolicy(),
                      keep_speaker_names: bool = False, keep_title: bool = False,
                      title_finder: TitleFinder | None = None) -> Transcript:
    """Returns a NEW transcript with every span the policy covers replaced in texts and words.

    The input is left unchanged. Replacements follow ``policy.style`` and are
    consistent across the note. Named speakers become pseudonyms (the text's
    ``[PERSON_n]`` when the name is spoken, else ``Speaker N``) unless
    ``keep_speaker_names``. The title and source file name lose the redacted
    items, the speakers' names and whatever ``title_finder`` finds in them,
    replaced the same way, unless ``keep_title``. Raises what ``title_finder``
    raises.
    """
    to_redact = spans_to_redact(transcript, policy)
    replacer = _note_replacer(transcript, policy, to_redact)
    result = copy.deepcopy(transcript)
    result.pii_spans = []
    for index, segment in enumerate(transcript.segments):
        spans = to_redact.get(index, [])
        if not spans:
            continue
        replacements = [replacer.replacement(s.entity_type, segment.text[s.start:s.end]) for s in spans]
        new_text, new_spans = _replace(segment.text, spans, replacements)
        result.segments[index].text = new_text
        result.segments[index].words = _redact_words(segment, spans, new_text, new_spans)
        result.pii_spans.extend(
            PiiSpan(index, start, end, span.entity_type, new_text[start:end], span.score, span.decision, span.source)
            for span, (start, end) in zip(spans, new_spans)
        )
    pseudonyms = {} if keep_speaker_names else pseudonymize_speakers(result, replacer)
    if not keep_title:
        redacted = [span for spans in to_redact.values() for span in spans]
        result.title = redact_label(transcript.title, transcript, redacted, replacer, pseudonyms, title_finder)
        result.source_name = redact_label(transcript.source_name, transcript, redacted, replacer, pseudonyms, title_finder)
    return result


def redacted_texts(transcript: Transcript, policy: RedactionPolicy = RedactionPolicy()) -> list[str]:
    """Returns each segment's text as :func:`redact_transcript` writes it, without copying the note (a live preview).

    Raises nothing.
    """
    to_redact = spans_to_redact(transcript, policy)
    replacer = _note_replacer(transcript, policy, to_redact)
    texts = []
    for index, segment in enumerate(transcript.segments):
        spans = to_redact.get(index, [])
        replacements = [replacer.replacement(s.entity_type, segment.text[s.start:s.end]) for s in spans]
        texts.append(_replace(segment.text, spans, replacements)[0] if spans else segment.text)
    return texts


def _note_replacer(transcript: Transcript, policy: RedactionPolicy, to_redact: dict[int, list[PiiSpan]]) -> Replacer:
    """The note's replacer: seeded by the note, never faking a name that is a real one of the note."""
    real_names = [s.name for s in transcript.speakers] + [
        segment.text[span.start:span.end] for index, spans in to_redact.items() for span in spans
        for segment in (transcript.segments[index],) if span.entity_type == "PERSON"
    ]
    return Replacer(policy.style, seed=f"{transcript.created_at}|{transcript.source_name}",
                    avoid={word for name in real_names for word in re.findall(r"\w+", name)})


def _replace(text: str, spans: list[PiiSpan], replacements: list[str]) -> tuple[str, list[tuple[int, int]]]:
    pieces: list[str] = []
    positions: list[tuple[int, int]] = []
    cursor = 0
    length = 0
    for span, replacement in zip(spans, replacements):
        pieces.append(text[cursor:span.start])
        length += span.start - cursor
        positions.append((length, length + len(replacement)))
        pieces.append(replacement)
        length += len(replacement)
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces), positions


def _redact_words(segment: Segment, spans: list[PiiSpan], new_text: str, new_spans: list[tuple[int, int]]) -> list[Word]:
    """Words overlapping a span (or a chain of spans) become one word whose text comes from the redacted text."""
    offsets = word_offsets(segment)

    def hit(offset: tuple[int, int] | None) -> list[int]:
        return [k for k, s in enumerate(spans) if offset is not None and offset[0] < s.end and offset[1] > s.start]

    def new_position(position: int, is_end: bool) -> int:
        shift = 0
        for span, (new_start, new_end) in zip(spans, new_spans):
            if span.start <= position < span.end or (is_end and span.start < position <= span.end):
                return new_end if is_end else new_start
            if span.end <= position:
                shift = new_end - span.end
        return position + shift

    words: list[Word] = []
    i = 0
    while i < len(segment.words):
        word, offset, span_ids = segment.words[i], offsets[i], hit(offsets[i])
        if not span_ids:
            words.append(copy.copy(word))
            i += 1
            continue
        j = i
        while j + 1 < len(segment.words) and set(hit(offsets[j + 1])) & set(span_ids + hit(offsets[j])):
            j += 1
            span_ids = span_ids + hit(offsets[j])
        last_offset = offsets[j]
        leading = word.text[: len(word.text) - len(word.text.lstrip())]
        text = new_text[new_position(offset[0], False):new_position(last_offset[1], True)]
        probability = min(w.probability for w in segment.words[i:j + 1])
        words.append(Word(leading + text, word.start_s, segment.words[j].end_s, probability, word.speaker_id))
        i = j + 1
    return words


def redact_text(text: str, analyzer: PiiAnalyzer, policy: RedactionPolicy = RedactionPolicy(), language: str | None = None) -> str:
    """Returns ``text`` (read as ``language``, default English) with every detection the policy covers replaced.

    Raises ModelError when the language's spaCy pipeline cannot be loaded.
    """
    replacer = Replacer(policy.style)
    findings = find_pii_in_text(text, analyzer, policy, language)
    spans = [PiiSpan(0, f.start, f.end, f.entity_type, "", f.score) for f in findings]
    replacements = [replacer.replacement(s.entity_type, text[s.start:s.end]) for s in spans]
    return _replace(text, spans, replacements)[0]
