"""Speaker names in a redacted export: a name a person gave a speaker is personal data too.

Each named speaker becomes a pseudonym that is consistent across the note: the
same ``[PERSON_n]`` (or fake name) the text uses when that name is also spoken,
otherwise ``Speaker N``. Labels that are already neutral ("Speaker 3") stay.
"""
from __future__ import annotations

import re

from audio_core.model import Speaker, Transcript
from app.privacy.replacements import Replacer

NEUTRAL_LABEL = re.compile(r"^Speaker \d+$")


def pseudonymize_speakers(transcript: Transcript, replacer: Replacer | None = None) -> dict[str, str]:
    """Renames ``transcript``'s named speakers in place and returns {speaker id: pseudonym} for each renamed one.

    ``replacer`` is the one that redacted the text: a name it already replaced
    gets the same replacement (never in the "tag" style, where every person is
    the same ``[PERSON]``). Voice-profile links are dropped, as they would link
    the export to a named profile. Raises nothing.
    """
    taken = {s.name for s in transcript.speakers if NEUTRAL_LABEL.match(s.name)}
    renamed: dict[str, str] = {}
    for position, speaker in enumerate(transcript.speakers, start=1):
        speaker.profile_id = None
        if NEUTRAL_LABEL.match(speaker.name):
            continue
        spoken = replacer.known("PERSON", speaker.name) if replacer and replacer.style != "tag" else None
        pseudonym = spoken or _free_label(position, taken)
        taken.add(pseudonym)
        renamed[speaker.id] = pseudonym
    transcript.speakers = [Speaker(s.id, renamed.get(s.id, s.name), None) for s in transcript.speakers]
    return renamed


def _free_label(position: int, taken: set[str]) -> str:
    """``Speaker <position>`` when free, else the next free number."""
    number = position
    while f"Speaker {number}" in taken:
        number += 1
    return f"Speaker {number}"
