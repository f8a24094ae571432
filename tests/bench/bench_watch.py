"""The watch folder: what it costs to wait for a folder, and how fast dropped files become notes.

Run: .venv/bin/python tests/bench/bench_watch.py [--files 9]
- idle poll: milliseconds per look at a folder of 2,000 non-media and 200
  finished media files (the cost paid every 2 s while nothing is new);
- throughput: ``hushnote watch --once --save --no-diarize`` on N distinct
  LibriVox clips in a child process (models loaded once per run): wall time,
  seconds of audio per second, and the time spent waiting for files to
  settle (2 s at the start).
No target is set in the issue; the figures are for the README.
Writes tests/bench/results/watch.json.
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

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

from app.watch import FolderScan  # noqa: E402
from tests.bench.common import write_results  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

CLIPS = ("0870", "0880", "0890", "0920", "0930")
PASSPHRASE = "bench watch passphrase"


def idle_poll_ms(folder: Path) -> float:
    for i in range(2000):
        (folder / f"note-{i}.txt").write_bytes(b"x")
    for i in range(200):
        (folder / f"call-{i}.wav").write_bytes(b"RIFF")
    clock = [0.0]
    scan = FolderScan(folder, settle_s=1.0, clock=lambda: clock[0])
    scan.poll()
    clock[0] = 5.0
    for path in scan.poll()[0]:
        scan.mark_done(path)
    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        assert scan.poll() == ([], 0)
    return (time.perf_counter() - started) / rounds * 1000


def throughput(files: int, work: Path) -> dict:
    inbox = work / "inbox"
    inbox.mkdir()
    audio_s = 0.0
    for i in range(files):
        audio, rate = sf.read(testdata_root() / "real" / f"librivox_sas-{CLIPS[i % len(CLIPS)]}.wav", dtype="int16")
        audio = np.concatenate([audio, np.zeros(int(0.3 * rate) * (i // len(CLIPS)), dtype=np.int16)])
        sf.write(inbox / f"clip-{i:02d}.wav", audio, rate, subtype="PCM_16")
        audio_s += len(audio) / rate
    env = {**os.environ, "HUSHNOTE_PASSPHRASE": PASSPHRASE, "HUSHNOTE_HOME": str(work / "home"),
           "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "ui", "notebook", "init"], env=env, check=True, capture_output=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "ui", "watch", str(inbox), "--save", "--once", "--no-diarize"],
                            env=env, capture_output=True, text=True)
    wall_s = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    started = time.perf_counter()
    again = subprocess.run([sys.executable, "-m", "ui", "watch", str(inbox), "--save", "--once", "--no-diarize"],
                           env=env, capture_output=True, text=True)
    restart_s = time.perf_counter() - started
    assert "saved note" not in again.stdout
    return {"files": files, "audio_s": round(audio_s, 1), "wall_s": round(wall_s, 1),
            "audio_s_per_s": round(audio_s / wall_s, 2), "notes": result.stdout.count("saved note"),
            "restart_nothing_new_s": round(restart_s, 1), "settle_s": 2.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "idle").mkdir()
        figures = {"idle_poll_ms": round(idle_poll_ms(work / "idle"), 2),
                   **throughput(args.files, work)}
    print(json.dumps(figures, indent=2))
    print(write_results("watch", figures))


if __name__ == "__main__":
    main()
