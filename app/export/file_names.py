"""File names made from what a user typed."""
from __future__ import annotations

import re
from pathlib import Path

from audio_core.model import Transcript


def file_stem(title: str, fallback: str = "note") -> str:
    """Returns a file name stem made from a note title ("Interview with [PERSON_1]" -> "Interview_with_PERSON_1")."""
    return re.sub(r"[^\w.-]+", "_", title).strip("._") or fallback


def redacted_file_stem(stem: str, original: Transcript, redacted: Transcript) -> str:
    """Returns ``stem`` fit for a redacted export's file names: where it is the note's title or its
    recording's file name, the redacted form of it ("Call with Zoë" -> "Call with [PERSON_1]"); any
    other stem unchanged. Never raises."""
    pairs = ((Path(original.source_name).stem, Path(redacted.source_name).stem),
             (original.source_name, redacted.source_name), (original.title, redacted.title))
    for before, after in pairs:
        if before and stem == before and after != before:
            # The redacted form may hold characters a file name cannot (a replacement's "/").
            return re.sub(r"[/\x00]+", "_", after).strip(". ") or "note"
    return stem


def unique_stem(stem: str, taken: set[str]) -> str:
    """Returns ``stem``, or ``stem (2)``, ``stem (3)``… if taken (two files redacted to the same name must
    not overwrite each other's exports); adds the answer to ``taken``."""
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem} ({number})"
    taken.add(candidate)
    return candidate
