"""A named speaker's name written in the note's text is personal data wherever it stands.

The detector misses some names ("Sky will send the slides"); the person who named the speaker "Sky Martin" has
said it is one. A redacted export gave the speaker a pseudonym and left "Sky" in the text beside it. Each mention
of a speaker's name, or of one of its words of two letters or more (not a title such as "Dr"), written as a name
(a capital first letter), is redacted as a PERSON; a place the user chose to keep (a rejected finding) stays kept.
Labels that name nobody ("Speaker 3", the recorder's "Me") are no names.
"""
from __future__ import annotations

import re

from audio_core.model import PiiSpan, Transcript
from app.privacy.speaker_pseudonyms import NEUTRAL_LABEL

SOURCE = "speaker name"
NO_NAMES = frozenset({"me"})  # the recorder's own side, unless the owner gave their name
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "doctor", "professor"})  # "Dr. Beth Carter"
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


def _as_a_name(word: str) -> str:
    """The pattern of ``word`` written as a name: its first letter a capital, the rest in any case."""
    return f"{re.escape(word[0].upper())}(?i:{re.escape(word[1:])})"


def speaker_name_pattern(transcript: Transcript) -> re.Pattern | None:
    """Returns the pattern of every named speaker's name and name words written as names (None when no speaker is
    named). Raises nothing."""
    words: set[str] = set()
    names: set[str] = set()
    for speaker in transcript.speakers:
        name = speaker.name.strip()
        if not name or NEUTRAL_LABEL.match(name) or name.casefold() in NO_NAMES:
            continue
        parts = [w for w in _WORD.findall(name) if len(w) > 1 and w.casefold() not in TITLES]
        if len(parts) > 1:
            names.add(r"\s+".join(_as_a_name(w) for w in parts))
        words.update(parts)
    alternatives = sorted(names, key=len, reverse=True) + [_as_a_name(w) for w in sorted(words, key=len, reverse=True)]
    if not alternatives:
        return None
    # a possessive "'s" stays outside the mention, so "Sky Martin's" gets the pseudonym "Sky Martin" gets
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?=(?:['’]s)?(?![\w'’-]))")


def speaker_name_spans(transcript: Transcript) -> list[PiiSpan]:
    """Returns a pending PERSON span (source "speaker name") for each mention of a named speaker in the segment
    texts, except where it touches a finding the user rejected. Raises nothing."""
    pattern = speaker_name_pattern(transcript)
    if pattern is None:
        return []
    kept = {}
    for span in transcript.pii_spans:
        if span.decision == "rejected":
            kept.setdefault(span.segment_index, []).append((span.start, span.end))
    found = []
    for index, segment in enumerate(transcript.segments):
        for match in pattern.finditer(segment.text):
            if any(s < match.end() and match.start() < e for s, e in kept.get(index, ())):
                continue
            found.append(PiiSpan(index, match.start(), match.end(), "PERSON", match.group(), 1.0, "pending", SOURCE))
    return found


def uncovered_speaker_mentions(transcript: Transcript) -> list[PiiSpan]:
    """Returns the mentions of a named speaker's name (pending PERSON spans from :func:`speaker_name_spans`) that
    overlap no span of the note: the items the speaker names add to those the detector and the user found (the
    privacy report counts them; the review highlights them). Raises nothing."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for span in transcript.pii_spans:
        taken.setdefault(span.segment_index, []).append((span.start, span.end))
    return [m for m in speaker_name_spans(transcript)
            if not any(s < m.end and m.start < e for s, e in taken.get(m.segment_index, ()))]
