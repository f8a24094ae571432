"""Removing one participant on request (GDPR right to object): their words, name and voice leave a note.

A removed speaker's segments become one marker segment each (no speaker, no
words, text :data:`REMOVED_MARKER`); their PII spans, speaker entry and place
in the overlaps go, and their name leaves the note's title. Where others say their name (full name, first name or
surname, possessive, or spelt otherwise by the recogniser: ``app.privacy.name_mentions``), the mention reads
:data:`REMOVED_MARKER` and its words' times are bleeped in the audio (:attr:`Removal.mention_intervals`).
Their voice goes from the audio over :func:`removal_intervals`:
their segments and words, every overlapped stretch they are part of (the other
speaker's words stay in the text, but not in the audio), grown to cover any
word that reaches into it and towards the neighbouring kept words, since word
timestamps can miss the edges of speech.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.errors import HushnoteError
from audio_core.model import PiiSpan, Segment, Transcript
from app.privacy.audio_redaction import AudioRedactionOptions, bleep_intervals
from app.privacy.removal_marker import REMOVED_MARKER
from app.privacy.speaker_pseudonyms import NEUTRAL_LABEL

REACH_S = 0.6
"""How far a removed stretch grows towards the nearest kept word on either side (speech word times missed)."""
BRIDGE_S = 1.0
"""A gap this short between two removed stretches goes too: a word there given to someone else is most likely
the removed person's, misassigned at a turn edge."""
FADE_S = 0.005


@dataclass(frozen=True)
class Removal:
    """A note with some participants removed.

    transcript: the note with marker segments in place of their turns (no names, no words of theirs).
    speaker_ids: the removed speakers' ids in the original note.
    intervals: merged (start_s, end_s) stretches of audio where they may be heard; silence these.

    mentions: how many times others said their name (each replaced by the marker in the text).
    mention_intervals: merged (start_s, end_s) stretches where those mentions are heard, as their words' times;
        bleep these like redacted words.
    """

    transcript: Transcript
    speaker_ids: tuple[str, ...] = ()
    intervals: list[tuple[float, float]] = field(default_factory=list)
    mentions: int = 0
    mention_intervals: list[tuple[float, float]] = field(default_factory=list)

    @property
    def removed_s(self) -> float:
        """Returns the seconds of audio the removal silences."""
        return round(sum(e - s for s, e in self.intervals), 2)


def resolve_speakers(transcript: Transcript, wanted: Iterable[str]) -> tuple[str, ...]:
    """Returns the ids of the speakers named in ``wanted`` (ids such as "S2" or names, case-insensitive), in note order.

    Raises HushnoteError naming the note's speakers when one is unknown.
    """
    chosen: set[str] = set()
    for item in wanted:
        key = item.strip().casefold()
        hits = [s.id for s in transcript.speakers if key in (s.id.casefold(), s.name.strip().casefold())]
        if not hits:
            known = ", ".join(f"{s.id} ({s.name})" for s in transcript.speakers) or "none"
            raise HushnoteError(f"no speaker {item!r} to remove in this note (speakers: {known})")
        chosen.update(hits)
    return tuple(s.id for s in transcript.speakers if s.id in chosen)


def remove_speakers(transcript: Transcript, speaker_ids: Sequence[str], heard: Sequence[tuple[float, float]] = ()) -> Removal:
    """Returns the :class:`Removal` of ``speaker_ids`` from ``transcript`` (left unchanged).

    ``heard``: further (start_s, end_s) stretches where the diarizer hears them, transcribed or not
    (``app.privacy.diarized_speech``); silenced too. Consecutive removed segments become one marker. An empty
    ``speaker_ids`` returns the transcript as it is, with nothing to silence. Raises nothing.
    """
    removed = set(speaker_ids)
    if not removed:
        return Removal(transcript)
    intervals = removal_intervals(transcript, removed, heard=heard)
    segments: list[Segment] = []
    new_index: dict[int, int] = {}
    for index, segment in enumerate(transcript.segments):
        if segment.speaker_id in removed:
            if segments and segments[-1].text == REMOVED_MARKER and segments[-1].speaker_id is None:
                segments[-1].end_s = max(segments[-1].end_s, segment.end_s)
            else:
                segments.append(Segment(segment.start_s, segment.end_s, REMOVED_MARKER, [], None))
            continue
        new_index[index] = len(segments)
        segments.append(copy.deepcopy(segment))
    result = copy.copy(transcript)
    result.segments = segments
    result.speakers = [copy.copy(s) for s in transcript.speakers if s.id not in removed]
    result.pii_spans = [
        PiiSpan(new_index[p.segment_index], p.start, p.end, p.entity_type, p.text, p.score, p.decision, p.source)
        for p in transcript.pii_spans if p.segment_index in new_index
    ]
    overlaps = []
    for overlap in transcript.overlaps:
        others = [sid for sid in overlap.speaker_ids if sid not in removed]
        if len(others) >= 2:
            overlaps.append(type(overlap)(overlap.start_s, overlap.end_s, others))
    result.overlaps = overlaps
    names = [s.name for s in transcript.speakers if s.id in removed and not NEUTRAL_LABEL.match(s.name)]
    result.title, result.source_name = (_without_names(transcript.title, names), _without_names(transcript.source_name, names))
    result, mentions, mention_intervals = _without_mentions(result, names, [s.name for s in result.speakers])
    return Removal(result, tuple(s.id for s in transcript.speakers if s.id in removed), intervals, mentions,
                   mention_intervals)


def _without_mentions(transcript: Transcript, names: Sequence[str], kept_names: Sequence[str]):
    """Returns (``transcript`` with every mention of ``names`` replaced by the marker, how many, their words' merged
    times); a word of a kept speaker's name is never taken for a misspelling."""
    from app.privacy.name_mentions import name_mentions, remove_mentions

    count = 0
    for name in names:
        transcript, _, found = remove_mentions(name_mentions(name, kept_names), transcript)
        count += found
    if not count:
        return transcript, 0, []
    times = [(w.start_s, w.end_s) for s in transcript.segments if s.speaker_id is not None or s.text != REMOVED_MARKER
             for w in s.words if REMOVED_MARKER in w.text]
    return transcript, count, _merge(times)


def removal_intervals(transcript: Transcript, removed: set[str], reach_s: float = REACH_S,
                      heard: Sequence[tuple[float, float]] = ()) -> list[tuple[float, float]]:
    """Returns the merged (start_s, end_s) stretches where a speaker in ``removed`` may be heard.

    Their segments and words, every overlap they are in, and the stretches of ``heard``; each stretch then
    covers whole any word that reaches into it (whoever Whisper gave it to) and
    grows up to ``reach_s`` towards the nearest word left outside; stretches
    less than BRIDGE_S apart become one.
    """
    stretches = [(s.start_s, s.end_s) for s in transcript.segments if s.speaker_id in removed]
    stretches += [(w.start_s, w.end_s) for w in transcript.words if w.speaker_id in removed]
    stretches += [(o.start_s, o.end_s) for o in transcript.overlaps if removed & set(o.speaker_ids)]
    # Where the diarizer hears them but Whisper gave the words there to someone else, those words stay: they are
    # the other's (an overlap is recorded as one and is silenced above); diarized turn edges are rough.
    kept_words = [(w.start_s, w.end_s) for w in transcript.words if w.speaker_id not in removed]
    stretches += _without(_merge((float(s), float(e)) for s, e in heard), _merge(kept_words))
    merged = _merge(stretches)
    words = sorted((w.start_s, w.end_s) for w in transcript.words if w.end_s > w.start_s)
    for _ in range(3):  # covering a word can reach another one; a few rounds settle it
        grown = _merge(merged + [w for w in words if any(w[0] < e and w[1] > s for s, e in merged)])
        if grown == merged:
            break
        merged = grown
    widened = []
    for start_s, end_s in merged:
        before = [e for s, e in words if e <= start_s]
        after = [s for s, e in words if s >= end_s]
        low = max(max(before, default=start_s - reach_s), start_s - reach_s, 0.0)
        high = min(min(after, default=end_s + reach_s), end_s + reach_s)
        widened.append((min(low, start_s), max(high, end_s)))
    bridged: list[tuple[float, float]] = []
    for start_s, end_s in _merge(widened):
        if bridged and start_s - bridged[-1][1] <= BRIDGE_S:
            bridged[-1] = (bridged[-1][0], end_s)
        else:
            bridged.append((start_s, end_s))
    return bridged


def silence_intervals(audio: np.ndarray, intervals: Sequence[tuple[float, float]], sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns a copy of mono ``audio`` with each (start_s, end_s) interval silent (short fades at the edges).

    Raises ValueError for a non-mono array.
    """
    return bleep_intervals(audio, intervals, AudioRedactionOptions(style="silence", pad_s=0.0, fade_s=FADE_S), sample_rate)


def spoken_only(transcript: Transcript) -> Transcript:
    """Returns ``transcript`` without its removal markers: the speech that is still there, for measurements."""
    result = copy.copy(transcript)
    kept = [i for i, s in enumerate(transcript.segments) if not (s.speaker_id is None and s.text == REMOVED_MARKER)]
    index = {old: new for new, old in enumerate(kept)}
    result.segments = [transcript.segments[i] for i in kept]
    result.pii_spans = [PiiSpan(index[p.segment_index], p.start, p.end, p.entity_type, p.text, p.score, p.decision, p.source)
                        for p in transcript.pii_spans if p.segment_index in index]
    return result


def describe_removal(transcript: Transcript, speaker_ids: Sequence[str]) -> str:
    """Returns the audit log's words for who was removed from ``transcript`` (ids and names, never their words)."""
    who = ", ".join(f"{sid} ({transcript.speaker_name(sid)})" for sid in speaker_ids)
    return f"removed at the participant's request: {who}"


def _without_names(text: str, names: Sequence[str]) -> str:
    """Returns ``text`` with every word of ``names`` (whole words, any case) replaced by "[removed]"."""
    words = sorted({w for name in names for w in re.findall(r"\w+", name) if len(w) > 1}, key=len, reverse=True)
    if not words or not text:
        return text
    return re.sub(r"\b(" + "|".join(map(re.escape, words)) + r")\b", "[removed]", text, flags=re.IGNORECASE)


def _without(stretches: list[tuple[float, float]], holes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Returns the parts of merged ``stretches`` outside every one of merged ``holes``."""
    pieces = []
    for start_s, end_s in stretches:
        for hole_start, hole_end in holes:
            if hole_end <= start_s or hole_start >= end_s:
                continue
            if hole_start > start_s:
                pieces.append((start_s, hole_start))
            start_s = max(start_s, hole_end)
        if end_s > start_s:
            pieces.append((start_s, end_s))
    return pieces


def _merge(stretches: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for start_s, end_s in sorted((s, e) for s, e in stretches if e > s):
        if merged and start_s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end_s)
        else:
            merged.append([start_s, end_s])
    return [(s, e) for s, e in merged]
