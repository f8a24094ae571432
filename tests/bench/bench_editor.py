"""How long the in-place editor holds the UI thread on a long meeting.

Builds an hour-long transcript by repeating a meeting's turns, shows it in the
note view and the privacy panel wired as the window wires them, then times:
opening the note, one keystroke (live word count), one finished edit (undo
step, re-layout) and its undo, an edit with the review shown, and one accepted
finding (review and redacted preview redrawn). Two meetings: "dev", the
bundled sample (assets/sample/meeting.json, with its personal-data marks; the
one the editor's speed was worked on) and "report", the shared synthetic
meeting (testdata synthetic/meeting.json; every capitalised word inside a
sentence marked as a finding), only reported. Each figure is the median of
``--repeats`` fresh processes; ``--baseline OTHER_CHECKOUT`` times another
checkout (e.g. main) in the same run, alternating with this one.
Prints the figures side by side and writes tests/bench/results/editor.json.
Run: .venv/bin/python tests/bench/bench_editor.py [minutes] [--baseline DIR] [--repeats N]
"""
from __future__ import annotations

import importlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("BENCH_CODE_ROOT", str(ROOT)))  # a baseline child runs another checkout's code

SAMPLE = ROOT / "assets" / "sample" / "meeting.json"
MEETINGS = ("dev", "report")
METRICS = ("open_ms", "keystroke_ms", "finish_edit_ms", "undo_ms", "finish_edit_review_shown_ms", "accept_finding_ms")


def _turns(meeting: str) -> tuple[list[dict], list[str], float]:
    """Returns (turns with start_s, end_s, speaker, text, pii marks; speaker ids; duration) of ``meeting``."""
    import re

    if meeting == "dev":
        sample = json.loads(SAMPLE.read_text())
        return sample["turns"], [s["id"] for s in sample["speakers"]], sample["duration_s"]
    from tests.support.testdata import testdata_root

    synthetic = json.loads((testdata_root() / "synthetic" / "meeting.json").read_text())
    turns = []
    for turn in synthetic["turns"]:
        marks = [{"start": m.start(), "end": m.end(), "entity_type": "PERSON"}
                 for m in re.finditer(r"(?<=[a-z,] )[A-Z][a-z]+", turn["text"])]
        turns.append({"start_s": turn["start"], "end_s": turn["end"], "speaker": turn["speaker"], "text": turn["text"], "pii": marks})
    return turns, list(synthetic["speakers"]), synthetic["duration"]


def long_transcript(minutes: float, meeting: str = "dev"):
    """Returns ``meeting``'s turns repeated to last ``minutes``, words evenly timed, personal data marked."""
    from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word

    turns, speaker_ids, duration_s = _turns(meeting)
    segments, spans = [], []
    offset_s = 0.0
    while offset_s < minutes * 60:
        for turn in turns:
            tokens = turn["text"].split()
            start_s, end_s = turn["start_s"] + offset_s, turn["end_s"] + offset_s
            step = (end_s - start_s) / len(tokens)
            words = [Word(t, start_s + i * step, start_s + (i + 1) * step) for i, t in enumerate(tokens)]
            for pii in turn.get("pii", []):
                spans.append(PiiSpan(len(segments), pii["start"], pii["end"], pii["entity_type"], turn["text"][pii["start"]:pii["end"]]))
            segments.append(Segment(start_s, end_s, turn["text"], words, turn["speaker"]))
        offset_s += duration_s
    speakers = [Speaker(sid, f"Speaker {i + 1}") for i, sid in enumerate(speaker_ids)]
    return Transcript(segments=segments, speakers=speakers, pii_spans=spans, duration_s=offset_s, title="Long meeting")


def timed_ms(action) -> float:
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    action()
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000


def measure(minutes: float, meeting: str) -> dict:
    """In this (fresh) process: returns the editor's figures on ``meeting`` repeated to ``minutes``."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.app import create_application
    from ui.notebook import Note
    from ui.widgets.note_view import NoteView
    from ui.widgets.privacy_panel import PrivacyPanel
    from ui.workers import WorkerPool

    app = create_application()
    importlib.import_module("app.privacy.redact")  # loaded once per session in the app: not the editor's cost

    transcript = long_transcript(minutes, meeting)
    view = NoteView()
    panel = PrivacyPanel(WorkerPool(), view.undo_stack)
    view.changed.connect(lambda note: panel.refresh())
    view.resize(1100, 700)
    view.show()
    panel.resize(1100, 700)
    app.processEvents()
    note = Note("1", transcript, None)
    figures = {"minutes": minutes, "segments": len(transcript.segments), "words": len(transcript.words),
               "findings": len(transcript.pii_spans)}
    figures["open_ms"] = timed_ms(lambda: (view.set_note(note), panel.set_note(note)))
    view.text.setFocus()
    cursor = view.text.textCursor()
    cursor.setPosition(view.text.ranges[len(view.text.ranges) // 2][2])
    view.text.setTextCursor(cursor)
    figures["keystroke_ms"] = timed_ms(lambda: QTest.keyClick(view.text, Qt.Key_X))
    figures["finish_edit_ms"] = timed_ms(view.commit_edit)
    figures["undo_ms"] = timed_ms(view.undo)
    panel.show()
    figures["finish_edit_review_shown_ms"] = timed_ms(lambda: view.edit_segment(0, transcript.segments[0].text + " more"))
    figures["accept_finding_ms"] = timed_ms(lambda: panel.decide([len(transcript.pii_spans) // 2], "accept"))
    assert view.undo_stack.count() == 2  # the undone edit gave way to the new one
    return figures


def _in_child(minutes: float, meeting: str, code_root: Path) -> dict:
    """Returns :func:`measure`'s figures from a fresh process running ``code_root``'s code."""
    import subprocess

    done = subprocess.run([sys.executable, __file__, "--child", meeting, str(minutes)], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(code_root), "BENCH_CODE_ROOT": str(code_root)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    args = sys.argv[1:]
    baseline = Path(args[args.index("--baseline") + 1]) if "--baseline" in args else None
    repeats = int(args[args.index("--repeats") + 1]) if "--repeats" in args else 3
    minutes = float(args[0]) if args and not args[0].startswith("--") else 60.0
    roots = {"this": ROOT} | ({"baseline": baseline} if baseline else {})
    runs: dict[tuple[str, str], list[dict]] = {(m, r): [] for m in MEETINGS for r in roots}
    for repeat in range(repeats):
        for meeting in MEETINGS:
            for name in (list(roots) if repeat % 2 == 0 else list(roots)[::-1]):  # alternate, so load drifts evenly
                runs[(meeting, name)].append(_in_child(minutes, meeting, roots[name]))
    medians = {f"{m}/{r}": {k: round(statistics.median(run[k] for run in done), 1) for k in METRICS}
               | {k: done[0][k] for k in ("segments", "words", "findings")} for (m, r), done in runs.items()}
    columns = list(medians)
    print(f"{minutes:.0f}-minute note, median of {repeats} fresh processes, ms; load {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores" + (f"; baseline {baseline}" if baseline else ""))
    print(f"{'':<30}" + "".join(f"{c:>18}" for c in columns))
    for key in ("segments", "words", "findings", *METRICS):
        print(f"{key:<30}" + "".join(f"{medians[c][key]:>18}" for c in columns))
    out = ROOT / "tests" / "bench" / "results" / "editor.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"minutes": minutes, "repeats": repeats, "baseline": str(baseline or ""),
                               "load_average": round(os.getloadavg()[0], 1), "medians": medians}, indent=1))
    print(out)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(float(sys.argv[3]), sys.argv[2])))
        sys.exit(0)
    main()
