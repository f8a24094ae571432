"""The export dialog's "Remove participants" choice: a checkbox per speaker of the note (GDPR right to object)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.privacy.speaker_removal import REMOVED_MARKER


class RemoveParticipantsBox(QWidget):
    """One checkbox per speaker; the ticked ones are removed from every exported file. ``changed`` on each tick."""

    changed = Signal()

    def __init__(self, speakers, parent=None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, speaker in enumerate(speakers):
            box = QCheckBox(speaker.name or speaker.id)
            box.setToolTip(f"Remove everything {speaker.name or speaker.id} said, at their request: their turns read "
                           f"“{REMOVED_MARKER}”, their voice is silenced in every audio file (also where someone talks "
                           "over them, or the transcript missed them), and their name appears nowhere, also where "
                           "others say it. The audit log records the removal.")
            box.toggled.connect(self._toggled)
            self.boxes[speaker.id] = box
            grid.addWidget(box, i // 3, i % 3)
        self.hint = QLabel()
        self.hint.setObjectName("subtitle")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        if not speakers:
            self.hint.setText("This note has no speakers to remove.")
        self._toggled()

    def chosen(self) -> tuple[str, ...]:
        """Returns the ids of the ticked speakers, in the note's order."""
        return tuple(sid for sid, box in self.boxes.items() if box.isChecked())

    def _toggled(self) -> None:
        count = len(self.chosen())
        # one line each, so the dialog does not grow: the tooltips say the rest
        if count:
            self.hint.setText(f"Left out of the text, the audio and the speaker list ({count}); audited.")
        elif self.boxes:
            self.hint.setText("Tick anyone who asked to be left out of the export.")
        self.changed.emit()
