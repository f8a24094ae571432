"""Who spoke when: speaker turns from audio.

The built-in diarizer (``builtin``) needs only packages from PyPI (Silero VAD,
Resemblyzer, scikit-learn); ``pyannote_backend`` runs a local pyannote
pipeline when the optional extra is installed. Both return ``SpeakerTurn``s.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeakerTurn:
    """One stretch of one speaker; ``speaker`` is 0, 1, … in order of first appearance."""

    start_s: float
    end_s: float
    speaker: int
