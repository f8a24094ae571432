"""Calibrating the voice-profile match threshold: false accepts and false rejects on real and synthetic voices.

Each speaker's reference speech (turns without overlap) is split in two:
one half enrols a profile, the other half stands for that speaker found in
a later recording. Genuine trials compare a profile with the same person's
other half (also across clips: dev00/dev01 share speakers, the LibriVox clips
share a reader); impostor trials compare it with everyone else. The match
threshold is chosen for zero false accepts with a safety margin.

    .venv/bin/python tests/bench/bench_voice_profiles.py

Prints FAR/FRR per threshold and writes tests/bench/results/voice_profiles.json.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401
from tests.bench.bench_diarization import MEETINGS, _rttm  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

MIN_HALF_S = 2.0
SAFETY_MARGIN = 0.02


def _exclusive(turns):
    """Returns the turns with every overlapped stretch removed."""
    out = []
    for i, (start, end, who) in enumerate(turns):
        pieces = [(start, end)]
        for j, (s2, e2, _) in enumerate(turns):
            if j == i:
                continue
            pieces = [p for a, b in pieces for p in ((a, min(b, s2)), (max(a, e2), b)) if p[1] - p[0] > 0.05]
        out += [(a, b, who) for a, b in pieces]
    return sorted(out)


def speaker_halves(data: Path):
    """Yields (speaker, source, first-half audio, second-half audio) per speaker with enough speech."""
    from audio_core.decode import decode_audio

    sources = [(f"meetings/{n}", data / "meetings" / f"{n}.wav", _rttm(data / "meetings" / f"{n}.rttm")) for n in MEETINGS]
    sources.append(("real/pyannote_sample", data / "real" / "pyannote_sample.wav", _rttm(data / "real" / "pyannote_sample.rttm")))
    meeting = data / "synthetic" / "meeting.json"
    if meeting.exists():
        turns = [(t["start"], t["end"], t["speaker"]) for t in json.loads(meeting.read_text())["turns"]]
        sources.append(("synthetic/meeting", data / "synthetic" / "meeting.wav", turns))
    for clip in sorted((data / "real").glob("librivox_*.wav")):
        sources.append((f"real/{clip.stem}", clip, [(0.0, 1e9, "librivox_reader")]))
    for source, path, turns in sources:
        audio = decode_audio(path)
        by_speaker: dict[str, list[np.ndarray]] = {}
        for start, end, who in _exclusive(turns):
            by_speaker.setdefault(who, []).append(audio[int(start * 16000): int(end * 16000)])
        for who, pieces in by_speaker.items():
            speech = np.concatenate(pieces)
            half = speech.size // 2
            if half >= MIN_HALF_S * 16000:
                yield who, source, speech[:half], speech[half:]


def main() -> int:
    from app.engines import Engines
    from app.voice_profiles import MATCH_THRESHOLD, voice_of

    engines = Engines()
    encoder = engines.voice_encoder
    entries = []
    for who, source, first, second in speaker_halves(testdata_root()):
        enrol, _ = voice_of(encoder, first)
        probe, _ = voice_of(encoder, second)
        # As the app matches them: profiles enrolled with the float encoder, voices found by the diarizer's int8 one.
        probe_int8, _ = voice_of(engines.diarization_encoder, second)
        if enrol.size and probe.size:
            entries.append((who, source, enrol, probe, probe_int8))
    genuine, impostor, genuine_int8, impostor_int8 = [], [], [], []
    for i, (who, source, enrol, *_) in enumerate(entries):
        for j, (who2, source2, _, probe, probe_int8) in enumerate(entries):
            (genuine if who == who2 else impostor).append(float(enrol @ probe))
            (genuine_int8 if who == who2 else impostor_int8).append(float(enrol @ probe_int8))
    genuine, impostor = np.array(genuine), np.array(impostor)
    genuine_int8, impostor_int8 = np.array(genuine_int8), np.array(impostor_int8)
    print(f"probes from the diarizer's int8 encoder: impostor max {impostor_int8.max():.3f}, genuine min "
          f"{genuine_int8.min():.3f}; at {MATCH_THRESHOLD}: FAR {np.mean(impostor_int8 >= MATCH_THRESHOLD):.2%}, "
          f"FRR {np.mean(genuine_int8 < MATCH_THRESHOLD):.2%} (float: {np.mean(impostor >= MATCH_THRESHOLD):.2%}, "
          f"{np.mean(genuine < MATCH_THRESHOLD):.2%})")
    chosen = round(float(impostor.max()) + SAFETY_MARGIN, 2)
    print(f"{len(entries)} speaker halves from {len({e[1] for e in entries})} recordings, "
          f"{len({e[0] for e in entries})} people; {len(genuine)} genuine and {len(impostor)} impostor trials")
    print(f"genuine similarity: min {genuine.min():.3f} median {np.median(genuine):.3f}; "
          f"impostor: median {np.median(impostor):.3f} max {impostor.max():.3f}")
    print(f"{'threshold':>9} {'FAR':>7} {'FRR':>7}")
    table = []
    for threshold in sorted({*np.round(np.arange(0.60, 0.96, 0.05), 2), chosen, MATCH_THRESHOLD}):
        far = float(np.mean(impostor >= threshold))
        frr = float(np.mean(genuine < threshold))
        table.append({"threshold": float(threshold), "far": far, "frr": frr})
        mark = "  <- zero FAR + margin" if threshold == chosen else ""
        mark += "  <- app.voice_profiles.MATCH_THRESHOLD" if threshold == MATCH_THRESHOLD else ""
        print(f"{threshold:9.2f} {far:7.2%} {frr:7.2%}{mark}")
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "voice_profiles.json").write_text(json.dumps({
        "trials": {"genuine": len(genuine), "impostor": len(impostor)},
        "impostor_max": float(impostor.max()), "genuine_min": float(genuine.min()),
        "suggested_threshold": chosen, "match_threshold": MATCH_THRESHOLD, "table": table,
        "int8_probes": {"impostor_max": float(impostor_int8.max()), "genuine_min": float(genuine_int8.min()),
                        "far": float(np.mean(impostor_int8 >= MATCH_THRESHOLD)),
                        "frr": float(np.mean(genuine_int8 < MATCH_THRESHOLD))},
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
