"""ASR speed and memory: `hushnote transcribe` next to a bare faster-whisper call.

Same model (bundled tiny.en), same settings (int8 on CPU, beam 5, word
timestamps, VAD), side by side in one run, on the bundled sample and on a
10-minute and a 60-minute concatenation of the shared test audio. Each run is
a fresh process so its peak RSS is its own. Two Hushnote rows per input:
"asr" is `--no-diarize --no-redact` (recognition alone), "full" is
`hushnote transcribe` as users run it (speakers and personal data found, a
redacted export written). The machine's load is recorded with the results.

Two more rows per input (unless --no-batched) use faster-whisper's batched
decoder (BatchedInferencePipeline, ``--decoder batched``): the full
``hushnote transcribe --decoder batched`` and a bare batched call, both
against the same bare sequential call. ``--decoders`` first compares the two
decoders' WER and CPU in one process: the shared test data (LibriVox clips,
the real phone call, the synthetic meeting) is the dev part the choice was
made on, the bundled sample (assets/sample) the report part, only reported.

Run: .venv/bin/python tests/bench/bench_asr.py [--quick] [--only INPUT] [--baseline OTHER_CHECKOUT] [--decoders]
(quick: sample + 10 min only; baseline: also the full run of another checkout, e.g. main, in the same run)
Targets (2 cores): asr overhead <= 1.3x bare, full <= 1.6x bare, RTF <= 0.15,
peak RSS <= 1 GB and no more than 15 % higher for 60 minutes than for 10;
batched decoder: WER within +0.5 points of sequential to be the default.
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

from common import ROOT, testdata_root, write_results

CHILD = r"""
import json, resource, sys, time
mode, audio, out = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
if mode == "asr":
    from app.cli.main import main
    code = main(["transcribe", audio, "--format", "json", "--out", out, "--device", "cpu", "--no-diarize", "--no-redact"])
    assert code == 0, code
elif mode in ("full", "full-batched"):
    from app.cli.main import main
    decoder = ["--decoder", "batched"] if mode == "full-batched" else []
    code = main(["transcribe", audio, "--format", "json", "--out", out, "--device", "cpu"] + decoder)
    assert code == 0, code
else:
    import app  # the same offline switches, nothing else
    from faster_whisper import WhisperModel
    from app.models_registry import resolve_model
    from audio_core.transcribe import AsrOptions, choose_device
    device = choose_device("cpu")
    model = WhisperModel(str(resolve_model("tiny.en").path), device="cpu", compute_type="int8", cpu_threads=device.cpu_threads)
    if mode == "bare-batched":
        from faster_whisper import BatchedInferencePipeline
        segments, info = BatchedInferencePipeline(model).transcribe(audio, **AsrOptions(language="en", decoder="batched").batched_kwargs())
    else:
        segments, info = model.transcribe(audio, **AsrOptions(language="en").faster_whisper_kwargs())
    words = sum(len(s.words or []) for s in segments)
used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print(json.dumps({"wall_s": time.perf_counter() - start, "cpu_s": sum(u.ru_utime + u.ru_stime for u in used),
                  "peak_rss_mb": used[0].ru_maxrss / 1024, "torch_loaded": "torch" in sys.modules}))
"""


def make_long_audio(minutes: float, folder: Path) -> Path:
    """Writes a WAV of ``minutes`` made by cycling through the shared test recordings."""
    import numpy as np
    import wave

    from audio_core.decode import decode_audio

    data = testdata_root()
    sources = sorted((data / "meetings").glob("*.wav")) + sorted((data / "real").glob("*.wav")) + sorted((data / "synthetic").glob("*.wav"))
    pieces = [decode_audio(p) for p in sources]
    target = int(minutes * 60 * 16_000)
    path = folder / f"concat_{int(minutes)}min.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        written, i = 0, 0
        while written < target:
            piece = pieces[i % len(pieces)][: target - written]
            out.writeframes((np.clip(piece, -1, 1) * 32767).astype("<i2").tobytes())
            written += piece.size
            i += 1
    return path


def run_child(mode: str, audio: Path, out: Path, code_root: Path = ROOT) -> dict:
    # --no-redact is written to the notebook's audit log, so the run gets a scratch notebook.
    env = {**os.environ, "PYTHONPATH": str(code_root), "HUSHNOTE_HOME": str(out / "home"), "HUSHNOTE_PASSPHRASE": "bench"}
    result = subprocess.run([sys.executable, "-c", CHILD, mode, str(audio), str(out)], capture_output=True, text=True, cwd=code_root, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{mode} failed on {audio.name}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def decoder_corpora() -> dict[str, tuple[str, list[tuple[Path, str]]]]:
    """Returns {name: (split, [(audio, reference text)])}: the shared test data (dev) and the bundled sample (report)."""
    from common import stm_text

    data = testdata_root()
    meeting = json.loads((data / "synthetic" / "meeting.json").read_text())
    sample = json.loads((ROOT / "assets" / "sample" / "meeting.json").read_text())
    return {
        "librivox": ("dev", [(p, p.with_suffix(".txt").read_text()) for p in sorted((data / "real").glob("librivox_*.wav"))]),
        "phone call": ("dev", [(data / "real" / "pyannote_sample.wav", stm_text(data / "real" / "pyannote_sample.stm"))]),
        "synthetic": ("dev", [(data / "synthetic" / "meeting.wav", " ".join(t["text"] for t in meeting["turns"]))]),
        "sample": ("report", [(ROOT / "assets" / "sample" / "meeting.wav", " ".join(t["text"] for t in sample["turns"]))]),
    }


def compare_decoders() -> dict:
    """Prints and returns WER and CPU seconds of the sequential and batched decoders, side by side, per corpus."""
    import time as clock

    from app.engines import EngineSettings, Engines
    from app.wer import normalize, word_error_rate
    from audio_core.decode import decode_audio
    from audio_core.transcribe import AsrOptions, transcribe_array

    recognizer = Engines(EngineSettings(device="cpu")).recognizer
    rows, pooled = [], {}
    print(f"{'corpus':11} {'split':6} {'words':>5} {'seq WER':>8} {'bat WER':>8} {'diff':>6} {'seq cpu s':>9} {'bat cpu s':>9}")
    for name, (split, items) in decoder_corpora().items():
        audios = [decode_audio(path) for path, _ in items]
        references = [reference for _, reference in items]
        row = {"corpus": name, "split": split, "words": sum(len(normalize(r)) for r in references)}
        for decoder in ("sequential", "batched"):
            options = AsrOptions(language="en", decoder=decoder)
            start = clock.process_time()
            hypotheses = [" ".join(s.text for s in transcribe_array(recognizer, audio, options)) for audio in audios]
            row[f"{decoder}_cpu_s"] = clock.process_time() - start
            row[f"{decoder}_wer"] = word_error_rate(references, hypotheses)
            errors = pooled.setdefault((split, decoder), [0.0, 0])
            errors[0] += row[f"{decoder}_wer"] * row["words"]
            errors[1] += row["words"]
        rows.append(row)
        print(f"{name:11} {split:6} {row['words']:5d} {row['sequential_wer']:8.1%} {row['batched_wer']:8.1%} "
              f"{100 * (row['batched_wer'] - row['sequential_wer']):+6.1f} {row['sequential_cpu_s']:9.1f} {row['batched_cpu_s']:9.1f}", flush=True)
    summary = {}
    for split in ("dev", "report"):
        part = [r for r in rows if r["split"] == split]
        mean = {d: sum(r[f"{d}_wer"] for r in part) / len(part) for d in ("sequential", "batched")}
        words = {d: pooled[(split, d)][0] / pooled[(split, d)][1] for d in ("sequential", "batched")}
        summary[split] = {"mean_wer": mean, "pooled_wer": words}
        print(f"{split:6} mean of corpora: sequential {mean['sequential']:.1%}, batched {mean['batched']:.1%} "
              f"({100 * (mean['batched'] - mean['sequential']):+.1f} points); pooled by words: {words['sequential']:.1%} / "
              f"{words['batched']:.1%}; worst corpus {max(100 * (r['batched_wer'] - r['sequential_wer']) for r in part):+.1f} points")
    return {"rows": rows, "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only the sample and 10 minutes")
    parser.add_argument("--skip-asr", action="store_true", help="leave out the recognition-only row (its columns print as 0)")
    parser.add_argument("--only", choices=("sample", "10 min", "60 min"), help="one input only")
    parser.add_argument("--baseline", type=Path, help="another checkout (e.g. main) whose full run is measured beside this one")
    parser.add_argument("--no-batched", action="store_true", help="leave out the batched decoder's rows")
    parser.add_argument("--decoders", action="store_true", help="first compare the decoders' WER and CPU on the test data")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import app  # noqa: F401
    from audio_core.decode import measure_duration

    rows = []
    decoders = compare_decoders() if args.decoders else None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        init = subprocess.run([sys.executable, "-m", "app", "notebook", "init"], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "HUSHNOTE_HOME": str(tmp / "home"), "HUSHNOTE_PASSPHRASE": "bench"})
        if init.returncode != 0:
            raise SystemExit(f"notebook init failed: {init.stderr}")
        wanted = [args.only] if args.only else ["sample", "10 min"] + ([] if args.quick else ["60 min"])
        inputs = [(label, ROOT / "assets" / "sample" / "meeting.wav" if label == "sample" else make_long_audio(int(label.split()[0]), tmp))
                  for label in wanted]
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {len(os.sched_getaffinity(0))} cores")
        print(f"{'input':8} {'audio s':>8} {'bare RTF':>9} {'asr RTF':>8} {'asr x':>7} {'full RTF':>9} {'full x':>7} "
              f"{'asr cpu x':>9} {'full cpu x':>10} {'bare MB':>8} {'asr MB':>7} {'full MB':>8} {'load':>5}")
        for label, audio in inputs:
            duration = measure_duration(audio)
            bare = run_child("bare", audio, tmp)
            asr = {"wall_s": 0.0, "cpu_s": 0.0, "peak_rss_mb": 0.0} if args.skip_asr else run_child("asr", audio, tmp)
            full = run_child("full", audio, tmp)
            baseline = run_child("full", audio, tmp, args.baseline) if args.baseline else None
            batched = None if args.no_batched else {"full": run_child("full-batched", audio, tmp), "bare": run_child("bare-batched", audio, tmp)}
            row = {
                "input": label,
                "audio_s": round(duration, 1),
                "bare_rtf": bare["wall_s"] / duration,
                "hushnote_rtf": asr["wall_s"] / duration,
                "overhead": asr["wall_s"] / bare["wall_s"],
                "full_rtf": full["wall_s"] / duration,
                "full_overhead": full["wall_s"] / bare["wall_s"],
                "asr_cpu_overhead": asr["cpu_s"] / bare["cpu_s"],
                "full_cpu_overhead": full["cpu_s"] / bare["cpu_s"],
                "full_loaded_torch": full["torch_loaded"],
                "bare_peak_rss_mb": bare["peak_rss_mb"],
                "hushnote_peak_rss_mb": asr["peak_rss_mb"],
                "full_peak_rss_mb": full["peak_rss_mb"],
                "load_avg_1m_after": os.getloadavg()[0],
            }
            if baseline:
                row.update({"baseline_full_overhead": baseline["wall_s"] / bare["wall_s"],
                            "baseline_full_cpu_overhead": baseline["cpu_s"] / bare["cpu_s"],
                            "baseline_full_peak_rss_mb": baseline["peak_rss_mb"], "baseline_loaded_torch": baseline["torch_loaded"]})
            if batched:
                row.update({"full_batched_overhead": batched["full"]["wall_s"] / bare["wall_s"],
                            "full_batched_cpu_overhead": batched["full"]["cpu_s"] / bare["cpu_s"],
                            "bare_batched_overhead": batched["bare"]["wall_s"] / bare["wall_s"],
                            "bare_batched_cpu_overhead": batched["bare"]["cpu_s"] / bare["cpu_s"],
                            "full_batched_peak_rss_mb": batched["full"]["peak_rss_mb"]})
            rows.append(row)
            print(
                f"{label:8} {duration:8.1f} {row['bare_rtf']:9.3f} {row['hushnote_rtf']:8.3f} {row['overhead']:6.2f}x "
                f"{row['full_rtf']:9.3f} {row['full_overhead']:6.2f}x {row['asr_cpu_overhead']:8.2f}x {row['full_cpu_overhead']:9.2f}x "
                f"{row['bare_peak_rss_mb']:8.0f} "
                f"{row['hushnote_peak_rss_mb']:7.0f} {row['full_peak_rss_mb']:8.0f} {row['load_avg_1m_after']:5.1f}",
                flush=True,
            )
            if baseline:
                print(f"{'  base':8} {'':8} {'':9} {'':8} {'':7} {baseline['wall_s'] / duration:9.3f} {row['baseline_full_overhead']:6.2f}x "
                      f"{'':9} {row['baseline_full_cpu_overhead']:9.2f}x {'':8} {'':7} {baseline['peak_rss_mb']:8.0f}  "
                      f"(full run of {args.baseline})", flush=True)
            if batched:
                print(f"{'  batched':8} {'':8} {batched['bare']['wall_s'] / duration:9.3f} {'':8} {row['bare_batched_overhead']:6.2f}x "
                      f"{batched['full']['wall_s'] / duration:9.3f} {row['full_batched_overhead']:6.2f}x "
                      f"{row['bare_batched_cpu_overhead']:8.2f}x {row['full_batched_cpu_overhead']:9.2f}x {batched['bare']['peak_rss_mb']:8.0f} "
                      f"{'':7} {batched['full']['peak_rss_mb']:8.0f}  (--decoder batched: bare batched call in the asr columns; "
                      f"all against the bare sequential call)", flush=True)
    summary = {"rows": rows, "decoders": decoders}
    by = {r["input"]: r for r in rows}
    if "60 min" in by and "10 min" in by:  # a run of one input (--only) has no growth to show
        for key, name in (("hushnote_peak_rss_mb", "asr"), ("full_peak_rss_mb", "full")):
            if not by["10 min"][key]:  # --skip-asr
                continue
            growth = by["60 min"][key] / by["10 min"][key] - 1
            summary[f"{name}_rss_growth_60_vs_10"] = growth
            print(f"{name} peak RSS 60 min vs 10 min: {growth:+.1%} (target <= +15 %)")
    print("results:", write_results("asr", summary))


if __name__ == "__main__":
    main()
