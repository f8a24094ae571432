"""The silhouette that decides whether more speakers than the eigengap's are taken."""
from __future__ import annotations

import numpy as np

from audio_core.diarize.counting import separable_count, silhouette


def _voices(centres: int, per: int, spread: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    axes = np.eye(16)[:centres]
    vectors = np.concatenate([axis + spread * rng.standard_normal((per, 16)) for axis in axes])
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), np.repeat(np.arange(centres), per)


def test_silhouette_is_high_for_apart_voices_and_low_for_a_random_split():
    vectors, truth = _voices(4, 20, 0.1)
    assert silhouette(vectors, truth) > 0.8
    assert abs(silhouette(vectors, np.arange(80) % 2)) < 0.1
    assert silhouette(vectors, np.zeros(80, int)) == 0.0


def test_more_speakers_only_when_they_separate():
    vectors, truth = _voices(4, 20, 0.1)
    merged = truth // 2  # the eigengap's two groups
    assert set(separable_count(vectors, merged, lambda k: truth if k == 4 else merged, 8)) == {0, 1, 2, 3}
    blurred, _ = _voices(1, 80, 0.6)
    one = np.zeros(80, int)
    split = np.arange(80) % 4
    assert set(separable_count(blurred, one, lambda k: split, 8)) == {0}


def test_one_speaker_only_when_the_first_eigengap_clearly_beats_the_others():
    from audio_core.diarize.spectral import count_from_gaps

    for gaps, expected in [
        ([0.46, 0.12, 0.04, 0.07], 1),  # one voice: its first gap is several times the next
        ([0.29, 0.20, 0.05, 0.28, 0.05], 4),  # six voices, a near tie (the tune 6-voice mix): the runner-up
        ([0.19, 0.34, 0.17, 0.07], 2),  # the largest gap elsewhere decides as before
    ]:
        assert count_from_gaps(np.array(gaps)) == expected, gaps

