"""Diarization accuracy and speed, the overlap-aware diarizer beside the built-in one, per clip and in total.

DER by pyannote.metrics (no collar, overlapped speech scored). Clips are split
into a tune set (what the defaults were chosen on) and a report set (only
measured), so the report figures show how the diarizers do on speech they
were not tuned on:

    tune:   AMI-style meetings dev00, dev01, trn01; synthetic overlap meetings "syn-tune"
            (3 voices) and "syn-tune-4" (4 voices); the synthetic 3-voice meeting without overlap
    report: AMI-style meetings trn03, trn04, trn06; the real phone call; synthetic overlap
            meeting "syn-report" (4 voices, another mix)
    pool:   synthetic overlap meetings of 2 to 6 voices (tests/support/voice_pool.py), split by
            VOICE: "pool-tune-N" mixes only tune voices (the reader, alex/beth/chris, the MFA sdist's
            main speaker, espeak-ng and flite voices), "pool-report-N" only others (the MFA sdist's
            Swedish speaker, the phone call's two sides, other espeak-ng/flite voices)

Targets (issue 17): report-set real meetings <= 25 %, phone call <= 12 %, synthetic
meetings <= 3 %, RTF <= 0.05 on 2 cores. Also printed: the one-speaker-at-a-time
floor (the share of reference speech under a second voice: what an exclusive
diarizer cannot avoid missing) and overlap recall (share of reference overlap
labelled with two speakers).

    .venv/bin/python tests/bench/bench_diarization.py [--speakers-known] [--split tune] [--diarizers overlap,main] [--speed]
        [--extra-mixes N]

--speed adds cheaper variants of the default, tried to bring the full `hushnote transcribe` to
1.6x a bare faster-whisper call (see the README's limits): on the tune set, clustering windows
every 0.4 s kept DER (meetings 28.1 %, synthetic 9.5 -> 6.5 %, pool 19.9 %) for 20 % less
diarization CPU, but moved one 1.7 s stretch of the report phone call to the wrong speaker
(6.5 -> 13.4 %; hops of 0.2, 0.3 and 0.5 s gave the same turns there); segmentation
windows every 10/3 s or 5 s raised the tune meetings to 29.5 / 35.0 %. None became the default.

"hysteresis" labels a second voice where the segmentation model's pair classes together pass 0.2
(until they fall below 0.1; audio_core.diarize.powerset), not only where a pair is the single most
likely class. Chosen on the tune split: overlap recall there 73 -> 96 % (synthetic), DER meetings
28.1 -> 26.4 %, synthetic 9.5 -> 8.1 %, pool 19.9 -> 21.4 %. On the report split it lost: phone
call 6.5 -> 13.4 % (false alarm 2.4 -> 11.0 %), synthetic 8.9 -> 10.3 %, pool 13.7 -> 16.4 %
(meetings 21.1 -> 20.8 %), so it stays off.

"ahc-count" takes the number of speakers where average-linkage AHC of the clustering windows stops
merging at cosine distance 0.35 (the eigengap deciding where AHC finds one voice). Chosen on the tune
split: counts right on 9 of its 10 multi-voice clips (the default: 6), DER pool 19.9 -> 11.2 %,
synthetic 9.5 -> 6.5 %, meetings 28.1 % unchanged; 0.32 and 0.38 lost or split a voice. On the
report split it lost: pool 13.7 -> 17.5 % (the 6-voice mix found 4 voices instead of 5), meetings
21.1 -> 21.6 % (trn04 split), phone call 6.5 % and synthetic 8.9 % unchanged, so it stays off.

"previous" is the default before the cannot-link count (audio_core.diarize.constraints.constrained_count:
where the count found puts more than 10 % of the window pairs the segmentation model heard as different local
speakers of one window under one speaker, the smallest larger count that does not). Chosen on tune voices only
(--extra-mixes 80): DER 21.6 -> 18.6 %, counts right 58 -> 60 of 80 (7 undercounts raised, none made wrong;
going on with the coherent count from the raised count gave 18.4 %, 61 of 80: one clip, not adopted), the tune
split's clips unchanged. Report split, same run: pool 13.7 -> 13.3 % (pool-report-3 now 5 speakers of 3
instead of 2, 21.4 -> 18.1 %), meetings, phone call and synthetic unchanged; CPU 1.05x on a loaded machine
(the links themselves cost 0.00006 CPU-seconds per audio second).

"coherent" is the default before issue 17's coherent count (audio_core.diarize.counting.coherent_count: a
count one above the eigengap's and silhouette's is taken while its partition flips label inside stretches of
speech less often). Chosen on tune voices only: the tune split's clips kept their counts and DER (the 2-6-voice
pool's errors there are mostly one pair of espeak-ng voices at centroid cosine 0.9), and on 80 more tune-voice
mixes (--extra-mixes 80, group "pool-extra": 2-6 voices, seeds 1000-1079) it counted 60 of 80 right against 56,
DER 22.8 -> 21.2 %, none made wrong. Report split, same run: every clip the same count and DER (meetings
21.1 %, phone call 6.5 %, synthetic 8.4 %, pool 13.7 %): none of its errors is this kind. Clustering and
reconstruction after the evidence took 0.85x the CPU (partitions now built once, on demand); whole diarization
overlap/previous CPU 1.05-1.07x with "overlap" run first on each clip and 0.94x with it second (an order
effect of the first run; the work both share is the same).

"clean" clusters only the built-in diarizer's windows where the segmentation model hears one voice
(OverlapDiarizationOptions.max_overlapped_share 0: the others are then given the nearest speaker;
ClusteringOptions.min_speaker_clean_share 0.2 keeps a speaker the clean windows lose when at least 20 % of its
windows are clean); "clean-fill" also labels the built-in diarizer's speaker where the model hears nobody
(anchor_fills) and bridges pauses up to 0.3 s (max_gap_s). Chosen on tune voices only: tune split synthetic
9.5 -> 6.1 / 4.9 %, pool 19.9 -> 11.1 / 11.0 %, meetings 28.2 -> 28.1 / 26.9 %; 80 extra tune-voice mixes
18.6 -> 12.7 % (clean-fill; counts right 60 -> 65 of 80). Report split, same run (non-VNNI AMD EPYC): meetings
21.1 -> 21.1 / 18.9 %, phone call 10.9 -> 8.5 / 11.1 %, 4-voice mix 8.4 -> 8.4 / 7.0 %, 2-6-voice meetings
13.3 -> 15.1 / 15.4 %, and 40 more report-voice mixes 15.8 -> 16.9 / 17.2 % (counts right 20 -> 22 of 40; the
extra-mix figures from the same code over evidence computed once per clip). They did not carry over to the
report voices, so both stay off. "float" / "float-clean-fill": the default / clean-fill with the float voice
encoder (on this CPU the float encoder reads the phone call at 6.5 % against int8's 10.9 %, the tune split the
same; 1.4x the CPU: CPU RTF 0.055 against 0.039, loaded 2 cores).

Speed is wall and CPU seconds (this process) per audio second, after a
warm-up, with the load average; on a shared machine the CPU figure and the
new/old ratio are the ones to trust. Prints tables and writes
tests/bench/results/diarization.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches first)
from tests.support.testdata import testdata_root  # noqa: E402

TUNE_MEETINGS = ["dev00", "dev01", "trn01"]
REPORT_MEETINGS = ["trn03", "trn04", "trn06"]
MEETINGS = TUNE_MEETINGS + REPORT_MEETINGS
# builtin: Silero + Resemblyzer, one speaker at a time; overlap: segmentation model, pieces named by the
# built-in diarizer (the default: eigengap count, more speakers only where they separate, counting.py; a second
# voice only where the model's most likely class is a pair); hysteresis: the same with a second voice also where
# the model's pair classes pass a hysteresis (audio_core.diarize.powerset; tuned on the tune split, not adopted);
# ahc-count: the speaker count where AHC stops merging (clustering.ClusteringOptions.count_threshold; tuned on the
# tune split, not adopted); builtin-ahc: the built-in diarizer with it;
# eigengap: the same with the eigengap's count alone (the default before separable counting); counted: the eigengap with at least as
# many speakers as the pieces cluster into; clusters (--all): pieces' own embeddings clustered (pyannote's way).
# main: the default before this round (no one-speaker margin, audio_core.diarize.spectral.count_from_gaps, and
# overlapping voices of a window allowed one name, reconstruct.distinct_in_windows); margin: the margin alone;
# distinct: distinct names alone; unguarded: both, the margin's larger count taken without a silhouette check.
# float: the default with the voice encoder in float32, as before issue 21 (speed; the default's encoder runs
# its upper LSTM layers in int8, audio_core.voice_encoder.quantized).
# previous: the default before the cannot-link count (ClusteringOptions.cannot_link_merged None).
# coherent: the default before the coherent count (that and ClusteringOptions.coherent_count off).
# clean: the default with only the windows of one voice clustered (OverlapDiarizationOptions.max_overlapped_share
# MAX_OVERLAPPED_SHARE); clean-fill: that, and the built-in diarizer's speaker labelled where the segmentation model
# hears nobody, pauses up to FILLED_GAP_S bridged (anchor_fills, max_gap_s); float-clean-fill: with the float encoder.
# Tuned on the tune split, not adopted (see above).
DIARIZERS = ("builtin", "overlap", "clean", "clean-fill", "float", "float-clean-fill", "previous", "ahc-count", "hysteresis")
MORE_DIARIZERS = ("coherent", "builtin-ahc", "main", "margin", "distinct", "unguarded", "eigengap", "counted")
TARGETS = {"meetings": 0.25, "phone call": 0.12, "synthetic": 0.03, "pool": 0.03, "pool-extra": 0.03}
GRID_S = 0.01


def _annotation(turns):
    from pyannote.core import Annotation, Segment

    annotation = Annotation()
    for i, (start, end, speaker) in enumerate(turns):
        annotation[Segment(start, end), i] = speaker
    return annotation


def _rttm(path: Path):
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("SPEAKER")]
    return [(float(r[3]), float(r[3]) + float(r[4]), r[7]) for r in rows]


def extra_mixes(pool, count: int):
    """Yields ("tune", "pool-extra", name, audio, reference turns) of ``count`` more mixes of tune voices only
    (2 to 6 voices, three turns each, seeds 1000 on): the many cases a count rule is chosen on."""
    from tests.support import voice_pool

    for seed in range(count):
        order = voice_pool.meeting_orders(voice_pool.TUNE_VOICES, 2 + seed % 5, 3, 1000 + seed)
        mixed = voice_pool.mix_meeting(pool, order, seed=1000 + seed)
        yield "tune", "pool-extra", f"extra-{seed}", mixed.audio, mixed.turns


def clips(data: Path, extra: int = 0):
    """Yields (split, group, name, audio, reference turns); ``extra`` more tune-voice mixes at the end."""
    from audio_core.decode import decode_audio
    from tests.support import overlap_meeting

    voices = overlap_meeting.utterances(data) if (data / "synthetic" / "meeting.json").exists() else None
    for split, names in (("tune", TUNE_MEETINGS), ("report", REPORT_MEETINGS)):
        for name in names:
            yield split, "meetings", name, decode_audio(data / "meetings" / f"{name}.wav"), _rttm(data / "meetings" / f"{name}.rttm")
    yield "report", "phone call", "pyannote_sample", decode_audio(data / "real" / "pyannote_sample.wav"), _rttm(data / "real" / "pyannote_sample.rttm")
    if voices:
        meeting = json.loads((data / "synthetic" / "meeting.json").read_text())
        turns = [(t["start"], t["end"], t["speaker"]) for t in meeting["turns"]]
        yield "tune", "synthetic", "meeting", decode_audio(data / "synthetic" / "meeting.wav"), turns
        for split, name, order, seed in (("tune", "syn-tune", overlap_meeting.TUNE_ORDER, 1),
                                         ("tune", "syn-tune-4", overlap_meeting.TUNE_FOUR_ORDER, 3),
                                         ("report", "syn-report", overlap_meeting.REPORT_ORDER, 2)):
            mixed = overlap_meeting.mix_meeting(voices, order, seed=seed)
            yield split, "synthetic", name, mixed.audio, mixed.turns
        from tests.support import voice_pool

        pool = voice_pool.voice_pool(data)
        for split in ("tune", "report"):
            for name, mixed in voice_pool.pool_meetings(pool, split):
                yield split, "pool", name, mixed.audio, mixed.turns
        yield from extra_mixes(pool, extra)


def _grid(turns, duration_s: float) -> np.ndarray:
    """Returns (frames, ) the number of speakers active in each 10 ms frame."""
    grid = np.zeros(int(duration_s / GRID_S) + 2, np.int16)
    for start, end, _ in turns:
        grid[int(round(start / GRID_S)) : int(round(end / GRID_S))] += 1
    return grid


def overlap_figures(reference, hypothesis, duration_s: float) -> dict:
    """Returns the reference's overlap seconds, the one-speaker-at-a-time floor (share of reference
    speech an exclusive diarizer must miss) and overlap recall (share of reference overlap the
    hypothesis labels with two or more speakers)."""
    ref, hyp = _grid(reference, duration_s), _grid(hypothesis, duration_s)
    size = min(len(ref), len(hyp))
    ref, hyp = ref[:size], hyp[:size]
    overlap = ref >= 2
    total = float(ref.sum()) or 1.0
    return {
        "overlap_s": float(overlap.sum()) * GRID_S,
        "floor": float(np.maximum(ref - 1, 0).sum()) / total,
        "overlap_recall": float((overlap & (hyp >= 2)).sum()) / overlap.sum() if overlap.any() else None,
    }


def _cpu_s() -> float:
    return time.process_time()


def run_diarizers(speakers_known: bool, diarizers=DIARIZERS, splits=("tune", "report"), extra: int = 0):
    """Returns one row per (clip, diarizer)."""
    from pyannote.metrics.diarization import DiarizationErrorRate

    from app.engines import Engines
    from audio_core.decode import decode_audio
    from audio_core.diarize.builtin import DiarizationOptions, diarize_audio
    from audio_core.diarize.clustering import COUNT_THRESHOLD, ClusteringOptions
    from audio_core.diarize.overlap import FILLED_GAP_S, MAX_OVERLAPPED_SHARE, OverlapDiarizationOptions, diarize_overlapping
    from audio_core.diarize.powerset import OverlapDetection

    from audio_core.voice_encoder import VoiceEncoder

    engines = Engines()
    encoder, model = engines.diarization_encoder, engines.segmentation_model
    float_encoder = VoiceEncoder()
    warm = decode_audio(testdata_root() / "real" / "librivox_sas-0870.wav")
    diarize_audio(encoder, warm)
    diarize_overlapping(model, encoder, warm)
    diarize_overlapping(model, float_encoder, warm)
    rows = []
    for split, group, name, audio, reference in clips(testdata_root(), extra):
        count = len({s for _, _, s in reference}) if speakers_known else None
        duration_s = audio.size / 16000
        overlap = OverlapDiarizationOptions().with_speaker_count(count)
        hysteresis = replace(overlap, windows=replace(overlap.windows, overlap=OverlapDetection()))
        ahc_count = replace(overlap, builtin=replace(overlap.builtin, clustering=replace(overlap.builtin.clustering, count_threshold=COUNT_THRESHOLD)))
        eigengap = replace(overlap, builtin=replace(overlap.builtin, clustering=replace(overlap.builtin.clustering, min_silhouette=None)))
        margin = replace(overlap, distinct_in_window=False)
        distinct = replace(overlap, builtin=replace(overlap.builtin, clustering=replace(overlap.builtin.clustering, one_speaker_margin=None)))
        unguarded = replace(overlap, builtin=replace(overlap.builtin, clustering=replace(overlap.builtin.clustering, margin_min_silhouette=None)))
        clean = replace(overlap, max_overlapped_share=MAX_OVERLAPPED_SHARE)
        clean_fill = replace(clean, anchor_fills=True, max_gap_s=FILLED_GAP_S)
        previous = replace(overlap, builtin=replace(overlap.builtin, clustering=replace(overlap.builtin.clustering, cannot_link_merged=None)))
        coherent = replace(previous, builtin=replace(previous.builtin, clustering=replace(previous.builtin.clustering, coherent_count=False)))
        main = replace(margin, builtin=replace(overlap.builtin, clustering=replace(overlap.builtin.clustering, one_speaker_margin=None)))
        runs = {
            "builtin": lambda: diarize_audio(encoder, audio, DiarizationOptions(clustering=ClusteringOptions(num_speakers=count))),
            "overlap": lambda: diarize_overlapping(model, encoder, audio, overlap),
            "hysteresis": lambda: diarize_overlapping(model, encoder, audio, hysteresis),
            "ahc-count": lambda: diarize_overlapping(model, encoder, audio, ahc_count),
            "builtin-ahc": lambda: diarize_audio(encoder, audio, DiarizationOptions(
                clustering=ClusteringOptions(num_speakers=count, count_threshold=COUNT_THRESHOLD))),
            "float": lambda: diarize_overlapping(model, float_encoder, audio, overlap),
            "previous": lambda: diarize_overlapping(model, encoder, audio, previous),
            "clean": lambda: diarize_overlapping(model, encoder, audio, clean),
            "clean-fill": lambda: diarize_overlapping(model, encoder, audio, clean_fill),
            "float-clean-fill": lambda: diarize_overlapping(model, float_encoder, audio, clean_fill),
            "coherent": lambda: diarize_overlapping(model, encoder, audio, coherent),
            "main": lambda: diarize_overlapping(model, encoder, audio, main),
            "margin": lambda: diarize_overlapping(model, encoder, audio, margin),
            "distinct": lambda: diarize_overlapping(model, encoder, audio, distinct),
            "unguarded": lambda: diarize_overlapping(model, encoder, audio, unguarded),
            "eigengap": lambda: diarize_overlapping(model, encoder, audio, eigengap),
            "counted": lambda: diarize_overlapping(model, encoder, audio, replace(eigengap, count_from_pieces=True)),
            "clusters": lambda: diarize_overlapping(model, encoder, audio, replace(overlap, speakers_from="clusters")),
            # Cheaper candidates (--speed): clustering windows every 0.4 s, on the re-segmentation windows'
            # 0.2 s grid so one encoder run serves both; segmentation windows every 10/3 s or 5 s.
            "hop0.4": lambda: diarize_overlapping(model, encoder, audio, replace(overlap, builtin=replace(
                overlap.builtin, embedding=replace(overlap.builtin.embedding, hop_s=0.4)))),
            "step3.3": lambda: diarize_overlapping(model, encoder, audio, replace(overlap, windows=replace(overlap.windows, step_s=10 / 3))),
            "step5": lambda: diarize_overlapping(model, encoder, audio, replace(overlap, windows=replace(overlap.windows, step_s=5.0))),
        }
        if splits and split not in splits:
            continue
        for diarizer, run in ((d, runs[d]) for d in diarizers):
            wall, cpu = time.perf_counter(), _cpu_s()
            turns = run().turns
            wall, cpu = time.perf_counter() - wall, _cpu_s() - cpu
            hypothesis = [(t.start_s, t.end_s, t.speaker) for t in turns]
            detail = DiarizationErrorRate(collar=0.0, skip_overlap=False)(
                _annotation(reference), _annotation(hypothesis), detailed=True
            )
            rows.append({
                "split": split, "group": group, "clip": name, "diarizer": diarizer, "duration_s": duration_s,
                "wall_s": wall, "cpu_s": cpu, "total_s": detail["total"], "missed_s": detail["missed detection"],
                "false_alarm_s": detail["false alarm"], "confusion_s": detail["confusion"],
                "der": detail["diarization error rate"], "speakers_ref": len({s for _, _, s in reference}),
                "speakers_found": len({t.speaker for t in turns}), **overlap_figures(reference, hypothesis, duration_s),
            })
    return rows


def totals(rows) -> dict:
    """Returns DER and its parts pooled over each (diarizer, split, group)."""
    out: dict = {}
    for key in sorted({(r["diarizer"], r["split"], r["group"]) for r in rows}):
        part = [r for r in rows if (r["diarizer"], r["split"], r["group"]) == key]
        t = sum(r["total_s"] for r in part)
        overlap_s = sum(r["overlap_s"] for r in part)
        recalled = sum((r["overlap_recall"] or 0) * r["overlap_s"] for r in part)
        out["/".join(key)] = {
            "der": sum(r["missed_s"] + r["false_alarm_s"] + r["confusion_s"] for r in part) / t,
            "missed": sum(r["missed_s"] for r in part) / t,
            "false_alarm": sum(r["false_alarm_s"] for r in part) / t,
            "confusion": sum(r["confusion_s"] for r in part) / t,
            "floor": sum(r["floor"] * r["total_s"] for r in part) / t,
            "overlap_recall": recalled / overlap_s if overlap_s else None,
            "target": TARGETS[key[2]],
        }
    return out


def _print(rows, summary, load) -> dict:
    print(f"{'split':<7} {'clip':<16} {'diarizer':<8} {'DER':>6} {'miss':>6} {'FA':>6} {'conf':>6} {'floor':>6} "
          f"{'ovl rec':>7} {'spk':>6} {'CPU RTF':>7}")
    for r in rows:
        t = r["total_s"]
        recall = "-" if r["overlap_recall"] is None else f"{r['overlap_recall']:.0%}"
        print(f"{r['split']:<7} {r['clip']:<16} {r['diarizer']:<8} {r['der']:6.1%} {r['missed_s'] / t:6.1%} "
              f"{r['false_alarm_s'] / t:6.1%} {r['confusion_s'] / t:6.1%} {r['floor']:6.1%} {recall:>7} "
              f"{r['speakers_ref']:>2}/{r['speakers_found']:<3} {r['cpu_s'] / r['duration_s']:7.3f}")
    print(f"\n{'total (diarizer/split/group)':<32} {'DER':>6} {'target':>7} {'miss':>6} {'FA':>6} {'conf':>6} {'floor':>6} {'ovl rec':>7}")
    for key, g in summary.items():
        recall = "-" if g["overlap_recall"] is None else f"{g['overlap_recall']:.0%}"
        print(f"{key:<32} {g['der']:6.1%} {g['target']:7.0%} {g['missed']:6.1%} {g['false_alarm']:6.1%} "
              f"{g['confusion']:6.1%} {g['floor']:6.1%} {recall:>7}")
    speed = {}
    for diarizer in sorted({r["diarizer"] for r in rows}):
        part = [r for r in rows if r["diarizer"] == diarizer]
        audio_s = sum(r["duration_s"] for r in part)
        speed[diarizer] = {"rtf_wall": sum(r["wall_s"] for r in part) / audio_s,
                           "rtf_cpu": sum(r["cpu_s"] for r in part) / audio_s}
    def over(other: str):
        return speed["overlap"]["rtf_cpu"] / speed[other]["rtf_cpu"] if "overlap" in speed and other in speed else None

    ratio, counting, margin, quantized = over("builtin"), over("eigengap"), over("main"), over("float")
    constrained, coherent, clean = over("previous"), over("coherent"), over("clean-fill")
    ahc = 1 / over("ahc-count") if over("ahc-count") else None
    decoding = 1 / over("hysteresis") if over("hysteresis") else None
    figures = ", ".join(f"{d} {v['rtf_wall']:.3f} / {v['rtf_cpu']:.3f}" for d, v in speed.items())
    print(f"\nRTF wall / CPU: {figures} (target 0.05); cores {len(os.sched_getaffinity(0))}, "
          f"load {load[0]:.1f} -> {load[1]:.1f}")
    for name, value in (("overlap/builtin", ratio), ("separable counting: overlap/eigengap", counting),
                        ("one-speaker margin: overlap/main", margin), ("AHC count: ahc-count/overlap", ahc),
                        ("overlap decoding: hysteresis/overlap", decoding), ("int8 voice encoder: overlap/float", quantized),
                        ("cannot-link count: overlap/previous", constrained), ("coherent count: overlap/coherent", coherent),
                        ("clean-fill not adopted: overlap/clean-fill", clean)):
        if value is not None:
            print(f"{name} CPU {value:.2f}x")
    return {**speed, "overlap_over_builtin_cpu": ratio, "overlap_over_eigengap_cpu": counting, "overlap_over_main_cpu": margin,
            "ahc_count_over_overlap_cpu": ahc, "hysteresis_over_overlap_cpu": decoding, "overlap_over_float_cpu": quantized,
            "overlap_over_previous_cpu": constrained, "overlap_over_coherent_cpu": coherent, "overlap_over_clean_fill_cpu": clean}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers-known", action="store_true", help="give the reference speaker count")
    parser.add_argument("--all", action="store_true", help="also the pieces' own clustering (pyannote's way)")
    parser.add_argument("--speed", action="store_true", help="also the cheaper candidates (hop0.4, step3.3, step5)")
    parser.add_argument("--split", choices=("tune", "report"), help="only this split's clips (tune while choosing)")
    parser.add_argument("--extra-mixes", type=int, default=0, help="N more tune-voice mixes (group pool-extra)")
    parser.add_argument("--diarizers", help="comma-separated, of " + ",".join(DIARIZERS + MORE_DIARIZERS))
    args = parser.parse_args()
    chosen = tuple(args.diarizers.split(",")) if args.diarizers else DIARIZERS
    warnings.filterwarnings("ignore", message=".*uem.*")
    load_before = os.getloadavg()[0]
    splits = (args.split,) if args.split else ("tune", "report")
    extra = (("clusters",) if args.all else ()) + (("hop0.4", "step3.3", "step5") if args.speed else ())
    rows = run_diarizers(args.speakers_known, chosen + extra, splits, args.extra_mixes)
    summary = totals(rows)
    speed = _print(rows, summary, (load_before, os.getloadavg()[0]))
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "diarization.json").write_text(json.dumps({
        "speakers_known": args.speakers_known, "clips": rows, "totals": summary, "speed": speed,
        "cores": len(os.sched_getaffinity(0)), "load_avg_1m": [load_before, os.getloadavg()[0]],
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
