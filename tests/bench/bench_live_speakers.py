"""Provisional live speakers (audio_core.diarize.online) against the exact turns, per clip and in total.

The live view labels each stretch of committed words once, in time order. This
benchmark cuts each clip's reference turns into stretches like the live
recogniser's committed word groups (0.4-3 s, in time order, each inside one
turn) and scores the labels: the share of speech time labelled with the wrong
speaker under the best one-to-one mapping ("live error"), and the speakers
found. Beside it, the live view before provisional labels (everything one
speaker) and the same clustering with another ``new_speaker_below`` (--sweep).

    tune:   AMI-style meetings dev00, dev01, trn01; synthetic pool meetings of tune voices (2-6 voices)
    report: AMI-style meetings trn03, trn04, trn06; the phone call; pool meetings of report voices

    .venv/bin/python tests/bench/bench_live_speakers.py [--sweep]

Also prints the CPU seconds spent per audio second (the live path's added cost).
Writes tests/bench/results/live_speakers.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches first)
from tests.support.testdata import testdata_root  # noqa: E402

TUNE_MEETINGS = ["dev00", "dev01", "trn01"]
REPORT_MEETINGS = ["trn03", "trn04", "trn06"]


def _rttm(path: Path):
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("SPEAKER")]
    return [(float(r[3]), float(r[3]) + float(r[4]), r[7]) for r in rows]


def clips(data: Path):
    """Yields (split, name, audio, reference turns)."""
    from audio_core.decode import decode_audio
    from tests.support import voice_pool

    for split, names in (("tune", TUNE_MEETINGS), ("report", REPORT_MEETINGS)):
        for name in names:
            yield split, name, decode_audio(data / "meetings" / f"{name}.wav"), _rttm(data / "meetings" / f"{name}.rttm")
    yield "report", "phone call", decode_audio(data / "real" / "pyannote_sample.wav"), _rttm(data / "real" / "pyannote_sample.rttm")
    pool = voice_pool.voice_pool(data)
    for split in ("tune", "report"):
        for name, mixed in voice_pool.pool_meetings(pool, split):
            yield split, name, mixed.audio, mixed.turns


def stretches(turns, seed: int) -> list[tuple[float, float, str]]:
    """Returns each turn cut into consecutive stretches of 0.4-3 s, in time order of their ends."""
    rng = np.random.default_rng(seed)
    out = []
    for start, end, speaker in turns:
        at = start
        while end - at > 0.2:
            length = float(rng.uniform(0.4, 3.0))
            out.append((at, min(end, at + length), speaker))
            at += length
    return sorted(out, key=lambda s: s[1])


def live_error(labelled: list[tuple[float, float, str, int]]) -> float:
    """Returns the share of stretch time whose label disagrees with the speaker under the best one-to-one mapping."""
    from scipy.optimize import linear_sum_assignment

    speakers = sorted({s for _, _, s, _ in labelled})
    found = sorted({l for *_, l in labelled})
    time_in = np.zeros((len(speakers), len(found)))
    for start, end, speaker, label in labelled:
        time_in[speakers.index(speaker), found.index(label)] += end - start
    rows, cols = linear_sum_assignment(-time_in)
    return 1.0 - float(time_in[rows, cols].sum()) / float(time_in.sum())


def run(thresholds: list[float]):
    """Returns one row per (clip, method)."""
    from app.engines import Engines
    from audio_core.diarize.online import OnlineSpeakerOptions, OnlineSpeakers

    encoder = Engines().voice_encoder
    rows = []
    for split, name, audio, reference in clips(testdata_root()):
        cut = stretches(reference, seed=len(name))
        duration_s = audio.size / 16000
        voices, cpu = [], time.process_time()
        probe = OnlineSpeakers(encoder)
        for start, end, _ in cut:
            piece = audio[int(start * 16000) : int(end * 16000)]
            voices.append((probe.voice_of(piece), end - start))
        embed_cpu = time.process_time() - cpu
        rows.append({"split": split, "clip": name, "method": "one speaker", "error": live_error([(*c, 0) for c in cut]),
                     "speakers_ref": len({s for *_, s in reference}), "speakers_found": 1, "cpu_rtf": 0.0})
        for threshold in thresholds:
            online = OnlineSpeakers(encoder, replace(OnlineSpeakerOptions(), new_speaker_below=threshold))
            labels = [online.assign_voice(v, d) for v, d in voices]
            labelled = [(*c, -1 if l is None else l) for c, l in zip(cut, labels)]
            rows.append({"split": split, "clip": name, "method": f"online {threshold:.2f}", "error": live_error(labelled),
                         "speakers_ref": len({s for *_, s in reference}), "speakers_found": online.count,
                         "cpu_rtf": embed_cpu / duration_s})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="also other new-speaker thresholds")
    args = parser.parse_args()
    from audio_core.diarize.online import OnlineSpeakerOptions

    default = OnlineSpeakerOptions().new_speaker_below
    thresholds = sorted({default, *([0.55, 0.6, 0.65, 0.7, 0.75, 0.8] if args.sweep else [])})
    rows = run(thresholds)
    print(f"{'split':<7} {'clip':<16} {'method':<12} {'error':>6} {'spk':>6} {'CPU RTF':>7}")
    for r in rows:
        print(f"{r['split']:<7} {r['clip']:<16} {r['method']:<12} {r['error']:6.1%} "
              f"{r['speakers_ref']:>2}/{r['speakers_found']:<3} {r['cpu_rtf']:7.3f}")
    totals = {}
    for split in ("tune", "report"):
        for method in dict.fromkeys(r["method"] for r in rows):
            part = [r for r in rows if r["split"] == split and r["method"] == method]
            totals[f"{split}/{method}"] = {
                "error": float(np.mean([r["error"] for r in part])),
                "count_exact": sum(r["speakers_found"] == r["speakers_ref"] for r in part) / len(part),
            }
    print(f"\n{'split/method':<22} {'mean error':>10} {'count right':>11}")
    for key, t in totals.items():
        print(f"{key:<22} {t['error']:10.1%} {t['count_exact']:11.0%}")
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "live_speakers.json").write_text(json.dumps({"clips": rows, "totals": totals}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
