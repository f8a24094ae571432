"""How long the in-place editor holds the UI thread on a long meeting.

Builds an hour-long transcript by repeating the bundled sample meeting's
turns (assets/sample/meeting.json, with its personal-data marks), shows it in
the note view and the privacy panel wired as the window wires them, then
times: opening the note, one keystroke (live word count), one finished edit
(undo step, re-layout) and its undo, an edit with the review shown, and one
accepted finding (review and redacted preview redrawn).
Prints the figures and writes tests/bench/results/editor.json.
Run: .venv/bin/python tests/bench/bench_editor.py [minutes]
"""
from __future__ import annotations

import importlib
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "assets" / "sample" / "meeting.json"


def long_transcript(minutes: float):
    """Returns the sample's turns repeated to last ``minutes``, words evenly timed, personal data marked."""
    from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word

    sample = json.loads(SAMPLE.read_text())
    segments, spans = [], []
    offset_s = 0.0
    while offset_s < minutes * 60:
        for turn in sample["turns"]:
            tokens = turn["text"].split()
            start_s, end_s = turn["start_s"] + offset_s, turn["end_s"] + offset_s
            step = (end_s - start_s) / len(tokens)
            words = [Word(t, start_s + i * step, start_s + (i + 1) * step) for i, t in enumerate(tokens)]
            for pii in turn.get("pii", []):
                spans.append(PiiSpan(len(segments), pii["start"], pii["end"], pii["entity_type"], turn["text"][pii["start"]:pii["end"]]))
            segments.append(Segment(start_s, end_s, turn["text"], words, turn["speaker"]))
        offset_s += sample["duration_s"]
    speakers = [Speaker(s["id"], f"Speaker {i + 1}") for i, s in enumerate(sample["speakers"])]
    return Transcript(segments=segments, speakers=speakers, pii_spans=spans, duration_s=offset_s, title="Long meeting")


def timed_ms(action) -> float:
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    action()
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.app import create_application
    from ui.notebook import Note
    from ui.widgets.note_view import NoteView
    from ui.widgets.privacy_panel import PrivacyPanel
    from ui.workers import WorkerPool

    app = create_application()
    importlib.import_module("app.privacy.redact")  # loaded once per session in the app: not the editor's cost

    transcript = long_transcript(minutes)
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
    out = ROOT / "tests" / "bench" / "results" / "editor.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1))
    for key, value in figures.items():
        print(f"{key:>16}: {value:.0f}" if isinstance(value, float) else f"{key:>16}: {value}")
    print(out)


if __name__ == "__main__":
    main()
