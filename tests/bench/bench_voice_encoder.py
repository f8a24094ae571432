"""Speaker encoder speed and equivalence: the numpy encoder beside Resemblyzer's torch original.

Both run the windows the built-in diarizer embeds (1.5 s every 0.25 s, Resemblyzer's
mel frames), in batches, on the same process and the same windows, interleaved
(the best of ``--repeats`` runs each, so a burst of load on a shared machine
does not pick the winner). The batch size and thread count of the numpy encoder
were chosen on the tune clips; the report clips are only measured:

    tune:   meetings dev00, dev01, trn01
    report: meetings trn03, trn04, trn06, the real phone call, the five read clips

Printed and written to tests/bench/results/voice_encoder.json: windows per second,
the numpy/torch speed ratio (> 1: numpy faster), and the lowest cosine between
the two encoders' embeddings of one window (target >= 0.9999; the diarizer's int8 encoder, also
shown, trades that for speed: its target is the tune DER of bench_diarization.py). Also the time to
load each encoder and the memory their import adds.

    .venv/bin/python tests/bench/bench_voice_encoder.py [--repeats 2]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches first)
from common import write_results  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

TUNE = ["meetings/dev00", "meetings/dev01", "meetings/trn01"]
REPORT = ["meetings/trn03", "meetings/trn04", "meetings/trn06", "real/pyannote_sample"] + [
    f"real/librivox_sas-{n}" for n in ("0870", "0880", "0890", "0920", "0930")
]
WINDOW_N, HOP_N = 150, 25  # EmbeddingOptions: 1.5 s windows every 0.25 s


def _windows(names: list[str]) -> np.ndarray:
    from audio_core.decode import decode_audio
    from audio_core.diarize.embeddings import _loudness_gain
    from audio_core.voice_encoder import mel_spectrogram

    out = []
    for name in names:
        audio = decode_audio(testdata_root() / f"{name}.wav")
        mels = mel_spectrogram(audio * _loudness_gain(audio))
        out += [mels[s : s + WINDOW_N] for s in range(0, len(mels) - WINDOW_N + 1, HOP_N)]
    return np.stack(out)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    rss0, start = _rss_mb(), time.perf_counter()
    from audio_core.voice_encoder import VoiceEncoder

    numpy_encoder = VoiceEncoder()
    numpy_load = (time.perf_counter() - start, _rss_mb() - rss0)
    int8_encoder = VoiceEncoder(quantized=True)  # the diarizer's (audio_core.voice_encoder.quantized)
    rss0, start = _rss_mb(), time.perf_counter()
    import torch
    from resemblyzer import VoiceEncoder as TorchVoiceEncoder

    torch_encoder = TorchVoiceEncoder(device="cpu", verbose=False)
    torch_load = (time.perf_counter() - start, _rss_mb() - rss0)

    def run_torch(mels, threads, batch):
        torch.set_num_threads(threads)
        with torch.inference_mode():
            return np.concatenate([torch_encoder(torch.from_numpy(mels[i : i + batch])).numpy() for i in range(0, len(mels), batch)])

    configs = {
        "torch 1 thread, batch 512 (old default)": lambda m: run_torch(m, 1, 512),
        "torch 2 threads, batch 512": lambda m: run_torch(m, 2, 512),
        "numpy 1 thread, batch 64": lambda m: numpy_encoder.embed_frames(m, 64, 1),
        "numpy 1 thread, batch 256": lambda m: numpy_encoder.embed_frames(m, 256, 1),
        "numpy 1 thread, batch 512 (default)": lambda m: numpy_encoder.embed_frames(m, 512, 1),
        "numpy 2 threads, batch 512": lambda m: numpy_encoder.embed_frames(m, 512, 2),
        "int8 onnxruntime 1 thread (diarizer)": lambda m: int8_encoder.embed_frames(m, 512, 1),
    }
    results: dict = {"load": {"numpy_s": numpy_load[0], "numpy_mb": numpy_load[1], "torch_s": torch_load[0], "torch_mb": torch_load[1]}}
    print(f"load: numpy {numpy_load[0]:.2f} s +{numpy_load[1]:.0f} MB, torch (import + weights) {torch_load[0]:.2f} s +{torch_load[1]:.0f} MB")
    print(f"load average {os.getloadavg()[0]:.1f} on {len(os.sched_getaffinity(0))} cores")
    for split, names in (("tune", TUNE), ("report", REPORT)):
        mels = _windows(names)
        best = {name: float("inf") for name in configs}
        outputs = {}
        for _ in range(args.repeats):
            for name, run in configs.items():
                started = time.perf_counter()
                outputs[name] = run(mels)
                best[name] = min(best[name], time.perf_counter() - started)
        reference = outputs["torch 1 thread, batch 512 (old default)"]
        print(f"\n{split}: {len(mels)} windows of 1.5 s")
        print(f"{'encoder':42} {'windows/s':>10} {'vs torch 1t':>12} {'min cosine':>11} {'mean cosine':>12}")
        rows = {}
        for name in configs:
            cosines = np.sum(outputs[name] * reference, axis=1)
            cosine = float(np.min(cosines))
            rows[name] = {"windows_per_s": len(mels) / best[name], "speed_vs_torch_1_thread": best["torch 1 thread, batch 512 (old default)"] / best[name],
                          "min_cosine_vs_torch": cosine, "mean_cosine_vs_torch": float(np.mean(cosines))}
            print(f"{name:42} {rows[name]['windows_per_s']:10.0f} {rows[name]['speed_vs_torch_1_thread']:11.2f}x {cosine:11.6f} {np.mean(cosines):12.6f}")
        results[split] = {"windows": len(mels), "rows": rows, "load_avg_1m_after": os.getloadavg()[0]}
    print("results:", write_results("voice_encoder", results))


if __name__ == "__main__":
    main()
