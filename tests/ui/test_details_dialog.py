"""Title & tags…: typing on opening replaces the title, as a rename does, instead of adding to it."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_typing_in_the_title_and_tags_dialog_replaces_the_old_title(qtbot):
    from ui.widgets.details_dialog import NoteDetailsDialog

    dialog = NoteDetailsDialog("meeting", ["team"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.title.hasFocus)

    qtbot.keyClicks(dialog.title, "Clinic follow-up")
    qtbot.keyClick(dialog.title, Qt.Key_Tab)  # Tab selects the tags: End, then add one
    qtbot.keyClick(dialog.tags, Qt.Key_End)
    qtbot.keyClicks(dialog.tags, ", health")

    assert dialog.values() == ("Clinic follow-up", ["team", "health"])
