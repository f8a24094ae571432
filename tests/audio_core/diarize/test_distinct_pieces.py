"""Two voices a segmentation window hears at once are two people, never one speaker named twice."""
from __future__ import annotations

import numpy as np

from audio_core.diarize.reconstruct import distinct_in_windows
from audio_core.diarize.windows import WindowEvidence


def _evidence(activity: np.ndarray, pieces: list[tuple[int, int, int, int]]) -> WindowEvidence:
    frames = activity.shape[0]
    return WindowEvidence(np.zeros(1, int), activity[None], np.array(pieces), np.zeros((len(pieces), 256)),
                          np.zeros(len(pieces), bool), frames * 0.0169)


def test_when_the_floor_holder_names_both_overlapping_voices_then_the_other_voice_gets_its_own_speaker():
    activity = np.zeros((300, 3), np.uint8)
    activity[0:200, 0] = 1  # A speaks 0-200
    activity[150:300, 1] = 1  # B talks over A from 150 and goes on alone
    labels = np.full(300, -1)
    labels[0:260] = 0  # the one-at-a-time diarizer kept A until 260 ...
    labels[260:300] = 1  # ... and gave B only the end
    evidence = _evidence(activity, [(0, 0, 0, 200), (0, 1, 150, 300)])
    voted = np.array([0, 0])  # B's frames are mostly labelled A: both pieces named A
    assert distinct_in_windows(evidence, labels, voted).tolist() == [0, 1]


def test_when_voices_do_not_sound_together_then_their_names_stay():
    activity = np.zeros((300, 3), np.uint8)
    activity[0:100, 0] = 1
    activity[150:300, 1] = 1
    labels = np.zeros(300, int)
    labels[280:] = 1
    evidence = _evidence(activity, [(0, 0, 0, 100), (0, 1, 150, 300)])
    assert distinct_in_windows(evidence, labels, np.array([0, 0])).tolist() == [0, 0]


def test_when_nobody_else_is_near_then_the_name_is_kept():
    activity = np.zeros((300, 3), np.uint8)
    activity[0:200, 0] = 1
    activity[100:200, 1] = 1
    labels = np.zeros(300, int)
    evidence = _evidence(activity, [(0, 0, 0, 200), (0, 1, 100, 200)])
    assert distinct_in_windows(evidence, labels, np.array([0, 0])).tolist() == [0, 0]
