"""The export dialog offers resynthesis: no strength to set, a hint that says what is lost, and a report naming the voices."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt


def test_resynthesised_audio_export_through_the_dialog(unlocked_window, clip_note, qtbot, tmp_path):
    from audio_core.decode import decode_audio

    clip_note.transcript.title = "Resynth call"
    unlocked_window.notebook.save(clip_note)
    unlocked_window.show_note(clip_note)
    dialog = unlocked_window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "voices"))
    dialog.format_boxes["docx"].setChecked(False)
    dialog.audio.setCurrentIndex(dialog.audio.findData("alienated"))
    assert dialog.method.findData("resynth") >= 0
    dialog.method.setCurrentIndex(dialog.method.findData("resynth"))
    assert not dialog.strength.isEnabled()  # resynthesis has no strength
    assert "intonation" in dialog.strength_hint.text() and "Strength does not apply" in dialog.strength_hint.text()
    dialog.method.setCurrentIndex(dialog.method.findData("pitch_formant"))
    assert dialog.strength.isEnabled()
    dialog.method.setCurrentIndex(dialog.method.findData("resynth"))
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    alienated = decode_audio(tmp_path / "voices" / "Resynth_call.alienated.flac")
    assert abs(len(alienated) - len(clip_note.audio)) < 160
    report = json.loads((tmp_path / "voices" / "Resynth_call.privacy.json").read_text())
    assert report["alienation"]["method"] == "resynth" and report["alienation"]["tts_voices"]
    assert "Voices replaced: resynth" in (tmp_path / "voices" / "Resynth_call.privacy.txt").read_text()
