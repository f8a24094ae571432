"""Decoding the segmentation model's powerset output: a second voice is labelled where two voices
are likely together even when one voice alone is the single most likely class."""
from __future__ import annotations

import numpy as np

from audio_core.diarize.powerset import OverlapDetection, decode_powerset, hysteresis
from audio_core.diarize.segmentation import FRAMES_PER_WINDOW

A_ALONE, B_ALONE, A_AND_B = 1, 2, 4


def _window(probabilities_per_stretch) -> np.ndarray:
    """Returns log-probabilities (1, 589, 7) of one window from (first, end, {class: probability}) stretches;
    the rest of each frame's probability goes to "nobody"."""
    probabilities = np.zeros((1, FRAMES_PER_WINDOW, 7), np.float32)
    probabilities[..., 0] = 1.0
    for first, end, classes in probabilities_per_stretch:
        probabilities[0, first:end, 0] = 1.0 - sum(classes.values())
        for cls, p in classes.items():
            probabilities[0, first:end, cls] = p
    return np.log(np.maximum(probabilities, 1e-6))


def _conversation(overlap_frames: int) -> np.ndarray:
    # A talks (0-200), B talks (200-300), then A goes on while the model gives A+B 35 % (A alone 55 %).
    return _window([(0, 200, {A_ALONE: 0.9}), (200, 300, {B_ALONE: 0.9}),
                    (300, 300 + overlap_frames, {A_ALONE: 0.55, A_AND_B: 0.35})])


def test_when_two_voices_are_likely_together_then_both_are_labelled_though_one_voice_is_likelier():
    log_probabilities = _conversation(overlap_frames=60)  # about 1 s
    most_likely = decode_powerset(log_probabilities)
    decoded = decode_powerset(log_probabilities, OverlapDetection())
    assert most_likely[0, 300:360].sum(axis=0).tolist() == [60, 0, 0]  # the most likely class: A alone
    assert decoded[0, 300:360].sum(axis=0).tolist() == [60, 60, 0]  # A and B
    assert (decoded[0, :300] == most_likely[0, :300]).all()  # elsewhere unchanged


def test_a_blip_of_overlap_shorter_than_the_shortest_stretch_is_left_alone():
    log_probabilities = _conversation(overlap_frames=10)  # 0.17 s < 0.3 s
    assert (decode_powerset(log_probabilities, OverlapDetection()) == decode_powerset(log_probabilities)).all()


def test_a_second_voice_the_window_never_hears_clearly_is_not_added():
    # B is the most likely class for only 20 frames (0.34 s) in the window: under min_heard_s.
    log_probabilities = _window([(0, 200, {A_ALONE: 0.9}), (200, 220, {B_ALONE: 0.9}),
                                 (300, 360, {A_ALONE: 0.55, A_AND_B: 0.35})])
    assert decode_powerset(log_probabilities, OverlapDetection())[0, 300:360, 1].sum() == 0


def test_overlap_starts_above_onset_and_lasts_until_below_offset():
    values = np.array([0.0, 0.15, 0.25, 0.15, 0.12, 0.05, 0.15, 0.0])
    assert hysteresis(values, onset=0.2, offset=0.1).tolist() == [False, False, True, True, True, False, False, False]
