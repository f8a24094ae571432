"""Where the full ``hushnote transcribe`` spends its CPU, stage by stage, beside a bare faster-whisper call.

One process per run (the CLI as users run it, diarization and PII on); each
stage's function is wrapped to add up the process's CPU seconds (all threads,
decoder child included) while it runs. The background preload's own thread
CPU is shown apart; it runs during recognition, so the recognition figure
includes it. Inputs: the bundled sample and a 10-minute concatenation of the
shared test audio (as in bench_asr.py).

Run: .venv/bin/python tests/bench/bench_pipeline_stages.py [--minutes 10] [--decoder sequential|batched]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_asr import make_long_audio, run_child
from common import ROOT, write_results

CHILD = r"""
import functools, json, resource, sys, threading, time
audio, out, decoder = sys.argv[1], sys.argv[2], sys.argv[3]
stages = {}

def cpu():
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))

def timed(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = cpu()
        try:
            result = fn(*args, **kwargs)
            return list(result) if hasattr(result, "__next__") else result
        finally:
            stages[name] = stages.get(name, 0.0) + cpu() - start
    return wrapper

start = cpu()
import app.cli.main as cli
import app.diarization as diarization
import app.pipeline.preload as preload
import app.pipeline.stages as pipeline_stages
stages["imports"] = cpu() - start
pipeline_stages.transcribe_with_vocabulary = timed("recognition (+ preload thread)", pipeline_stages.transcribe_with_vocabulary)
diarization.SpeakerFinder.listen = timed("diarization: listen", diarization.SpeakerFinder.listen)
diarization.SpeakerFinder.apply = timed("diarization: cluster and assign", diarization.SpeakerFinder.apply)
pipeline_stages.find_personal_data = timed("personal data", pipeline_stages.find_personal_data)
load = preload._load
def thread_timed_load(engines, names):
    begin = time.thread_time()
    load(engines, names)
    stages["preload thread (spaCy, encoder)"] = time.thread_time() - begin
preload._load = thread_timed_load
import audio_core.diarize.builtin as builtin, audio_core.diarize.windows as windows, audio_core.diarize.speech as speech
import audio_core.diarize.overlap as overlap
speech_probabilities = speech.speech_probabilities
builtin.speech_probabilities = timed("  of which Silero VAD", speech_probabilities)
builtin.embed_window_sets = timed("  of which voice embeddings", builtin.embed_window_sets)
windows.WindowCollector._process = timed("  of which segmentation windows", windows.WindowCollector._process)
code = cli.main(["transcribe", audio, "--format", "json", "--out", out, "--device", "cpu", "--decoder", decoder])
assert code == 0, code
stages["total"] = cpu() - start
print(json.dumps(stages))
"""


ORDER = ("imports", "recognition (+ preload thread)", "preload thread (spaCy, encoder)", "diarization: listen",
         "  of which Silero VAD", "  of which voice embeddings", "  of which segmentation windows",
         "diarization: cluster and assign", "personal data", "total")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=int, default=10)
    parser.add_argument("--decoder", default="sequential", choices=("sequential", "batched"))
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inputs = {"sample": ROOT / "assets" / "sample" / "meeting.wav", f"{args.minutes} min": make_long_audio(args.minutes, tmp)}
        for label, audio in inputs.items():
            env = {**os.environ, "PYTHONPATH": str(ROOT), "HUSHNOTE_HOME": str(tmp / "home")}
            child = subprocess.run([sys.executable, "-c", CHILD, str(audio), str(tmp), args.decoder], capture_output=True, text=True,
                                   cwd=ROOT, env=env)
            if child.returncode != 0:
                raise SystemExit(child.stderr[-2000:])
            stages = json.loads(child.stdout.strip().splitlines()[-1])
            bare = run_child("bare", audio, tmp)
            results[label] = {"stages": stages, "bare_cpu_s": bare["cpu_s"]}
            print(f"\n{label} ({args.decoder} decoder; load {os.getloadavg()[0]:.1f}): CPU seconds")
            for name in ORDER:
                seconds = stages.get(name, 0.0)
                print(f"  {name:36} {seconds:7.1f}  {seconds / bare['cpu_s']:5.2f}x bare")
            print(f"  {'bare faster-whisper call':36} {bare['cpu_s']:7.1f}", flush=True)
    print("results:", write_results(f"pipeline_stages_{args.decoder}", results))


if __name__ == "__main__":
    main()
