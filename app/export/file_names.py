"""File names made from what a user typed."""
from __future__ import annotations

import re


def file_stem(title: str, fallback: str = "note") -> str:
    """Returns a file name stem made from a note title ("Interview with [PERSON_1]" -> "Interview_with_PERSON_1")."""
    return re.sub(r"[^\w.-]+", "_", title).strip("._") or fallback
