"""Oracle study (issue 17): can VoiceFilter-Lite's target-speaker activity find the second voice the
overlap-aware diarizer misses?

On synthetic overlap meetings with exact labels (the TUNE split by default: "syn-tune", "syn-tune-4"
and the 2-6-voice "pool-tune-N" mixes of tests/bench/bench_diarization.py), the default diarizer runs
first; in every 10 ms frame where it labels exactly one speaker and the reference has speech, each other
speaker X is a candidate: positive when X speaks there in the reference beside another voice (a
missed-overlap frame), negative when X is silent there (X speaking alone under another name is confusion,
left out). Scores, per candidate frame, from audio_core.diarize.target_activity:

    share      the share of the frame's mel energy the mask gives X
    relative   share minus the mean share of the clip's other target voices in that frame
               (what is left of the mask once the input's common part is taken out)
    f_adapt    the noise-type head (speech-like interference)
    ... each also averaged over 0.5 s ("~0.5s").

D-vectors (audio_core.dvector) come either from each reference speaker's clean frames ("oracle") or from
the first pass's own speakers' one-speaker frames ("clusters", what the pipeline would have).
Printed per (d-vectors, score): ROC AUC; recall of missed-overlap frames where the precision reaches
50 % and 67 % (below 50 % each added frame costs more DER than it saves); and the best DER change any
threshold could give (negative is better; the threshold chosen on these very frames, so a bound).

    .venv/bin/python tests/bench/bench_target_activity.py [--split tune|report]

Writes tests/bench/results/target_activity.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches first)
from tests.support.testdata import testdata_root  # noqa: E402

GRID_S = 0.01
SMOOTH_FRAMES = 50


def synthetic_clips(split: str):
    """Yields (name, audio, reference turns) of the split's synthetic overlap meetings."""
    from tests.support import overlap_meeting, voice_pool

    data = testdata_root()
    voices = overlap_meeting.utterances(data)
    mixes = {"tune": (("syn-tune", overlap_meeting.TUNE_ORDER, 1), ("syn-tune-4", overlap_meeting.TUNE_FOUR_ORDER, 3)),
             "report": (("syn-report", overlap_meeting.REPORT_ORDER, 2),)}[split]
    for name, order, seed in mixes:
        mixed = overlap_meeting.mix_meeting(voices, order, seed=seed)
        yield name, mixed.audio, mixed.turns
    for name, mixed in voice_pool.pool_meetings(voice_pool.voice_pool(data), split):
        yield name, mixed.audio, mixed.turns


def activity_grid(turns, speakers: list, frames: int) -> np.ndarray:
    """Returns (frames, speakers) bool: who speaks in each 10 ms frame."""
    grid = np.zeros((frames, len(speakers)), bool)
    for start, end, speaker in turns:
        grid[int(round(start / GRID_S)) : int(round(end / GRID_S)), speakers.index(speaker)] = True
    return grid


def mapping(hyp: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Returns for each hypothesis speaker the reference speaker it overlaps most (Hungarian), -1 if none."""
    from scipy.optimize import linear_sum_assignment

    overlap = hyp.T.astype(float) @ ref.astype(float)
    rows, cols = linear_sum_assignment(-overlap)
    out = np.full(hyp.shape[1], -1)
    out[rows] = cols
    return out


def clean_audio(audio: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Returns the samples of the 10 ms frames where ``mask`` is set, joined."""
    n = int(GRID_S * 16000)
    frames = np.flatnonzero(mask[: audio.size // n])
    return audio[(frames[:, None] * n + np.arange(n)).ravel()] if frames.size else audio[:0]


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
    out["best_der_change"] = float(min(0.0, ((fp - tp) / max(reference_frames, 1)).min())) if scores.size else 0.0
    return out


def _smoothed(values: np.ndarray) -> np.ndarray:
    kernel = np.ones(SMOOTH_FRAMES) / SMOOTH_FRAMES
    return np.stack([np.convolve(v, kernel, mode="same") for v in values])


def study_clip(model, encoder, diarizer, audio, reference):
    """Returns {(vectors, score): (positive scores, negative scores)}, the missed-overlap and reference frames,
    and how much the mask moves ({vectors: spreads})."""
    frames = audio.size // int(GRID_S * 16000)
    speakers = sorted({s for _, _, s in reference})
    ref = activity_grid(reference, speakers, frames)
    turns = diarizer(audio).turns
    hyp_speakers = sorted({t.speaker for t in turns})
    hyp = activity_grid([(t.start_s, t.end_s, t.speaker) for t in turns], hyp_speakers, frames)
    to_ref = mapping(hyp, ref)
    single = (hyp.sum(axis=1) == 1) & ref.any(axis=1)
    main = np.where(single, np.argmax(hyp, axis=1), -1)
    sources = {
        "oracle": (ref & (ref.sum(axis=1) == 1)[:, None], np.arange(len(speakers))),
        "clusters": (hyp & (hyp.sum(axis=1) == 1)[:, None], to_ref),
    }
    out, spreads = {}, {}
    for source, (alone, targets_ref) in sources.items():
        vectors = np.stack([encoder.embed_utterance(clean_audio(audio, alone[:, k])) for k in range(alone.shape[1])])
        activity = model.activity(audio, vectors)
        # target frame j is centred at 0.01 j + 0.02 s: grid frame j + 2
        share = np.zeros((len(vectors), frames), np.float32)
        interference = np.zeros_like(share)
        usable = min(frames, activity.share.shape[1] + 2) - 2
        share[:, 2 : 2 + usable] = activity.share[:, :usable]
        interference[:, 2 : 2 + usable] = activity.interference[:, :usable]
        others_mean = (share.sum(axis=0, keepdims=True) - share) / max(len(vectors) - 1, 1)
        scores = {"share": share, "relative": share - others_mean, "f_adapt": interference}
        scores.update({f"{k}~0.5s": _smoothed(v) for k, v in list(scores.items())})
        for name, values in scores.items():
            positive, negative = [], []
            for k in range(len(vectors)):
                target_ref = targets_ref[k]
                if target_ref < 0:
                    continue
                if source == "oracle":
                    candidate = single & (to_ref[np.maximum(main, 0)] != target_ref)
                else:
                    candidate = single & (main != k)
                label = ref[:, target_ref]
                # X speaking alone under another name is confusion, not missed overlap: left out
                positive.append(values[k][candidate & label & (ref.sum(axis=1) >= 2)])
                negative.append(values[k][candidate & ~label])
            out[(source, name)] = (np.concatenate(positive), np.concatenate(negative))
        speech = ref.any(axis=1)[: activity.share.shape[1]]
        spreads[source] = {
            "mask_share_std_over_time": float(activity.share[:, speech].std(axis=1).mean()),
            "mask_share_max_diff_between_voices": float(np.ptp(activity.share, axis=0).max()),
            "f_adapt_max_diff_between_voices": float(np.ptp(activity.interference, axis=0).max()),
            "voices": len(vectors),
        }
    missed = int((single & (ref.sum(axis=1) >= 2)).sum())
    return out, missed, int(ref.sum()), spreads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "report"), default="tune")
    args = parser.parse_args()
    from app.engines import Engines
    from audio_core.diarize.overlap import diarize_overlapping
    from tests.bench.target_activity_model import TargetSpeakerModel
    from audio_core.dvector import DVectorEncoder

    engines = Engines()
    model, encoder = TargetSpeakerModel(), DVectorEncoder()
    diarizer = lambda audio: diarize_overlapping(engines.segmentation_model, engines.diarization_encoder, audio)  # noqa: E731
    pooled: dict = {}
    spreads: dict = {}
    missed_total = reference_total = 0
    audio_s = model_cpu_s = 0.0
    for name, audio, reference in synthetic_clips(args.split):
        cpu = time.process_time()
        model.activity(audio, np.zeros((2, 256), np.float32))
        model_cpu_s += time.process_time() - cpu
        audio_s += audio.size / 16000
        results, missed, reference_frames, spread = study_clip(model, encoder, diarizer, audio, reference)
        spreads[name] = spread
        missed_total += missed
        reference_total += reference_frames
        for key, (positive, negative) in results.items():
            pooled.setdefault(key, ([], []))
            pooled[key][0].append(positive)
            pooled[key][1].append(negative)
        oracle = spread["oracle"]
        print(f"{name}: {missed} missed-overlap frames of {reference_frames} reference speech frames; mask share "
              f"std over speech {oracle['mask_share_std_over_time']:.4f}, largest difference between its "
              f"{oracle['voices']} target voices {oracle['mask_share_max_diff_between_voices']:.4f} "
              f"(f_adapt {oracle['f_adapt_max_diff_between_voices']:.4f})", flush=True)
    rows = []
    print(f"\n{args.split} split: {missed_total / max(reference_total, 1):.1%} of reference speech is a missed second voice")
    print(f"{'d-vectors':<9} {'score':<14} {'AUC':>6} {'rec@P50':>8} {'rec@P67':>8} {'best dDER':>9} {'pos':>7} {'neg':>8}")
    for (source, score), (positive, negative) in pooled.items():
        positive, negative = np.concatenate(positive), np.concatenate(negative)
        row = {"vectors": source, "score": score, "auc": auc(positive, negative),
               "positives": int(positive.size), "negatives": int(negative.size),
               **operating_points(positive, negative, reference_total)}
        rows.append(row)
        print(f"{source:<9} {score:<14} {row['auc']:6.3f} {row['recall_at_p50']:8.1%} {row['recall_at_p67']:8.1%} "
              f"{row['best_der_change']:+9.2%} {row['positives']:>7} {row['negatives']:>8}")
    rtf = model_cpu_s / audio_s / 2
    print(f"\nmask model CPU per audio second and target voice (batch of 2): {rtf:.4f}")
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "target_activity.json").write_text(json.dumps({
        "split": args.split, "missed_overlap_share": missed_total / max(reference_total, 1), "rows": rows,
        "mask_cpu_rtf_per_voice": rtf, "mask_spread": spreads}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
