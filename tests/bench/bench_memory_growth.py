"""Peak memory of the full ``hushnote transcribe`` at 10 and 60 minutes: this checkout beside another (old main),
in the same run, with where each peak was reached and whether the results are the same.

Each run is a fresh process (the CLI as users run it: speakers and personal data on, a redacted JSON export), with
a thread reading its resident size (/proc/self/status VmRSS) every 0.2 s and the stage it is in: "pass"
(decoding, recognition and the speakers' first pass, block by block), "speakers" (clustering and rebuilding the
turns), "personal data", "export". The inputs cycle through the shared test audio (bench_asr.make_long_audio).
Old and new runs of one length run at the same time, so they share the machine's load; their exports are compared
(same transcript, speakers and personal data; the creation time aside).

Second part (``--pieces``): personal data found with long texts annotated in pieces (app/privacy/long_text.py)
against one spaCy pass, spans compared, with spaCy's traced peak. Dev: the 206 sentences of
tests/bench/data/pii_sentences.jsonl as one meeting (the piece size was chosen on it and on the 10/60-minute
transcripts); report: the 570 sentences of tests/bench/data/pii_eval_en.jsonl, only reported.

Run: .venv/bin/python tests/bench/bench_memory_growth.py --baseline ../main [--minutes 10 60] [--pieces] [--results NAME]
Target: peak <= 1 GB and 60 minutes within +-15 % of 10 minutes (aim: < 8 %), the same results.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_asr import make_long_audio
from common import ROOT, write_results

CHILD = r"""
import functools, json, resource, sys, threading, time
audio, out = sys.argv[1], sys.argv[2]
stage, peaks, stop = ["pass"], {}, []

def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS"))

def sample():
    while not stop:
        peaks[stage[0]] = max(peaks.get(stage[0], 0.0), rss_mb())
        time.sleep(0.2)

def marked(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        stage[0] = name
        try:
            return fn(*args, **kwargs)
        finally:
            peaks[name] = max(peaks.get(name, 0.0), rss_mb())
    return wrapper

start = time.perf_counter()
threading.Thread(target=sample, daemon=True).start()
import app.cli.main as cli
import app.cli.cmd_transcribe as cmd_transcribe
import app.diarization as diarization
import app.pipeline.stages as stages
diarization.SpeakerFinder.apply = marked("speakers", diarization.SpeakerFinder.apply)
stages.find_personal_data = marked("personal data", stages.find_personal_data)
cmd_transcribe.prepare_export = marked("export", cmd_transcribe.prepare_export)
code = cli.main(["transcribe", audio, "--format", "json", "--out", out, "--device", "cpu"])
assert code == 0, code
stop.append(True)
used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print(json.dumps({"wall_s": time.perf_counter() - start, "cpu_s": sum(u.ru_utime + u.ru_stime for u in used),
                  "peak_rss_mb": used[0].ru_maxrss / 1024, "stage_peaks_mb": peaks}))
"""

STAGES = ("pass", "speakers", "personal data", "export")


def run_full(checkouts: dict[str, Path], audio: Path, out: Path) -> dict[str, dict]:
    """Returns, per checkout, wall and CPU seconds, peak RSS and per-stage peaks of one full transcribe of ``audio``
    with its code; the checkouts run at the same time, so they share the machine's load."""
    children = {}
    for name, root in checkouts.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(root), "HUSHNOTE_HOME": str(folder / "home")}
        children[name] = subprocess.Popen([sys.executable, "-c", CHILD, str(audio), str(folder)], stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True, cwd=root, env=env)
    runs = {}
    for name, child in children.items():
        stdout, stderr = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"{checkouts[name]} failed on {audio.name}:\n{stderr[-2000:]}")
        runs[name] = json.loads(stdout.strip().splitlines()[-1])
    return runs


def same_export(a: Path, b: Path) -> bool:
    """Returns whether two JSON exports hold the same transcript, speakers and personal data (creation time aside)."""
    left, right = (json.loads(p.read_text()) for p in (a, b))
    for data in (left, right):
        data.pop("created_at", None)
    return left == right


def compare_pieces() -> dict:
    """Prints and returns, per corpus, spans found in pieces vs in one pass and spaCy's traced peak both ways."""
    import tracemalloc

    import app.privacy.long_text as long_text
    from app.privacy.analyzer import build_analyzer
    from app.privacy.detect import detect_pii
    from audio_core.model import Segment, Transcript

    data = ROOT / "tests" / "bench" / "data"
    corpora = {
        "pii_sentences (dev)": [json.loads(line)["text"] for line in (data / "pii_sentences.jsonl").read_text().splitlines()
                                if line.strip() and json.loads(line)["split"] == "dev"],
        "pii_eval_en (report)": [json.loads(line)["text"] for line in (data / "pii_eval_en.jsonl").read_text().splitlines() if line.strip()],
    }
    analyzer = build_analyzer()
    nlp_engine = analyzer.engine_for("en").engine.nlp_engine
    piece_tokens = long_text.PIECE_TOKENS
    rows = []
    print(f"\n{'corpus':22} {'tokens':>7} {'spans':>6} {'same':>5} {'one-pass MB':>11} {'pieces MB':>9} {'one-pass s':>10} {'pieces s':>8}")
    for name, texts in corpora.items():
        meeting = Transcript(segments=[Segment(start_s=float(i), end_s=i + 1.0, text=t, words=[]) for i, t in enumerate(texts)],
                             language="en")
        text = " ".join(texts)
        row = {"corpus": name, "tokens": len(nlp_engine.nlp["en"].make_doc(text))}
        for label, size in (("one_pass", 10**9), ("pieces", piece_tokens)):
            long_text.PIECE_TOKENS = size
            cpu = time.process_time()
            row[f"{label}_spans"] = [(s.segment_index, s.start, s.end, s.entity_type, s.score) for s in detect_pii(meeting, analyzer)]
            row[f"{label}_cpu_s"] = time.process_time() - cpu
            tracemalloc.start()
            nlp_engine.process_text(text, "en")
            row[f"{label}_spacy_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        long_text.PIECE_TOKENS = piece_tokens
        row["same"] = row["one_pass_spans"] == row["pieces_spans"]
        row["spans"] = len(row.pop("pieces_spans"))
        row.pop("one_pass_spans")
        rows.append(row)
        print(f"{name:22} {row['tokens']:7d} {row['spans']:6d} {str(row['same']):>5} {row['one_pass_spacy_peak_mb']:11.1f} "
              f"{row['pieces_spacy_peak_mb']:9.1f} {row['one_pass_cpu_s']:10.2f} {row['pieces_cpu_s']:8.2f}", flush=True)
    return {"piece_tokens": piece_tokens, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, help="another checkout (e.g. main) measured beside this one")
    parser.add_argument("--minutes", type=int, nargs="+", default=[10, 60])
    parser.add_argument("--pieces", action="store_true", help="also compare detection in pieces with one pass")
    parser.add_argument("--results", default="memory_growth", help="name of the JSON written to tests/bench/results/")
    args = parser.parse_args()
    import app  # noqa: F401  (offline switches)

    checkouts = {"new": ROOT} | ({"old": args.baseline.resolve()} if args.baseline else {})
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {len(os.sched_getaffinity(0))} cores")
        print(f"{'input':7} {'code':4} {'peak MB':>8} " + " ".join(f"{s:>13}" for s in STAGES) + f" {'CPU s':>7} {'wall s':>7} {'same':>5}")
        for minutes in args.minutes:
            audio = make_long_audio(minutes, tmp)
            runs = run_full(checkouts, audio, tmp / f"{minutes}min")
            same = same_export(*(tmp / f"{minutes}min" / name / f"{audio.stem}.json" for name in checkouts)) if len(runs) == 2 else None
            for name, run in runs.items():
                rows.append({"minutes": minutes, "code": name, **run, "same_as_other": same})
                print(f"{minutes:4} min {name:4} {run['peak_rss_mb']:8.0f} "
                      + " ".join(f"{run['stage_peaks_mb'].get(s, 0.0):13.0f}" for s in STAGES)
                      + f" {run['cpu_s']:7.1f} {run['wall_s']:7.1f} {str(same):>5}", flush=True)
            audio.unlink()
    summary: dict = {"rows": rows}
    if len(args.minutes) > 1:
        low, high = min(args.minutes), max(args.minutes)
        for name in checkouts:
            peak = {r["minutes"]: r["peak_rss_mb"] for r in rows if r["code"] == name}
            cpu = {r["minutes"]: r["cpu_s"] for r in rows if r["code"] == name}
            summary[f"{name}_growth_{high}_vs_{low}"] = peak[high] / peak[low] - 1
            print(f"{name}: peak {peak[low]:.0f} -> {peak[high]:.0f} MB from {low} to {high} min: {peak[high] / peak[low] - 1:+.1%} "
                  f"(target within +-15 %, aim < 8 %); CPU {cpu[low]:.0f} / {cpu[high]:.0f} s")
        if "old" in checkouts:
            for minutes in args.minutes:
                old, new = (next(r for r in rows if r["minutes"] == minutes and r["code"] == c) for c in ("old", "new"))
                print(f"{minutes} min: new/old CPU {new['cpu_s'] / old['cpu_s']:.3f}x, peak {new['peak_rss_mb'] - old['peak_rss_mb']:+.0f} MB")
    if args.pieces:
        summary["pieces"] = compare_pieces()
    summary["load_avg_1m_after"] = os.getloadavg()[0]
    print("results:", write_results(args.results, summary))


if __name__ == "__main__":
    main()
