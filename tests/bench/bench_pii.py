"""PII detection per language on generated spoken-form sets: Hushnote next to vanilla Presidio, dev and test side by side.

Run: /work/main/.venv/bin/python tests/bench/bench_pii.py [--errors dev] [--lang en,de] [--baseline REV]
For each language, prints span recall, precision and the share of sentences
without personal data left untouched, on the dev split (tuned on), English's
dev-fresh set (new values in the dev templates, tuned on too), the test
split (report only), the hand-written set (English: the labelled
sentences; German, French, Spanish: the synthetic meeting's turns) and, for
English, an independent check set written before the last round of tuning
and never tuned on (data/check/en.txt), check set 2, written before round 3's tuning (data/check2/en.txt), and check
set 3, written before round 4's (data/check3/en.txt), check set 4, written before round 6's (data/check4/en.txt:
HR, sales, support, medical, legal and school talk), and check set 5, written before round 7's (data/check5/en.txt:
stand-ups, finance close, logistics, ward handover, admissions, real estate, sports club and council talk), and check
set 6, written before round 8's (data/check6/en.txt: newsroom, charity, insurance claims, vet practice, travel agency,
game studio, wedding planning, recruitment, museum and podcast talk);
``--baseline REV`` runs that git revision (old main) beside this checkout, each in its own process, and prints both
revisions' scores and costs (analyzer load CPU time, resident memory it adds, detection time); vanilla Presidio
runs on the same sentences with the same spaCy pipeline (a blank tokenizer for
German). Also prints detection time per minute of transcript (at 150 spoken
words a minute), as CPU time: on a shared machine wall time measures the neighbours. Writes tests/bench/results/pii.json. Targets (test split):
English recall >= 0.97, precision >= 0.95, untouched >= 0.98; German, French,
Spanish recall >= 0.90, precision >= 0.90. ``--errors dev`` lists dev misses and
false alarms only: never tune on the test split.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import app  # noqa: E402,F401  (sets the offline switches first)
from app.privacy.analyzer import build_analyzer, build_vanilla_analyzer  # noqa: E402
from app.privacy.detect import find_pii_in_text  # noqa: E402
from app.privacy.recognizers.name_lexicon import name_lexicon  # noqa: E402
from app.privacy.recognizers.places import place_lexicon  # noqa: E402
from tests.bench.pii_scoring import LANGUAGES, load_check, load_eval, load_fresh, load_hand, score  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "pii.json"
WORDS_PER_MINUTE = 150
TARGETS = {"en": (0.97, 0.95, 0.98), "de": (0.90, 0.90, None), "fr": (0.90, 0.90, None), "es": (0.90, 0.90, None)}


def _row(result) -> dict:
    by_type = {t: {"gold": c.gold, "recall": round(c.recall, 3), "predicted": c.predicted, "precision": round(c.precision, 3)}
               for t, c in sorted(result.by_type.items())}
    return {"gold": result.overall.gold, "recall": round(result.overall.recall, 3),
            "precision": round(result.overall.precision, 3), "untouched": round(result.untouched, 3),
            "clean_sentences": result.clean_sentences, "leak_recall": round(result.leak_recall, 3), "by_type": by_type}


METRICS = (("items", "gold", "d"), ("clean sentences", "clean_sentences", "d"), ("recall", "recall", ".3f"),
           ("precision", "precision", ".3f"), ("untouched", "untouched", ".3f"), ("leak recall", "leak_recall", ".3f"))


def _print_columns(rows: dict) -> None:
    """Prints one column group per set (dev tuned on, test report only, hand, check sets): Hushnote, then the
    baseline revision (old main) and vanilla Presidio where they ran."""
    names = list(rows)
    systems = [s for s in ("hushnote", "main", "vanilla") if any(s in rows[n] for n in names)]
    width = 9 * len(systems)
    print(f"{'':<16}" + "".join(f"{name:>{width}}" for name in names))
    print(f"{'':<16}" + "".join("".join(f"{s:>9}" for s in systems) for _ in names))
    for label, key, fmt in METRICS:
        cells = ""
        for name in names:
            for system in systems:
                row = rows[name].get(system)
                shown = row is not None and (system == "hushnote" or key not in ("gold", "clean_sentences"))
                cells += f"{format(row[key], fmt):>9}" if shown else f"{'':>9}"
        print(f"{label:<16}{cells}")


def _export_revision(ref: str, folder: Path) -> Path:
    """Returns a folder holding ``app`` and ``audio_core`` as they are at git revision ``ref``."""
    root = Path(__file__).resolve().parents[2]
    archive = subprocess.run(["git", "-C", str(root), "archive", ref, "app", "audio_core"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _run_worker(root: Path, lang: str, texts: list[str]) -> dict:
    """Returns the worker's predictions and costs for the checkout at ``root`` (see pii_worker.py)."""
    worker = Path(__file__).parent / "pii_worker.py"
    done = subprocess.run([sys.executable, str(worker), str(root)], input=json.dumps({"lang": lang, "texts": texts}),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default=",".join(LANGUAGES))
    parser.add_argument("--errors", choices=["dev"], default=None, help="list the dev split's misses and false alarms")
    parser.add_argument("--no-vanilla", action="store_true")
    parser.add_argument("--sets", default="dev,dev-fresh,test,hand,check,check2,check3,check4,check5,check6", help="which sets to run (dev alone while tuning)")
    parser.add_argument("--baseline", default=None, metavar="REV",
                        help="a git revision (old main) run beside this checkout, each in its own process, for scores and costs")
    args = parser.parse_args()
    baseline_dir = _export_revision(args.baseline, Path(tempfile.mkdtemp(prefix="hushnote-pii-"))) if args.baseline else None
    ours = build_analyzer()
    vanilla = None if args.no_vanilla else build_vanilla_analyzer()
    report: dict = {}
    for lang in args.lang.split(","):
        find_pii_in_text("Anna from the Leeds office. Danke Anna.", ours, language=lang)  # lexicons load on first use: not timed
        name_lexicon(), place_lexicon()
        sets = {"dev": load_eval(lang, "dev"), "dev-fresh": load_fresh(lang), "test": load_eval(lang, "test")}
        sets["hand"] = load_hand(lang)
        sets["check"] = load_check(lang)
        sets["check2"] = load_check(lang, "check2")
        sets["check3"] = load_check(lang, "check3")
        sets["check4"] = load_check(lang, "check4")
        sets["check5"] = load_check(lang, "check5")
        sets["check6"] = load_check(lang, "check6")
        sets = {name: records for name, records in sets.items() if name in args.sets.split(",") and records}
        hushnote = lambda text: [(f.start, f.end, f.entity_type) for f in find_pii_in_text(text, ours, language=lang)]  # noqa: E731
        rows: dict = {}
        words = 0
        started = time.process_time()
        for name, records in sets.items():
            result = score(records, hushnote)
            rows[name] = {"hushnote": _row(result)}
            words += sum(len(r["text"].split()) for r in records)
            if args.errors == "dev" and name in ("dev", "dev-fresh"):
                for entity_type, span, text in result.misses:
                    print(f"MISS  {lang} {entity_type:<14} {span!r:40} | {text}")
                for entity_type, span, text in result.false_alarms:
                    print(f"FALSE {lang} {entity_type:<14} {span!r:40} | {text}")
        seconds = time.process_time() - started
        if vanilla is not None:
            vanilla.engine_for(lang)
            for name, records in sets.items():
                result = score(records, lambda text: [(f.start, f.end, f.entity_type) for f in vanilla.analyze(text, language=lang) if f.score >= 0.4])
                rows[name]["vanilla"] = _row(result)
        costs = {}
        if baseline_dir is not None:
            texts = [r["text"] for records in sets.values() for r in records]
            here = Path(__file__).resolve().parents[2]
            for system, root in (("main", baseline_dir), ("hushnote", here)):
                run = _run_worker(root, lang, texts)
                minutes = run["words"] / WORDS_PER_MINUTE
                costs[system] = {"load_cpu_s": run["load_cpu_s"], "analyzer_rss_mb": run["analyzer_rss_mb"],
                                 "peak_rss_mb": run["peak_rss_mb"], "detect_cpu_ms_per_minute": round(run["detect_cpu_s"] / minutes * 1000, 1)}
                if system == "main":
                    predicted = dict(zip(texts, run["predictions"]))
                    for name, records in sets.items():
                        rows[name]["main"] = _row(score(records, lambda text: [tuple(p) for p in predicted[text]]))
        per_minute_ms = seconds / (words / WORDS_PER_MINUTE) * 1000
        language_name, recognizers = ours.recognizers_used(lang)
        report[lang] = {"sets": rows, "detection_cpu_ms_per_transcript_minute": round(per_minute_ms, 1),
                        "recognizers": recognizers, "targets_test": TARGETS[lang]}
        if costs:
            report[lang]["costs_side_by_side"] = {"baseline": args.baseline, **costs}
        print(f"\n{language_name} ({lang}): {per_minute_ms:.0f} CPU ms per minute of transcript; target on test: "
              f"recall >= {TARGETS[lang][0]}, precision >= {TARGETS[lang][1]}" + (f", untouched >= {TARGETS[lang][2]}" if TARGETS[lang][2] else ""))
        _print_columns(rows)
        for system, cost in costs.items():
            print(f"  {system:<9} analyzer load {cost['load_cpu_s']:.2f} CPU s, +{cost['analyzer_rss_mb']:.0f} MB resident "
                  f"(peak {cost['peak_rss_mb']:.0f} MB), detection {cost['detect_cpu_ms_per_minute']:.0f} CPU ms per minute of transcript")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
