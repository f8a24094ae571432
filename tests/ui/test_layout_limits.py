"""Layout: a long title never widens the window past the screen; 800×600 fits; settings say "1 day", not "1 days"."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

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


def test_at_800_by_600_every_page_fits_and_the_note_title_and_buttons_stay_readable(unlocked_window, clip_note, qtbot):
    """The window could not be made narrower than 929 px (the record page's one-line subtitle, the privacy page's
    legend); squeezed to 800 px the note title shrank to "i…" and "Title & tags…" to "Tit…gs…"."""
    window = unlocked_window
    window.show()
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    window.note_view.edit_details("interview with the regional partner", [])
    window.privacy.legend.set_types(["PERSON", "LOCATION", "ADDRESS", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS",
                                     "CREDIT_CARD", "IBAN_CODE", "URL", "US_SSN"])
    assert window.minimumSizeHint().width() <= 800 and window.minimumSizeHint().height() <= 600
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)
    qtbot.wait(50)
    view = window.note_view
    assert view.title.width() >= 250
    assert view.title.fontMetrics().horizontalAdvance(view.title.text()[:12]) <= view.title.width()
    for button in (view.undo_button, view.redo_button, view.details_button, view.edit_button, view.privacy_button,
                   view.export_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width(), button.text()
        assert view.rect().contains(QRect(button.mapTo(view, QPoint(0, 0)), button.size())), button.text()

    window.resize(1400, 800)
    qtbot.waitUntil(lambda: window.width() == 1400)
    qtbot.wait(50)
    assert view.export_button.geometry().top() <= view.title.geometry().bottom()  # one row again when there is room


def test_the_window_opens_within_the_screen(window):
    """With 150 % text scaling the window opened at 1180×760 logical pixels on a 853×533 screen, Import off-screen."""
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_the_export_dialog_fits_a_600_pixel_screen_with_its_export_button_reachable(unlocked_window, clip_note, qtbot):
    """The export dialog needed 574 px of height; on a 600-pixel screen (or larger text) its rows were squeezed over
    each other. Its options now scroll, and the Export button stays in view."""
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    assert dialog.minimumSizeHint().height() <= 420
    dialog.resize(dialog.width(), 420)
    qtbot.waitUntil(lambda: dialog.height() == 420)
    assert dialog.export_button.isVisible()
    assert dialog.export_button.mapTo(dialog, QPoint(0, dialog.export_button.height())).y() <= dialog.height()
    rows = [dialog.format_boxes["txt"], dialog.redacted, dialog.audio, dialog.report, dialog.folder]
    tops = [row.mapTo(dialog, QPoint(0, 0)).y() for row in rows]
    assert tops == sorted(tops) and all(b - a >= row.minimumSizeHint().height() for a, b, row in zip(tops, tops[1:], rows))


def test_the_export_dialog_opens_wholly_on_the_screen(unlocked_window, clip_note, qtbot):
    """At 800×600 the dialog was placed for its first width, then widened to fit its options: its right edge and
    the Export button were off the screen."""
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry()), (area, dialog.frameGeometry())


def test_the_settings_dialog_opens_wide_enough_for_its_rows(unlocked_window, qtbot):
    """At 800×600 Settings opened at Qt's two thirds of the screen (533 px): the keychain and watch-folder boxes and
    the note under them were cut off mid-word."""
    dialog = unlocked_window.open_settings()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry()), (area, dialog.frameGeometry())
    for box in (dialog.keychain, dialog.watch_enabled):
        assert box.width() >= box.sizeHint().width(), (box.text(), box.width(), box.sizeHint().width())
