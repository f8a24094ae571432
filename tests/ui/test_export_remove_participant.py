"""The export dialog's "Remove participants": ticking a speaker writes the files ``hushnote export --remove-speaker`` writes."""
from __future__ import annotations

import copy

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from app.privacy.speaker_removal import REMOVED_MARKER
from audio_core.decode import decode_audio
from tests.assets.sample import SAMPLE_WAV, transcribe_sample
from tests.support.exports import FORMATS, exported_text


@pytest.mark.slow
def test_ticking_a_participant_removes_them_from_every_file_like_the_command(unlocked_window, engines, qtbot, tmp_path):
    from app.pipeline import ExportRequest, export_note
    from ui.notebook import Note

    transcript = copy.deepcopy(transcribe_sample(engines))
    transcript.title = "Clinic call"
    chris = next(s.speaker_id for s in transcript.segments if "appointment" in s.text)
    note = Note(None, transcript, decode_audio(SAMPLE_WAV))
    window = unlocked_window
    window.notebook.save(note)
    window.show_note(note)
    window.note_view.rename_speaker(chris, "Chris Baker")

    dialog = window.open_export()
    qtbot.addWidget(dialog)
    boxes = dialog.remove_participants.boxes
    assert [b.text() for b in boxes.values()] == [s.name for s in note.transcript.speakers]
    assert "Tick anyone" in dialog.remove_participants.hint.text()
    dialog.options_area.ensureWidgetVisible(boxes[chris])  # as a person scrolls to it on a short screen
    # on the box's tick, as a person clicks it (the row is wider than its label, and Qt ignores a click past the label)
    qtbot.mouseClick(boxes[chris], Qt.LeftButton, pos=QPoint(8, boxes[chris].height() // 2))
    assert dialog.remove_participants.chosen() == (chris,) and "Left out" in dialog.remove_participants.hint.text()
    assert REMOVED_MARKER in boxes[chris].toolTip()
    for fmt in FORMATS:
        dialog.format_boxes[fmt].setChecked(True)
    dialog.audio.setCurrentIndex(dialog.audio.findData("bleeped"))
    dialog.report.setChecked(False)
    dialog.folder.setText(str(tmp_path / "app"))
    with qtbot.waitSignal(dialog.exported, timeout=180_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)

    stem = "Clinic_call"
    request = ExportRequest(out_dir=tmp_path / "cli", stem=stem, formats=FORMATS, audio="bleeped",
                            remove_speakers=("Chris Baker",))
    export_note(request, window.notebook.load(note.note_id).transcript, note.audio, engines)
    for fmt in FORMATS:
        app_text = exported_text(tmp_path / "app" / f"{stem}.{fmt}")
        assert app_text == exported_text(tmp_path / "cli" / f"{stem}.{fmt}"), fmt
        assert REMOVED_MARKER in app_text and "Chris" not in app_text and "appointment" not in app_text
    app_audio = decode_audio(tmp_path / "app" / f"{stem}.bleeped.flac")
    assert np.array_equal(app_audio, decode_audio(tmp_path / "cli" / f"{stem}.bleeped.flac"))
    audit = window.notebook.storage.list_audit_log(int(note.note_id))[-1]
    assert "removed at the participant's request" in audit.what and "Chris Baker" in audit.what
