"""Correcting who said what: a speaker turn split at a word and the rest of it given to another speaker.

The diarizer sometimes hears two people as one turn ("…see you then. Thanks, bye!"
said by two voices). Every function returns a new Transcript; the one given is left as it was.
"""
from __future__ import annotations

import copy
from dataclasses import replace

from audio_core.errors import HushnoteError
from audio_core.model import PiiSpan, Segment, Speaker, Transcript


def word_offsets(segment: Segment) -> list[int]:
    """Returns where each of ``segment``'s words starts in its text (the words' own order, searched left to right)."""
    offsets, at = [], 0
    for word in segment.words:
        token = word.text.strip()
        found = segment.text.find(token, at) if token else -1
        offsets.append(found if found >= 0 else at)
        if found >= 0:
            at = found + len(token)
    return offsets


def split_segment(transcript: Transcript, segment_index: int, word_index: int) -> Transcript:
    """Returns ``transcript`` with segment ``segment_index`` cut in two before its word ``word_index``.

    Both halves keep the speaker and their words' times; personal-data marks move with their words (a mark across
    the cut marks both halves, so nothing marked becomes unmarked). Returns it unchanged for a cut at an edge.
    Raises HushnoteError for a segment or word that does not exist.
    """
    if not 0 <= segment_index < len(transcript.segments):
        raise HushnoteError(f"no paragraph {segment_index + 1} in this note")
    segment = transcript.segments[segment_index]
    if not 0 <= word_index <= len(segment.words):
        raise HushnoteError(f"no word {word_index + 1} in that paragraph")
    if word_index in (0, len(segment.words)):
        return transcript
    cut = word_offsets(segment)[word_index]
    head_text, tail_text = segment.text[:cut].rstrip(), segment.text[cut:]
    head_words, tail_words = segment.words[:word_index], segment.words[word_index:]
    head = replace(segment, end_s=head_words[-1].end_s, text=head_text, words=copy.deepcopy(head_words))
    tail = replace(segment, start_s=tail_words[0].start_s, text=tail_text, words=copy.deepcopy(tail_words))
    spans: list[PiiSpan] = []
    for span in transcript.pii_spans:
        if span.segment_index < segment_index:
            spans.append(span)
        elif span.segment_index > segment_index:
            spans.append(replace(span, segment_index=span.segment_index + 1))
        else:
            if span.start < len(head_text):
                spans.append(replace(span, end=min(span.end, len(head_text))))
            if span.end > cut:
                start = max(span.start, cut) - cut
                spans.append(replace(span, segment_index=segment_index + 1, start=start, end=span.end - cut,
                                     text=tail_text[start:span.end - cut]))
    segments = transcript.segments[:segment_index] + [head, tail] + transcript.segments[segment_index + 1:]
    return replace(transcript, segments=segments, pii_spans=spans)


def new_speaker_id(transcript: Transcript) -> str:
    """Returns a speaker id not used in ``transcript`` ("S4" when S1–S3 exist)."""
    used = {s.id for s in transcript.speakers}
    n = len(used) + 1
    while f"S{n}" in used:
        n += 1
    return f"S{n}"


def give_rest_of_turn(transcript: Transcript, segment_index: int, word_index: int, speaker: str,
                      new_name: str = "") -> Transcript:
    """Returns ``transcript`` where, from word ``word_index`` of segment ``segment_index`` to the end of that turn
    (the following segments of the same speaker), the words are said by ``speaker`` (an id or a name).

    With ``new_name``, ``speaker`` is ignored and a new speaker of that name is added. A speaker left with no
    words is removed from the list. Raises HushnoteError for an unknown speaker, segment or word, or an empty name.
    """
    split = split_segment(transcript, segment_index, word_index)
    first = segment_index + (1 if len(split.segments) > len(transcript.segments) else 0)
    speakers = list(split.speakers)
    if new_name.strip():
        target = Speaker(new_speaker_id(split), new_name.strip())
        speakers.append(target)
    elif new_name:
        raise HushnoteError("a speaker's name cannot be empty")
    else:
        target = next((s for s in speakers if speaker in (s.id, s.name)), None)
        if target is None:
            raise HushnoteError(f"no speaker {speaker!r} in this note")
    was = split.segments[first].speaker_id
    segments = list(split.segments)
    index = first
    while index < len(segments) and segments[index].speaker_id == was:
        segment = segments[index]
        segments[index] = replace(segment, speaker_id=target.id,
                                  words=[replace(w, speaker_id=target.id) for w in segment.words])
        index += 1
    used = {s.speaker_id for s in segments} | {sid for o in split.overlaps for sid in o.speaker_ids}
    return replace(split, segments=segments, speakers=[s for s in speakers if s.id in used])
