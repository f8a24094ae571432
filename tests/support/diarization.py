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


def overlap_recall(reference, turns, step_s: float = 0.01) -> float:
    """Returns the share of the reference's overlapped time (two or more speakers) where our turns
    also have two or more speakers (1.0 when the reference has no overlap)."""
    import numpy as np

    end_s = max([e for _, e, _ in reference] + [t.end_s for t in turns] + [0.0])
    ref, ours = np.zeros(int(end_s / step_s) + 2, np.int16), np.zeros(int(end_s / step_s) + 2, np.int16)
    for start, end, _ in reference:
        ref[int(round(start / step_s)) : int(round(end / step_s))] += 1
    for turn in turns:
        ours[int(round(turn.start_s / step_s)) : int(round(turn.end_s / step_s))] += 1
    overlapped = ref >= 2
    return float((overlapped & (ours >= 2)).sum() / overlapped.sum()) if overlapped.any() else 1.0
