"""A note's title and tags, edited in one small dialog."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from ui.viewmodels.edit_commands import parse_tags


class NoteDetailsDialog(QDialog):
    """Asks for a title and comma-separated tags; :meth:`values` returns what was entered."""

    def __init__(self, title: str, tags: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Title and tags")
        self.title = QLineEdit(title)
        self.title.selectAll()  # typing replaces the title (a file name such as "meeting" is rarely the one wanted)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setPlaceholderText("comma-separated, e.g. team, weekly")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow("Title", self.title)
        layout.addRow("Tags", self.tags)
        layout.addRow(buttons)
        self.setMinimumWidth(420)

    def values(self) -> tuple[str, list[str]]:
        """Returns (title, tags) as entered: the title trimmed ("Untitled" when empty), the tags parsed."""
        return self.title.text().strip() or "Untitled", parse_tags(self.tags.text())
