"""Benchmark of decoding robustness and speed: the corpus's outcomes, multichannel vs mono, memory, isolation cost.

Run: ``.venv/bin/python tests/bench/bench_robustness.py`` (``--quick``: fewer
damaged files, shorter speed files). Prints and writes
tests/bench/results/robustness.json. Targets: 0 crashes, 0 tracebacks, 0
hangs over the corpus; multichannel decode within 2x of mono per
channel-second; peak memory flat with length for 8 channels.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
import soundfile  # noqa: E402

from tests.bench.common import ROOT, testdata_root, write_results  # noqa: E402
from tests.support.robustness_corpus import broken_cases, flip_bytes, invalid_sample_cases, load_speech, spread, valid_cases  # noqa: E402

CASE_TIMEOUT_S = 120


def _decode_outcome(path: Path) -> str:
    """Returns how decoding ``path`` in a fresh process ends: decoded, one_line_error, crash, traceback or hang."""
    script = (
        "import sys\nfrom audio_core.decode import decode_audio\nfrom audio_core.errors import InputError\n"
        "try:\n    decode_audio(sys.argv[1])\nexcept InputError as e:\n    print('ERROR', str(e)); sys.exit(2)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=CASE_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return "hang"
    if result.returncode < 0:
        return "crash"
    if "Traceback" in result.stderr:
        return "traceback"
    if result.returncode == 2:
        message = result.stdout.strip()
        return "decoder_crash_contained" if "the decoder crashed" in message else "one_line_error" if "\n" not in message else "many_lines"
    return "decoded" if result.returncode == 0 else f"exit_{result.returncode}"


def damaged_files(sources: list[Path], folder: Path, count: int, seed: int = 24) -> list[Path]:
    """Writes ``count`` damaged copies of ``sources`` (cut at random points and/or with flipped bytes); returns them."""
    rng = np.random.default_rng(seed)
    paths = []
    for index in range(count):
        source = sources[index % len(sources)]
        data = source.read_bytes()
        kind = ("cut", "flip_header", "flip_middle", "cut_and_flip")[index % 4]
        if kind in ("cut", "cut_and_flip"):
            data = data[: int(rng.integers(1, len(data)))]
        if kind in ("flip_header", "cut_and_flip"):
            data = flip_bytes(data, list(rng.integers(0, 64, 3)))
        if kind == "flip_middle":
            data = flip_bytes(data, list(rng.integers(len(data) // 4, 3 * len(data) // 4, 16)))
        path = folder / f"damaged_{index:03d}_{kind}_{source.name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def corpus_outcomes(folder: Path, damaged_count: int) -> dict:
    speech = load_speech(testdata_root())
    (folder / "valid").mkdir(parents=True)
    valid = valid_cases(folder / "valid", speech)
    samples = invalid_sample_cases(folder / "valid", speech)
    broken = broken_cases(folder / "broken", speech)
    (folder / "damaged").mkdir()
    damaged = damaged_files([c.path for c in valid], folder / "damaged", damaged_count)
    groups = {"valid": [c.path for c in valid + samples], "broken": [c.path for c in broken], "damaged": damaged}
    outcomes = {}
    for group, paths in groups.items():
        counts = Counter(_decode_outcome(p) for p in paths)
        outcomes[group] = {"cases": len(paths), **dict(counts)}
        print(f"decode {group:8s} {len(paths):4d} cases: {dict(counts)}", flush=True)
    outcomes["cli"] = cli_outcomes(groups, folder)
    return outcomes


def cli_outcomes(groups: dict[str, list[Path]], folder: Path) -> dict:
    """Runs one ``hushnote transcribe`` over the broken and damaged files and a few valid ones; returns what it printed."""
    names = [str(p) for p in groups["broken"] + groups["damaged"] + groups["valid"][:3]]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "ui", "transcribe", *names, "--no-diarize", "--out", str(folder / "out")],
        capture_output=True, text=True, timeout=3600, env=env, cwd=folder,
    )
    errors = [line for line in result.stderr.splitlines() if line.startswith("hushnote: error:")]
    summary = {
        "files": len(names),
        "exit_code": result.returncode,
        "error_lines": len(errors),
        "transcripts": len(list((folder / "out").glob("*.txt"))) if (folder / "out").exists() else 0,
        "tracebacks": result.stderr.count("Traceback"),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(f"cli: {summary}", flush=True)
    return summary


def _write_speechlike(path: Path, seconds: float, channels: int, rate: int = 48_000, subtype: str = "PCM_16") -> Path:
    speech = load_speech(testdata_root(), seconds=None)
    repeats = int(np.ceil(seconds * 16_000 / speech.size))
    block = spread(speech, channels, rate)
    with soundfile.SoundFile(str(path), "w", rate, channels, subtype=subtype, format=path.suffix.lstrip(".").upper()) as out:
        for _ in range(repeats):
            out.write(block)
    return path


def _time_decode(path: Path, isolated: bool, repeats: int = 3) -> float:
    from audio_core import decode, decode_native
    from audio_core.frames import SampleCounts

    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        if isolated:
            for _chunk in decode.iter_audio_chunks(path):
                pass
        else:
            for _chunk in decode_native.iter_chunks(decode_native.iter_source_frames(path, None, SampleCounts()), 16_000, 30.0):
                pass
        best = min(best, time.perf_counter() - started)
    return best


def speed(folder: Path, seconds: float) -> dict:
    """Decode time per channel-second for 1..32 channels (WAV, FLAC, Ogg), relative to mono."""
    results = {}
    for fmt, subtype, counts in (("wav", "PCM_16", (1, 2, 8, 32)), ("flac", "PCM_16", (1, 8)), ("ogg", "VORBIS", (1, 8))):
        per_channel_s = {}
        for channels in counts:
            path = _write_speechlike(folder / f"speed_{channels}.{fmt}", seconds, channels, subtype=subtype)
            elapsed = _time_decode(path, isolated=False)
            per_channel_s[channels] = elapsed / channels
            path.unlink()
        ratios = {str(c): round(v / per_channel_s[1], 3) for c, v in per_channel_s.items()}
        results[fmt] = {
            "seconds": seconds,
            "decode_s": {str(c): round(v * c, 3) for c, v in per_channel_s.items()},
            "per_channel_second_vs_mono": ratios,
        }
        print(f"speed {fmt}: decode s {results[fmt]['decode_s']}, per channel-second vs mono {ratios}", flush=True)
    return results


def isolation_cost(folder: Path) -> dict:
    """Seconds the child process adds per file: isolated minus in-process decode, for a 1 s and a 60 s file."""
    results = {}
    for seconds in (1.0, 60.0):
        path = _write_speechlike(folder / f"cost_{int(seconds)}.wav", seconds, 2)
        inside, isolated = _time_decode(path, False, 5), _time_decode(path, True, 5)
        results[f"{int(seconds)}s"] = {"in_process_s": round(inside, 3), "isolated_s": round(isolated, 3), "added_s": round(isolated - inside, 3)}
        print(f"isolation cost for a {seconds:.0f} s file: {results[f'{int(seconds)}s']}", flush=True)
    return results


def memory(folder: Path, lengths_s: tuple[float, ...]) -> dict:
    """Peak resident memory (MB) of the decoder child for 8-channel 48 kHz WAVs of each length."""
    results = {}
    for seconds in lengths_s:
        path = _write_speechlike(folder / f"memory_{int(seconds)}.wav", seconds, 8)
        script = (
            "import resource, sys\nfrom audio_core.decode import iter_audio_chunks\n"
            "n = sum(c.size for c in iter_audio_chunks(sys.argv[1]))\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
        )
        out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
        results[f"{int(seconds)}s"] = {"file_mb": round(path.stat().st_size / 2**20, 1), "child_peak_mb": float(out[0]), "parent_peak_mb": float(out[1])}
        print(f"memory, 8 channels, {seconds:.0f} s: {results[f'{int(seconds)}s']}", flush=True)
        path.unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer damaged files and shorter speed files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = {
            "corpus": corpus_outcomes(folder / "corpus", 40 if args.quick else 120),
            "speed": speed(folder, 30.0 if args.quick else 120.0),
            "isolation_cost": isolation_cost(folder),
            "memory": memory(folder, (60.0, 300.0) if args.quick else (60.0, 900.0)),
        }
    print(write_results("robustness", data))


if __name__ == "__main__":
    main()
