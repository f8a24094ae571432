"""Spectral and agglomerative clustering of real window embeddings, and windows sharing one mel spectrogram."""
from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from audio_core.decode import decode_audio
from audio_core.diarize.clustering import ClusteringOptions, cluster_embeddings
from audio_core.diarize.embeddings import EmbeddingOptions, embed_window_sets, embed_windows
from audio_core.diarize.spectral import spectral_labels


@pytest.fixture(scope="module")
def meeting_windows(voice_encoder, meeting_audio):
    from audio_core.diarize.speech import find_speech

    return embed_windows(voice_encoder, meeting_audio, find_speech(meeting_audio))


@pytest.mark.parametrize("method", ["spectral", "ahc"])
def test_when_three_voices_are_clustered_then_three_speakers_come_out(meeting_windows, method):
    labels = cluster_embeddings(meeting_windows.vectors, ClusteringOptions(method=method))
    assert sorted(set(labels)) == [0, 1, 2]
    assert labels[0] == 0  # numbered by first appearance


def test_spectral_count_stays_within_the_bounds_asked_for(meeting_windows):
    unit = meeting_windows.vectors / np.linalg.norm(meeting_windows.vectors, axis=1, keepdims=True)
    assert len(set(spectral_labels(unit, None, max_clusters=2))) == 2
    assert len(set(spectral_labels(unit, None, min_clusters=4))) == 4
    assert len(set(spectral_labels(unit, 5))) == 5
    assert len(set(spectral_labels(unit[:2], 3))) == 1  # too few windows to split


def test_an_unknown_clustering_method_is_refused(meeting_windows):
    with pytest.raises(ValueError, match="unknown clustering method"):
        cluster_embeddings(meeting_windows.vectors, ClusteringOptions(method="kmeans"))


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_window_sets_sharing_a_spectrogram_embed_like_separate_runs(float_voice_encoder, testdata):
    voice_encoder = float_voice_encoder
    audio = decode_audio(testdata / "real" / "librivox_sas-0870.wav")
    regions = [(0.0, audio.size / 16000 / 2), (audio.size / 16000 / 2, audio.size / 16000)]
    long, short = EmbeddingOptions(), EmbeddingOptions(window_s=1.0, hop_s=0.2)
    threads_before = _blas_threads()
    together = embed_window_sets(voice_encoder, audio, regions, [long, short])
    assert _blas_threads() == threads_before  # the embedding's own thread count is restored
    for options, windows in zip([long, short], together):
        alone = embed_windows(voice_encoder, audio, regions, options)
        np.testing.assert_allclose(windows.starts_s, alone.starts_s)
        np.testing.assert_allclose(windows.ends_s, alone.ends_s)
        np.testing.assert_allclose(windows.vectors, alone.vectors, atol=1e-5)
    assert len(together[1]) > len(together[0])


def test_when_the_neighbour_share_is_chosen_per_recording_then_four_even_voices_are_four_speakers():
    rng = np.random.default_rng(0)
    centres = np.linalg.qr(rng.normal(size=(64, 4)))[0].T
    vectors = np.concatenate([c + 0.35 * rng.normal(size=(40, 64)) / 8 for c in centres])
    labels = cluster_embeddings(vectors, ClusteringOptions(neighbour_share=None))
    assert len(set(labels)) == 4
    assert all(len(set(labels[i * 40 : (i + 1) * 40])) == 1 for i in range(4))
