"""The bundled sample's per-note attackers on resynthesis, as the demo's privacy report measures them, over note secrets.

Run: .venv/bin/python tests/bench/bench_resynth_sample_attack.py [--draws 6] [--variants main,current]

The sample's three speakers are themselves TTS pool voices (Chris is flite
rms), the case where the own-voice check narrows the draw most. For each
note secret the sample (tiny.en's note of it) is resynthesised and measured
by ``app.privacy.alienation_measure.measure_alienation`` with LAZY_DRAWS
fixed attacker secrets: the ignorant attacker (enrols the originals) and the
lazy-informed one (resynthesises its own copy with its own secret), both
encoders. Variants, same secrets: ``main`` (previous main's draw:
``resynth_previous_draw``), ``current`` (today's), ``blind`` (no own-voice
check), and named constant changes (``VARIANTS``). Writes
tests/bench/results/resynth_sample_attack.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
import numpy as np  # noqa: E402

import audio_core.alienate.resynth as resynth_module  # noqa: E402
from app.engines import EngineSettings, Engines  # noqa: E402
from app.privacy.alienation_measure import LAZY_DRAWS, measure_alienation  # noqa: E402
from audio_core.alienate.apply import LabelledTurn  # noqa: E402
from audio_core.alienate.options import AlienationOptions  # noqa: E402
from audio_core.decode import decode_audio  # noqa: E402
from tests.assets.sample import SAMPLE_WAV  # noqa: E402
from tests.bench.resynth_previous_draw import draw_variant  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "results" / "resynth_sample_attack.json"
CACHE = ROOT / "tests" / ".cache" / "alienation" / "sample_note.pkl"
VARIANTS = {
    "blind": dict(AVOID_OWN_VOICE=False),
    "wide": dict(PITCH_JITTER_SEMITONES=(0.5, 4.0), FORMANT_JITTER=(0.02, 0.12)),
    "wider": dict(PITCH_JITTER_SEMITONES=(1.0, 5.0), FORMANT_JITTER=(0.03, 0.15)),
}


def _secret(label: str) -> bytes:
    return hashlib.sha256(label.encode()).digest()[:16]


def sample_note(engines):
    """Returns the sample's tiny.en transcript (cached: only the bundled sample's words)."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    from app.pipeline import transcribe_file

    transcript = transcribe_file(SAMPLE_WAV, engines)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps(transcript))
    return transcript


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=6, help="note secrets")
    parser.add_argument("--variants", default="main,current")
    parser.add_argument("--first-draw", type=int, default=0)
    args = parser.parse_args()
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    transcript = sample_note(engines)
    audio = decode_audio(SAMPLE_WAV)
    turns = [LabelledTurn(s.start_s, s.end_s, s.speaker_id, s.text, tuple(s.words)) for s in transcript.segments]
    options = AlienationOptions("resynth")
    lazy = [_secret(f"sample-lazy-{k}") for k in range(LAZY_DRAWS)]
    results = {}
    for name in args.variants.split(","):
        rows = []
        with draw_variant(name, VARIANTS):
            for draw in range(args.first_draw, args.first_draw + args.draws):
                secret = _secret(f"sample-note-{draw}")
                voices = resynth_module.drawn_voices(audio, turns, secret)
                alienated = resynth_module.resynthesise_recording(audio, turns, secret)
                measured = measure_alienation(engines, audio, alienated, transcript, options, measure_wer=False,
                                              lazy_secrets=lazy)
                row = {f"{m.attacker}/{m.encoder}": (m.eer, m.eer_worst) for m in measured.attackers}
                rows.append(dict(voices={s: f"{v.base.name} {v.pitch_semitones:+.1f}" for s, v in voices.items()}, eers=row))
                print(f"{name} draw {draw}: " + ", ".join(f"{s}={v}" for s, v in rows[-1]["voices"].items()) + " | "
                      + ", ".join(f"{k} {100 * e:.0f} ({100 * w:.0f})" for k, (e, w) in row.items()), flush=True)
        keys = rows[0]["eers"]
        results[name] = {k: dict(mean=float(np.mean([r["eers"][k][0] for r in rows])),
                                 worst=float(min(r["eers"][k][1] for r in rows)),
                                 worst_note=float(min(r["eers"][k][0] for r in rows))) for k in keys}
        results[name]["rows"] = rows
    print("\nmean over note secrets of the report's EER (worst single attacker draw; worst note's mean), %")
    for name, summary in results.items():
        print(f"  {name:10s} " + "; ".join(f"{k} {100 * v['mean']:.1f} ({100 * v['worst']:.1f}; {100 * v['worst_note']:.1f})"
                                           for k, v in summary.items() if k != "rows"))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(dict(draws=args.draws, lazy_draws=LAZY_DRAWS, results=results), indent=1))


if __name__ == "__main__":
    main()
