"""Runs one checkout's PII detection over sentences read as JSON on stdin; prints predictions, load cost and timing.

Used by bench_pii.py --baseline to put another revision (old main) beside this one in the same run:
    python tests/bench/pii_worker.py ROOT < {"lang": "en", "texts": [...]}
ROOT is the folder whose ``app`` package is imported (a checkout, or a revision exported by ``git archive``).
Prints {"predictions": [[[start, end, type], ...], ...], "load_cpu_s", "peak_rss_mb", "analyzer_rss_mb",
"detect_cpu_s", "words"}. The analyzer's memory is the resident size it adds, lexicons and gazetteers loaded.
"""
from __future__ import annotations

import json
import resource
import sys
import time


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    root = sys.argv[1]
    sys.path.insert(0, root)
    request = json.load(sys.stdin)
    import app  # noqa: F401  (offline switches)
    import presidio_analyzer  # noqa: F401  (imports torch: not the analyzer's own memory)
    import spacy  # noqa: F401

    from app.privacy.analyzer import build_analyzer
    from app.privacy.detect import find_pii_in_text

    before = _rss_mb()
    started = time.process_time()
    analyzer = build_analyzer()
    find_pii_in_text("Anna from the Leeds office. Danke Anna.", analyzer, language=request["lang"])
    from app.privacy.recognizers.name_lexicon import name_lexicon
    from app.privacy.recognizers.places import place_lexicon

    name_lexicon(), place_lexicon()  # loaded on first use: load cost, not detection
    load_cpu_s = time.process_time() - started
    analyzer_rss_mb = _rss_mb() - before
    started = time.process_time()
    predictions = [
        [[f.start, f.end, f.entity_type] for f in find_pii_in_text(text, analyzer, language=request["lang"])]
        for text in request["texts"]
    ]
    detect_cpu_s = time.process_time() - started
    json.dump({
        "predictions": predictions, "load_cpu_s": round(load_cpu_s, 2), "detect_cpu_s": round(detect_cpu_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "analyzer_rss_mb": round(analyzer_rss_mb, 1), "words": sum(len(t.split()) for t in request["texts"]),
    }, sys.stdout)


if __name__ == "__main__":
    main()
