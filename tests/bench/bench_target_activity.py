"""Oracle study (issue 17): can VoiceFilter-Lite's target-speaker activity find the second voice the
overlap-aware diarizer misses?

On synthetic overlap meetings with exact labels (the TUNE split by default: "syn-tune", "syn-tune-4"
and the 2-6-voice "pool-tune-N" mixes of tests/bench/bench_diarization.py), the default diarizer runs
first; in every 10 ms frame where it labels exactly one speaker and the reference has speech, each other
speaker X is a candidate: positive when X speaks there in the reference beside another voice (a
missed-overlap frame), negative when X is silent there (X speaking alone under another name is confusion,
left out). Scores, per candidate frame, from tests/bench/target_detectors.py:

    share      the share of the frame's mel energy the mask gives X
    relative   share minus the mean share of the clip's other target voices in that frame
               (what is left of the mask once the input's common part is taken out)
    f_adapt    the noise-type head (speech-like interference)
    ... each also averaged over 0.5 s ("~0.5s").

D-vectors (audio_core.dvector) come either from each reference speaker's clean frames ("oracle") or from
the first pass's own speakers' one-speaker frames ("clusters", what the pipeline would have).
Printed per (d-vectors, score): ROC AUC; recall of missed-overlap frames where the precision reaches
50 % and 67 % (below 50 % each added frame costs more DER than it saves); the precision at 10 % and 25 %
recall; and the best DER change any
threshold could give (negative is better; the threshold chosen on these very frames, so a bound).

--enrolled adds a second target-speaker detector built from pyannote's segmentation model, which works:
"seg-enrolled", each 10 s window opened by 3 s of the target's own clean speech, the rest the next 7 s of
the recording, the target being the local speaker of the opening (its marginal probability); "pair-prob",
the model's probability of two voices at once (target-blind, what the first pass sees); and their product.
A second table judges one candidate per frame (the best-scored other voice), as a second pass would add it:
the best DER change any threshold gives, and the recall where voices found equal false alarms.

--openings instead looks at turn openings given to the previous speaker: on every clip of the split
(bench_diarization's, meetings and phone call included), the frames up to 1 s before each turn of another
speaker in the first pass, given to that next speaker where its enrolled-segmentation score beats the
labelled speaker's by a threshold; printed: frames fixable (the reference has the next speaker and not the
labelled one), frames labelled right, and the best DER change over thresholds.

    .venv/bin/python tests/bench/bench_target_activity.py [--split tune|report] [--enrolled | --openings]

Measured (issue 17, this round; the tune split, the report split only measured):
- The shipped int8 mask predictor does not depend on its inputs: its mask is about 0.27 in every band for
  speech, random noise and gains from -40 to +80 dB, whatever the d-vector (zeros and a random vector
  included; the share differs by at most 0.0003 between target voices, f_adapt by 0.0000), and stepping it
  frame by frame with its LSTM state gives the same. Mask share, relative share and f_adapt, raw or
  averaged over 0.5 s: AUC 0.30-0.51 on tune (0.32-0.53 on report), no threshold lowers DER, with oracle
  d-vectors or the first pass's own. So it cannot detect missed overlap (nor re-label turn openings), and
  no second pass was built on it. Its CPU: 0.008-0.010 s per audio second and target voice.
- After the first pass, 2.6 % of the tune split's reference speech (3.8 % on report) is a second voice
  labelled with one speaker; even finding all of it could not bring the tune pool (19.9 %, mostly
  confusion) to 3 %.
- Enrolled segmentation times the pair probability: AUC 0.98 on tune, but as a second pass (one voice per
  frame, threshold chosen on the same frames, so a bound) at best -0.47 DER points with oracle enrolments
  and -0.28 with the first pass's speakers; on report -1.07 and -0.01. At 0.005 CPU s per audio second and
  target voice (0.02 for four voices, over the +0.01 RTF a default may cost) it is not worth building either.
- Turn openings (--openings, enrolled segmentation, the first pass's speakers): in the second before each
  change of speaker only 0.35 % of the tune split's reference speech is fixable (188 frames against 6,772
  labelled right; 0.06 % on report), and the best threshold gains 0.01 DER points on tune (0.04 on
  report). On the bundled phone call 18 such frames are fixable (Diane's "Oh," at 17.8 s stays Sheila's
  until 18.16 s; a threshold of its own would gain 0.62 points there, the split's pooled one 0.04);
  Diane's first "Hello?" is under Sheila's name with no earlier speaker's turn to take it from.

Writes tests/bench/results/target_activity.json (--openings: target_activity_openings.json).
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
from tests.bench.detector_scoring import auc, best_candidate, operating_points  # noqa: E402
from tests.bench.target_detectors import GRID_S, enrolled_segmentation, overlap_probability  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

SMOOTH_FRAMES = 50
OPENING_S = 1.0


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


def _smoothed(values: np.ndarray) -> np.ndarray:
    kernel = np.ones(SMOOTH_FRAMES) / SMOOTH_FRAMES
    return np.stack([np.convolve(v, kernel, mode="same") for v in values])


def study_clip(model, encoder, diarizer, audio, reference, segmentation=None):
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
    out, spreads, picks = {}, {}, {}
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
        if segmentation is not None:
            enrolments = [clean_audio(audio, alone[:, k]) for k in range(alone.shape[1])]
            scores["seg-enrolled"] = enrolled_segmentation(segmentation, audio, enrolments, frames)
            pair = overlap_probability(segmentation, audio, frames)
            scores["pair-prob"] = np.broadcast_to(pair, share.shape)
            scores["seg-enrolled*pair"] = scores["seg-enrolled"] * pair[None]
        scores.update({f"{k}~0.5s": _smoothed(v) for k, v in list(scores.items())})
        for name, values in scores.items():
            positive, negative = [], []
            best = np.full(frames, -np.inf, np.float32)
            cost = np.zeros(frames, np.int8)  # of adding the frame's best candidate: -1 found, 0 wrong voice, +1 false alarm
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
                better = candidate & (values[k][:frames] > best)
                best[better] = values[k][:frames][better]
                # X alone under another name: confusion becomes false alarm, no change
                overlapped = ref.sum(axis=1)[better] >= 2
                cost[better] = np.where(label[better] & overlapped, -1, np.where(label[better] | overlapped, 0, 1))
            out[(source, name)] = (np.concatenate(positive), np.concatenate(negative))
            picked = np.isfinite(best)
            picks[(source, name)] = (best[picked], cost[picked])
        speech = ref.any(axis=1)[: activity.share.shape[1]]
        spreads[source] = {
            "mask_share_std_over_time": float(activity.share[:, speech].std(axis=1).mean()),
            "mask_share_max_diff_between_voices": float(np.ptp(activity.share, axis=0).max()),
            "f_adapt_max_diff_between_voices": float(np.ptp(activity.interference, axis=0).max()),
            "voices": len(vectors),
        }
    missed = int((single & (ref.sum(axis=1) >= 2)).sum())
    return out, missed, int(ref.sum()), spreads, picks


def study_openings(segmentation, diarizer, audio, reference, reach_s: float = OPENING_S):
    """Returns (score differences, costs) of the frames just before each change of speaker in the first pass
    (within ``reach_s`` before a turn of another speaker starts, one speaker labelled): the next speaker's
    enrolled-segmentation score minus the labelled one's (enrolments from the first pass's one-speaker
    frames), and the cost of giving the frame to the next speaker (-1 the reference has the next speaker
    and not the labelled one, +1 the reverse, else 0); and the reference's confused frames there."""
    frames = audio.size // int(GRID_S * 16000)
    speakers = sorted({s for _, _, s in reference})
    ref = activity_grid(reference, speakers, frames)
    turns = diarizer(audio).turns
    hyp_speakers = sorted({t.speaker for t in turns})
    hyp = activity_grid([(t.start_s, t.end_s, t.speaker) for t in turns], hyp_speakers, frames)
    to_ref = mapping(hyp, ref)
    alone = hyp & (hyp.sum(axis=1) == 1)[:, None]
    scores = enrolled_segmentation(segmentation, audio, [clean_audio(audio, alone[:, k]) for k in range(len(hyp_speakers))], frames)
    single = hyp.sum(axis=1) == 1
    differences, costs = [], []
    for turn in turns:
        nxt = hyp_speakers.index(turn.speaker)
        last = int(round(turn.start_s / GRID_S))
        for f in range(max(0, last - int(reach_s / GRID_S)), min(last, frames)):
            if not single[f] or hyp[f, nxt]:
                continue
            main = int(np.argmax(hyp[f]))
            has_next = to_ref[nxt] >= 0 and ref[f, to_ref[nxt]]
            has_main = to_ref[main] >= 0 and ref[f, to_ref[main]]
            differences.append(scores[nxt, f] - scores[main, f])
            costs.append(-1 if has_next and not has_main else (1 if has_main and not has_next else 0))
    return np.array(differences, np.float32), np.array(costs, np.int8)


def openings(split: str) -> int:
    """Prints how far re-labelling the frames before each change of speaker by enrolled segmentation could go."""
    from app.engines import Engines
    from audio_core.diarize.overlap import diarize_overlapping
    from tests.bench.bench_diarization import clips

    engines = Engines()
    diarizer = lambda audio: diarize_overlapping(engines.segmentation_model, engines.diarization_encoder, audio)  # noqa: E731
    differences, costs, reference_total, rows = [], [], 0, []
    print(f"{'clip':<16} {'zone frames':>11} {'fixable':>8} {'correct':>8} {'best dDER':>9}")
    for clip_split, _, name, audio, reference in clips(testdata_root()):
        if clip_split != split:
            continue
        difference, cost = study_openings(engines.segmentation_model, diarizer, audio, reference)
        total = int(activity_grid(reference, sorted({s for _, _, s in reference}), audio.size // 160).sum())
        best = best_candidate(difference, cost, max(int((cost == -1).sum()), 1), total)
        rows.append({"clip": name, "zone_frames": int(cost.size), "fixable": int((cost == -1).sum()),
                     "correct": int((cost == 1).sum()), "best_der_change": best["pick_best_der_change"]})
        print(f"{name:<16} {cost.size:>11} {(cost == -1).sum():>8} {(cost == 1).sum():>8} {best['pick_best_der_change']:+9.2%}", flush=True)
        differences.append(difference)
        costs.append(cost)
        reference_total += total
    difference, cost = np.concatenate(differences), np.concatenate(costs)
    best = best_candidate(difference, cost, max(int((cost == -1).sum()), 1), reference_total)
    print(f"{split} split, pooled: {(cost == -1).sum()} fixable and {(cost == 1).sum()} correct frames in the zones "
          f"({(cost == -1).sum() / reference_total:.2%} of reference speech fixable); best DER change "
          f"{best['pick_best_der_change']:+.2%} (fixing {best['pick_recall_at_best']:.0%} of the fixable)")
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "target_activity_openings.json").write_text(json.dumps({"split": split, "clips": rows, "pooled": best}, indent=2))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "report"), default="tune")
    parser.add_argument("--enrolled", action="store_true",
                        help="also the segmentation model with the target's own speech opening each window")
    parser.add_argument("--openings", action="store_true",
                        help="instead: re-label the frames before each change of speaker (turn openings)")
    args = parser.parse_args()
    if args.openings:
        return openings(args.split)
    from app.engines import Engines
    from audio_core.diarize.overlap import diarize_overlapping
    from tests.bench.target_detectors import TargetSpeakerModel
    from audio_core.dvector import DVectorEncoder

    engines = Engines()
    model, encoder = TargetSpeakerModel(), DVectorEncoder()
    diarizer = lambda audio: diarize_overlapping(engines.segmentation_model, engines.diarization_encoder, audio)  # noqa: E731
    pooled: dict = {}
    picked: dict = {}
    spreads: dict = {}
    missed_total = reference_total = 0
    audio_s = model_cpu_s = enrolled_cpu_s = 0.0
    for name, audio, reference in synthetic_clips(args.split):
        cpu = time.process_time()
        model.activity(audio, np.zeros((2, 256), np.float32))
        model_cpu_s += time.process_time() - cpu
        audio_s += audio.size / 16000
        if args.enrolled:
            cpu = time.process_time()
            enrolled_segmentation(engines.segmentation_model, audio, [audio[:48000]] * 2, audio.size // 160)
            enrolled_cpu_s += time.process_time() - cpu
        results, missed, reference_frames, spread, picks = study_clip(
            model, encoder, diarizer, audio, reference, engines.segmentation_model if args.enrolled else None)
        spreads[name] = spread
        missed_total += missed
        reference_total += reference_frames
        for key, (best, cost) in picks.items():
            picked.setdefault(key, ([], []))
            picked[key][0].append(best)
            picked[key][1].append(cost)
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
    print(f"{'d-vectors':<9} {'score':<18} {'AUC':>6} {'rec@P50':>8} {'rec@P67':>8} {'P@rec10':>8} {'P@rec25':>8} "
          f"{'best dDER':>9} {'pos':>7} {'neg':>8}")
    for (source, score), (positive, negative) in pooled.items():
        positive, negative = np.concatenate(positive), np.concatenate(negative)
        row = {"vectors": source, "score": score, "auc": auc(positive, negative),
               "positives": int(positive.size), "negatives": int(negative.size),
               **operating_points(positive, negative, reference_total)}
        rows.append(row)
        print(f"{source:<9} {score:<18} {row['auc']:6.3f} {row['recall_at_p50']:8.1%} {row['recall_at_p67']:8.1%} "
              f"{row['precision_at_r10']:8.1%} {row['precision_at_r25']:8.1%} "
              f"{row['best_der_change']:+9.2%} {row['positives']:>7} {row['negatives']:>8}")
    print(f"\none candidate per frame (the likeliest other voice): {'best dDER':>9} {'its recall':>10} {'rec@P50':>8}")
    for (source, score), (best, cost) in picked.items():
        row = next(r for r in rows if (r["vectors"], r["score"]) == (source, score))
        row.update(best_candidate(np.concatenate(best), np.concatenate(cost), missed_total, reference_total))
        print(f"{source:<9} {score:<42} {row['pick_best_der_change']:+9.2%} {row['pick_recall_at_best']:10.1%} "
              f"{row['pick_recall_at_p50']:8.1%}")
    rtf = model_cpu_s / audio_s / 2
    enrolled_rtf = enrolled_cpu_s / audio_s / 2
    print(f"\nCPU per audio second and target voice: mask model {rtf:.4f} (batch of 2)"
          + (f", enrolled segmentation {enrolled_rtf:.4f}" if args.enrolled else ""))
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "target_activity.json").write_text(json.dumps({
        "split": args.split, "missed_overlap_share": missed_total / max(reference_total, 1), "rows": rows,
        "mask_cpu_rtf_per_voice": rtf,
        "enrolled_segmentation_cpu_rtf_per_voice": enrolled_rtf if args.enrolled else None, "mask_spread": spreads}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
