"""Tunes the Silero VAD settings used before ASR on the shared test data.

Sweeps a small grid and prints the WER of tiny.en on the LibriVox clips, the
real phone call and the synthetic meeting for each; the chosen defaults live
in audio_core.vad.VadOptions. Run: .venv/bin/python tests/bench/tune_vad.py
"""
from __future__ import annotations

import itertools
import json

from common import stm_text, testdata_root, write_results

import app  # noqa: F401  (offline switches)
from app.diarization import SpeakerOptions
from app.engines import EngineSettings, Engines
from app.pipeline import PipelineOptions, transcribe_file
from app.wer import word_error_rate
from audio_core.transcribe import AsrOptions
from audio_core.vad import VadOptions

GRID = {"threshold": (0.35, 0.5), "min_silence_ms": (500, 1000), "speech_pad_ms": (200, 400)}


def main() -> None:
    data = testdata_root()
    engines = Engines(EngineSettings(device="cpu"))
    librivox = sorted((data / "real").glob("librivox_*.wav"))
    meeting = json.loads((data / "synthetic" / "meeting.json").read_text())
    corpora = {
        "librivox": [(p, p.with_suffix(".txt").read_text()) for p in librivox],
        "phone_call": [(data / "real" / "pyannote_sample.wav", stm_text(data / "real" / "pyannote_sample.stm"))],
        "synthetic": [(data / "synthetic" / "meeting.wav", " ".join(t["text"] for t in meeting["turns"]))],
    }
    rows = []
    candidates = [None] + [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    print(f"{'vad':32} {'librivox':>9} {'call':>6} {'synth':>6} {'mean':>6}")
    for params in candidates:
        asr = AsrOptions(vad=False) if params is None else AsrOptions(vad_options=VadOptions(**params))
        wers = {}
        for name, items in corpora.items():
            hyps = [transcribe_file(path, engines, PipelineOptions(asr=asr, speakers=SpeakerOptions(enabled=False), detect_pii=False)).text for path, _ in items]
            wers[name] = word_error_rate([ref for _, ref in items], hyps)
        mean = sum(wers.values()) / len(wers)
        label = "no VAD" if params is None else json.dumps(params)
        rows.append({"vad": params, **wers, "mean": mean})
        print(f"{label:32} {wers['librivox']:9.3f} {wers['phone_call']:6.3f} {wers['synthetic']:6.3f} {mean:6.3f}", flush=True)
    best = min(rows, key=lambda r: r["mean"])
    print("best:", best)
    print("results:", write_results("tune_vad", {"rows": rows, "best": best}))


if __name__ == "__main__":
    main()
