"""How responsive the desktop app stays while it transcribes: event-loop stalls during an import.

Runs one real import (the bundled tiny.en, diarization and PII detection) of
a LibriVox clip twice: through the app's worker (a QThread) and, for
comparison, called directly on the UI thread. A 10 ms QTimer measures how
late the event loop answers. Then, in fresh processes (nothing imported yet),
the first note opened right after unlock: with the app's background warm-up
(the privacy layer's modules; the PII analyzer, spaCy and Presidio, loads on
first detection since its imports, beside the UI, froze the first open for
0.1-0.5 s), and without it (the redaction module imported on the UI thread;
once that import pulled in Presidio and torch and froze the first open for 3-12 s).
The unlock is the app's own: the unlock dialog, the passphrase typed key by key
at a fast typist's pace (or set at once, as the keychain does), the real KDF;
the stalls while unlocking are reported apart, and so is the longest stall of
the same process left alone as long afterwards (on a shared, loaded machine the
scheduler alone stalls an idle event loop by tens of milliseconds). The note
opened is the dev note, tuned on; ``--report`` adds the report note (another
shape and size, never tuned on) for the app and the baseline. Each case runs in ``--repeats``
fresh processes, alternating; the table gives the median and the worst.
Target: longest UI-thread stall of the first open <= 100 ms. Prints all side
by side and writes tests/bench/results/ui.json.
Run: .venv/bin/python tests/bench/bench_ui.py [--baseline OTHER_CHECKOUT] [--repeats N] [--first-open-only] [--report]
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("BENCH_CODE_ROOT", str(ROOT)))  # a baseline child runs another checkout's code

from tests.support.testdata import testdata_root  # noqa: E402

CLIP = "real/librivox_sas-0930.wav"
# --baseline OTHER_CHECKOUT: also the first open of another checkout (e.g. main), in the same run
BASELINE = Path(sys.argv[sys.argv.index("--baseline") + 1]) if "--baseline" in sys.argv else None
REPORT = "--report" in sys.argv  # also the report note (see bench_note), for the final figures only
TICK_MS = 10


def measure(run_import, split_at: list[float] | None = None) -> dict:
    """Runs ``run_import(done)`` under a 10 ms timer; returns how late it fired (stalls). With ``split_at`` (a list
    that gets one perf_counter time during the run), the stalls before that time are reported apart ("before_")."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    gaps_ms: list[float] = []
    before_ms: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        (before_ms if split_at is not None and not split_at else gaps_ms).append(now - last[0])
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
    extra = {"before_max_stall_ms": round(max(before_ms, default=0.0), 1)} if split_at is not None else {}
    return extra | {
        "wall_s": round(wall_s, 2),
        "ticks": len(gaps_ms),
        "max_stall_ms": round(gaps_ms[-1], 1) if gaps_ms else round(wall_s * 1000, 1),
        "p99_stall_ms": round(gaps_ms[int(0.99 * (len(gaps_ms) - 1))], 1) if gaps_ms else round(wall_s * 1000, 1),
    }


FIRST_OPEN_WINDOW_S = 12.0  # long enough for the warm-up to finish on 2 busy cores
PASSPHRASE = "velvet orbit anchor 42"
TYPING_CHARS_PER_S = 6.0  # a fast typist (about 70 words a minute): slower typing leaves the warm-up more time


REPORT_WORDS = ("budget", "quarter", "the", "review", "Springfield", "we", "agreed", "to", "send", "contract", "on",
                "Tuesday", "and", "call", "back", "about", "shipping", "delays", "in", "March")


def bench_note(shape: str):
    """Returns the note the first open shows: "dev" (tuned on: 400 words in 20 segments, one speaker, 200 s of
    silence) or "report" (only reported: 1,500 words in 75 segments of changing length, two speakers, 400 s of
    quiet noise)."""
    import numpy as np

    from audio_core.model import Segment, Speaker, Transcript, Word
    from ui.notebook import Note

    if shape == "dev":
        words = [Word(f" word{i}", i * 0.5, i * 0.5 + 0.4, 1.0, "S1") for i in range(400)]
        segments = [Segment(words[i].start_s, words[i + 19].end_s, "".join(w.text for w in words[i:i + 20]), words[i:i + 20], "S1")
                    for i in range(0, 400, 20)]
        return Note(None, Transcript(segments=segments, speakers=[Speaker("S1", "Speaker 1")], duration_s=200.0),
                    np.zeros(16000 * 200, np.float32))
    rng = np.random.default_rng(7)
    words = [Word(" " + REPORT_WORDS[i % len(REPORT_WORDS)], i * 0.26, i * 0.26 + 0.2, 0.9, "") for i in range(1500)]
    segments, start = [], 0
    while start < len(words):
        end = min(len(words), start + int(rng.integers(8, 33)))
        speaker = f"S{len(segments) % 2 + 1}"
        chunk = [Word(w.text, w.start_s, w.end_s, w.probability, speaker) for w in words[start:end]]
        segments.append(Segment(chunk[0].start_s, chunk[-1].end_s, "".join(w.text for w in chunk), chunk, speaker))
        start = end
    audio = (rng.standard_normal(16000 * 400) * 0.01).astype(np.float32)
    return Note(None, Transcript(segments=segments, speakers=[Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")],
                                 duration_s=400.0), audio)


def first_open(blocking: bool, typed: bool, shape: str = "dev") -> dict:
    """In this (fresh) process: launch the window on a notebook with one note (``bench_note(shape)``), unlock it
    through the unlock dialog (the passphrase ``typed`` key by key, or set at once as a keychain would), open the
    note at once, and measure the UI thread's stalls while unlocking and for a while after the open."""
    import importlib
    import tempfile

    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from app.engines import EngineSettings, Engines
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.notebook import DesktopNotebook
    from ui.settings import UiSettings

    app = create_application()
    folder = Path(tempfile.mkdtemp())
    book = DesktopNotebook.create(PASSPHRASE, folder / "notebook.db")  # a notebook from an earlier session
    note = bench_note(shape)
    note_id = book.save(note)
    book.close()
    window = MainWindow(UiSettings(auto_lock_min=0), Engines(EngineSettings(model="tiny.en", device="cpu")),
                        notebook_path=folder / "notebook.db", persist_settings=False)
    window.show()
    if blocking:
        window.warmed_engines = window.engines  # no warm-up: the first open imports redaction on the UI thread
    unlocked_at: list[float] = []

    def run(done):
        def opened():
            unlocked_at.append(time.perf_counter())
            if blocking:
                importlib.import_module("app.privacy.redact")
            window.open_note(note_id)
            QTimer.singleShot(int(FIRST_OPEN_WINDOW_S * 1000), done)

        def ask():
            dialog = window.ask_unlock()
            if not typed:
                dialog.passphrase.setText(PASSPHRASE)
                dialog.submit.click()
                return
            step_ms = 1000 / TYPING_CHARS_PER_S
            for i, char in enumerate(PASSPHRASE):
                QTimer.singleShot(int(i * step_ms), lambda c=char: QTest.keyClick(dialog.passphrase, c))

            def submit():
                if dialog.passphrase.text() != PASSPHRASE:  # a key event lost on a very busy machine: not the app's doing
                    dialog.passphrase.setText(PASSPHRASE)
                dialog.submit.click()

            QTimer.singleShot(int(len(PASSPHRASE) * step_ms), submit)
            QTimer.singleShot(120_000, lambda: None if unlocked_at else done())  # never wait forever on a failed unlock

        window.unlocked.connect(opened)
        QTimer.singleShot(0, ask)

    result = measure(run, split_at=unlocked_at)
    # The same process left alone for as long, the note open and nothing running: on a shared, loaded machine the
    # scheduler alone stalls the event loop now and then; that floor is reported beside the first open's stalls.
    idle = measure(lambda done: QTimer.singleShot(int(FIRST_OPEN_WINDOW_S * 1000), done))
    result["idle_max_stall_ms"] = idle["max_stall_ms"]
    result["unlocked"] = bool(unlocked_at)
    result["note_shown"] = window.note_view.note is not None
    result["preview_ready"] = "Preparing" not in window.privacy.preview.toPlainText()
    window.warm_up_pool.cancel_all(wait_ms=60_000)
    window.pool.cancel_all()
    del app
    return result


FIRST_OPEN_CASES = {"typed": "passphrase typed", "at-once": "unlocked at once (keychain)"}


def first_open_in_child(blocking: bool, typed: bool = True, code_root: Path = ROOT, shape: str = "dev") -> dict:
    """Returns the stalls of a first open in a fresh process running ``code_root``'s code (another checkout: the baseline)."""
    import subprocess

    done = subprocess.run([sys.executable, __file__, "--first-open", "blocking" if blocking else "warm-up",
                           "typed" if typed else "at-once", shape],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(code_root), "BENCH_CODE_ROOT": str(code_root)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def first_open_rows(repeats: int) -> dict:
    """Runs each first-open case ``repeats`` times (alternating, fresh processes); returns per case the median and the
    worst of the longest stalls, after unlock and while unlocking."""
    cases = {}
    for typed in (True, False):
        label = "passphrase typed" if typed else "unlocked at once (keychain)"
        cases[f"background warm-up (the app), {label}"] = (False, typed, ROOT, "dev")
        if BASELINE:
            cases[f"baseline {BASELINE.name}, {label}"] = (False, typed, BASELINE, "dev")
    cases["no warm-up (redaction imported on the UI thread), passphrase typed"] = (True, True, ROOT, "dev")
    if REPORT:  # the report note: never tuned on, only reported
        cases["REPORT note: background warm-up (the app), passphrase typed"] = (False, True, ROOT, "report")
        if BASELINE:
            cases[f"REPORT note: baseline {BASELINE.name}, passphrase typed"] = (False, True, BASELINE, "report")
    runs: dict[str, list[dict]] = {name: [] for name in cases}
    for repeat in range(repeats):
        for name in (list(cases) if repeat % 2 == 0 else list(cases)[::-1]):
            blocking, typed, root, shape = cases[name]
            runs[name].append(first_open_in_child(blocking, typed, root, shape))
    rows = {}
    for name, done in runs.items():
        after = sorted(r["max_stall_ms"] for r in done)
        before = sorted(r["before_max_stall_ms"] for r in done)
        rows[name] = {"max_stall_ms_median": after[len(after) // 2], "max_stall_ms_worst": after[-1],
                      "p99_stall_ms_median": sorted(r["p99_stall_ms"] for r in done)[len(done) // 2],
                      "unlocking_max_stall_ms_median": before[len(before) // 2],
                      "idle_max_stall_ms_median": sorted(r["idle_max_stall_ms"] for r in done)[len(done) // 2],
                      "preview_ready": all(r["preview_ready"] for r in done), "runs": done}
    return rows


def import_rows() -> tuple[dict, float]:
    """Returns the stalls of one import through the app's worker and on the UI thread, and their ratio."""
    from app.engines import EngineSettings, Engines
    from audio_core.progress import CancelToken
    from ui.workers import Worker, WorkerPool, import_job

    import tempfile

    from app.storage import KdfOptions, init_notebook

    clip = testdata_root() / CLIP
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    scratch = tempfile.TemporaryDirectory()
    storage = init_notebook(Path(scratch.name) / "bench.db", "bench", kdf=KdfOptions(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    import_job(clip, engines, storage, allow_duplicate=True)(lambda *a, **k: None, CancelToken())  # load every model once, outside the timing
    pool = WorkerPool()

    def on_worker(done):
        worker = Worker(import_job(clip, engines, storage, allow_duplicate=True), "bench import")
        worker.finished.connect(done)
        pool.start(worker)

    def on_ui_thread(done):
        from PySide6.QtCore import QTimer

        def run():
            import_job(clip, engines, storage, allow_duplicate=True)(lambda *a, **k: None, CancelToken())
            done()

        QTimer.singleShot(0, run)

    rows = {"worker thread (the app)": measure(on_worker), "UI thread (blocking, for comparison)": measure(on_ui_thread)}
    pool.cancel_all()
    storage.close()
    scratch.cleanup()
    ratio = rows["UI thread (blocking, for comparison)"]["max_stall_ms"] / max(rows["worker thread (the app)"]["max_stall_ms"], 1e-3)
    return rows, ratio


def main() -> int:
    from ui.app import create_application

    app = create_application()
    repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 3
    rows, ratio = ({}, 0.0) if "--first-open-only" in sys.argv else import_rows()
    if rows:
        print(f"{'import of ' + CLIP:<40} {'wall s':>8} {'max stall ms':>13} {'p99 stall ms':>13}")
        for name, r in rows.items():
            print(f"{name:<40} {r['wall_s']:>8} {r['max_stall_ms']:>13} {str(r['p99_stall_ms']):>13}")
        print(f"longest freeze, blocking vs worker: {ratio:.0f}x")
    opens = first_open_rows(repeats)
    print(f"first note opened right after unlock, {repeats} fresh processes each (passphrase {len(PASSPHRASE)} characters "
          f"at {TYPING_CHARS_PER_S:.0f}/s when typed)")
    print(f"{'':<78} {'longest stall ms':>17} {'worst':>7} {'p99 ms':>7} {'unlocking ms':>13} {'idle ms':>8} {'preview':>8}")
    for name, r in opens.items():
        print(f"{name:<78} {r['max_stall_ms_median']:>17} {r['max_stall_ms_worst']:>7} {r['p99_stall_ms_median']:>7} "
              f"{r['unlocking_max_stall_ms_median']:>13} {r['idle_max_stall_ms_median']:>8} {str(r['preview_ready']):>8}")
    print("idle ms: the longest stall of the same process left alone as long afterwards (the machine's own noise)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    first_open_ms = opens["background warm-up (the app), passphrase typed"]["max_stall_ms_median"]
    print(f"first open after a typed passphrase: longest stall {first_open_ms} ms, median "
          f"(target <= 100 ms: {'met' if first_open_ms <= 100 else 'MISSED'})")
    out = ROOT / "tests" / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ui.json").write_text(json.dumps({"clip": CLIP, "tick_ms": TICK_MS, "cpus": os.cpu_count(), "rows": rows,
                                             "max_stall_ratio": round(ratio, 1), "first_open": opens,
                                             "first_open_target_ms": 100, "first_open_met": first_open_ms <= 100,
                                             "load_average": round(os.getloadavg()[0], 1)}, indent=2))
    del app
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--first-open"]:
        print(json.dumps(first_open(sys.argv[2] == "blocking", sys.argv[3] == "typed", sys.argv[4] if len(sys.argv) > 4 else "dev")))
        sys.exit(0)
    sys.exit(main())
