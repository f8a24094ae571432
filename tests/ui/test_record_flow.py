"""Recording through the Record page from the virtual PulseAudio microphone into the notebook, then the note opens."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.audio_device


def test_record_pause_stop_transcribes_and_opens_the_note(unlocked_window, qtbot, pulse, clip):
    window = unlocked_window
    window.show_page("Record")
    view = window.record
    names = [view.devices.itemText(i) for i in range(view.devices.count())]
    assert names, "the virtual microphone must be listed"
    view.devices.setCurrentIndex(next(i for i, n in enumerate(names) if n.lower().startswith("pulse")))
    levels = []
    qtbot.mouseClick(view.record_button, Qt.LeftButton)
    assert view.stop_button.isVisible() and not view.devices.isEnabled()
    view.meter.valueChanged.connect(levels.append)
    # the model loads before the microphone opens; the sound server connects a moment later
    qtbot.waitUntil(lambda: view.elapsed_s > 0.5, timeout=90_000)
    assert view.control.session.pii is not None  # the live transcript gets personal data marked, as in the CLI
    player = pulse.play(clip)
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=30_000)
    qtbot.mouseClick(view.pause_button, Qt.LeftButton)
    assert view.pause_button.text() == "Resume" and "Paused" in view.state.text()
    paused_at = view.elapsed_s
    qtbot.wait(700)
    assert view.elapsed_s - paused_at < 0.6  # nothing is kept while paused
    qtbot.mouseClick(view.pause_button, Qt.LeftButton)
    assert view.elapsed_s >= 3.5 and max(levels) > 100

    with qtbot.waitSignal(view.recorded, timeout=120_000) as stored:
        qtbot.mouseClick(view.stop_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.note_view.note is not None, timeout=30_000)
    note = window.note_view.note
    assert note.note_id == stored.args[0] and note.audio is not None
    assert "young man" in note.transcript.text.lower()
    assert window.pages.currentWidget() is window.note_view
    assert window.library.model.rowCount() == 1 and not view.record_button.isHidden()
