"""Tunes normalise_random's parameter ranges on the TUNE speakers only (never the report set).

Run: .venv/bin/python tests/bench/tune_alienation.py [--draws 3]
For each candidate range set: lazy-informed and ignorant attackers with the
d-vector and Resemblyzer encoders on the tune speakers (EER mean and worst
over draws), and bare tiny.en's WER cost on the tune speakers' transcribed
recordings. Candidates patch audio_core.alienate.options' module constants.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
import audio_core.alienate.options as alienate_options  # noqa: E402
from app.engines import EngineSettings, Engines  # noqa: E402
from app.privacy.attackers import ENCODERS, make_encoder  # noqa: E402
from app.wer import word_error_rate  # noqa: E402
from tests.bench.alienation_corpus import TUNE, load_corpus  # noqa: E402
from tests.bench.bench_alienation import _alienate_all, _eers, _embed, _transcribe  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

CANDIDATES = {
    "current": {},
    # every draw from the strong end of each range: less luck, more change
    "strong-only": dict(RANDOM_PITCH_SEMITONES=(3.125, 4.375), RANDOM_FORMANT_CHANGE=(0.09, 0.125), RANDOM_SHIFT_HZ=(125.0, 162.5)),
    # a stronger secret EQ colouring, the main defence against the lazy-informed attacker
    "eq-20": dict(RANDOM_EQ_RMS_DB=20.0),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    args = parser.parse_args()
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    encoders = {name: make_encoder(name, engines) for name in ENCODERS}
    corpus = load_corpus(testdata_root())
    recordings = [r for r in corpus.recordings if any(t.speaker_id in TUNE for t in r.turns)]
    pieces = [p for p in corpus.pieces if p.speaker in TUNE]
    originals = {r.name: r.audio for r in recordings}
    original_emb = {n: _embed(e, originals, pieces, "enrol") for n, e in encoders.items()}
    wer_recs = [r for r in recordings if r.reference and r.kind == "synthetic" and r.name.endswith("-1") or r.name == "mfa-ls61"]
    wer0 = word_error_rate([r.reference for r in wer_recs], [_transcribe(engines, r.audio) for r in wer_recs])
    defaults = {k: getattr(alienate_options, k) for c in CANDIDATES.values() for k in c}
    options = alienate_options.AlienationOptions()
    for name in args.candidates.split(","):
        for key, value in {**defaults, **CANDIDATES[name]}.items():
            setattr(alienate_options, key, value)
        figures: dict[str, list[float]] = {}
        for draw in range(args.draws):
            note, _ = _alienate_all(recordings, options, f"tune-{draw}-note-")
            attacker, _ = _alienate_all(recordings, options, f"tune-{draw}-attacker-")
            for enc_name, encoder in encoders.items():
                test = _embed(encoder, note, pieces, "test")
                for attacker_name, enrol in (("ignorant", original_emb[enc_name]), ("lazy", _embed(encoder, attacker, pieces, "enrol"))):
                    cell = _eers(pieces, enrol, test)["tune/all"]
                    figures.setdefault(f"{attacker_name}/{enc_name}", []).append(cell["eer"])
            wer = word_error_rate([r.reference for r in wer_recs], [_transcribe(engines, note[r.name]) for r in wer_recs])
            figures.setdefault("wer_cost", []).append(100 * (wer - wer0))
        print(f"{name:<14}" + "  ".join(f"{k} {np.mean(v) * (1 if k == 'wer_cost' else 100):.1f} "
                                       f"(worst {(max(v) if k == 'wer_cost' else 100 * min(v)):.1f})" for k, v in figures.items()), flush=True)


if __name__ == "__main__":
    main()
