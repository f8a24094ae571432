"""Memory of the built-in diarizer's stored evidence and of its final pass, at 5, 10 and 20 minutes,
old (every block's evidence kept as it came, clustering over up to 2000 windows) beside new
(audio_core.diarize.evidence.EvidenceStore: clustering windows thinned to 1000, re-segmentation
windows in half precision).

The evidence of real speech (the six AMI-style meetings and the phone call, 3.5 min) is computed
once and repeated, shifted in time, to the wanted length: the encoders' own memory is per block
and does not grow, so what grows is what is kept between blocks and the final clustering and
re-segmentation over it. Peak bytes are numpy's (tracemalloc).

    .venv/bin/python tests/bench/bench_diarization_memory.py

Prints a table and writes tests/bench/results/diarization_memory.json.
"""
from __future__ import annotations

import json
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches first)
from tests.support.testdata import testdata_root  # noqa: E402

MINUTES = (5, 10, 20)
CLIPS = ["meetings/dev00", "meetings/dev01", "meetings/trn01", "meetings/trn03", "meetings/trn04", "meetings/trn06", "real/pyannote_sample"]


def _parts():
    from app.engines import Engines
    from audio_core.decode import decode_audio
    from audio_core.diarize.builtin import collect_evidence

    encoder = Engines().voice_encoder
    out = []
    for clip in CLIPS:
        audio = decode_audio(testdata_root() / f"{clip}.wav")
        out.append((audio.size / 16000, collect_evidence(encoder, [(0.0, audio)])))
    return out


def _shifted(part, offset_s):
    from audio_core.diarize.builtin import SpeechEvidence
    from audio_core.diarize.embeddings import WindowEmbeddings

    def move(w):
        return WindowEmbeddings(w.starts_s + offset_s, w.ends_s + offset_s, w.vectors.copy())

    return SpeechEvidence([(s + offset_s, e + offset_s) for s, e in part.regions], move(part.windows), move(part.segment_windows))


def measure(parts, minutes: int, method: str) -> dict:
    """Returns stored bytes, peak bytes and CPU seconds of keeping ``minutes`` of evidence and diarizing it."""
    import audio_core.diarize.clustering as clustering
    from audio_core.diarize.builtin import DiarizationOptions, join_evidence, turns_from_evidence
    from audio_core.diarize.evidence import EvidenceStore

    options = DiarizationOptions()
    before = clustering.MAX_CLUSTERED_WINDOWS
    if method == "old":
        clustering.MAX_CLUSTERED_WINDOWS = 2000
        options = replace(options, clustering=replace(options.clustering, min_silhouette=None))
    tracemalloc.start()
    cpu = time.process_time()
    offset_s, kept, store = 0.0, [], EvidenceStore()
    while offset_s < minutes * 60:
        for duration_s, part in parts:
            moved = _shifted(part, offset_s)
            kept.append(moved) if method == "old" else store.add(moved)
            offset_s += duration_s
    evidence = join_evidence(kept) if method == "old" else store.evidence()
    stored = sum(w.starts_s.nbytes + w.ends_s.nbytes + w.vectors.nbytes for w in (evidence.windows, evidence.segment_windows))
    diarization = turns_from_evidence(evidence, offset_s, options)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    clustering.MAX_CLUSTERED_WINDOWS = before
    return {"method": method, "minutes": minutes, "audio_s": offset_s, "stored_mb": stored / 1e6, "peak_mb": peak / 1e6,
            "cpu_s": time.process_time() - cpu, "speakers": len({t.speaker for t in diarization.turns})}


def main() -> int:
    parts = _parts()
    rows = [measure(parts, minutes, method) for minutes in MINUTES for method in ("old", "new")]
    print(f"{'method':<6} {'min':>4} {'stored MB':>10} {'peak MB':>8} {'CPU s':>6} {'spk':>4}")
    for r in rows:
        print(f"{r['method']:<6} {r['minutes']:>4} {r['stored_mb']:10.1f} {r['peak_mb']:8.1f} {r['cpu_s']:6.1f} {r['speakers']:>4}")
    growth = {}
    for method in ("old", "new"):
        mine = {r["minutes"]: r for r in rows if r["method"] == method}
        growth[method] = (mine[MINUTES[-1]]["peak_mb"] - mine[MINUTES[0]]["peak_mb"]) / (MINUTES[-1] - MINUTES[0])
    print(f"\npeak growth {MINUTES[0]}->{MINUTES[-1]} min: old {growth['old']:.2f} MB/min, new {growth['new']:.2f} MB/min")
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "diarization_memory.json").write_text(json.dumps({"rows": rows, "peak_growth_mb_per_min": growth}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
