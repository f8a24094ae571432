"""Decoding the segmentation model's powerset output into who speaks in each frame, with a
lower bar for a second voice than the most likely class sets.

Per frame the model gives probabilities of seven classes (nobody, each of three local
speakers alone, each pair). Taking the most likely class labels a second voice only where
a pair beats every single speaker, so overlapped speech was mostly heard as one voice
(overlap recall 73 % on the tune split's synthetic meetings). Here a second local speaker
is added where the pairs' summed probability rises above ``onset`` and until it falls
below ``offset`` (hysteresis, as pyannote binarises its own outputs), for stretches of at
least ``min_overlap_s``. The added speaker is the frame's most likely other local speaker,
and only where the most likely class already gives that one ``min_heard_s`` in the window (a
voice the model never hears clearly is more often a false alarm than a person).

Measured in tests/bench/bench_diarization.py (column "hysteresis" beside the default): it is
not the default, because its gains on the tune split did not carry over to the report split
(see audio_core.diarize.windows.WindowOptions.overlap).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio_core.diarize.segmentation import FRAME_STEP_S, POWERSET

PAIR_CLASSES = slice(4, 7)  # the powerset classes of two local speakers at once


@dataclass(frozen=True)
class OverlapDetection:
    """When a second local speaker is labelled (values chosen on the tune split of
    tests/bench/bench_diarization.py: overlap recall 73 -> 96 % on its synthetic meetings; the
    smallest sum of its three groups' DER over onsets 0.1-0.5, offsets and the two minimums).

    onset / offset: the pairs' summed probability that starts / ends an overlapped stretch.
    min_overlap_s: shorter stretches are left to the most likely class.
    min_heard_s: the second speaker must be in the most likely class for this long in the window.
    """

    onset: float = 0.2
    offset: float = 0.1
    min_overlap_s: float = 0.3
    min_heard_s: float = 1.0


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()))


def hysteresis(values: np.ndarray, onset: float, offset: float) -> np.ndarray:
    """Returns (frames,) bool: on from a frame above ``onset`` until the first frame at or below ``offset``."""
    out = np.zeros(values.shape, bool)
    for first, end in _runs(values > offset):
        started = np.flatnonzero(values[first:end] > onset)
        if started.size:
            out[first + int(started[0]) : end] = True
    return out


def decode_powerset(log_probabilities: np.ndarray, detection: OverlapDetection | None = None) -> np.ndarray:
    """Returns the local speakers' 0/1 activity (n, frames, 3) of the model's output (n, frames, 7):
    the most likely class, plus a second speaker where ``detection`` finds overlap (None: the most
    likely class alone)."""
    activity = POWERSET[np.argmax(log_probabilities, axis=-1)]
    if detection is None or not activity.size:
        return activity
    probabilities = np.exp(np.asarray(log_probabilities, np.float32))
    overlap = probabilities[..., PAIR_CLASSES].sum(axis=-1)
    per_speaker = probabilities @ POWERSET.astype(np.float32)  # each local speaker's marginal probability
    alone = activity.sum(axis=-1) == 1
    heard_s = activity.sum(axis=1) * FRAME_STEP_S  # (n, 3) each local speaker's most-likely-class time
    shortest = int(round(detection.min_overlap_s / FRAME_STEP_S))
    out = activity.copy()
    for w in range(len(activity)):
        second = np.argmax(np.where(activity[w].astype(bool), -1.0, per_speaker[w]), axis=-1)
        usable = alone[w] & (heard_s[w][second] >= detection.min_heard_s)
        for first, end in _runs(hysteresis(overlap[w], detection.onset, detection.offset)):
            if end - first < shortest:
                continue
            frames = first + np.flatnonzero(usable[first:end])
            out[w, frames, second[frames]] = 1
    return out
