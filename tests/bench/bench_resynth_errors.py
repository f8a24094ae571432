"""Where resynthesis's remaining word errors come from, per piece, on TUNE recordings only.

Run: .venv/bin/python tests/bench/bench_resynth_errors.py [--secrets 4] [--variants current,...] [--show 20]

For each tune recording (``bench_resynth_tune_wer``'s set and cached note text) and secret, the note is
resynthesised, heard by bare tiny.en with word times, and every heard word is given to the placed piece its middle
falls in (or the nearest one). Each piece's text is aligned with what was heard of it (the WER normaliser's tokens),
and each error is classified:
- where: the piece's first word, its last word, or inside; an inserted word at its start or end;
- what: a filler ("um", "uh": the normaliser drops them, so an error only when heard as a word), a short function
  word, a number, a contraction ("I'm"), a capitalised name-like word, another word;
- whose: the piece's base voice;
- context: the same piece cut out of the resynthesised audio and heard alone (0.5 s of silence either side): errors
  that vanish alone come from its neighbours (pieces merged, a window cutting a word), those that stay from the
  voice on that text;
- loudness: each piece's level against the recording's median piece level.
Writes tests/bench/results/resynth_errors.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
import audio_core.alienate.resynth as resynth_module  # noqa: E402
from app.engines import EngineSettings, Engines  # noqa: E402
from app.wer import FILLERS, normalize  # noqa: E402
from audio_core import SAMPLE_RATE  # noqa: E402
from audio_core.transcribe import AsrOptions, transcribe_array  # noqa: E402
from tests.bench.bench_resynth_tune_wer import VARIANTS, recordings_with_notes  # noqa: E402
from tests.bench.resynth_previous_draw import draw_variant  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "results" / "resynth_errors.json"
FUNCTION_WORDS = set("a an the of to in on at by for and or but so if is are was were be am i you he she it we they "
                     "me him her us them my your our their this that these those with from as not no do does did "
                     "have has had will would can could just".split())


def align(ref: list[str], hyp: list[str]) -> list[tuple[str, int | None, int | None]]:
    """Returns the Levenshtein alignment as (op, ref index, hyp index): op is ok, sub, del or ins."""
    n, m = len(ref), len(hyp)
    cost = np.zeros((n + 1, m + 1), int)
    cost[:, 0] = np.arange(n + 1)
    cost[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i, j] = min(cost[i - 1, j] + 1, cost[i, j - 1] + 1, cost[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]))
    ops, i, j = [], n, m
    while i or j:
        if i and j and cost[i, j] == cost[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]):
            ops.append(("ok" if ref[i - 1] == hyp[j - 1] else "sub", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and cost[i, j] == cost[i - 1, j] + 1:
            ops.append(("del", i - 1, None))
            i -= 1
        else:
            ops.append(("ins", None, j - 1))
            j -= 1
    return ops[::-1]


def word_class(raw_words: list[str], token: str) -> str:
    """Returns the class of a normalised reference token, looking at the piece's raw words for case and apostrophes."""
    if token.isdigit():
        return "number"
    if token in FUNCTION_WORDS:
        return "function"
    raw = {w.strip(".,?!;:\"").lower(): w.strip(".,?!;:\"") for w in raw_words}
    for low, original in raw.items():
        if "'" in low and token in normalize(low):
            return "contraction"
    original = raw.get(token)
    if original and original[:1].isupper() and original != raw_words[0].strip(".,?!;:\""):
        return "name-like"
    return "other"


class _Recorder:
    """Records each spoken piece's TTS rate and its squeeze (synthesised length / placed length)."""

    def __enter__(self):
        self.rates, self.squeezes = [], []
        self.synthesizer = resynth_module.default_synthesizer()
        self.speak, self.fit = self.synthesizer.speak, resynth_module._fit_voice

        def speak(voice, text, rate=1.0):
            self.rates.append(rate)
            return self.speak(voice, text, rate)

        def fit(speech, voice, length, medians, sample_rate):
            self.squeezes.append(speech.size / max(1, length))
            return self.fit(speech, voice, length, medians, sample_rate)

        self.synthesizer.speak, resynth_module._fit_voice = speak, fit
        return self

    def __exit__(self, *exc):
        del self.synthesizer.speak
        resynth_module._fit_voice = self.fit


def heard_words(engines, audio) -> list:
    return [w for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en", word_timestamps=True))
            for w in s.words]


def _level_db(audio: np.ndarray) -> float:
    return 20 * np.log10(max(resynth_module._loudness(audio), 1e-9))


def analyse(engines, recordings, secrets: int, alone: bool) -> dict:
    """Returns error counts by class for the current constants, and the worst pieces."""
    tally: Counter = Counter()
    by_voice: dict[str, Counter] = {}
    pieces_out = []
    total_ref = 0
    for k in range(secrets):
        for rec in recordings:
            if not rec["note"]:
                continue
            secret = f"tune-wer-{k}-{rec['name']}".encode()
            with _Recorder() as recorder:
                out, placed = resynth_module.resynthesise(rec["audio"], rec["note"], secret)
            voices = resynth_module.drawn_voices(rec["audio"], rec["note"], secret)
            same = len(recorder.rates) == len(recorder.squeezes) == len(placed)  # no piece skipped: indices agree
            words = heard_words(engines, out)
            centres = np.array([(p.start_s + p.end_s) / 2 for p in placed])
            assigned: list[list[str]] = [[] for _ in placed]
            for w in words:
                mid = (w.start_s + w.end_s) / 2
                inside = [i for i, p in enumerate(placed) if p.start_s - 0.05 <= mid <= p.end_s + 0.05]
                i = inside[0] if inside else int(np.argmin(np.abs(centres - mid)))
                assigned[i].append(w.text)
            levels = [_level_db(out[int(p.start_s * SAMPLE_RATE) : int(p.end_s * SAMPLE_RATE)]) for p in placed]
            median_level = float(np.median(levels)) if levels else 0.0
            for i, p in enumerate(placed):
                voice = voices[p.speaker_id].base.name
                ref = normalize(resynth_module.speakable(p.text))
                hyp = normalize(" ".join(assigned[i]))
                raw_words = resynth_module.speakable(p.text).split()
                raw_tokens = [t for t in p.text.replace("-", " ").split()]
                filler_heard = sum(1 for t in raw_tokens if t.strip(".,?!").lower() in FILLERS)
                ops = align(ref, hyp)
                errors = [o for o in ops if o[0] != "ok"]
                total_ref += len(ref)
                counter = by_voice.setdefault(voice, Counter())
                counter["ref"] += len(ref)
                counter["errors"] += len(errors)
                tally["fillers in text"] += filler_heard
                for op, ri, hi in errors:
                    tally[f"op:{op}"] += 1
                    if op == "ins":
                        where = "ins-at-start" if all(o[0] == "ins" for o in ops[: ops.index((op, ri, hi)) + 1]) else (
                            "ins-at-end" if all(o[0] == "ins" for o in ops[ops.index((op, ri, hi)) :]) else "ins-inside")
                        tally[f"where:{where}"] += 1
                        continue
                    where = "first" if ri == 0 else "last" if ri == len(ref) - 1 else "inside"
                    if len(ref) == 1:
                        where = "only-word"
                    tally[f"where:{where}"] += 1
                    tally[f"class:{word_class(raw_words, ref[ri])}"] += 1
                alone_errors = None
                if alone and errors:
                    start, end = int(p.start_s * SAMPLE_RATE), int(p.end_s * SAMPLE_RATE)
                    pad = np.zeros(SAMPLE_RATE // 2, np.float32)
                    cut = np.concatenate([pad, out[start:end], pad])
                    alone_hyp = normalize(" ".join(w.text for w in heard_words(engines, cut)))
                    alone_errors = sum(1 for o in align(ref, alone_hyp) if o[0] != "ok")
                    tally["errors in pieces with errors"] += len(errors)
                    tally["same pieces' errors heard alone"] += alone_errors
                gap_before = p.start_s - placed[i - 1].end_s if i else None
                pieces_out.append(dict(recording=rec["name"], secret=k, voice=voice, start_s=round(p.start_s, 2),
                                       end_s=round(p.end_s, 2), gap_before_s=None if gap_before is None else round(gap_before, 2),
                                       level_db=round(levels[i] - median_level, 1), text=p.text,
                                       heard=" ".join(assigned[i]), errors=len(errors), ref_words=len(ref),
                                       alone_errors=alone_errors, rate=round(recorder.rates[i], 3) if same else -1.0,
                                       squeeze=round(recorder.squeezes[i], 3) if same else -1.0))
    errors_total = sum(v["errors"] for v in by_voice.values())
    return dict(ref_words=total_ref, errors=errors_total, tally=dict(tally),
                by_voice={v: dict(c) | {"wer": c["errors"] / max(1, c["ref"])} for v, c in by_voice.items()},
                pieces=pieces_out)


def _gap_table(pieces) -> dict:
    """Returns the error rate of pieces by the gap before them (placed), and by level against the median."""
    out = {}
    for label, lo, hi in (("gap<0.15", -9, 0.15), ("gap0.15-0.4", 0.15, 0.4), ("gap>=0.4", 0.4, 99)):
        chosen = [p for p in pieces if p["gap_before_s"] is not None and lo <= p["gap_before_s"] < hi]
        out[label] = (sum(p["errors"] for p in chosen), sum(p["ref_words"] for p in chosen), len(chosen))
    for label, lo, hi in (("level<-6dB", -99, -6), ("level-6..+3", -6, 3), ("level>=+3", 3, 99)):
        chosen = [p for p in pieces if lo <= p["level_db"] < hi]
        out[label] = (sum(p["errors"] for p in chosen), sum(p["ref_words"] for p in chosen), len(chosen))
    for label, lo, hi in (("rate<0.95", 0, 0.95), ("rate0.95-1.1", 0.95, 1.1), ("rate>=1.1", 1.1, 9)):
        chosen = [p for p in pieces if lo <= p["rate"] < hi]
        out[label] = (sum(p["errors"] for p in chosen), sum(p["ref_words"] for p in chosen), len(chosen))
    for label, lo, hi in (("squeeze<0.95", 0, 0.95), ("squeeze0.95-1.05", 0.95, 1.05), ("squeeze>=1.05", 1.05, 9)):
        chosen = [p for p in pieces if lo <= p["squeeze"] < hi]
        out[label] = (sum(p["errors"] for p in chosen), sum(p["ref_words"] for p in chosen), len(chosen))
    for label, lo, hi in (("words1-3", 1, 4), ("words4-8", 4, 9), ("words9+", 9, 999)):
        chosen = [p for p in pieces if lo <= p["ref_words"] < hi]
        out[label] = (sum(p["errors"] for p in chosen), sum(p["ref_words"] for p in chosen), len(chosen))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--secrets", type=int, default=4)
    parser.add_argument("--variants", default="current")
    parser.add_argument("--kinds", default="real conversation,real reading")
    parser.add_argument("--no-alone", action="store_true")
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    recordings = [r for r in recordings_with_notes(engines) if r["kind"] in args.kinds.split(",")]
    results = {}
    for name in args.variants.split(","):
        started = time.perf_counter()
        with draw_variant(name, VARIANTS):
            row = analyse(engines, recordings, args.secrets, not args.no_alone)
        row["by_gap_level_length"] = _gap_table(row["pieces"])
        results[name] = row
        print(f"== {name}: {row['errors']} errors / {row['ref_words']} words ({100 * row['errors'] / max(1, row['ref_words']):.1f} %), "
              f"{time.perf_counter() - started:.0f} s")
        for key, value in sorted(row["tally"].items()):
            print(f"  {key:36s} {value}")
        for voice, c in row["by_voice"].items():
            print(f"  voice {voice:20s} {c['errors']:3d} / {c['ref']:4d} = {100 * c['wer']:.1f} %")
        for key, (e, w, n) in row["by_gap_level_length"].items():
            print(f"  {key:14s} {e:3d} errors / {w:4d} words in {n:3d} pieces ({100 * e / max(1, w):.1f} %)")
        for p in sorted(row["pieces"], key=lambda p: -p["errors"])[: args.show]:
            print(f"  [{p['recording']} s{p['secret']} {p['voice']} gap {p['gap_before_s']} lvl {p['level_db']:+.0f} dB rate {p['rate']} sq {p['squeeze']} "
                  f"err {p['errors']}/{p['ref_words']} alone {p['alone_errors']}]\n     said : {p['text']}\n     heard: {p['heard']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(dict(secrets=args.secrets, results=results), indent=1))


if __name__ == "__main__":
    main()
