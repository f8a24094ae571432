"""RTTM export, the standard diarization format, for scoring and other tools.

One line per speaker turn:
``SPEAKER <file> 1 <start> <duration> <NA> <NA> <speaker> <NA> <NA>``.
Fields are space-separated, so spaces in names and file ids become "_".
Where two people talk at once (the transcript's overlaps) both have a turn,
so turns of different speakers overlap there.
"""
from __future__ import annotations

import re
from pathlib import Path

from audio_core.model import Transcript
from audio_core.whole_file import write_whole_file

# Consecutive segments of one speaker this close together form one turn.
JOIN_GAP_S = 0.5


def _token(text: str, fallback: str) -> str:
    token = re.sub(r"\s+", "_", text.strip())
    return token or fallback


def _segment_turns(transcript: Transcript) -> list[tuple[float, float, str]]:
    turns: list[tuple[float, float, str]] = []
    for segment in sorted(transcript.segments, key=lambda s: s.start_s):
        if segment.speaker_id is None or segment.end_s <= segment.start_s:
            continue
        name = transcript.speaker_name(segment.speaker_id)
        if turns and turns[-1][2] == name and segment.start_s - turns[-1][1] <= JOIN_GAP_S:
            turns[-1] = (turns[-1][0], max(turns[-1][1], segment.end_s), name)
        else:
            turns.append((segment.start_s, segment.end_s, name))
    return turns


def speaker_turns(transcript: Transcript) -> list[tuple[float, float, str]]:
    """Returns (start_s, end_s, speaker name) turns sorted by start: runs of one speaker's segments,
    plus each overlapped stretch for every speaker in it, joined with that speaker's turns within
    JOIN_GAP_S of it; so turns of different speakers overlap where people talk at once."""
    spans = [(start_s, end_s, name, False) for start_s, end_s, name in _segment_turns(transcript)]
    spans += [
        (o.start_s, o.end_s, transcript.speaker_name(sid), True) for o in transcript.overlaps for sid in o.speaker_ids
    ]
    by_speaker: dict[str, list[list]] = {}
    for start_s, end_s, name, overlapped in sorted(spans):
        joined = by_speaker.setdefault(name, [])
        # Two runs of segments stay apart (another speaker may lie between); an overlapped stretch joins its neighbours.
        if joined and start_s - joined[-1][1] <= (JOIN_GAP_S if overlapped or joined[-1][2] else 0.0):
            joined[-1] = [joined[-1][0], max(joined[-1][1], end_s), overlapped]
        elif end_s > start_s:
            joined.append([start_s, end_s, overlapped])
    return sorted((start_s, end_s, name) for name, runs in by_speaker.items() for start_s, end_s, _ in runs)


def render_rttm(transcript: Transcript) -> str:
    """Returns the transcript's speaker turns as RTTM text ("" when it has no speakers)."""
    file_id = _token(transcript.title or Path(transcript.source_name).stem, "recording")
    lines = [
        f"SPEAKER {file_id} 1 {start:.3f} {end - start:.3f} <NA> <NA> {_token(name, 'unknown')} <NA> <NA>"
        for start, end, name in speaker_turns(transcript)
    ]
    return "".join(line + "\n" for line in lines)


def write_rttm(transcript: Transcript, path: Path) -> None:
    """Writes :func:`render_rttm` output to ``path`` (UTF-8)."""
    write_whole_file(path, render_rttm(transcript))
