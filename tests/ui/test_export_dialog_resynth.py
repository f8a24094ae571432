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


def test_the_dialog_offers_each_note_its_default_and_says_why(unlocked_window, clip_note, qtbot):
    clip_note.transcript.title = "Default voices"
    unlocked_window.notebook.save(clip_note)
    unlocked_window.show_note(clip_note)
    dialog = unlocked_window.open_export()
    qtbot.addWidget(dialog)
    dialog.audio.setCurrentIndex(dialog.audio.findData("alienated"))
    assert dialog.method.currentData() == "resynth" and "(recommended" in dialog.method.currentText()
    assert "Recommended for this note" in dialog.method_note.text() and "English" in dialog.method_note.text()
    assert dialog.chosen_alienation() is None  # the export decides the default and the report says why
    dialog.method.setCurrentIndex(dialog.method.findData("mcadams"))
    assert dialog.chosen_alienation().method == "mcadams" and "instead of this note's default" in dialog.method_note.text()
    dialog.close()

    clip_note.transcript.language = "de"
    unlocked_window.notebook.save(clip_note)
    unlocked_window.show_note(clip_note)
    german = unlocked_window.open_export()
    qtbot.addWidget(german)
    assert german.method.currentData() == "normalise_random"
    assert "English only" in german.method_note.text() and "German" in german.method_note.text()
    german.method.setCurrentIndex(german.method.findData("resynth"))
    assert "Not recommended here" in german.method_note.text()
    assert german.chosen_alienation().method == "resynth"  # chosen explicitly, so it wins
