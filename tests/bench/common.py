"""Helpers shared by the benchmark scripts: test data, peak memory, JSON results."""
from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.testdata import testdata_root  # noqa: E402

RESULTS = ROOT / "tests" / "bench" / "results"


def write_results(name: str, data: dict) -> Path:
    """Writes ``data`` to tests/bench/results/<name>.json and returns the path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = {"machine": {"cpus": len(os.sched_getaffinity(0)), "load_avg_1m": os.getloadavg()[0]}, **data}
    path.write_text(json.dumps(data, indent=2))
    return path


def peak_rss_mb_of_children() -> float:
    """Returns the peak resident memory of the largest finished child process, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def stm_text(path: Path) -> str:
    """Returns the reference text of an STM file (speaker, start, end, text per line)."""
    return " ".join(line.split(None, 5)[5] for line in path.read_text().splitlines() if line.strip() and not line.startswith(";;"))
