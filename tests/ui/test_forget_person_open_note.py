"""``hushnote speakers forget NAME --from-notes`` run while the app shows the note: the view follows, the name is gone."""
from __future__ import annotations

from app.privacy.speaker_removal import REMOVED_MARKER
from tests.support.notebooks import PASSPHRASE
from tests.support.voice_notes import turns_transcript

TURNS = [
    ("alex", 0.0, 4.0, "Welcome to the visit of Chris Baker from the clinic."),
    ("chris", 4.5, 8.0, "Thanks, my tickets are booked."),
    ("beth", 8.5, 12.0, "Chris, could you send the report?"),
]


def test_the_open_note_shows_the_removal_and_the_library_no_longer_finds_the_name(unlocked_window, qtbot, run_cli):
    from ui.notebook import Note

    window = unlocked_window
    transcript = turns_transcript(TURNS, "Visit of Chris Baker", 12.0)
    transcript.speakers[1].name = "Chris Baker"
    note = Note(None, transcript, None, ["Chris Baker"])
    window.notebook.save(note)
    window.show_note(note)
    assert "Baker" in window.note_view.text.toPlainText()
    qtbot.waitUntil(lambda: window.outside_edits.seen_version is not None)  # the window has looked at the notebook once

    done = run_cli("speakers", "forget", "Chris Baker", "--from-notes", "--yes", "--notebook", str(window.notebook_path),
                   env={"HUSHNOTE_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: "Chris" not in window.note_view.text.toPlainText(), timeout=10_000)
    shown = window.note_view.text.toPlainText()
    assert f"visit of {REMOVED_MARKER} from the clinic" in shown and "tickets" not in shown
    assert window.notebook.search("Baker") == [] and window.notebook.search("Chris") == []
    assert window.notebook.load(note.note_id).tags == []
