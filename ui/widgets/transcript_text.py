"""The transcript as speaker paragraphs in a read-only text view: click a word to seek, the spoken word is highlighted."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from audio_core.model import Transcript
from ui.viewmodels.transcript_layout import TranscriptLayout
from ui.widgets.waveform import speaker_colour


class TranscriptText(QTextEdit):
    """Shows a :class:`TranscriptLayout`; ``word_clicked(word_index)`` when a word is clicked."""

    word_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.viewport().setCursor(Qt.PointingHandCursor)
        self.document().setDocumentMargin(18)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.12)
        self.setFont(font)
        self.layout_: TranscriptLayout | None = None
        self.current_word: int | None = None

    def show_layout(self, layout: TranscriptLayout, transcript: Transcript) -> None:
        """Renders ``layout`` (headers in the speaker's colour, bold)."""
        self.layout_ = layout
        self.current_word = None
        scroll = self.verticalScrollBar().value()
        self.setPlainText(layout.text)
        cursor = QTextCursor(self.document())
        for paragraph in layout.paragraphs:
            cursor.setPosition(paragraph.header_start_char)
            cursor.setPosition(paragraph.header_end_char, QTextCursor.KeepAnchor)
            header = QTextCharFormat()
            header.setFontWeight(QFont.DemiBold)
            header.setForeground(speaker_colour(transcript, paragraph.speaker_id))
            cursor.mergeCharFormat(header)
            block = cursor.block()
            spacing = block.blockFormat()
            spacing.setTopMargin(14)
            QTextCursor(block).setBlockFormat(spacing)
        self.verticalScrollBar().setValue(scroll)
        self.setExtraSelections([])

    def highlight_word(self, word_index: int | None) -> None:
        """Highlights the word at ``word_index`` (None clears) and keeps it in view."""
        if word_index == self.current_word or self.layout_ is None:
            return
        self.current_word = word_index
        if word_index is None:
            self.setExtraSelections([])
            return
        place = self.layout_.words[word_index]
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(79, 109, 245, 70))
        selection.format.setForeground(self.palette().text())
        cursor = QTextCursor(self.document())
        cursor.setPosition(place.start_char)
        cursor.setPosition(place.end_char, QTextCursor.KeepAnchor)
        selection.cursor = cursor
        self.setExtraSelections([selection])
        self._ensure_visible(cursor)

    def _ensure_visible(self, cursor: QTextCursor) -> None:
        rect = self.cursorRect(cursor)
        if not self.viewport().rect().contains(rect):
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 3)

    def word_at_point(self, point) -> int | None:
        """Returns the index of the word under viewport ``point``, or None."""
        if self.layout_ is None:
            return None
        return self.layout_.word_at_char(self.cursorForPosition(point).position())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            index = self.word_at_point(event.position().toPoint())
            if index is not None:
                self.word_clicked.emit(index)
