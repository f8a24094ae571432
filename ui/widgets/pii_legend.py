"""A legend of personal-data types: one coloured swatch and name per type found in the open note."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.viewmodels.pii_model import colour_for


class PiiLegend(QWidget):
    """Shows a swatch per type; ``entries()`` lists what it shows as (type, colour name)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(10)
        self.row.addStretch()
        self.labels: list[QLabel] = []
        self.types: list[str] = []

    def set_types(self, entity_types: list[str]) -> None:
        """Shows one swatch for each distinct type in ``entity_types`` (in the order first seen)."""
        types = list(dict.fromkeys(entity_types))
        if types == self.types:
            return
        self.types = types
        for label in self.labels:
            self.row.removeWidget(label)
            label.deleteLater()
        self.labels = []
        for entity_type in types:
            colour = colour_for(entity_type).name()
            label = QLabel(f"<span style='background:{colour}; color:{colour}'>&nbsp;■&nbsp;</span>&nbsp;{entity_type}")
            label.setToolTip(f"{entity_type} findings are highlighted in this colour")
            self.row.insertWidget(len(self.labels), label)
            self.labels.append(label)

    def entries(self) -> list[tuple[str, str]]:
        """Returns the (type, colour name) pairs shown, in order."""
        return [(t, colour_for(t).name()) for t in self.types]
