"""Grouping window embeddings into speakers: spectral clustering (default) or
agglomerative clustering (cosine, average linkage).

The number of speakers is estimated (eigengap, or a cosine-distance threshold
for AHC) unless the caller fixes it; ``min_speakers``/``max_speakers`` clamp
the estimate.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from audio_core.diarize.constraints import WindowLinks, constrained_count, sampled_links
from audio_core.diarize.counting import MIN_SILHOUETTE, coherent_count, separable_count, silhouette
from audio_core.diarize.spectral import ONE_SPEAKER_MARGIN, spectral_labels, spectral_partitions

# Below this many windows (about 8 s of speech) the eigengap is noise: it split every single-reader
# LibriVox clip (7 to 23 windows) into two or three speakers; AHC's distance threshold decides there.
MIN_SPECTRAL_WINDOWS = 30
MAX_AUTO_SPEAKERS = 8  # the eigengap is searched up to this count unless max_speakers says otherwise
# AHC, the dense eigensolver and the silhouette grow as n^2 / n^3; longer recordings are strided (1000 windows:
# about 4 min of speech; each n x n matrix then stays under 8 MB, so memory stays flat with length).
MAX_CLUSTERED_WINDOWS = 1000
MARGIN_MIN_SILHOUETTE = 0.34  # see ClusteringOptions.margin_min_silhouette
# See ClusteringOptions.count_threshold (off by default). Tune split (bench_diarization.py), counts right on 9 of
# 10 clips: pool DER 19.9 -> 11.2 %, synthetic 9.5 -> 6.5 %, meetings unchanged; 0.33-0.37 gave the same synthetic
# DER (pool 11.2-17.8 %), 0.32 and 0.38 lost a voice or split one, so the middle was taken.
COUNT_THRESHOLD = 0.35
# See ClusteringOptions.cannot_link_merged. On 80 extra tune-voice mixes (bench_diarization.py --extra-mixes 80)
# DER 21.6 % at none, 19.2 / 18.4 / 18.6 / 18.9 % at 0.02 / 0.07 / 0.1 / 0.15 (0.02-0.05 split two-voice mixes);
# 0.1 is the middle of the flat stretch. The real tune meetings have 12-18 cannot-linked pairs, the mixes 140-2700;
# 30 to 100 pairs gave the same DER, 300 less gain (19.7 %).
CANNOT_LINK_MERGED = 0.1
CANNOT_LINK_MIN_PAIRS = 100
# See ClusteringOptions.min_speaker_clean_share. On 80 extra tune-voice mixes (bench_diarization.py --extra-mixes 80,
# clean-window clustering on): DER 13.6 % at None (and at 0.5-0.7), 12.7 % at 0.1-0.3, 13.0 % at 0.4; the tune
# split's clips unchanged throughout. 0.2 is the middle of the flat stretch.
MIN_SPEAKER_CLEAN_SHARE = 0.2


@dataclass(frozen=True)
class ClusteringOptions:
    """How windows are grouped into speakers.

    method: "spectral" (pruned cosine affinity, eigengap count) or "ahc".
        Spectral measured better in tests/bench/bench_diarization.py (DER
        meetings 28.1 vs 31.6 %, phone call 15.7 vs 18.0 %, synthetic equal),
        and AHC with a fixed count splits off a few outlier windows as a "speaker".
    neighbour_share: spectral only: share of nearest windows each window keeps links to;
        None chooses it per recording (NME-SC): on the tune set of bench_diarization.py that
        found all four voices of the 4-voice overlap mix (DER 74 -> 12 %) but split the real
        meeting dev01 into three (24 -> 43 %), so the fixed share stays the default;
        (0.35 to 0.45 measured within a point of DER on the meetings; 0.3 over-splits them).
    threshold: AHC only: cosine distance at which two groups stop merging when the
        count is automatic.
    num_speakers: an exact count (None: estimate it).
    min_speakers / max_speakers: bounds on the estimate (max None: no bound).
    min_cluster_share: AHC only: groups with fewer than this share of windows are folded
        into their nearest bigger group (stray windows are not new speakers).
    min_silhouette: spectral with an estimated count: a larger count than the eigengap's is taken
        when its clusters separate at least this well (audio_core.diarize.counting; None: the
        eigengap alone). The eigengap found one or two of 4-6 voices; this finds them without
        splitting far-field meetings.
    one_speaker_margin: spectral with an estimated count: the eigengap says one speaker only when its
        first gap beats every other by this factor (audio_core.diarize.spectral.count_from_gaps; None:
        the largest gap alone, which made a 6-voice mix one speaker on a near tie).
    count_threshold: spectral with an estimated count: the count is where average-linkage AHC stops merging at
        this cosine distance (groups under ``min_cluster_share`` folded), when that count is two or more; the
        eigengap with its checks below decides only where AHC finds one voice (far-field voices the encoder
        hardly separates). None (the default): off. On the tune split the eigengap's count was one off on 4 of
        10 clips, this count (COUNT_THRESHOLD) on 1 (pool DER 19.9 -> 11.2 %, synthetic 9.5 -> 6.5 %), but it
        did not carry over to the report split: its 6-voice mix lost a voice (16.9 -> 29.6 %; pool 13.7 ->
        17.5 %) and the far-field meeting trn04 was split (52.0 -> 54.9 %); phone call and synthetic unchanged.
        A fixed distance fits the tune voices' spread, not every recording's.
    coherent_count: spectral with an estimated count, given which windows neighbour in one stretch of speech
        (``adjacent``): a count one above is taken, step by step, while its partition changes label inside
        stretches less often (audio_core.diarize.counting.coherent_count). On 80 extra tune-voice mixes it
        counted 4 more right (all four held two espeak-ng voices at centroid cosine 0.9 that neither the
        eigengap nor the silhouette separates) and none wrong that was right; the tune bench clips and the
        real meetings kept their counts.
    cannot_link_merged: given which windows the segmentation model heard as different local speakers of one
        10 s window (``links``, audio_core.diarize.constraints): where the count found puts more than this share
        of those cannot-linked pairs under one speaker, the smallest larger count that puts at most this share
        there is taken (none: the count stays), and never fewer speakers than one window heard at once. Off
        below ``cannot_link_min_pairs`` pairs. On 80 extra tune-voice mixes DER 21.6 -> 18.6 %, counts right
        58 -> 60 of 80 (7 undercounts raised, 2 of them to the right count, none worse); the tune bench clips unchanged (the
        remaining undercounts are voices the model also takes for one in a window: no pair says otherwise).
    min_clean_share: given which rows are ``clean`` (cluster_embeddings), they alone are clustered when they are at
        least this share of the rows (and at least MIN_SPECTRAL_WINDOWS); otherwise every row is.
    min_speaker_clean_share: with ``clean`` rows and an estimated count: where the clean rows alone give fewer
        speakers than all rows, each speaker of all rows with at least this share of clean rows is a voice, and
        the clean rows are clustered into that many where it is more (None: the clean rows' count stands). The
        speakers the clean count should drop are those made of windows of two voices at once; on one tune-voice
        mix (reader, esp-f2, esp-m3, kal) it dropped two real voices instead (4 -> 2 speakers, DER 4 -> 52 %).
        80 extra tune-voice mixes: DER 13.6 -> 12.7 %, counts right 63 -> 65; the tune split unchanged.
    margin_min_silhouette: where the margin overturned one speaker, the larger count stands only when its
        clusters' cosine silhouette reaches this (None: always). The tune split's real 2-voice meetings
        score at most 0.32 when split beyond their count, the 6-voice mix 0.36 at the count the margin
        gives; far-field voices the encoder does not keep apart must stay one speaker rather than be split
        at random (added after the report meeting trn06 was split by the margin alone, 22.5 -> 48.3 %).
    """

    method: str = "spectral"
    neighbour_share: float = 0.4
    threshold: float = 0.3
    num_speakers: int | None = None
    min_speakers: int = 1
    max_speakers: int | None = None
    min_cluster_share: float = 0.1
    min_silhouette: float | None = MIN_SILHOUETTE
    one_speaker_margin: float | None = ONE_SPEAKER_MARGIN
    margin_min_silhouette: float | None = MARGIN_MIN_SILHOUETTE
    count_threshold: float | None = None
    coherent_count: bool = True
    cannot_link_merged: float | None = CANNOT_LINK_MERGED
    cannot_link_min_pairs: int = CANNOT_LINK_MIN_PAIRS
    min_clean_share: float = 0.5
    min_speaker_clean_share: float | None = MIN_SPEAKER_CLEAN_SHARE


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def _agglomerate(vectors: np.ndarray, n_clusters: int | None, threshold: float) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=n_clusters,
        distance_threshold=None if n_clusters else threshold,
        metric="cosine",
        linkage="average",
    )
    return model.fit_predict(vectors)


def centroids_of(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Returns one unit centroid per label 0..max(labels), shape (k, dim)."""
    k = int(labels.max()) + 1 if labels.size else 0
    return _unit(np.stack([vectors[labels == c].mean(axis=0) for c in range(k)])) if k else np.zeros((0, vectors.shape[1]))


def _fold_small(vectors: np.ndarray, labels: np.ndarray, min_share: float, min_keep: int) -> np.ndarray:
    counts = np.bincount(labels)
    order = np.argsort(-counts)
    keep = [c for c in order if counts[c] >= min_share * labels.size]
    keep = list(order[: max(min_keep, len(keep))])
    if len(keep) == len(counts):
        return labels
    centres = _unit(np.stack([vectors[labels == c].mean(axis=0) for c in keep]))
    nearest = np.argmax(_unit(vectors) @ centres.T, axis=1)
    remapped = np.array([keep.index(c) if c in keep else nearest[i] for i, c in enumerate(labels)])
    return remapped


def _relabel_by_first_appearance(labels: np.ndarray) -> np.ndarray:
    mapping: dict[int, int] = {}
    for label in labels:
        mapping.setdefault(int(label), len(mapping))
    return np.array([mapping[int(l)] for l in labels], dtype=int)


def cluster_embeddings(
    vectors: np.ndarray,
    options: ClusteringOptions = ClusteringOptions(),
    adjacent: np.ndarray | None = None,
    links: WindowLinks | None = None,
    clean: np.ndarray | None = None,
) -> np.ndarray:
    """Returns a speaker label (0, 1, …, in order of first appearance) for each row of ``vectors``;
    ``adjacent`` (len(vectors) - 1,): whether rows i and i + 1 are neighbouring windows of one stretch of
    speech (rows in time order), which lets ``options.coherent_count`` act; ``links``: rows the segmentation
    model heard as different or the same local speaker (audio_core.diarize.constraints), which lets
    ``options.cannot_link_merged`` act; ``clean`` (bool per row): where enough rows are clean
    (``options.min_clean_share``), only they are clustered and every other row takes its nearest speaker
    (windows that hold two voices at once embed between them and can form a speaker of their own).

    Raises ValueError when the speaker bounds contradict each other or the method is unknown.
    """
    from threadpoolctl import threadpool_limits

    # One BLAS/OpenMP thread: on a busy 2-core machine KMeans' and eigh's spinning threads made
    # clustering a 76 s mix take 3.7 s of CPU instead of 0.08 s (same labels).
    with threadpool_limits(1):
        if clean is not None:
            return _cluster_clean(vectors, options, adjacent, links, np.asarray(clean, bool))
        return _cluster(vectors, options, adjacent, links)


def _cluster_clean(vectors: np.ndarray, options: ClusteringOptions, adjacent: np.ndarray | None,
                   links: WindowLinks | None, clean: np.ndarray) -> np.ndarray:
    """Returns labels from clustering the ``clean`` rows alone, each other row given its nearest speaker."""
    keep = np.flatnonzero(clean)
    if keep.size == len(vectors) or keep.size < max(MIN_SPECTRAL_WINDOWS, options.min_clean_share * len(vectors)):
        return _cluster(vectors, options, adjacent, links)
    sub_adjacent = None
    if adjacent is not None:
        breaks = np.concatenate([[0], np.cumsum(~np.asarray(adjacent, bool))])
        sub_adjacent = breaks[keep[1:]] == breaks[keep[:-1]]
    sub_links = None
    if links is not None:
        index = np.full(len(vectors), -1)
        index[keep] = np.arange(keep.size)

        def kept(pairs: np.ndarray) -> np.ndarray:
            mapped = index[pairs] if len(pairs) else pairs
            return mapped[(mapped >= 0).all(axis=1)] if len(mapped) else pairs

        sub_links = WindowLinks(kept(links.cannot), kept(links.must), links.most_local)
    sub = _cluster(vectors[keep], options, sub_adjacent, sub_links)
    if not options.num_speakers and options.min_speaker_clean_share is not None:
        # Fewer voices among the clean windows than among all of them: the clean count stands only where the
        # speakers it loses were made of windows of two voices at once; speakers whose windows are mostly clean
        # are kept (clustering the clean windows alone at that count).
        every = _cluster(vectors, options, adjacent, links)
        found = int(sub.max()) + 1
        if int(every.max()) + 1 > found:
            clean_shares = np.array([clean[every == c].mean() for c in range(int(every.max()) + 1)])
            real = int(np.count_nonzero(clean_shares >= options.min_speaker_clean_share))
            if real > found:
                sub = _cluster(vectors[keep], replace(options, num_speakers=real), sub_adjacent, sub_links)
    units = _unit(np.asarray(vectors, np.float64))
    labels = np.argmax(units @ centroids_of(units[keep], sub).T, axis=1)
    labels[keep] = sub
    return _relabel_by_first_appearance(labels)


def _cluster(vectors: np.ndarray, options: ClusteringOptions, adjacent: np.ndarray | None = None,
             links: WindowLinks | None = None) -> np.ndarray:
    n = len(vectors)
    lo = max(1, options.num_speakers or options.min_speakers)
    hi = options.num_speakers or options.max_speakers
    if hi is not None and hi < lo:
        raise ValueError(f"at most {hi} speakers but at least {lo} asked for")
    if n == 0:
        return np.zeros(0, dtype=int)
    if n == 1:
        return np.zeros(1, dtype=int)
    vectors = _unit(np.asarray(vectors, np.float64))
    stride = max(1, int(np.ceil(n / MAX_CLUSTERED_WINDOWS)))
    sample = vectors[::stride]
    fixed = options.num_speakers
    if options.method not in ("spectral", "ahc"):
        raise ValueError(f"unknown clustering method {options.method!r}")
    if options.method == "ahc" or (not fixed and len(sample) < MIN_SPECTRAL_WINDOWS):
        labels = _ahc_labels(sample, fixed, lo, hi, options)
    else:
        top = hi or max(MAX_AUTO_SPEAKERS, lo)
        floor = options.margin_min_silhouette
        confirm = None if floor is None else (lambda candidate: silhouette(sample, candidate) >= floor)
        labels = spectral_labels(sample, fixed, lo, top, options.neighbour_share, options.one_speaker_margin, confirm)
        partition = _memo(lambda: spectral_partitions(sample, options.neighbour_share, top))
        if not fixed and options.min_silhouette is not None and options.neighbour_share is not None:
            labels = separable_count(sample, labels, partition, top, options.min_silhouette)
        if not fixed and options.coherent_count and adjacent is not None and options.neighbour_share is not None:
            labels = coherent_count(labels, partition, top, _sampled_adjacency(adjacent, stride, len(sample)))
        if not fixed and options.cannot_link_merged is not None and links is not None:
            labels = constrained_count(labels, partition, top, sampled_links(links, stride),
                                       options.cannot_link_merged, options.cannot_link_min_pairs)
        if not fixed and options.count_threshold is not None:
            counted = _ahc_count(sample, options)
            if counted >= 2:
                labels = spectral_labels(sample, min(max(counted, lo), top), lo, top, options.neighbour_share)
    if stride > 1:
        labels = np.argmax(vectors @ centroids_of(sample, labels).T, axis=1)
    return _relabel_by_first_appearance(labels)


def _memo(make_partition):
    """Returns a function k -> labels that builds the partition function once, on first use, and each
    count's labels once (the silhouette and coherence checks ask for the same counts)."""
    cache: dict = {}

    def partition(k: int) -> np.ndarray:
        if "f" not in cache:
            cache["f"] = make_partition()
        if k not in cache:
            cache[k] = cache["f"](k)
        return cache[k]

    return partition


def _sampled_adjacency(adjacent: np.ndarray, stride: int, size: int) -> np.ndarray:
    """Returns whether rows i and i + 1 of the strided sample neighbour: every step between them does."""
    steps = np.asarray(adjacent, bool)[: (size - 1) * stride]
    if stride == 1:
        return steps
    return np.pad(steps, (0, (size - 1) * stride - steps.size)).reshape(size - 1, stride).all(axis=1)


def _ahc_count(sample: np.ndarray, options: ClusteringOptions) -> int:
    """Returns how many groups average-linkage AHC leaves at ``options.count_threshold`` (small ones folded)."""
    labels = _agglomerate(sample, None, options.count_threshold)
    return int(_fold_small(sample, labels, options.min_cluster_share, 1).max()) + 1


def _ahc_labels(sample: np.ndarray, fixed: int | None, lo: int, hi: int | None, options: ClusteringOptions) -> np.ndarray:
    labels = _agglomerate(sample, min(fixed, len(sample)) if fixed else None, options.threshold)
    if not fixed:
        labels = _fold_small(sample, labels, options.min_cluster_share, lo)
        count = int(labels.max()) + 1
        wanted = min(max(count, lo), hi or count, len(sample))
        if wanted != count:
            labels = _agglomerate(sample, wanted, options.threshold)
    return labels
