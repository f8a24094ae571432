"""Reference speaker turns (RTTM, the synthetic meeting's JSON) and the diarization error rate against them."""
from __future__ import annotations

import json
import warnings
from pathlib import Path


def reference_from_rttm(path: Path) -> list[tuple[float, float, str]]:
    """Returns (start_s, end_s, speaker) turns of an RTTM file."""
    turns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if fields and fields[0] == "SPEAKER":
            start = float(fields[3])
            turns.append((start, start + float(fields[4]), fields[7]))
    return turns


def reference_from_meeting_json(path: Path) -> list[tuple[float, float, str]]:
    """Returns (start_s, end_s, speaker) turns of the synthetic meeting's JSON."""
    return [(t["start"], t["end"], t["speaker"]) for t in json.loads(path.read_text(encoding="utf-8"))["turns"]]


def diarization_error_rate(reference, turns) -> float:
    """Returns pyannote.metrics' DER (no collar, overlap scored) of our turns against reference turns."""
    from pyannote.core import Annotation, Segment
    from pyannote.metrics.diarization import DiarizationErrorRate

    ref, hyp = Annotation(), Annotation()
    for i, (start, end, speaker) in enumerate(reference):
        ref[Segment(start, end), i] = speaker
    for i, turn in enumerate(turns):
        hyp[Segment(turn.start_s, turn.end_s), i] = f"spk{turn.speaker}"
    with warnings.catch_warnings():  # "uem approximated by the union of both extents" is what we want
        warnings.simplefilter("ignore")
        return float(DiarizationErrorRate(collar=0.0, skip_overlap=False)(ref, hyp))
