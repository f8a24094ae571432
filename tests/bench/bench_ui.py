"""How responsive the desktop app stays while it transcribes: event-loop stalls during an import.

Runs one real import (the bundled tiny.en, diarization and PII detection) of
a LibriVox clip twice: through the app's worker (a QThread) and, for
comparison, called directly on the UI thread. A 10 ms QTimer measures how
late the event loop answers. Prints both side by side and writes
tests/bench/results/ui.json. Run: .venv/bin/python tests/bench/bench_ui.py
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.testdata import testdata_root  # noqa: E402

CLIP = "real/librivox_sas-0930.wav"
TICK_MS = 10


def measure(run_import) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    gaps_ms: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps_ms.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    loop = QEventLoop()
    started = time.perf_counter()
    run_import(loop.quit)
    loop.exec()
    wall_s = time.perf_counter() - started
    timer.stop()
    gaps_ms.sort()
    return {
        "wall_s": round(wall_s, 2),
        "ticks": len(gaps_ms),
        "max_stall_ms": round(gaps_ms[-1], 1) if gaps_ms else round(wall_s * 1000, 1),
        "p99_stall_ms": round(gaps_ms[int(0.99 * (len(gaps_ms) - 1))], 1) if gaps_ms else round(wall_s * 1000, 1),
    }


def main() -> int:
    from app.engines import EngineSettings, Engines
    from audio_core.progress import CancelToken
    from ui.app import create_application
    from ui.workers import Worker, WorkerPool, import_job

    import tempfile

    from app.storage import KdfOptions, init_notebook

    app = create_application()
    clip = testdata_root() / CLIP
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    scratch = tempfile.TemporaryDirectory()
    storage = init_notebook(Path(scratch.name) / "bench.db", "bench", kdf=KdfOptions(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    import_job(clip, engines, storage)(lambda *a, **k: None, CancelToken())  # load every model once, outside the timing
    pool = WorkerPool()

    def on_worker(done):
        worker = Worker(import_job(clip, engines, storage), "bench import")
        worker.finished.connect(done)
        pool.start(worker)

    def on_ui_thread(done):
        from PySide6.QtCore import QTimer

        def run():
            import_job(clip, engines, storage)(lambda *a, **k: None, CancelToken())
            done()

        QTimer.singleShot(0, run)

    rows = {"worker thread (the app)": measure(on_worker), "UI thread (blocking, for comparison)": measure(on_ui_thread)}
    print(f"{'import of ' + CLIP:<40} {'wall s':>8} {'max stall ms':>13} {'p99 stall ms':>13}")
    for name, r in rows.items():
        print(f"{name:<40} {r['wall_s']:>8} {r['max_stall_ms']:>13} {str(r['p99_stall_ms']):>13}")
    ratio = rows["UI thread (blocking, for comparison)"]["max_stall_ms"] / max(rows["worker thread (the app)"]["max_stall_ms"], 1e-3)
    print(f"longest freeze, blocking vs worker: {ratio:.0f}x")
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ui.json").write_text(json.dumps({"clip": CLIP, "tick_ms": TICK_MS, "cpus": os.cpu_count(), "rows": rows,
                                             "max_stall_ratio": round(ratio, 1)}, indent=2))
    pool.cancel_all()
    storage.close()
    scratch.cleanup()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
