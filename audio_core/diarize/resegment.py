"""Re-segmentation: which known speaker talks in each 20 ms frame of speech.

Shorter windows than the clustering ones score every frame against the
speakers' voices; a Viterbi pass with a switching cost keeps one brief
ambiguous stretch from splitting a turn; each voice is then re-estimated from
the windows that lie wholly inside its own turns and the frames are scored
again, since the first voices were averaged over windows that straddled turns.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio_core.diarize.embeddings import WindowEmbeddings

FRAME_S = 0.02


@dataclass(frozen=True)
class ResegmentOptions:
    """Re-segmentation settings (tuned with tests/bench/bench_diarization.py).

    switch_cost: summed cosine similarity a change of speaker must gain (0: plain
        per-frame best match); 0.2 is about ten frames' worth of a clear preference.
    refine_passes: how often the voices are re-estimated from the turns and frames rescored.
    refine_min_share: a window counts for a voice when at least this share of its
        speech frames belongs to that speaker.
    refine_min_windows: a voice with fewer such windows keeps its first estimate.
    min_turn_s: a speaker run shorter than this is given to its neighbours.
    """

    switch_cost: float = 0.2
    refine_passes: int = 1
    refine_min_share: float = 0.8
    refine_min_windows: int = 3
    min_turn_s: float = 0.3


def speech_mask(regions: list[tuple[float, float]], n_frames: int) -> np.ndarray:
    """Returns, per frame, whether it lies in one of ``regions``."""
    speech = np.zeros(n_frames, bool)
    for start, end in regions:
        speech[int(start / FRAME_S) : int(np.ceil(end / FRAME_S))] = True
    return speech


def _frame_scores(windows: WindowEmbeddings, voices: np.ndarray, n_frames: int) -> tuple[np.ndarray, np.ndarray]:
    """Returns (scores, weight): per frame, the Hann-weighted sum of the covering windows' cosine
    similarity to each voice, and the summed weights (a window speaks mostly for its centre)."""
    scores = np.zeros((n_frames, len(voices)))
    weight = np.zeros(n_frames)
    tapers: dict[int, np.ndarray] = {}
    # In chunks: the stored vectors may be half precision, and one cast of them all would grow with length.
    similarities = np.concatenate(
        [windows.vectors[i : i + 4096].astype(np.float32) @ voices.T.astype(np.float32) for i in range(0, len(windows), 4096)]
    ) if len(windows) else np.zeros((0, len(voices)))
    for start, end, sim in zip(windows.starts_s, windows.ends_s, similarities):
        lo, hi = int(start / FRAME_S), min(n_frames, int(np.ceil(end / FRAME_S)))
        if hi <= lo:
            continue
        taper = tapers.get(hi - lo)
        if taper is None:
            taper = tapers[hi - lo] = np.hanning(hi - lo + 2)[1:-1]
        scores[lo:hi] += taper[:, None] * sim[None, :]
        weight[lo:hi] += taper
    return scores, weight


def smoothed_path(scores: np.ndarray, switch_cost: float) -> np.ndarray:
    """Returns the speaker index per row of ``scores`` (frames x speakers) that maximises the summed
    score minus ``switch_cost`` per change of speaker (Viterbi)."""
    n, k = scores.shape
    if n == 0:
        return np.zeros(0, int)
    back = np.zeros((n, k), int)
    total = scores[0].copy()
    for t in range(1, n):
        best = int(np.argmax(total))
        switch = total[best] - switch_cost > total
        back[t] = np.where(switch, best, np.arange(k))
        total = np.where(switch, total[best] - switch_cost, total) + scores[t]
    path = np.zeros(n, int)
    path[-1] = int(np.argmax(total))
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def frame_labels(
    windows: WindowEmbeddings, voices: np.ndarray, speech: np.ndarray, switch_cost: float
) -> np.ndarray:
    """Returns a speaker index per frame (-1 outside ``speech``).

    Speech no window reached (short regions, stretched edges) takes the nearest
    scored frame's speaker.
    """
    n_frames = speech.size
    labels = np.full(n_frames, -1)
    scores, weight = _frame_scores(windows, voices, n_frames)
    covered = np.flatnonzero(weight > 0)
    if covered.size == 0:
        return labels
    mean = scores[covered] / weight[covered, None]
    labels[covered] = smoothed_path(mean, switch_cost) if switch_cost > 0 and len(voices) > 1 else np.argmax(mean, axis=1)
    missing = np.flatnonzero(speech & (weight == 0))
    if missing.size:
        after = covered[np.clip(np.searchsorted(covered, missing), 0, covered.size - 1)]
        before = covered[np.clip(np.searchsorted(covered, missing) - 1, 0, covered.size - 1)]
        labels[missing] = labels[np.where(np.abs(before - missing) < np.abs(after - missing), before, after)]
    labels[~speech] = -1
    return labels


def refined_voices(
    windows: WindowEmbeddings, labels: np.ndarray, voices: np.ndarray, options: ResegmentOptions
) -> np.ndarray:
    """Returns each speaker's voice re-estimated as the unit mean of the windows that lie (almost)
    wholly in that speaker's frames; a speaker with too few such windows keeps ``voices[k]``."""
    lo = np.clip((windows.starts_s / FRAME_S).astype(int), 0, max(labels.size - 1, 0))
    hi = np.clip(np.ceil(windows.ends_s / FRAME_S).astype(int), 1, labels.size)
    owners = np.full(len(windows), -1)
    for i, (a, b) in enumerate(zip(lo, hi)):
        part = labels[a:b]
        part = part[part >= 0]
        if part.size:
            counts = np.bincount(part)
            if counts.max() >= options.refine_min_share * part.size:
                owners[i] = int(counts.argmax())
    refined = voices.copy()
    for k in range(len(voices)):
        mine = windows.vectors[owners == k]
        if len(mine) >= options.refine_min_windows:
            mean = mine.mean(axis=0, dtype=np.float64)
            refined[k] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    return refined


def runs(labels: np.ndarray) -> list[tuple[int, int, int]]:
    """Returns (start_frame, end_frame, label) runs of equal labels."""
    if labels.size == 0:
        return []
    edges = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate([[0], edges])
    ends = np.concatenate([edges, [labels.size]])
    return [(int(s), int(e), int(labels[s])) for s, e in zip(starts, ends)]


def absorb_short_runs(labels: np.ndarray, min_frames: int) -> np.ndarray:
    """Returns ``labels`` with speaker runs shorter than ``min_frames`` given to the neighbouring
    speaker (never to silence)."""
    labels = labels.copy()
    for start, end, label in runs(labels):
        if label < 0 or end - start >= min_frames:
            continue
        left = labels[start - 1] if start > 0 else -1
        right = labels[end] if end < labels.size else -1
        neighbour = left if left >= 0 else right
        if neighbour >= 0:
            labels[start:end] = neighbour
    return labels


def resegment(
    windows: WindowEmbeddings, voices: np.ndarray, regions: list[tuple[float, float]], end_s: float,
    options: ResegmentOptions = ResegmentOptions(),
) -> tuple[np.ndarray, np.ndarray]:
    """Returns (labels, voices): a speaker index per FRAME_S frame up to ``end_s`` (-1 outside
    ``regions``) and the voices as re-estimated from the turns."""
    speech = speech_mask(regions, int(np.ceil(end_s / FRAME_S)) + 1)
    labels = frame_labels(windows, voices, speech, options.switch_cost)
    for _ in range(options.refine_passes):
        voices = refined_voices(windows, labels, voices, options)
        labels = frame_labels(windows, voices, speech, options.switch_cost)
    return absorb_short_runs(labels, int(round(options.min_turn_s / FRAME_S))), voices
