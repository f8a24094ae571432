"""Model manager figures: the speed of each installed model here, and what a download costs beyond the transfer.

1. RTF (processing s per audio s, CPU int8) of each installed model on 20 s of the
   bundled sample, via the same `measure_speed` that `hushnote models list --measure` uses,
   with the scaled estimates the list shows for the models not installed.
2. A download of the bundled tiny.en files (78 MB) from the test suite's local hub
   (127.0.0.1): wall time, and the share spent checking the hashes.

Run: .venv/bin/python tests/bench/bench_models.py [--models tiny.en base]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time

from common import write_results

os.environ["HUSHNOTE_HOME"] = tempfile.mkdtemp(prefix="bench-models-")

from app import model_download  # noqa: E402
from app.model_speed import estimate_speed, measure_speed, measured_speeds  # noqa: E402
from app.models_registry import KNOWN_MODELS, resolve_model  # noqa: E402
from tests.support.local_hub import LocalHub  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    args = parser.parse_args()
    speeds = {}
    for name in args.models:
        speeds[name] = round(measure_speed(name), 4)
        print(f"{name:15} RTF {speeds[name]:.3f} (measured)")
    measured = measured_speeds()
    estimates = {}
    for model in KNOWN_MODELS.values():
        if model.name not in speeds:
            estimate = estimate_speed(model, measured)
            estimates[model.name] = round(estimate.rtf, 3)
            print(f"{model.name:15} RTF ~{estimate.rtf:.3f} ({estimate.describe()})")

    hashing_s = []
    real_hashes = model_download._file_hashes

    def timed_hashes(path):
        started = time.perf_counter()
        try:
            return real_hashes(path)
        finally:
            hashing_s.append(time.perf_counter() - started)

    model_download._file_hashes = timed_hashes
    with LocalHub() as hub:
        repo = hub.add_repo("Systran/faster-whisper-small", resolve_model("tiny.en").path)
        os.environ["HF_ENDPOINT"] = hub.endpoint
        started = time.perf_counter()
        model_download.download_model(model_download.plan_download("small"))
        wall_s = time.perf_counter() - started
    size_mb = sum(len(f.data) for n, f in repo.files.items() if n != "README.md") / 1e6
    print(f"local download of {size_mb:.0f} MB: {wall_s:.1f} s, of which hash checks {sum(hashing_s):.1f} s")
    print("results:", write_results("models", {
        "rtf_measured": speeds, "rtf_estimated": estimates,
        "local_download": {"size_mb": round(size_mb, 1), "wall_s": round(wall_s, 2), "hash_check_s": round(sum(hashing_s), 2)},
    }))


if __name__ == "__main__":
    main()
