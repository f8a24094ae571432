"""Speakers in a transcript: words assigned to diarized turns by time, segments
split where the speaker changes, and speakers renamed or merged.

Every function returns a new Transcript; the one given is left as it was.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from audio_core.errors import HushnoteError
from audio_core.model import Overlap, Segment, Speaker, Transcript, Word
from audio_core.diarize import SpeakerTurn

# A word outside every turn (VAD trimmed its edge) takes the nearest turn within this distance.
NEAREST_TURN_S = 1.0


def speaker_id(index: int) -> str:
    """Returns the id of the ``index``-th speaker (0-based): "S1", "S2", …"""
    return f"S{index + 1}"


def speakers_for(turns: Sequence[SpeakerTurn]) -> list[Speaker]:
    """Returns a Speaker ("S1" named "Speaker 1", …) per distinct speaker in ``turns``, by first appearance."""
    seen: list[int] = []
    for turn in turns:
        if turn.speaker not in seen:
            seen.append(turn.speaker)
    return [Speaker(speaker_id(i), f"Speaker {i + 1}") for i in range(len(seen))]


def _speaker_at(turns: Sequence[SpeakerTurn], ids: dict[int, str], start_s: float, end_s: float) -> str | None:
    """Returns the id of the speaker overlapping [start_s, end_s] most, else the nearest within NEAREST_TURN_S."""
    overlap: dict[str, float] = {}
    for turn in turns:
        shared = min(end_s, turn.end_s) - max(start_s, turn.start_s)
        if shared > 0:
            overlap[ids[turn.speaker]] = overlap.get(ids[turn.speaker], 0.0) + shared
    if overlap:
        return max(overlap, key=overlap.get)
    middle = (start_s + end_s) / 2
    best, best_gap = None, NEAREST_TURN_S
    for turn in turns:
        gap = max(turn.start_s - middle, middle - turn.end_s, 0.0)
        if gap <= best_gap:
            best, best_gap = ids[turn.speaker], gap
    return best


def _split_by_speaker(segment: Segment) -> list[Segment]:
    """Returns ``segment`` cut wherever its words' speaker changes (one piece if it never does)."""
    pieces: list[list[Word]] = []
    for word in segment.words:
        if pieces and pieces[-1][-1].speaker_id == word.speaker_id:
            pieces[-1].append(word)
        else:
            pieces.append([word])
    if len(pieces) <= 1:
        return [replace(segment, speaker_id=pieces[0][0].speaker_id if pieces else segment.speaker_id)]
    return [
        Segment(
            start_s=segment.start_s if i == 0 else words[0].start_s,
            end_s=segment.end_s if i == len(pieces) - 1 else words[-1].end_s,
            text=" ".join(w.text for w in words),
            words=words,
            speaker_id=words[0].speaker_id,
        )
        for i, words in enumerate(pieces)
    ]


def _ids_by_first_appearance(turns: Sequence[SpeakerTurn]) -> dict[int, str]:
    order: list[int] = []
    for turn in turns:
        if turn.speaker not in order:
            order.append(turn.speaker)
    return {label: speaker_id(i) for i, label in enumerate(order)}


def overlaps_of(turns: Sequence[SpeakerTurn], word_turns: Sequence[SpeakerTurn]) -> list[Overlap]:
    """Returns the stretches where two or more of ``turns`` (which may overlap) are active at once,
    with speaker ids numbered as :func:`assign_speakers` numbers ``word_turns``."""
    ids = _ids_by_first_appearance(word_turns)
    for turn in turns:  # a speaker only ever heard under another keeps a number too
        ids.setdefault(turn.speaker, speaker_id(len(ids)))
    edges = sorted({t.start_s for t in turns} | {t.end_s for t in turns})
    overlaps: list[Overlap] = []
    for start_s, end_s in zip(edges, edges[1:]):
        middle = (start_s + end_s) / 2
        active = sorted({ids[t.speaker] for t in turns if t.start_s <= middle < t.end_s})
        if len(active) < 2:
            continue
        if overlaps and overlaps[-1].end_s == start_s and overlaps[-1].speaker_ids == active:
            overlaps[-1].end_s = end_s
        else:
            overlaps.append(Overlap(start_s, end_s, active))
    return overlaps


def assign_speakers(transcript: Transcript, turns: Sequence[SpeakerTurn]) -> Transcript:
    """Returns ``transcript`` with speakers from ``turns``: each word gets the speaker it overlaps most,
    and a segment is split where its words change speaker.

    A segment without word timings takes the speaker it overlaps most. With
    no turns at all the transcript comes back without speakers.
    """
    if not turns:
        return replace(transcript, speakers=[])
    speakers = speakers_for(turns)
    ids = _ids_by_first_appearance(turns)
    segments: list[Segment] = []
    for segment in transcript.segments:
        if not segment.words:
            segments.append(replace(segment, speaker_id=_speaker_at(turns, ids, segment.start_s, segment.end_s)))
            continue
        words = [replace(w, speaker_id=_speaker_at(turns, ids, w.start_s, w.end_s)) for w in segment.words]
        segments += _split_by_speaker(replace(segment, words=words))
    used = {s.speaker_id for s in segments}
    return replace(transcript, segments=segments, speakers=[s for s in speakers if s.id in used])


def _require(transcript: Transcript, speaker_id_: str) -> Speaker:
    for speaker in transcript.speakers:
        if speaker.id == speaker_id_ or speaker.name == speaker_id_:
            return speaker
    known = ", ".join(f"{s.id} ({s.name})" for s in transcript.speakers) or "none"
    raise HushnoteError(f"no speaker {speaker_id_!r} in this note (speakers: {known})")


def rename_speaker(transcript: Transcript, speaker: str, name: str) -> Transcript:
    """Returns ``transcript`` with ``speaker`` (an id such as "S1" or a current name) called ``name``.

    Raises HushnoteError for an unknown speaker or an empty name.
    """
    name = name.strip()
    if not name:
        raise HushnoteError("a speaker's name cannot be empty")
    target = _require(transcript, speaker)
    return replace(
        transcript, speakers=[replace(s, name=name) if s.id == target.id else s for s in transcript.speakers]
    )


def merge_speakers(transcript: Transcript, source: str, into: str) -> Transcript:
    """Returns ``transcript`` with every segment and word of ``source`` given to ``into`` (ids or names).

    ``source`` disappears from the speaker list. Raises HushnoteError for an
    unknown speaker or when both name the same speaker.
    """
    gone, kept = _require(transcript, source), _require(transcript, into)
    if gone.id == kept.id:
        raise HushnoteError(f"{source!r} and {into!r} are the same speaker")

    def moved(sid: str | None) -> str | None:
        return kept.id if sid == gone.id else sid

    segments = [
        replace(s, speaker_id=moved(s.speaker_id), words=[replace(w, speaker_id=moved(w.speaker_id)) for w in s.words])
        for s in transcript.segments
    ]
    overlaps = [
        Overlap(o.start_s, o.end_s, sorted({moved(sid) for sid in o.speaker_ids})) for o in transcript.overlaps
    ]
    return replace(
        transcript,
        segments=segments,
        speakers=[s for s in transcript.speakers if s.id != gone.id],
        overlaps=[o for o in overlaps if len(o.speaker_ids) >= 2],
    )


def overlapping_speakers(transcript: Transcript, speaker_id: str | None, start_s: float, end_s: float) -> tuple[str, ...]:
    """Returns the ids of the speakers other than ``speaker_id`` who talk at the same time as someone
    in [start_s, end_s] (per ``transcript.overlaps``), in the order of the transcript's speakers."""
    others: set[str] = set()
    for overlap in transcript.overlaps:
        if min(end_s, overlap.end_s) > max(start_s, overlap.start_s):
            others.update(sid for sid in overlap.speaker_ids if sid != speaker_id)
    order = [s.id for s in transcript.speakers]
    return tuple(sorted(others, key=lambda sid: (order.index(sid) if sid in order else len(order), sid)))
