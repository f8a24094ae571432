"""Settings › "Your name in calls": the label of the microphone's side of a recorded call, kept in the notebook."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.pipeline.sides import owner_name


def test_the_name_is_saved_into_the_notebook_on_ok(unlocked_window, qtbot):
    window = unlocked_window
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    assert dialog.owner_name.text() == "Me"
    dialog.owner_name.clear()
    qtbot.keyClicks(dialog.owner_name, "Dana Okafor")
    dialog.accept()
    assert not dialog.isVisible()
    assert owner_name(window.notebook.storage) == "Dana Okafor"
    reopened = window.open_settings()
    qtbot.addWidget(reopened)
    assert reopened.owner_name.text() == "Dana Okafor"
    reopened.reject()


def test_a_name_too_long_keeps_the_dialog_open_with_one_line(unlocked_window, qtbot):
    window = unlocked_window
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.owner_name.setText("x" * 81)
    dialog.accept()
    assert dialog.isVisible()
    assert "1 to 80 characters" in dialog.owner_error.text() and dialog.owner_error.isVisible()
    assert owner_name(window.notebook.storage) == "Me"
    dialog.reject()
