"""END-TO-END: a person's first session with the app on the bundled sample meeting, through the real window.

Create a notebook, import assets/sample/meeting.wav, rename a speaker by its
label, correct a sentence in place, accept one finding and reject another,
export, lock, unlock, reopen. What was saved is read back with the CLI (a
separate process, its own notebook connection) and what was exported is read
from the files. Real Whisper tiny.en, real SQLCipher, real Qt widgets; about a
minute or two on two cores.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.support.notebooks import PASSPHRASE

SAMPLE = Path(__file__).resolve().parents[2] / "assets" / "sample" / "meeting.wav"
NEW_NAME = "Chair"
ADDED = "definitely"


def click_at(qtbot, text, position):
    cursor = QTextCursor(text.document())
    cursor.setPosition(position)
    qtbot.mouseClick(text.viewport(), Qt.LeftButton, pos=text.cursorRect(cursor).center())


def unlock_through_dialog(window, qtbot, twice: bool):
    dialog = window.unlock_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    if twice:
        qtbot.keyClicks(dialog.confirmation, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=60_000):
        qtbot.mouseClick(dialog.submit, Qt.LeftButton)


def open_and_wait(window, qtbot, note_id):
    window.note_view.set_note(None)
    window.open_note(note_id)
    qtbot.waitUntil(lambda: window.note_view.note is not None and window.note_view.note.note_id == note_id, timeout=60_000)
    return window.note_view


@pytest.mark.slow
def test_end_to_end_walk_through_the_app_on_the_sample_meeting(window, qtbot, tmp_path, run_cli):
    # create the notebook
    window.ask_unlock()
    unlock_through_dialog(window, qtbot, twice=True)

    # import the sample
    with qtbot.waitSignal(window.note_saved, timeout=600_000) as saved:
        window.queue.add([SAMPLE])
    note_id = str(saved.args[0])
    view = open_and_wait(window, qtbot, note_id)
    layout = view.paragraphs.layout
    assert len(layout.paragraphs) >= 2 and view.word_count.text().endswith("words")

    # rename the first paragraph's speaker by clicking its label
    first = layout.paragraphs[0]
    old_name = first.speaker_name
    click_at(qtbot, view.text, first.header_start_char + 1)
    view.name_popup.selectAll()
    qtbot.keyClicks(view.name_popup, NEW_NAME)
    qtbot.keyClick(view.name_popup, Qt.Key_Return)
    assert view.paragraphs.layout.paragraphs[0].speaker_name == NEW_NAME

    # correct the text in place: a word typed after the first word of the first segment
    word = view.paragraphs.layout.words[0]
    click_at(qtbot, view.text, word.end_char)
    qtbot.keyClicks(view.text, f" {ADDED}")
    qtbot.keyClick(view.text, Qt.Key_Return)
    edited_index = word.segment_index
    edited_text = view.note.transcript.segments[edited_index].text
    assert edited_text.split()[1] == ADDED

    # review personal data: accept one finding, reject another
    qtbot.mouseClick(view.privacy_button, Qt.LeftButton)
    panel = window.privacy
    with qtbot.waitSignal(panel.detection_finished, timeout=300_000):
        qtbot.mouseClick(panel.detect_button, Qt.LeftButton)
    spans = view.note.transcript.pii_spans
    said = [segment.text for segment in view.note.transcript.segments]

    def fully_found(span):  # every time these words are said, the detector marked them
        return sum(text.count(span.text) for text in said) == sum(s.text == span.text for s in spans)

    accepted_row = next(i for i, s in enumerate(spans) if s.entity_type == "PERSON" and fully_found(s))
    accepted_text = spans[accepted_row].text
    rejected_row = next(i for i, s in enumerate(spans) if i != accepted_row and s.text.lower() not in accepted_text.lower()
                        and accepted_text.lower() not in s.text.lower() and s.entity_type != "PERSON")
    rejected_text = spans[rejected_row].text
    panel.select_finding(accepted_row)
    qtbot.mouseClick(panel.accept_button, Qt.LeftButton)
    panel.select_finding(rejected_row)
    qtbot.mouseClick(panel.reject_button, Qt.LeftButton)
    assert (spans[accepted_row].decision, spans[rejected_row].decision) == ("accepted", "rejected")

    # export (redacted, the default)
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "out"))
    for fmt, box in dialog.format_boxes.items():
        box.setChecked(fmt in ("txt", "json"))
    with qtbot.waitSignal(dialog.exported, timeout=300_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    dialog.close()
    exported = next(p for p in (tmp_path / "out").glob("*.txt") if ".privacy." not in p.name).read_text()
    assert ADDED in exported
    assert accepted_text not in exported and rejected_text in exported
    assert accepted_text not in next(p for p in (tmp_path / "out").glob("*.json") if ".privacy." not in p.name).read_text()

    # lock, unlock, reopen: everything is still there
    window.lock()
    assert window.notebook is None and view.note is None
    unlock_through_dialog(window, qtbot, twice=False)
    view = open_and_wait(window, qtbot, note_id)
    transcript = view.note.transcript
    assert transcript.segments[edited_index].text == edited_text
    assert NEW_NAME in [s.name for s in transcript.speakers] and old_name not in [s.name for s in transcript.speakers]
    assert {(s.text, s.decision) for s in transcript.pii_spans} >= {(accepted_text, "accepted"), (rejected_text, "rejected")}
    window.close()

    # what the notebook holds, read by the CLI in its own process
    db = str(tmp_path / "notebook.db")
    shown = run_cli("notes", "show", note_id, "--notebook", db, env={"HUSHNOTE_PASSPHRASE": PASSPHRASE})
    assert shown.returncode == 0, shown.stderr
    assert edited_text in shown.stdout and f"{NEW_NAME}: " in shown.stdout and not shown.netlog
    listed = run_cli("notes", "list", "--notebook", db, env={"HUSHNOTE_PASSPHRASE": PASSPHRASE})
    assert NEW_NAME in listed.stdout
    report = json.loads(next((tmp_path / "out").glob("*.privacy.json")).read_text())
    assert report["redacted"]
