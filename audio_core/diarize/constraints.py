"""What the segmentation model says about who is who: voices it keeps apart in one 10 s window are
different people, and one local speaker's clean stretch in a window is one person.

Each clustering window (1.5 s of the built-in diarizer) that lies inside a segmentation window is
given to the local speaker who speaks alone over most of it there. Two clustering windows given to
different local speakers of one window cannot be the same speaker (cannot-link); two given to the
same local speaker are one (must-link). The speaker count can then be checked against them: a
partition that puts many cannot-linked windows under one label has merged people the model heard
apart.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio_core.diarize.segmentation import FRAME_STEP_S, FRAMES_PER_WINDOW, LOCAL_SPEAKERS
from audio_core.diarize.windows import WindowEvidence

# A clustering window belongs to a local speaker who speaks alone over at least this share of its frames.
MIN_OWNER_SHARE = 0.8


@dataclass(frozen=True)
class WindowLinks:
    """Pairs of clustering-window indices (i < j): ``cannot`` (p, 2) heard as different local speakers of one
    segmentation window, ``must`` (q, 2) as the same one; ``most_local`` the most local speakers that one
    segmentation window gave a clustering window each."""

    cannot: np.ndarray
    must: np.ndarray
    most_local: int

    @classmethod
    def none(cls) -> "WindowLinks":
        """Returns links that say nothing."""
        empty = np.zeros((0, 2), int)
        return cls(empty, empty, 0)


def window_owners(evidence: WindowEvidence, starts_s: np.ndarray, ends_s: np.ndarray,
                  min_share: float = MIN_OWNER_SHARE) -> list[tuple[np.ndarray, np.ndarray]]:
    """Returns, per segmentation window, (indices of the clustering windows inside it, their local speaker:
    the one alone over at least ``min_share`` of their frames, -1 for none)."""
    starts_s, ends_s = np.asarray(starts_s, float), np.asarray(ends_s, float)
    out = []
    for w in range(len(evidence)):
        first_s = int(evidence.first_frames[w]) * FRAME_STEP_S
        lo = int(np.searchsorted(starts_s, first_s))
        hi = int(np.searchsorted(ends_s, first_s + FRAMES_PER_WINDOW * FRAME_STEP_S, side="right"))
        inside = np.arange(lo, hi)
        inside = inside[ends_s[inside] <= first_s + FRAMES_PER_WINDOW * FRAME_STEP_S]
        if inside.size == 0:
            out.append((inside, inside))
            continue
        local = evidence.activity[w].astype(np.int32)
        clean = local * (local.sum(axis=1, keepdims=True) == 1)
        cumulative = np.vstack([np.zeros((1, LOCAL_SPEAKERS), np.int32), np.cumsum(clean, axis=0)])
        f0 = np.clip(np.round((starts_s[inside] - first_s) / FRAME_STEP_S).astype(int), 0, FRAMES_PER_WINDOW)
        f1 = np.clip(np.round((ends_s[inside] - first_s) / FRAME_STEP_S).astype(int), 0, FRAMES_PER_WINDOW)
        shares = (cumulative[f1] - cumulative[f0]) / np.maximum(f1 - f0, 1)[:, None]
        owner = np.where(shares.max(axis=1) >= min_share, shares.argmax(axis=1), -1)
        out.append((inside, owner))
    return out


def window_links(evidence: WindowEvidence, starts_s: np.ndarray, ends_s: np.ndarray,
                 min_share: float = MIN_OWNER_SHARE) -> WindowLinks:
    """Returns the cannot-link and must-link pairs of clustering windows (``starts_s``/``ends_s`` in time
    order) that the segmentation windows of ``evidence`` give (see :func:`window_owners`)."""
    cannot, must, most = set(), set(), 0
    n = len(starts_s)
    for inside, owner in window_owners(evidence, starts_s, ends_s, min_share):
        owned = inside[owner >= 0]
        who = owner[owner >= 0]
        most = max(most, len(np.unique(who)))
        if owned.size < 2:
            continue
        i, j = np.triu_indices(owned.size, 1)
        keys = owned[i] * n + owned[j]
        same = who[i] == who[j]
        must.update(keys[same].tolist())
        cannot.update(keys[~same].tolist())
    cannot -= must  # a pair heard both ways says nothing
    return WindowLinks(_pairs(cannot, n), _pairs(must - cannot, n), most)


def speaker_count_per_frame(evidence: WindowEvidence) -> np.ndarray:
    """Returns (frames,) the mean number of local speakers the windows covering each model frame hear."""
    frames = evidence.frame_count
    counts = np.zeros(frames, np.float32)
    covered = np.zeros(frames, np.float32)
    for w in range(len(evidence)):
        first = int(evidence.first_frames[w])
        last = min(first + FRAMES_PER_WINDOW, frames)
        if last > first:
            counts[first:last] += evidence.activity[w, : last - first].sum(axis=1)
            covered[first:last] += 1
    return counts / np.maximum(covered, 1)


def overlapped_share(evidence: WindowEvidence, starts_s: np.ndarray, ends_s: np.ndarray) -> np.ndarray:
    """Returns, per clustering window (``starts_s``/``ends_s``), the share of its model frames where the
    segmentation windows hear two or more people at once (their mean count rounds to two or more)."""
    several = np.concatenate([[0], np.cumsum(speaker_count_per_frame(evidence) >= 1.5)])
    last = len(several) - 1
    f0 = np.clip(np.round(np.asarray(starts_s, float) / FRAME_STEP_S).astype(int), 0, last)
    f1 = np.clip(np.round(np.asarray(ends_s, float) / FRAME_STEP_S).astype(int), 0, last)
    return (several[f1] - several[f0]) / np.maximum(f1 - f0, 1)


def _pairs(keys: set, n: int) -> np.ndarray:
    array = np.array(sorted(keys), dtype=np.int64)
    return np.stack([array // max(n, 1), array % max(n, 1)], axis=1) if array.size else np.zeros((0, 2), int)


def sampled_links(links: WindowLinks, stride: int) -> WindowLinks:
    """Returns ``links`` between the rows kept when every ``stride``-th window is clustered, in their indices."""
    if stride == 1:
        return links

    def kept(pairs: np.ndarray) -> np.ndarray:
        both = (pairs % stride == 0).all(axis=1)
        return pairs[both] // stride

    return WindowLinks(kept(links.cannot), kept(links.must), links.most_local)


def merged_share(labels: np.ndarray, links: WindowLinks) -> float:
    """Returns the share of cannot-linked pairs that ``labels`` puts under one speaker (0.0 without pairs)."""
    if not len(links.cannot):
        return 0.0
    return float(np.mean(labels[links.cannot[:, 0]] == labels[links.cannot[:, 1]]))


def split_share(labels: np.ndarray, links: WindowLinks) -> float:
    """Returns the share of must-linked pairs that ``labels`` puts under different speakers (0.0 without pairs)."""
    if not len(links.must):
        return 0.0
    return float(np.mean(labels[links.must[:, 0]] != labels[links.must[:, 1]]))


def constrained_count(labels: np.ndarray, partition, max_speakers: int, links: WindowLinks,
                      max_merged: float, min_pairs: int) -> np.ndarray:
    """Returns ``labels``, or the partition ``partition(k)`` of the smallest larger count k (up to
    ``max_speakers``) that puts at most ``max_merged`` of the cannot-linked pairs under one speaker, where
    ``labels`` puts more there; also the partition of at least as many speakers as one segmentation window
    heard at once. ``labels`` unchanged with fewer than ``min_pairs`` cannot-linked pairs (a few pairs are
    noise: the real 2-voice tune meetings have 12-18) or where no larger count gets under ``max_merged``
    (voices the encoder cannot keep apart are not split at random)."""
    found = int(labels.max()) + 1 if labels.size else 0
    top = min(max_speakers, labels.size - 1)
    if found == 0 or len(links.cannot) < min_pairs:
        return labels
    best = labels
    if found < links.most_local <= top:
        best, found = partition(links.most_local), links.most_local
    if merged_share(best, links) <= max_merged:
        return best
    for k in range(found + 1, top + 1):
        candidate = partition(k)
        if merged_share(candidate, links) <= max_merged:
            return candidate
    return best
