"""What the window says where there is nothing to show yet."""
from __future__ import annotations


def test_the_note_page_before_any_note_says_how_to_open_one(unlocked_window):
    """The Note page (Ctrl+3, or the side bar) was blank before the first note opened."""
    window = unlocked_window
    window.show_page("Note")
    view = window.note_view
    assert view.title.text() == "No note open"
    assert "Open a note from the library" in view.details.text()
    assert not view.export_button.isEnabled() and not view.play_button.isEnabled()
