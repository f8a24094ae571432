"""A small popup line edit that renames a speaker where its label was clicked."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit


class SpeakerNamePopup(QLineEdit):
    """Edits one name; Enter emits ``renamed(speaker_id, name)``, Esc or a click elsewhere closes it unchanged."""

    renamed = Signal(str, str)

    def __init__(self, speaker_id: str, name: str, parent=None):
        super().__init__(name, parent)
        self.setWindowFlags(Qt.Popup)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.speaker_id = speaker_id
        self.original = name
        self.setPlaceholderText("Speaker name")
        self.setToolTip("Enter renames this speaker everywhere in the note; Esc cancels")
        self.setMinimumWidth(max(220, self.fontMetrics().horizontalAdvance(name) + 40))
        self.selectAll()
        self.returnPressed.connect(self._accept)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _accept(self) -> None:
        name = self.text().strip()
        self.close()
        if name and name != self.original:
            self.renamed.emit(self.speaker_id, name)
