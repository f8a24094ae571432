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


@pytest.mark.slow
def test_record_computer_audio_too_labels_both_sides_live_and_in_the_note(unlocked_window, qtbot, pulse, testdata):
    from app.pipeline.sides import OWNER_ID
    from tests.support.pulse import OUTPUT

    window = unlocked_window
    window.notebook.storage.write_settings({"recording.owner_name": "Dana"})
    window.show_page("Record")
    view = window.record
    names = [view.devices.itemText(i) for i in range(view.devices.count())]
    view.devices.setCurrentIndex(next(i for i, n in enumerate(names) if n.lower().startswith("pulse")))
    view.system_audio.setChecked(True)
    qtbot.mouseClick(view.record_button, Qt.LeftButton)
    assert not view.system_audio.isEnabled()
    qtbot.waitUntil(lambda: view.elapsed_s > 0.5, timeout=90_000)
    mine = pulse.play(testdata / "real/librivox_sas-0880.wav")  # 3.0 s: "he was not an ill disposed young man"
    qtbot.waitUntil(lambda: mine.poll() is not None, timeout=30_000)
    theirs = pulse.play(testdata / "real/librivox_sas-0930.wav", OUTPUT)  # "he might even have been made amiable…"
    qtbot.waitUntil(lambda: theirs.poll() is not None, timeout=30_000)
    with qtbot.waitSignal(view.recorded, timeout=120_000):
        qtbot.mouseClick(view.stop_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.note_view.note is not None, timeout=30_000)
    # The live transcript's last pass (when recording stops) shows both sides, labelled; on a busy machine
    # the passes before it may lag, so only the last one is checked.
    live = view.live.toPlainText()
    assert "Dana:" in live and "Remote:" in live, live
    transcript = window.note_view.note.transcript
    by_side = {s.speaker_id == OWNER_ID: s.text.lower() for s in transcript.segments}
    assert transcript.speaker_name(OWNER_ID) == "Dana"
    assert "young man" in by_side[True] and "amiable" in by_side[False], by_side
