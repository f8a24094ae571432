"""SRT and WebVTT exports, with long segments split into readable cues."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.export.paragraphs import overlapping_names, speaker_header
from app.export.timecode import subtitle_time
from audio_core.model import Segment, Transcript
from audio_core.whole_file import write_whole_file

MAX_CUE_CHARS = 84
MAX_CUE_S = 7.0


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    text: str
    speaker_name: str
    overlapped_by: tuple[str, ...] = ()  # names of the others who talk during the cue


def _word_places(segment: Segment) -> list[tuple[int, int] | None]:
    """Returns where each word of ``segment`` stands in its text, in order (None for a word not found there)."""
    places: list[tuple[int, int] | None] = []
    at = 0
    for word in segment.words:
        token = word.text.strip()
        found = segment.text.find(token, at) if token else -1
        places.append((found, found + len(token)) if found >= 0 else None)
        if found >= 0:
            at = found + len(token)
    return places


def _words_text(segment: Segment, places: list[tuple[int, int] | None], first: int, last: int) -> str:
    """Returns words ``first``..``last`` of ``segment`` as its text writes them: Whisper gives "follow-up" as the
    words "follow" and "-up", and joining words with spaces wrote "follow -up" in the subtitles."""
    if all(places[first:last + 1]):
        return segment.text[places[first][0]:places[last][1]]
    return " ".join(w.text.strip() for w in segment.words[first:last + 1])


def _split_segment(segment: Segment) -> list[tuple[float, float, str]]:
    """Returns (start, end, text) pieces of at most MAX_CUE_CHARS / MAX_CUE_S, cut between words."""
    if not segment.words or (len(segment.text) <= MAX_CUE_CHARS and segment.end_s - segment.start_s <= MAX_CUE_S):
        return [(segment.start_s, segment.end_s, segment.text.strip())]
    places = _word_places(segment)
    pieces: list[tuple[int, int]] = []  # (first, last) word indices
    first = 0
    for i, word in enumerate(segment.words):
        if i > first and (len(_words_text(segment, places, first, i)) > MAX_CUE_CHARS
                          or word.end_s - segment.words[first].start_s > MAX_CUE_S):
            pieces.append((first, i - 1))
            first = i
    pieces.append((first, len(segment.words) - 1))
    return [(segment.words[a].start_s, segment.words[b].end_s, _words_text(segment, places, a, b)) for a, b in pieces]


def subtitle_cues(transcript: Transcript) -> list[Cue]:
    """Returns the transcript as subtitle cues in time order, none empty or reversed, each with who talks over it."""
    cues = []
    for segment in transcript.segments:
        name = transcript.speaker_name(segment.speaker_id)
        for start, end, text in _split_segment(segment):
            if text:
                others = overlapping_names(transcript, segment.speaker_id, start, end)
                cues.append(Cue(start, max(end, start + 0.01), text, name, others))
    return cues


def render_srt(transcript: Transcript) -> str:
    """Returns SubRip text; a speaker's name prefixes each cue as "Name: " ("Name (overlaps with Other): "
    where someone talks at the same time)."""
    blocks = []
    for index, cue in enumerate(subtitle_cues(transcript), start=1):
        who = f"{speaker_header(cue.speaker_name, cue.overlapped_by)}: " if cue.speaker_name else ""
        blocks.append(f"{index}\n{subtitle_time(cue.start_s, ',')} --> {subtitle_time(cue.end_s, ',')}\n{who}{cue.text}\n")
    return "\n".join(blocks)


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_vtt(transcript: Transcript) -> str:
    """Returns WebVTT text; speakers are WebVTT voice tags (``<v Name>``). Where others talk at the same
    time the cue names them too, each in their own voice tag on a second line: "<v Other>(at the same time)</v>"."""
    blocks = ["WEBVTT\n"]
    for cue in subtitle_cues(transcript):
        text = _escape_vtt(cue.text)
        if cue.speaker_name:
            text = f"<v {_escape_vtt(cue.speaker_name)}>{text}</v>" if cue.overlapped_by else f"<v {_escape_vtt(cue.speaker_name)}>{text}"
            text += "".join(f"\n<v {_escape_vtt(name)}>(at the same time)</v>" for name in cue.overlapped_by)
        blocks.append(f"{subtitle_time(cue.start_s, '.')} --> {subtitle_time(cue.end_s, '.')}\n{text}\n")
    return "\n".join(blocks)


def write_srt(transcript: Transcript, path: Path) -> None:
    """Writes :func:`render_srt` output to ``path`` (UTF-8)."""
    write_whole_file(path, render_srt(transcript))


def write_vtt(transcript: Transcript, path: Path) -> None:
    """Writes :func:`render_vtt` output to ``path`` (UTF-8)."""
    write_whole_file(path, render_vtt(transcript))
