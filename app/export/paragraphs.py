"""Speaker turns: consecutive segments of one speaker merged into a paragraph."""
from __future__ import annotations

from dataclasses import dataclass

from audio_core.model import Transcript


@dataclass(frozen=True)
class Paragraph:
    """One speaker's turn; ``overlapped_by``: the names of others who talk at the same time during it."""

    speaker_name: str
    start_s: float
    end_s: float
    text: str
    overlapped_by: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        """Returns the speaker's name, with "(overlaps with …)" when someone talks over the turn ("" without a speaker)."""
        return speaker_header(self.speaker_name, self.overlapped_by)


def speaker_header(name: str, overlapped_by: tuple[str, ...]) -> str:
    """Returns ``name`` followed by "(overlaps with A, B)" when ``overlapped_by`` names anyone ("" for no name)."""
    if not name:
        return ""
    return f"{name} (overlaps with {', '.join(overlapped_by)})" if overlapped_by else name


def overlapping_names(transcript: Transcript, speaker_id: str | None, start_s: float, end_s: float) -> tuple[str, ...]:
    """Returns the display names of the others who talk at the same time as ``speaker_id`` somewhere in
    [start_s, end_s] (per ``transcript.overlaps``), in the order of the transcript's speakers."""
    others: set[str] = set()
    for overlap in transcript.overlaps:
        if speaker_id in overlap.speaker_ids and min(end_s, overlap.end_s) > max(start_s, overlap.start_s):
            others.update(sid for sid in overlap.speaker_ids if sid != speaker_id)
    order = [s.id for s in transcript.speakers]
    ranked = sorted(others, key=lambda sid: (order.index(sid) if sid in order else len(order), sid))
    return tuple(transcript.speaker_name(sid) for sid in ranked)


def speaker_paragraphs(transcript: Transcript) -> list[Paragraph]:
    """Returns the transcript as speaker turns, in time order, each with who talks over it."""
    runs: list[tuple[str | None, str, float, float, str]] = []
    for segment in transcript.segments:
        text = segment.text.strip()
        if not text:
            continue
        name = transcript.speaker_name(segment.speaker_id)
        if runs and runs[-1][1] == name:
            sid, _, start_s, _, joined = runs[-1]
            runs[-1] = (sid, name, start_s, segment.end_s, f"{joined} {text}")
        else:
            runs.append((segment.speaker_id, name, segment.start_s, segment.end_s, text))
    return [
        Paragraph(name, start_s, end_s, text, overlapping_names(transcript, sid, start_s, end_s))
        for sid, name, start_s, end_s, text in runs
    ]
