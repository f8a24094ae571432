"""The library's order: titles as people count them (a walk with 50 numbered notes put "clip 10" before "clip 2")."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ui.notebook import NoteSummary
from ui.viewmodels.notes_model import NotesFilterProxy, NotesTableModel


def test_titles_sort_by_their_numbers_and_ignore_case():
    model = NotesTableModel()
    model.set_notes([NoteSummary(str(i), title, f"2026-12-05T10:0{i}:00+00:00", 3.0)
                     for i, title in enumerate(["Standup 10", "standup 2", "Standup 1", "Budget", "Standup 2b"])])
    proxy = NotesFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.AscendingOrder)
    assert [proxy.index(row, 0).data() for row in range(proxy.rowCount())] == [
        "Budget", "Standup 1", "standup 2", "Standup 2b", "Standup 10"]
