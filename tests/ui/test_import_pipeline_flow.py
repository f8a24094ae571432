"""The app's import runs the core pipeline: enrolled voices are named, stages are shown, a note is complete only with its audio."""
from __future__ import annotations

import json

import numpy as np

from app.voice_profiles import NotebookProfileStore, enrol
from audio_core.decode import decode_audio
from tests.support.media import write_audio
from ui.viewmodels.import_queue import DONE, FAILED

STAGES = ["Recognising speech…", "Finding speakers…", "Finding personal data…", "Saving…"]


def test_an_app_import_names_an_enrolled_voice_and_shows_each_stage(unlocked_window, qtbot, engines, synthetic_meeting, tmp_path):
    window = unlocked_window
    turns = json.loads(synthetic_meeting.with_suffix(".json").read_text())["turns"]
    audio = decode_audio(synthetic_meeting)
    alex = np.concatenate([audio[int(t["start"] * 16000): int(t["end"] * 16000)] for t in turns if t["speaker"] == "alex"][:2])
    enrol(NotebookProfileStore(window.notebook.storage), engines.voice_encoder, "Alex", write_audio(tmp_path / "alex.wav", alex))
    shown = []
    window.queue.entry_changed.connect(lambda row: shown.append(window.library.rows[row].status.text()))

    with qtbot.waitSignal(window.note_saved, timeout=300_000) as saved:
        window.queue.add([synthetic_meeting])

    assert window.queue.entries[0].state == DONE
    note = window.notebook.load(saved.args[0])
    names = [s.name for s in note.transcript.speakers]
    assert "Alex" in names and len(names) == 3, names
    assert note.audio is not None and note.audio.size == audio.size
    stages = [label for label in STAGES if any(text.startswith(label) for text in shown)]
    assert stages == STAGES, shown
    firsts = [next(i for i, text in enumerate(shown) if text.startswith(label)) for label in STAGES]
    assert firsts == sorted(firsts), shown
    assert any(text.startswith("Recognising speech… ") and text.endswith("%") for text in shown)
    assert window.library.proxy.rowCount() == 1


def test_when_the_notebook_fills_during_an_app_import_then_no_note_is_kept_without_its_audio(unlocked_window, qtbot, clip):
    window = unlocked_window
    storage = window.notebook.storage
    with storage.reading() as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 12}")  # room for the text, not the audio: a full disk

    with qtbot.waitSignal(window.queue.idle, timeout=120_000):
        window.queue.add([clip])

    entry = window.queue.entries[0]
    assert entry.state == FAILED and "\n" not in entry.message and "full" in entry.message
    assert storage.list_notes() == []
    window.library.refresh()
    assert window.library.proxy.rowCount() == 0
