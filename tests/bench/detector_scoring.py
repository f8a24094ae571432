"""How well a per-frame score detects something, for tests/bench/bench_target_activity.py: ROC AUC,
recall at a precision, and the DER a threshold on it could save."""
from __future__ import annotations

import numpy as np


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Returns the ROC AUC (Mann-Whitney) of scores of positives over negatives."""
    if not positive.size or not negative.size:
        return float("nan")
    from scipy.stats import rankdata

    ranks = rankdata(np.concatenate([positive, negative]))
    return float((ranks[: positive.size].sum() - positive.size * (positive.size + 1) / 2) / (positive.size * negative.size))


def operating_points(positive: np.ndarray, negative: np.ndarray, reference_frames: int) -> dict:
    """Returns recall at precision 50 % and 67 %, and the best DER change (points) over thresholds
    (only between distinct scores: tied frames are all taken or none)."""
    scores = np.concatenate([positive, negative])
    labels = np.concatenate([np.ones(positive.size), np.zeros(negative.size)])
    order = np.argsort(-scores, kind="stable")
    tp, fp = np.cumsum(labels[order]), np.cumsum(1 - labels[order])
    last_of_tie = np.append(np.diff(scores[order]) != 0, True)
    tp, fp = tp[last_of_tie], fp[last_of_tie]
    precision = tp / np.maximum(tp + fp, 1)
    out = {}
    for level in (0.5, 0.67):
        reached = np.flatnonzero(precision >= level)
        out[f"recall_at_p{int(level * 100)}"] = float(tp[reached[-1]] / max(positive.size, 1)) if reached.size else 0.0
    recall = tp / max(positive.size, 1)
    for level in (0.1, 0.25):
        reached = np.flatnonzero(recall >= level)
        out[f"precision_at_r{int(level * 100)}"] = float(precision[reached[0]]) if reached.size else 0.0
    out["best_der_change"] = float(min(0.0, ((fp - tp) / max(reference_frames, 1)).min())) if scores.size else 0.0
    return out


def best_candidate(scores: np.ndarray, cost: np.ndarray, missed: int, reference_frames: int) -> dict:
    """Returns, for adding each frame's best-scored other voice above a threshold: the best DER change over
    thresholds (``cost`` per frame: -1 the voice is there beside the labelled one, 0 a wrong voice in a missed
    overlap or the voice there alone under another name, +1 false alarm), the recall of missed-overlap frames there, and the recall where found / (found + false alarms)
    reaches 50 %."""
    if not scores.size:
        return {"pick_best_der_change": 0.0, "pick_recall_at_best": 0.0, "pick_recall_at_p50": 0.0}
    order = np.argsort(-scores, kind="stable")
    total = np.cumsum(cost[order])
    found = np.cumsum(cost[order] == -1)
    alarms = np.cumsum(cost[order] == 1)
    last_of_tie = np.append(np.diff(scores[order]) != 0, True)
    total, found, alarms = total[last_of_tie], found[last_of_tie], alarms[last_of_tie]
    at = int(np.argmin(total))
    gain = min(0, int(total[at]))
    reached = np.flatnonzero(found >= alarms)
    return {"pick_best_der_change": gain / max(reference_frames, 1),
            "pick_recall_at_best": float(found[at]) / max(missed, 1) if gain < 0 else 0.0,
            "pick_recall_at_p50": float(found[reached[-1]]) / max(missed, 1) if reached.size else 0.0}
