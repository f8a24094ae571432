"""A legend of personal-data types: one coloured swatch and name per type found in the open note."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.viewmodels.pii_model import colour_for


class PiiLegend(QWidget):
    """Shows a swatch per type, wrapping onto more lines when narrow; ``entries()`` lists them as (type, colour name)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        # One wrapping label: a row of sixteen types would otherwise hold the window wider than a small screen.
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setToolTip("Each kind of personal data is highlighted in its own colour")
        row.addWidget(self.label)
        self.labels: list[QLabel] = [self.label]
        self.types: list[str] = []

    def set_types(self, entity_types: list[str]) -> None:
        """Shows one swatch for each distinct type in ``entity_types`` (in the order first seen)."""
        types = list(dict.fromkeys(entity_types))
        if types == self.types:
            return
        self.types = types
        swatches = (f"<span style='background:{c}; color:{c}'>&nbsp;■&nbsp;</span>&nbsp;{t}"
                    for t, c in self.entries())
        self.label.setText("&nbsp;&nbsp; ".join(swatches))
        self.label.setVisible(bool(types))

    def entries(self) -> list[tuple[str, str]]:
        """Returns the (type, colour name) pairs shown, in order."""
        return [(t, colour_for(t).name()) for t in self.types]
