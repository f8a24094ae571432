"""The open note's speaker paragraphs as a list model (speaker, time, text), rebuilt after each edit."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from app.export.timecode import clock
from audio_core.model import Transcript
from ui.viewmodels.transcript_layout import TranscriptLayout, layout_transcript, overlap_note

SPEAKER_ROLE = Qt.UserRole + 1
START_ROLE = Qt.UserRole + 2
TEXT_ROLE = Qt.UserRole + 3
SPEAKER_ID_ROLE = Qt.UserRole + 4


class ParagraphsModel(QAbstractListModel):
    """One row per speaker turn; ``layout`` maps words to characters and times for the view."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.transcript = Transcript()
        self.layout = layout_transcript(self.transcript)

    def set_transcript(self, transcript: Transcript) -> None:
        """Shows ``transcript`` (the model keeps a reference; edits go through :meth:`refresh`)."""
        self.transcript = transcript
        self.refresh()

    def refresh(self) -> None:
        """Rebuilds the rows after the transcript changed."""
        self.beginResetModel()
        self.layout: TranscriptLayout = layout_transcript(self.transcript)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.layout.paragraphs)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        p = self.layout.paragraphs[index.row()]
        text = self.layout.text[p.body_start_char : p.body_end_char]
        if role == Qt.DisplayRole:
            overlap = overlap_note(self.transcript, p.overlapping_ids)
            return f"{p.speaker_name} ({clock(p.start_s)}{', ' + overlap if overlap else ''}): {text}"
        return {SPEAKER_ROLE: p.speaker_name, START_ROLE: p.start_s, TEXT_ROLE: text, SPEAKER_ID_ROLE: p.speaker_id}.get(role)
