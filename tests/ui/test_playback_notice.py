"""Play with no usable output device: a notice in the status bar, no modal dialog; the device is chosen in Settings."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.playback import output_devices
from ui.widgets.settings_dialog import SettingsDialog

MISSING = "Headphones that are not plugged in"


def test_play_through_a_missing_device_is_a_notice_not_a_dialog(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.apply_settings(window.settings.with_changes(output_device=MISSING))
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    errors = []
    window.note_view.error.connect(errors.append)
    qtbot.mouseClick(window.note_view.play_button, Qt.LeftButton)
    assert QApplication.activeModalWidget() is None and errors == []
    notice = window.statusBar().currentMessage()
    assert notice.startswith("Cannot play audio through “" + MISSING) and "\n" not in notice
    assert not window.note_view.player.playing and window.note_view.play_button.text().endswith("Play")
    qtbot.keyClick(window.note_view, Qt.Key_Right)  # the window still answers: seeking works
    assert window.note_view.player.position_s > 0


def test_settings_offer_every_output_device_and_keep_a_missing_choice(qtbot):
    from ui.settings import UiSettings

    dialog = SettingsDialog(UiSettings(output_device=MISSING))
    qtbot.addWidget(dialog)
    offered = [dialog.output_device.itemData(i) for i in range(dialog.output_device.count())]
    assert offered[0] == "" and dialog.output_device.itemText(0) == "System default"
    assert set(output_devices()) <= set(offered)
    assert dialog.settings().output_device == MISSING and "not connected" in dialog.output_device.currentText()
    dialog.output_device.setCurrentIndex(0)
    assert dialog.settings().output_device == ""
