"""Diarization accuracy and speed of the built-in diarizer, per clip and in total.

DER by pyannote.metrics (no collar, overlapped speech scored, so an exclusive
diarizer pays for every overlap as a miss). Targets (issue 4): real meeting
clips total <= 25 % with the speaker count estimated, the real phone call
<= 15 %, the synthetic 3-voice meeting <= 5 %, RTF <= 0.05 on 2 cores.

    .venv/bin/python tests/bench/bench_diarization.py [--speakers-known] [--clustering ahc]

Speed is wall seconds and CPU seconds (this process's threads and any child
processes) per audio second, after a warm-up, with the load average printed:
the CPU figure is the one to trust on a shared machine. The benchmark clips
were also the data the defaults were tuned on (see DiarizationOptions).

Prints a table and writes tests/bench/results/diarization.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches first)
from tests.support.testdata import testdata_root  # noqa: E402

MEETINGS = ["dev00", "dev01", "trn01", "trn03", "trn04", "trn06"]
TARGETS = {"meetings": 0.25, "phone call": 0.15, "synthetic": 0.05}


def _annotation(turns):
    from pyannote.core import Annotation, Segment

    annotation = Annotation()
    for i, (start, end, speaker) in enumerate(turns):
        annotation[Segment(start, end), i] = speaker
    return annotation


def _rttm(path: Path):
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("SPEAKER")]
    return [(float(r[3]), float(r[3]) + float(r[4]), r[7]) for r in rows]


def clips(data: Path):
    """Yields (group, name, wav path, reference turns)."""
    for name in MEETINGS:
        yield "meetings", name, data / "meetings" / f"{name}.wav", _rttm(data / "meetings" / f"{name}.rttm")
    yield "phone call", "pyannote_sample", data / "real" / "pyannote_sample.wav", _rttm(data / "real" / "pyannote_sample.rttm")
    meeting = data / "synthetic" / "meeting.json"
    if meeting.exists():
        turns = [(t["start"], t["end"], t["speaker"]) for t in json.loads(meeting.read_text())["turns"]]
        yield "synthetic", "meeting", data / "synthetic" / "meeting.wav", turns


def _cpu_s() -> float:
    """Returns CPU seconds used so far by this process (all threads) and its finished children."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def _torch_threads() -> int:
    from audio_core.diarize.embeddings import EmbeddingOptions

    return EmbeddingOptions().torch_threads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers-known", action="store_true", help="give the reference speaker count")
    parser.add_argument("--clustering", choices=["spectral", "ahc"], default="spectral", help="clustering method")
    args = parser.parse_args()

    from pyannote.metrics.diarization import DiarizationErrorRate

    from app.engines import Engines
    from audio_core.decode import decode_audio
    from audio_core.diarize.builtin import DiarizationOptions, diarize_audio
    from audio_core.diarize.clustering import ClusteringOptions

    warnings.filterwarnings("ignore", message=".*uem.*")
    encoder = Engines().voice_encoder
    diarize_audio(encoder, decode_audio(testdata_root() / "real" / "librivox_sas-0870.wav"))  # warm-up
    rows, load_before = [], os.getloadavg()[0]
    for group, name, path, reference in clips(testdata_root()):
        audio = decode_audio(path)
        count = len({s for _, _, s in reference}) if args.speakers_known else None
        options = DiarizationOptions(clustering=ClusteringOptions(method=args.clustering, num_speakers=count))
        wall, cpu = time.perf_counter(), _cpu_s()
        turns = diarize_audio(encoder, audio, options).turns
        wall, cpu = time.perf_counter() - wall, _cpu_s() - cpu
        detail = DiarizationErrorRate(collar=0.0, skip_overlap=False)(
            _annotation(reference), _annotation([(t.start_s, t.end_s, t.speaker) for t in turns]), detailed=True
        )
        rows.append({
            "group": group, "clip": name, "duration_s": audio.size / 16000, "wall_s": wall, "cpu_s": cpu,
            "total_s": detail["total"], "missed_s": detail["missed detection"], "false_alarm_s": detail["false alarm"],
            "confusion_s": detail["confusion"], "der": detail["diarization error rate"],
            "speakers_ref": len({s for _, _, s in reference}), "speakers_found": len({t.speaker for t in turns}),
        })

    print(f"{'group':<11} {'clip':<16} {'DER':>6} {'miss':>6} {'FA':>6} {'conf':>6} {'spk ref/found':>14} {'RTF':>6} {'CPU/s':>6}")
    for r in rows:
        t = r["total_s"]
        print(f"{r['group']:<11} {r['clip']:<16} {r['der']:6.1%} {r['missed_s'] / t:6.1%} {r['false_alarm_s'] / t:6.1%} "
              f"{r['confusion_s'] / t:6.1%} {r['speakers_ref']:>7}/{r['speakers_found']:<6} {r['wall_s'] / r['duration_s']:6.3f} "
              f"{r['cpu_s'] / r['duration_s']:6.3f}")
    totals = {}
    print()
    print(f"{'total':<28} {'DER':>6} {'target':>7}  {'miss':>6} {'FA':>6} {'conf':>6}")
    for group, target in TARGETS.items():
        part = [r for r in rows if r["group"] == group]
        if not part:
            continue
        t = sum(r["total_s"] for r in part)
        err = sum(r["missed_s"] + r["false_alarm_s"] + r["confusion_s"] for r in part)
        totals[group] = {"der": err / t, "target": target, "missed": sum(r["missed_s"] for r in part) / t,
                         "false_alarm": sum(r["false_alarm_s"] for r in part) / t,
                         "confusion": sum(r["confusion_s"] for r in part) / t}
        g = totals[group]
        print(f"{group:<28} {g['der']:6.1%} {target:7.0%}  {g['missed']:6.1%} {g['false_alarm']:6.1%} {g['confusion']:6.1%}")
    audio_s = sum(r["duration_s"] for r in rows)
    rtf_wall = sum(r["wall_s"] for r in rows) / audio_s
    rtf_cpu = sum(r["cpu_s"] for r in rows) / audio_s
    load_after = os.getloadavg()[0]
    print(f"\nclustering {args.clustering}; RTF (wall) {rtf_wall:.3f}  target 0.05   CPU seconds per audio second {rtf_cpu:.3f} "
          f"(target about 0.10 on 2 idle cores)   torch threads {_torch_threads()}   "
          f"cores {len(os.sched_getaffinity(0))}, load average {load_before:.1f} -> {load_after:.1f}")

    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "diarization.json").write_text(json.dumps({
        "speakers_known": args.speakers_known, "clustering": args.clustering, "clips": rows, "totals": totals,
        "rtf_wall": rtf_wall, "cpu_s_per_audio_s": rtf_cpu, "cores": len(os.sched_getaffinity(0)),
        "load_avg_1m": [load_before, load_after],
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
