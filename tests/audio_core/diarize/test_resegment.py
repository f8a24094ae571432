"""Re-segmentation: frames go to the speaker their windows match, without flickering between voices."""
from __future__ import annotations

import numpy as np

from audio_core.diarize.embeddings import WindowEmbeddings
from audio_core.diarize.resegment import ResegmentOptions, refined_voices, resegment, runs, smoothed_path


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=-1, keepdims=True)


def test_a_brief_weak_preference_does_not_split_a_turn_but_a_lasting_change_does():
    scores = np.tile([0.8, 0.7], (100, 1))
    scores[40:45] = [0.75, 0.78]  # five frames (0.1 s) that lean towards the other voice by 0.03
    scores[70:] = [0.6, 0.9]  # the other speaker takes over
    path = smoothed_path(scores, switch_cost=0.2)
    assert [label for _, _, label in runs(path)] == [0, 1]
    assert abs(int(np.flatnonzero(path)[0]) - 70) <= 1
    assert list(smoothed_path(scores, switch_cost=0.0)[40:45]) == [1] * 5  # without the cost, it flickers


def _two_voice_windows():
    """One-second windows every 0.2 s over 20 s: voice A up to 10 s, voice B after; window vectors are
    noisy copies of the voices, and windows across the change mix them."""
    rng = np.random.default_rng(0)
    voice_a, voice_b = _unit(rng.standard_normal((2, 256)))
    starts = np.arange(0, 19.01, 0.2)
    share_a = np.clip(10.0 - starts, 0, 1)
    vectors = _unit(share_a[:, None] * voice_a + (1 - share_a[:, None]) * voice_b + 0.3 * _unit(rng.standard_normal((starts.size, 256))))
    return WindowEmbeddings(starts, starts + 1.0, vectors.astype(np.float32)), voice_a, voice_b


def test_voices_are_reestimated_from_windows_wholly_inside_one_speakers_turns():
    windows, voice_a, voice_b = _two_voice_windows()
    labels = np.where(np.arange(1001) * 0.02 < 10.0, 0, 1)
    blurred = _unit(np.stack([voice_a + 0.8 * voice_b, voice_b + 0.8 * voice_a]))  # voices first averaged across the change
    refined = refined_voices(windows, labels, blurred, ResegmentOptions())
    assert refined[0] @ voice_a > blurred[0] @ voice_a + 0.1
    assert refined[1] @ voice_b > blurred[1] @ voice_b + 0.1


def test_resegmenting_two_voices_finds_the_change_and_leaves_silence_unlabelled():
    windows, voice_a, voice_b = _two_voice_windows()
    labels, voices = resegment(windows, np.stack([voice_a, voice_b]), [(0.0, 5.0), (6.0, 20.0)], 20.0)
    assert (labels[int(5.2 / 0.02) : int(5.8 / 0.02)] == -1).all()
    found = [(s * 0.02, e * 0.02, label) for s, e, label in runs(labels) if label >= 0]
    assert [label for _, _, label in found] == [0, 0, 1]
    assert abs(found[1][1] - 10.0) < 0.5 and voices.shape == (2, 256)
