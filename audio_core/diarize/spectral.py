"""Spectral clustering of unit embeddings, with the speaker count read from the eigengap.

Each window keeps links only to its nearest ``neighbour_share`` of windows
(a binarised, symmetrised cosine affinity), so a few odd windows (a laugh, a
cough, crosstalk) cannot form a speaker of their own the way they do in
average-linkage AHC, and the largest gap between the normalised Laplacian's
smallest eigenvalues tells how many groups the affinity holds.
"""
from __future__ import annotations

import numpy as np


def _pruned_affinity(unit_vectors: np.ndarray, neighbour_share: float) -> np.ndarray:
    n = len(unit_vectors)
    similarity = unit_vectors @ unit_vectors.T
    keep = min(n, max(2, int(round(neighbour_share * n))))
    nearest = np.argpartition(-similarity, keep - 1, axis=1)[:, :keep]
    affinity = np.zeros_like(similarity)
    np.put_along_axis(affinity, nearest, 1.0, axis=1)
    return 0.5 * (affinity + affinity.T)


AUTO_NEIGHBOUR_SHARES = (0.1, 0.15, 0.2, 0.3, 0.4)
# One speaker only when the first gap clearly beats every other. On the tune split of
# tests/bench/bench_diarization.py, one voice alone gave a first gap 1.6-6x the next largest (the
# tune voices, 38-107 windows each), while the 6-voice pool mix and the 4-voice overlap mix gave
# 1.03x and 1.01x: a near tie that made six voices one speaker. Below the margin the next count wins.
ONE_SPEAKER_MARGIN = 1.3


def count_from_gaps(gaps: np.ndarray, one_speaker_margin: float = ONE_SPEAKER_MARGIN) -> int:
    """Returns the number of groups the eigengaps ``gaps`` (differences of the smallest eigenvalues) point to:
    the position of the largest gap, except that one group needs its gap to beat the others by the margin."""
    count = int(np.argmax(gaps)) + 1
    if count == 1 and len(gaps) > 1 and gaps[0] < one_speaker_margin * float(gaps[1:].max()):
        count = int(np.argmax(gaps[1:])) + 2
    return count


def _eigengap(affinity: np.ndarray, max_clusters: int):
    n = len(affinity)
    inv_sqrt_degree = 1.0 / np.sqrt(affinity.sum(axis=1))
    laplacian = np.eye(n) - inv_sqrt_degree[:, None] * affinity * inv_sqrt_degree[None, :]
    eigenvalues, eigenvectors = np.linalg.eigh(laplacian)
    top = max(1, min(max_clusters, n - 1))
    gaps = np.diff(eigenvalues[: top + 1])
    return eigenvalues, eigenvectors, gaps


def _auto_affinity(unit_vectors: np.ndarray, max_clusters: int):
    """Returns the pruned affinity, eigen-decomposition and gaps for the neighbour share whose
    graph separates most cleanly: the smallest share / largest-eigengap ratio (NME-SC, Park et al. 2019).
    A fixed share links each window to more than its own speaker once four or more speak."""
    best = None
    for share in AUTO_NEIGHBOUR_SHARES:
        if share * len(unit_vectors) < 2:
            continue
        affinity = _pruned_affinity(unit_vectors, share)
        eigenvalues, eigenvectors, gaps = _eigengap(affinity, max_clusters)
        ratio = share / max(float(gaps.max()), 1e-9)
        if best is None or ratio < best[0]:
            best = (ratio, eigenvalues, eigenvectors, gaps)
    return best[1:] if best else _eigengap(_pruned_affinity(unit_vectors, 0.4), max_clusters)


def spectral_partitions(unit_vectors: np.ndarray, neighbour_share: float = 0.4, max_clusters: int = 8):
    """Returns a function k -> labels (spectral clustering into k groups) that shares one eigen-decomposition."""
    from sklearn.cluster import KMeans

    _, eigenvectors, _ = _eigengap(_pruned_affinity(unit_vectors, neighbour_share), max_clusters)

    def partition(k: int) -> np.ndarray:
        spectral = eigenvectors[:, :k].copy()
        spectral /= np.maximum(np.linalg.norm(spectral, axis=1, keepdims=True), 1e-9)
        return KMeans(k, n_init=10, random_state=0).fit_predict(spectral)

    return partition


def spectral_labels(
    unit_vectors: np.ndarray,
    n_clusters: int | None,
    min_clusters: int = 1,
    max_clusters: int = 8,
    neighbour_share: float | None = 0.4,
    one_speaker_margin: float | None = ONE_SPEAKER_MARGIN,
    confirm=None,
) -> np.ndarray:
    """Returns a label 0..k-1 per row of ``unit_vectors`` (rows of unit length).

    ``n_clusters`` fixes k; otherwise k is the eigengap estimate clamped to
    [min_clusters, max_clusters] and to the number of rows. ``neighbour_share``
    None chooses the share per recording (see ``_auto_affinity``). ``one_speaker_margin``: see
    :func:`count_from_gaps` (None: the largest gap alone); ``confirm`` (labels -> bool): where the margin
    overturned a count of one, the larger count's labels are kept only when it accepts them.
    """
    from sklearn.cluster import KMeans

    n = len(unit_vectors)
    if n < 3:
        return np.zeros(n, dtype=int)
    if neighbour_share is None:
        eigenvalues, eigenvectors, gaps = _auto_affinity(unit_vectors, max_clusters)
    else:
        eigenvalues, eigenvectors, gaps = _eigengap(_pruned_affinity(unit_vectors, neighbour_share), max_clusters)
    if n_clusters is None:
        estimate = int(np.argmax(gaps)) + 1 if one_speaker_margin is None else count_from_gaps(gaps, one_speaker_margin)
        n_clusters = min(max(estimate, min_clusters), max_clusters)
    n_clusters = max(1, min(n_clusters, n))
    if n_clusters == 1:
        return np.zeros(n, dtype=int)
    spectral = eigenvectors[:, :n_clusters]
    spectral /= np.maximum(np.linalg.norm(spectral, axis=1, keepdims=True), 1e-9)
    labels = KMeans(n_clusters, n_init=10, random_state=0).fit_predict(spectral)
    overturned = one_speaker_margin is not None and int(np.argmax(gaps)) == 0 and min_clusters <= 1
    if overturned and confirm is not None and not confirm(labels):
        return np.zeros(n, dtype=int)
    return labels
