"""Where each word of a transcript sits in the note view's text, and back.

The note view shows speaker paragraphs: a header line (speaker, time) and a
body line per paragraph. This layout is pure Python so it is tested without
widgets; the view inserts ``text`` into its document and maps clicks and the
playhead through :meth:`TranscriptLayout.word_at_char` / :meth:`word_at_time`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from app.export.timecode import clock
from app.speakers import overlapping_speakers
from audio_core.model import Transcript

MAX_GAP_CHARS = 3
HEADER_SEPARATOR = "  ·  "


@dataclass(frozen=True)
class WordPlace:
    """One word (or a whole segment without words) and where it is in the text and in time."""

    segment_index: int
    word_index: int  # -1: the whole segment (no word timestamps)
    start_char: int
    end_char: int
    start_s: float
    end_s: float


@dataclass(frozen=True)
class SegmentPlace:
    """Where one segment's text sits in the view's text (the characters a person edits in place)."""

    segment_index: int
    start_char: int
    end_char: int


@dataclass(frozen=True)
class ParagraphPlace:
    """A speaker turn: consecutive segments of one speaker; its header is "name  ·  time", followed by
    "  ·  overlaps with <names>" when someone else talks at the same time during the turn."""

    speaker_id: str | None
    speaker_name: str
    start_s: float
    end_s: float
    segment_indices: tuple[int, ...]
    header_start_char: int
    header_end_char: int
    body_start_char: int
    body_end_char: int
    name_end_char: int = 0
    time_start_char: int = 0
    time_end_char: int = 0
    overlapping_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class TranscriptLayout:
    """The note view's text with every paragraph and word placed in it."""

    text: str
    paragraphs: tuple[ParagraphPlace, ...]
    words: tuple[WordPlace, ...]
    segments: tuple[SegmentPlace, ...] = ()

    def word_at_char(self, position: int) -> int | None:
        """Returns the index into ``words`` of the word at character ``position``, or None."""
        starts = [w.start_char for w in self.words]
        i = bisect.bisect_right(starts, position) - 1
        if i >= 0 and self.words[i].start_char <= position <= self.words[i].end_char:
            return i
        return None

    def word_at_time(self, time_s: float) -> int | None:
        """Returns the index of the word being spoken at ``time_s`` (the latest one started), or None."""
        best = None
        for i, word in enumerate(self.words):
            if word.start_s <= time_s and (best is None or word.start_s >= self.words[best].start_s):
                best = i
        if best is None or time_s > self.words[best].end_s + 0.3:
            return None
        return best

    def paragraph_of_segment(self, segment_index: int) -> int | None:
        """Returns the index of the paragraph holding ``segment_index``, or None."""
        for i, p in enumerate(self.paragraphs):
            if segment_index in p.segment_indices:
                return i
        return None


def speaker_label(transcript: Transcript, speaker_id: str | None) -> str:
    """Returns the name shown for ``speaker_id`` ("Speaker" when no speaker is known)."""
    return transcript.speaker_name(speaker_id) or "Speaker"


def overlap_note(transcript: Transcript, speaker_ids: tuple[str, ...]) -> str:
    """Returns the header's note for ``speaker_ids`` ("overlaps with Speaker 2 and Dora"), "" for none."""
    names = [speaker_label(transcript, sid) for sid in speaker_ids]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"overlaps with {listed}"


def layout_transcript(transcript: Transcript) -> TranscriptLayout:
    """Returns the layout of ``transcript`` as speaker paragraphs, words in time order."""
    groups: list[list[int]] = []
    for i, segment in enumerate(transcript.segments):
        if not segment.text.strip():
            continue
        if groups and transcript.segments[groups[-1][-1]].speaker_id == segment.speaker_id:
            groups[-1].append(i)
        else:
            groups.append([i])
    parts: list[str] = []
    length = 0
    paragraphs: list[ParagraphPlace] = []
    words: list[WordPlace] = []
    segment_places: list[SegmentPlace] = []

    def add(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    for n, group in enumerate(groups):
        first, last = transcript.segments[group[0]], transcript.segments[group[-1]]
        name = speaker_label(transcript, first.speaker_id)
        header_start = length
        add(name)
        name_end = length
        add(f"{HEADER_SEPARATOR}{clock(first.start_s)}")
        time_end = length
        others = overlapping_speakers(transcript, first.speaker_id, first.start_s, last.end_s)
        if others:
            add(f"{HEADER_SEPARATOR}{overlap_note(transcript, others)}")
        header_end = length
        add("\n")
        body_start = length
        for k, si in enumerate(group):
            segment = transcript.segments[si]
            if k:
                add(" ")
            segment_start = length
            if segment.words:
                text, at = segment.text.strip(), 0
                for wi, word in enumerate(segment.words):
                    token = word.text.strip()
                    found = text.find(token, at) if token else -1
                    if wi:
                        # keep the text's own spacing: "follow-up" and "example.com" are several words
                        add(text[at:found] if 0 <= found - at <= MAX_GAP_CHARS else " ")
                    start = length
                    add(token)
                    words.append(WordPlace(si, wi, start, length, word.start_s, word.end_s))
                    if found >= 0:
                        at = found + len(token)
            else:
                start = length
                add(segment.text.strip())
                words.append(WordPlace(si, -1, start, length, segment.start_s, segment.end_s))
            segment_places.append(SegmentPlace(si, segment_start, length))
        body_end = length
        if n < len(groups) - 1:
            add("\n")
        paragraphs.append(
            ParagraphPlace(
                first.speaker_id, name, first.start_s, last.end_s, tuple(group), header_start, header_end, body_start,
                body_end, name_end, name_end + len(HEADER_SEPARATOR), time_end, others,
            )
        )
    return TranscriptLayout("".join(parts), tuple(paragraphs), tuple(words), tuple(segment_places))
