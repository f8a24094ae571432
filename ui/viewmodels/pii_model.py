"""The open note's personal-data findings as a table: type, text, score, decision, source.

The findings are the note's spans, then the mentions of a named speaker's name that no span covers
(``app.privacy.speaker_mentions``, the function exports redact with): the review shows what an export hides.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from app.privacy.speaker_mentions import SOURCE as SPEAKER_NAME
from app.privacy.speaker_mentions import uncovered_speaker_mentions
from audio_core.model import PiiSpan, Transcript
from ui.viewmodels.table_model import HeaderedTableModel

COLUMNS = ("Type", "Text", "Score", "Decision", "Source")
# one colour per type, far enough apart to tell at a glance (the legend names them)
TYPE_COLOURS = {
    "PERSON": "#f2a65a",
    "PHONE_NUMBER": "#6cc3d5",
    "EMAIL_ADDRESS": "#a78bfa",
    "LOCATION": "#7bd389",
    "ADDRESS": "#3fa672",
    "DATE_TIME": "#f7d060",
    "CREDIT_CARD": "#f17c8f",
    "IBAN_CODE": "#d6457a",
    "US_SSN": "#b5651d",
    "ID_NUMBER": "#e0a3f0",
    "PASSPORT": "#5b8def",
    "MEDICAL_RECORD": "#ff6f4f",
    "IP_ADDRESS": "#9fb83a",
    "CREDENTIAL": "#c94fd1",
    "MANUAL": "#8fa3b8",
}
DEFAULT_COLOUR = "#c0c4d0"
DECISION_COLOURS = {"accepted": "#2f9e44", "rejected": "#a0a4b0", "pending": "#d9822b"}
SWATCH_PX = 64  # drawn smaller by the table (its icon size); one size serves every screen scale
_swatches: dict[str, QIcon] = {}


def colour_for(entity_type: str) -> QColor:
    """Returns the highlight colour for a PII type (a type not listed gets a stable hue of its own)."""
    if entity_type in TYPE_COLOURS:
        return QColor(TYPE_COLOURS[entity_type])
    hue = sum(ord(c) * 31**i for i, c in enumerate(entity_type)) % 360
    return QColor.fromHsv(hue, 110, 235)


def swatch_for(entity_type: str) -> QIcon:
    """Returns the type's colour swatch for a table cell, the same colour when its row is selected.

    A bare colour as a cell's decoration becomes an icon with no selected look of its own, so Qt tinted it with
    the selection colour: PERSON's orange looked brown on the selected row.
    """
    if entity_type not in _swatches:
        pixmap = QPixmap(SWATCH_PX, SWATCH_PX)
        pixmap.fill(colour_for(entity_type))
        icon = QIcon()
        for mode in (QIcon.Normal, QIcon.Active, QIcon.Selected):
            icon.addPixmap(pixmap, mode)
        _swatches[entity_type] = icon
    return _swatches[entity_type]


def is_speaker_name(span: PiiSpan) -> bool:
    """Returns whether ``span`` is a mention of a speaker's name (found from the speakers' names, not the detector)."""
    return span.source == SPEAKER_NAME


def tooltip_for(span: PiiSpan) -> str:
    """Returns what hovering a finding says: its type and decision, and for a speaker's name that it is one."""
    if not is_speaker_name(span):
        return f"{span.entity_type} · {span.decision}"
    if span.decision == "rejected":
        return f"{span.entity_type} · a speaker's name · rejected: kept in exports"
    return f"{span.entity_type} · a speaker's name: redacted in exports"


class PiiSpansModel(HeaderedTableModel):
    """Rows are ``transcript.pii_spans`` in order (row n is span index n for ``app.privacy.review``), then
    :attr:`mentions`, the speakers' names the text writes that no span covers (not stored until decided)."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.transcript = Transcript()
        self.mentions: list[PiiSpan] = []
        self._shown_rows = 0

    def set_transcript(self, transcript: Transcript) -> None:
        """Shows ``transcript``'s spans and its speakers' names in the text."""
        self.beginResetModel()
        self.transcript = transcript
        self.mentions = uncovered_speaker_mentions(transcript)
        self._shown_rows = self.rowCount()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-reads the spans and the mentions after a change (the same rows: only their cells are redrawn, the
        selection stays)."""
        self.mentions = uncovered_speaker_mentions(self.transcript)
        rows = self.rowCount()
        if rows and rows == self._shown_rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._shown_rows = rows
        self.endResetModel()

    def findings(self) -> list[PiiSpan]:
        """Returns every row's span: the note's spans, then the mentions of speakers' names."""
        return self.transcript.pii_spans + self.mentions

    def span_at(self, row: int) -> PiiSpan:
        """Returns the span in ``row``."""
        spans = self.transcript.pii_spans
        return spans[row] if row < len(spans) else self.mentions[row - len(spans)]

    def is_mention(self, row: int) -> bool:
        """Returns whether ``row`` is an undecided mention of a speaker's name (not among the note's spans)."""
        return row >= len(self.transcript.pii_spans)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.transcript.pii_spans) + len(self.mentions)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        span = self.span_at(index.row())
        column = index.column()
        if role == Qt.DisplayRole:
            return (span.entity_type, span.text, f"{span.score:.2f}", span.decision, span.source)[column]
        if role == Qt.ToolTipRole:
            return tooltip_for(span)
        if role == Qt.DecorationRole and column == 0:
            return swatch_for(span.entity_type)
        if role == Qt.ForegroundRole and column == 3:
            return QColor(DECISION_COLOURS.get(span.decision, DEFAULT_COLOUR))
        return None
