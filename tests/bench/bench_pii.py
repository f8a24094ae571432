"""PII detection on the spoken-form transcript set: Hushnote's analyzer next to vanilla Presidio.

Run: .venv/bin/python tests/bench/bench_pii.py [--errors]
Prints recall/precision per entity type and overall for both analyzers (same
spaCy model), and writes tests/bench/results/pii.json. Targets: recall >= 0.95,
precision >= 0.85 per type and overall. Scoring is explained in pii_scoring.py.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import app  # noqa: E402,F401  (sets the offline switches first)
from app.privacy.analyzer import build_analyzer, build_vanilla_analyzer  # noqa: E402
from app.privacy.detect import find_pii_in_text  # noqa: E402
from tests.bench.pii_scoring import SCORED_TYPES, load_dataset, score  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "pii.json"


def main() -> None:
    records = load_dataset()
    started = time.perf_counter()
    ours = build_analyzer()
    load_s = time.perf_counter() - started
    vanilla = build_vanilla_analyzer()

    started = time.perf_counter()
    hushnote = score(records, lambda text: [(f.start, f.end, f.entity_type) for f in find_pii_in_text(text, ours)])
    per_sentence_ms = (time.perf_counter() - started) / len(records) * 1000
    presidio = score(records, lambda text: [(f.start, f.end, f.entity_type) for f in vanilla.analyze(text) if f.score >= 0.4])
    held_out = score(load_dataset("test"), lambda text: [(f.start, f.end, f.entity_type) for f in find_pii_in_text(text, ours)])
    fresh = score(load_dataset("fresh"), lambda text: [(f.start, f.end, f.entity_type) for f in find_pii_in_text(text, ours)])

    print(f"{len(records)} sentences, {hushnote.overall.gold} PII items; analyzer load {load_s:.1f} s, {per_sentence_ms:.1f} ms/sentence")
    print(f"{'type':<16}{'n':>4}  {'recall':>8}{'prec.':>8}  {'vanilla R':>10}{'vanilla P':>10}")
    rows = {}
    for entity_type in [*SCORED_TYPES, "OVERALL"]:
        ours_c = hushnote.overall if entity_type == "OVERALL" else hushnote.by_type[entity_type]
        van_c = presidio.overall if entity_type == "OVERALL" else presidio.by_type[entity_type]
        rows[entity_type] = {
            "gold": ours_c.gold, "recall": round(ours_c.recall, 3), "precision": round(ours_c.precision, 3),
            "vanilla_recall": round(van_c.recall, 3), "vanilla_precision": round(van_c.precision, 3),
        }
        print(f"{entity_type:<16}{ours_c.gold:>4}  {ours_c.recall:>8.3f}{ours_c.precision:>8.3f}  {van_c.recall:>10.3f}{van_c.precision:>10.3f}")
    print(f"leak recall (any type): {hushnote.leak_recall:.3f} vs vanilla {presidio.leak_recall:.3f}; "
          f"character coverage {hushnote.char_coverage:.3f} vs vanilla {presidio.char_coverage:.3f}")
    print(f"held-out slice: recall {held_out.overall.recall:.3f}, precision {held_out.overall.precision:.3f}; "
          f"fresh block (written after tuning, {fresh.overall.gold} items): recall {fresh.overall.recall:.3f}, "
          f"precision {fresh.overall.precision:.3f}, leak recall {fresh.leak_recall:.3f}")
    if "--errors" in sys.argv:
        for kind, items in (("MISS", hushnote.misses), ("FALSE", hushnote.false_alarms), ("FRESH MISS", fresh.misses), ("FRESH FALSE", fresh.false_alarms)):
            for entity_type, span, text in items:
                print(f"{kind} {entity_type:<14} {span!r:40} | {text}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "sentences": len(records), "by_type": rows,
        "leak_recall": round(hushnote.leak_recall, 3), "vanilla_leak_recall": round(presidio.leak_recall, 3),
        "char_coverage": round(hushnote.char_coverage, 3), "vanilla_char_coverage": round(presidio.char_coverage, 3),
        "held_out": {"recall": round(held_out.overall.recall, 3), "precision": round(held_out.overall.precision, 3)},
        "fresh": {"recall": round(fresh.overall.recall, 3), "precision": round(fresh.overall.precision, 3),
                  "leak_recall": round(fresh.leak_recall, 3)},
        "analyzer_load_s": round(load_s, 2), "ms_per_sentence": round(per_sentence_ms, 1),
    }, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
