"""From windows' local speakers to the whole recording's speakers, overlap included.

Each piece (a local speaker's stretch in one window) is given the global
speaker its embedding was clustered into, each global speaker's
activity is averaged over the windows that see a frame, and in each frame
the most active speakers are kept, as many as the windows counted there
(at most ``max_overlap``).
"""
from __future__ import annotations

import numpy as np

from audio_core.diarize import SpeakerTurn
from audio_core.diarize.segmentation import FRAME_SPAN_S, FRAME_STEP_S, FRAMES_PER_WINDOW
from audio_core.diarize.windows import WindowEvidence


def label_pieces(evidence: WindowEvidence, labels: np.ndarray) -> np.ndarray:
    """Returns the global speaker of every piece, given ``labels`` of the embedded ones: a piece
    without an embedding takes the label of the nearest embedded piece of the same local
    speaker in its window (-1 when there is none)."""
    pieces = evidence.pieces
    out = np.full(len(pieces), -1, int)
    out[evidence.embedded] = labels
    for i in np.flatnonzero(~evidence.embedded):
        w, speaker, first, end = pieces[i]
        same = np.flatnonzero((pieces[:, 0] == w) & (pieces[:, 1] == speaker) & evidence.embedded)
        if same.size:
            distance = np.maximum(pieces[same, 2] - end, first - pieces[same, 3])
            out[i] = out[same[np.argmin(distance)]]
    return out


def frame_labels(turns, frame_count: int) -> np.ndarray:
    """Returns (frame_count,) the speaker of exclusive ``turns`` at each model frame's centre (-1: nobody)."""
    labels = np.full(frame_count, -1, int)
    centres_s = np.arange(frame_count) * FRAME_STEP_S + FRAME_SPAN_S / 2
    for turn in turns:
        labels[(centres_s >= turn.start_s) & (centres_s < turn.end_s)] = turn.speaker
    return labels


def vote_pieces(evidence: WindowEvidence, labels: np.ndarray, reach_s: float = 1.0) -> np.ndarray:
    """Returns the global speaker of every piece: the one ``labels`` (per model frame, -1: nobody) gives
    most of its clean frames (all its frames when none is clean); a piece that meets no label takes
    the nearest within ``reach_s`` of it, else -1."""
    reach = int(round(reach_s / FRAME_STEP_S))
    out = np.full(len(evidence.pieces), -1, int)
    for i, (w, speaker, first, end) in enumerate(evidence.pieces):
        local = evidence.activity[w]
        active = local[first:end, speaker].astype(bool)
        clean = active & (local[first:end].sum(axis=1) == 1)
        offset = int(evidence.first_frames[w]) + first
        span = labels[offset : offset + end - first]
        for chosen in (clean[: span.size], active[: span.size]):
            votes = span[chosen & (span >= 0)]
            if votes.size:
                out[i] = int(np.bincount(votes).argmax())
                break
        else:
            lo, hi = max(0, offset - reach), min(labels.size, offset + (end - first) + reach)
            near = np.flatnonzero(labels[lo:hi] >= 0)
            if near.size:
                middle = (offset + (end - first) / 2) - lo
                out[i] = int(labels[lo + near[np.argmin(np.abs(near - middle))]])
    return out


def distinct_in_windows(evidence: WindowEvidence, labels: np.ndarray, piece_labels: np.ndarray,
                        reach_s: float = 3.0) -> np.ndarray:
    """Returns ``piece_labels`` where two pieces of one window that sound at the same time never share a speaker.

    The segmentation model keeps simultaneous voices apart in a window, so they are two people (pyannote
    constrains its assignment the same way). Naming pieces by the one-at-a-time ``labels`` (per model frame)
    gave both voices of an overlap the speaker who held the floor, and the second voice was lost. Of such a
    pair, the piece with the smaller share of that speaker's frames takes the speaker ``labels`` gives most of
    its other frames, else the nearest other speaker within ``reach_s`` (where the overlapping voice has its
    own turn), else keeps its label.
    """
    out = piece_labels.copy()
    reach = int(round(reach_s / FRAME_STEP_S))
    pieces = evidence.pieces
    by_window: dict[int, list[int]] = {}
    for i, piece in enumerate(pieces):
        by_window.setdefault(int(piece[0]), []).append(i)
    for w, members in by_window.items():
        local = evidence.activity[w].astype(bool)
        offset = int(evidence.first_frames[w])
        for a in members:
            for b in members:
                if b <= a or pieces[a, 1] == pieces[b, 1] or out[a] < 0 or out[a] != out[b]:
                    continue
                lo, hi = max(pieces[a, 2], pieces[b, 2]), min(pieces[a, 3], pieces[b, 3])
                if hi <= lo or not (local[lo:hi, pieces[a, 1]] & local[lo:hi, pieces[b, 1]]).any():
                    continue
                shares = [_share_of(labels, local, offset, pieces[i], out[i]) for i in (a, b)]
                loser = (a, b)[int(np.argmin(shares))]
                out[loser] = _other_speaker(labels, local, offset, pieces[loser], out[loser], reach)
    return out


def _piece_span(labels: np.ndarray, local: np.ndarray, offset: int, piece) -> np.ndarray:
    _, speaker, first, end = piece
    active = local[first:end, speaker]
    span = labels[offset + first : offset + end]
    return span[active[: span.size]]


def _share_of(labels, local, offset, piece, speaker: int) -> float:
    span = _piece_span(labels, local, offset, piece)
    return float((span == speaker).mean()) if span.size else 0.0


def _other_speaker(labels, local, offset, piece, taken: int, reach: int) -> int:
    span = _piece_span(labels, local, offset, piece)
    others = span[(span >= 0) & (span != taken)]
    if others.size:
        return int(np.bincount(others).argmax())
    _, _, first, end = piece
    lo, hi = max(0, offset + first - reach), min(labels.size, offset + end + reach)
    near = np.flatnonzero((labels[lo:hi] >= 0) & (labels[lo:hi] != taken))
    if not near.size:
        return taken
    middle = offset + (first + end) / 2 - lo
    return int(labels[lo + near[np.argmin(np.abs(near - middle))]])


def aggregate(evidence: WindowEvidence, piece_labels: np.ndarray, speakers: int) -> tuple[np.ndarray, np.ndarray]:
    """Returns (activity (frames, speakers) in [0, 1], count (frames,)) over the recording's frame grid:
    each speaker's activity averaged over the windows covering a frame, and the mean
    number of active local speakers there."""
    frames = evidence.frame_count
    sums = np.zeros((frames, max(speakers, 1)), np.float32)
    counts = np.zeros(frames, np.float32)
    covered = np.zeros(frames, np.float32)
    by_window: dict[int, list[int]] = {}
    for i, piece in enumerate(evidence.pieces):
        by_window.setdefault(int(piece[0]), []).append(i)
    for w in range(len(evidence)):
        first = int(evidence.first_frames[w])
        last = min(first + FRAMES_PER_WINDOW, frames)
        if last <= first:
            continue
        local = evidence.activity[w, : last - first].astype(np.float32)
        covered[first:last] += 1
        counts[first:last] += local.sum(axis=1)
        window = np.zeros((last - first, sums.shape[1]), np.float32)
        for i in by_window.get(w, []):
            label = piece_labels[i]
            _, speaker, lo, hi = evidence.pieces[i]
            hi = min(hi, last - first)
            if label >= 0 and hi > lo:
                window[lo:hi, label] = np.maximum(window[lo:hi, label], local[lo:hi, speaker])
        sums[first:last] += window
    covered = np.maximum(covered, 1)
    return sums[:, :speakers] / covered[:, None], counts / covered


def binarize(activity: np.ndarray, count: np.ndarray, max_overlap: int = 2) -> np.ndarray:
    """Returns (frames, speakers) bool: per frame the round(count) most active speakers
    (at most ``max_overlap``), only those with some activity."""
    frames, speakers = activity.shape
    wanted = np.minimum(np.round(count).astype(int), min(max_overlap, speakers))
    active = np.zeros((frames, speakers), bool)
    if speakers == 0:
        return active
    order = np.argsort(-activity, axis=1)
    for rank in range(min(max_overlap, speakers)):
        chosen = order[:, rank]
        keep = (wanted > rank) & (activity[np.arange(frames), chosen] > 0)
        active[np.flatnonzero(keep), chosen[keep]] = True
    return active


def fill_gaps(active: np.ndarray, max_gap_s: float) -> np.ndarray:
    """Returns ``active`` with each speaker's pauses of at most ``max_gap_s`` filled."""
    limit = int(round(max_gap_s / FRAME_STEP_S))
    if limit <= 0:
        return active
    filled = active.copy()
    for s in range(active.shape[1]):
        for start, end in _runs(~active[:, s]):
            if 0 < start and end < len(active) and end - start <= limit:
                filled[start:end, s] = True
    return filled


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)))


def _time_s(frame: int, duration_s: float) -> float:
    return round(float(min(frame * FRAME_STEP_S + FRAME_SPAN_S / 2, duration_s)), 3)


def turns_of(active: np.ndarray, duration_s: float, min_turn_s: float = 0.0) -> list[SpeakerTurn]:
    """Returns every speaker's runs of active frames as turns, sorted by start (they may overlap)."""
    turns = [
        SpeakerTurn(_time_s(start, duration_s) if start else 0.0, _time_s(end, duration_s), s)
        for s in range(active.shape[1])
        for start, end in _runs(active[:, s])
    ]
    return sorted((t for t in turns if t.end_s - t.start_s >= min_turn_s), key=lambda t: (t.start_s, t.speaker))


def exclusive(active: np.ndarray, activity: np.ndarray) -> np.ndarray:
    """Returns ``active`` with one speaker per frame: where several are active, the most active."""
    if active.shape[1] == 0:
        return active
    best = np.argmax(np.where(active, activity, -1.0), axis=1)
    single = np.zeros_like(active)
    speaking = active.any(axis=1)
    single[np.flatnonzero(speaking), best[speaking]] = True
    return single
