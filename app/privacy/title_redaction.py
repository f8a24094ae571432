"""A note's title in a redacted export: a title a person typed ("Interview with Anna Schmidt") is personal data too.

The title (and the recording's file name, which JSON exports carry) is redacted
with the transcript's own replacer, so a name said in the note gets the same
``[PERSON_n]`` (or fake name) in the title. Spans come from three places: items
the transcript redacts, and the parts of the names among them; the speakers'
names (a pseudonymized speaker's name becomes its pseudonym); and, when a
finder is given, detection on the title itself. An item the user kept in the
review (a rejected finding) is kept in the title too. The title Hushnote itself gives a recording is kept.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from audio_core.model import PiiSpan, Speaker, Transcript
from app.privacy.replacements import Replacer, item_key
from app.privacy.speaker_pseudonyms import NEUTRAL_LABEL


@dataclass(frozen=True)
class LabelSpan:
    """A stretch of a title to replace: character offsets and the type of what it names."""

    start: int
    end: int
    entity_type: str


# The title Hushnote gives a recording ("Recording 2026-12-05 06:41", app/recording.py): it holds only the
# recording's time, which every export carries anyway (JSON's created_at); the detector took it for a phone number.
OWN_RECORDING_TITLE = re.compile(r"Recording \d{4}-\d{2}-\d{2} \d{2}:\d{2}")

# Finds personal data in a short text: (start, end, entity type) triples.
TitleFinder = Callable[[str], Iterable[tuple[int, int, str]]]


def redact_label(
    label: str,
    transcript: Transcript,
    redacted_spans: Iterable[PiiSpan],
    replacer: Replacer,
    pseudonyms: dict[str, str],
    finder: TitleFinder | None = None,
) -> str:
    """Returns ``label`` (a title or file name) with its personal data replaced as the transcript's is.

    ``transcript`` is the note before redaction; ``redacted_spans`` the spans its
    text was redacted under; ``pseudonyms`` {speaker id: pseudonym} for the
    speakers renamed in the export (empty when names are kept). ``finder``
    detects personal data in the label itself. Raises what ``finder`` raises
    (ModelError when its model cannot be loaded).
    """
    if not label.strip() or OWN_RECORDING_TITLE.fullmatch(label):
        return label
    readable = label.replace("_", " ")  # "anna_schmidt.m4a": file names join words with _
    items, name_parts = _redacted_items(transcript, redacted_spans)
    kept = {_item(s.text or _span_text(transcript, s)) for s in transcript.pii_spans if s.decision == "rejected"}
    speakers = {s.name: s for s in transcript.speakers if not NEUTRAL_LABEL.match(s.name)}
    spans = (_item_spans(readable, items) + _item_spans(readable, name_parts, any_case=False)
             + _item_spans(readable, [(name, "PERSON") for name in speakers]))
    if finder is not None:
        spans += [LabelSpan(start, end, kind) for start, end, kind in finder(readable)
                  if _item(readable[start:end]) not in kept]
    pieces, cursor = [], 0
    for span in _whole_words(readable, _merged(spans)):
        text = readable[span.start:span.end]
        pieces += [label[cursor:span.start], _replacement(text, span.entity_type, speakers, pseudonyms, replacer)]
        cursor = span.end
    return "".join(pieces) + label[cursor:]


def _item(text: str) -> str:
    """The identity of an item, a possessive ("Anna's") the same as its name."""
    return item_key(re.sub(r"['’]s$", "", text.strip()))


def _span_text(transcript: Transcript, span: PiiSpan) -> str:
    if 0 <= span.segment_index < len(transcript.segments):
        return transcript.segments[span.segment_index].text[span.start:span.end]
    return ""


def _redacted_items(transcript: Transcript, spans: Iterable[PiiSpan]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Returns (text, type) of every redacted item, and of each capitalised part of a name (a title says "Anna")."""
    items: list[tuple[str, str]] = []
    parts: list[tuple[str, str]] = []
    for span in spans:
        text = _span_text(transcript, span).strip()
        if len(text) < 2:
            continue
        items.append((text, span.entity_type))
        if span.entity_type == "PERSON":
            parts += [(part, "PERSON") for part in re.findall(r"[^\W\d_][\w'’-]+", text) if len(part) >= 3 and part[0].isupper()]
    return items, parts


def _item_spans(label: str, items: Iterable[tuple[str, str]], any_case: bool = True) -> list[LabelSpan]:
    """Returns where each item occurs in ``label`` as whole words, in any case ("anna schmidt") unless not ``any_case``
    (a lone part of a name must be capitalised: "Will" is a name, "will" a verb)."""
    spans = []
    for text, kind in items:
        pattern = r"(?<![\w-])" + r"\s+".join(re.escape(word) for word in text.split()) + r"(?![\w-])"
        spans += [LabelSpan(m.start(), m.end(), kind) for m in re.finditer(pattern, label, re.IGNORECASE if any_case else 0)]
    return spans


def _merged(spans: list[LabelSpan]) -> list[LabelSpan]:
    """Returns ``spans`` sorted, overlapping ones joined (the longer one names the type)."""
    merged: list[LabelSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = last.entity_type if last.end - last.start >= span.end - span.start else span.entity_type
            merged[-1] = LabelSpan(last.start, max(last.end, span.end), kind)
        else:
            merged.append(span)
    return merged


def _whole_words(label: str, spans: list[LabelSpan]) -> list[LabelSpan]:
    """Widens each span to whole words, so no half of a name is left ("Schmidt's" keeps no "'s" alone either)."""
    widened: list[LabelSpan] = []
    for span in spans:
        start, end = span.start, span.end
        while start > 0 and label[start - 1].isalnum():
            start -= 1
        while end < len(label) and label[end].isalnum():
            end += 1
        if widened and start < widened[-1].end:
            widened[-1] = LabelSpan(widened[-1].start, max(end, widened[-1].end), widened[-1].entity_type)
        else:
            widened.append(LabelSpan(start, end, span.entity_type))
    return widened


def _replacement(text: str, kind: str, speakers: dict[str, Speaker], pseudonyms: dict[str, str], replacer: Replacer) -> str:
    """The speaker's pseudonym for a speaker's name (or a part of it), else the transcript's replacement."""
    if kind == "PERSON":
        words = set(item_key(text).split())
        for name, speaker in speakers.items():
            if speaker.id in pseudonyms and words and words <= set(item_key(name).split()):
                return pseudonyms[speaker.id]
    return replacer.known(kind, text) or replacer.replacement(kind, text)
