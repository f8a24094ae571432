"""Layout: a long title never widens the window past the screen; settings say "1 day", not "1 days"."""
from __future__ import annotations

from ui.widgets.settings_dialog import SettingsDialog

LONG_TITLE = "Quarterly planning with the regional partner about the new warehouse lease and staffing"  # 87 chars


def test_an_87_character_title_keeps_the_window_within_the_screen(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.resize(1180, 760)
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    assert len(LONG_TITLE) == 87
    window.note_view.edit_details(LONG_TITLE * 2, [f"tag{i}" for i in range(30)])
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= 1180 and window.width() <= 1180
    assert window.note_view.export_button.isVisible() and window.note_view.privacy_button.isVisible()
    assert window.note_view.title.text() == LONG_TITLE * 2 and window.note_view.title.toolTip() == LONG_TITLE * 2
    window.note_view.undo_stack.undo()
    assert window.width() <= 1180


def test_retention_days_are_counted_in_words_that_agree(qtbot):
    from ui.settings import UiSettings

    dialog = SettingsDialog(UiSettings(audio_retention_days=1, redact_after_days=30))
    qtbot.addWidget(dialog)
    assert dialog.audio_retention.text() == "1 day" and dialog.redact_after.text() == "30 days"
    dialog.redact_after.setValue(1)
    assert dialog.redact_after.text() == "1 day"
    dialog.audio_retention.setValue(2)
    assert dialog.audio_retention.text() == "2 days"
