"""More speakers than the eigengap found, only where the voices clearly separate.

The eigengap of a graph that links each window to its nearest 40 % counts
two or three voices well, but merges voices once four or more speak (each
window then links to other speakers' windows too). Asking for more clusters
fixes that on clean speech and breaks far-field meetings, whose voices the
encoder does not keep apart even at the right count (on the AMI-style report
meetings the true count scored DER 46 % against 21 % for fewer speakers). So
a larger count is taken only when its clusters are well separated: the mean
silhouette (cosine) of the partition must reach ``min_silhouette`` and beat
that of the eigengap's own partition. Chosen on the tune split of
tests/bench/bench_diarization.py (tune voices only); the d-vector encoder
(audio_core.dvector) separated the tune mixes better still (pool DER 18.5 %
against 34.0 %) but embedding every window with it too would cost about 0.02
RTF more than the speed target leaves.

Two similar voices (a pair of espeak-ng voices sits at centroid cosine
0.88-0.91, as close as one real voice split in two) pass neither test, and a
fixed cosine or silhouette threshold that admits them splits real meetings.
Time tells more: at the right count each stretch of one voice stays under one
label, while a count too low cuts the voices along other lines and the labels
flip inside stretches of speech. So a count one above is also taken while its
partition flips label between neighbouring windows of one stretch strictly
less often than the current one (:func:`coherent_count`): no threshold to
tune, and a random cut of one voice only adds flips.
"""
from __future__ import annotations

import numpy as np

# Tune set (Resemblyzer windows): the real 2-voice meetings reach 0.32 when split further, the 4-voice mixes 0.40-0.53.
MIN_SILHOUETTE = 0.38
MIN_WINDOWS = 30  # below this the silhouette of many clusters is noise (as for the eigengap)
# Fewer neighbouring pairs than this (little speech, or speech in short bursts) say too little.
MIN_ADJACENT_PAIRS = 20


def silhouette(unit_vectors: np.ndarray, labels: np.ndarray) -> float:
    """Returns the mean cosine silhouette of ``labels`` (0.0 for a single cluster)."""
    k = int(labels.max()) + 1 if labels.size else 0
    if k < 2:
        return 0.0
    distance = 1.0 - unit_vectors @ unit_vectors.T
    members = np.stack([labels == c for c in range(k)]).astype(np.float64)  # (k, n)
    sizes = members.sum(axis=1)
    mean_to = distance @ members.T  # (n, k) summed distance to each cluster
    own = labels
    a = mean_to[np.arange(len(own)), own] / np.maximum(sizes[own] - 1, 1)
    mean_to /= np.maximum(sizes, 1)[None, :]
    mean_to[np.arange(len(own)), own] = np.inf
    b = mean_to.min(axis=1)
    score = np.where(sizes[own] > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-9), 0.0)
    return float(score.mean())


def separable_count(
    unit_vectors: np.ndarray,
    labels: np.ndarray,
    partition,
    max_speakers: int,
    min_silhouette: float = MIN_SILHOUETTE,
) -> np.ndarray:
    """Returns ``labels`` (the eigengap's partition) or, where a larger count up to ``max_speakers`` separates
    the windows better, that count's partition ``partition(k)`` with the best silhouette at or above
    ``min_silhouette``."""
    n = len(unit_vectors)
    found = int(labels.max()) + 1 if labels.size else 0
    if n < MIN_WINDOWS or found >= max_speakers:
        return labels
    best_labels, best = labels, max(silhouette(unit_vectors, labels), min_silhouette - 1e-9)
    for k in range(found + 1, min(max_speakers, n - 1) + 1):
        candidate = partition(k)
        score = silhouette(unit_vectors, candidate)
        if score > best:
            best_labels, best = candidate, score
    return best_labels


def same_stretch(starts_s: np.ndarray, ends_s: np.ndarray, regions: list[tuple[float, float]]) -> np.ndarray:
    """Returns (len(starts_s) - 1,) whether windows i and i + 1 (in time order) have their centres in one of the
    speech ``regions`` (in time order): neighbours however sparsely long recordings keep their windows."""
    if len(starts_s) < 2 or not regions:
        return np.zeros(max(len(starts_s) - 1, 0), bool)
    region_starts = np.array([start for start, _ in regions])
    region_ends = np.array([end for _, end in regions])
    centres = (np.asarray(starts_s) + np.asarray(ends_s)) / 2
    index = np.searchsorted(region_starts, centres, side="right") - 1
    inside = (index >= 0) & (centres < region_ends[np.maximum(index, 0)])
    return (index[1:] == index[:-1]) & inside[1:] & inside[:-1]


def label_changes(labels: np.ndarray, adjacent: np.ndarray) -> float:
    """Returns the share of neighbouring windows (``adjacent[i]``: window i and i + 1 lie in one stretch of
    speech) whose labels differ."""
    return float(np.count_nonzero((labels[1:] != labels[:-1]) & adjacent)) / max(int(np.count_nonzero(adjacent)), 1)


def coherent_count(labels: np.ndarray, partition, max_speakers: int, adjacent: np.ndarray) -> np.ndarray:
    """Returns ``labels`` (two or more groups) or the partition ``partition(k)`` of the largest count k reached
    one step at a time while each step's partition changes label between neighbouring windows of one stretch
    (``adjacent``, as in :func:`label_changes`) strictly less often than the one before; ``labels`` unchanged
    for one group or too few neighbouring pairs."""
    found = int(labels.max()) + 1 if labels.size else 0
    if found < 2 or labels.size < MIN_WINDOWS or int(np.count_nonzero(adjacent)) < MIN_ADJACENT_PAIRS:
        return labels
    best, changes = labels, label_changes(labels, adjacent)
    for k in range(found + 1, min(max_speakers, labels.size - 1) + 1):
        candidate = partition(k)
        score = label_changes(candidate, adjacent)
        if score >= changes:
            break
        best, changes = candidate, score
    return best
