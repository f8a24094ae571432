"""The privacy panel's transcript: one segment per line, findings highlighted in their type's colour.

The findings are the panel's rows (the note's spans, then the mentions of speakers' names no span covers), so a
row number is the same in the table and here.

Clicking a highlight reports its finding (``span_clicked(row)``); the
findings selected in the table are outlined with :meth:`PiiText.show_selected`.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from audio_core.model import PiiSpan, Transcript
from ui.viewmodels.pii_model import colour_for, tooltip_for


def segment_offsets(transcript: Transcript) -> list[int]:
    """Returns where each segment's text starts in the panel's text (one segment per line)."""
    offsets, position = [], 0
    for segment in transcript.segments:
        offsets.append(position)
        position += len(segment.text) + 1
    return offsets


class PiiText(QTextEdit):
    """Read-only transcript with highlighted findings; ``span_clicked(row)`` when a highlight is clicked."""

    span_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.document().setDocumentMargin(14)
        self.transcript = Transcript()
        self.findings: list[PiiSpan] = []  # row n of the review's table is findings[n]
        self._shown_lines: list[tuple] | None = None  # per line: its text and findings as drawn
        self.viewport().installEventFilter(self)

    def show_transcript(self, transcript: Transcript, findings: list[PiiSpan] | None = None) -> None:
        """Renders ``transcript`` with each finding in its type's colour (rejected ones faded and struck out);
        ``findings`` are the review's rows (None: the note's spans).

        When the note has as many lines as shown, only the lines whose text or findings changed are redrawn (an
        edit or a decision in a long note touches one line, not the whole text).
        """
        self.transcript = transcript
        self.findings = list(transcript.pii_spans if findings is None else findings)
        lines = _line_contents(transcript, self.findings)
        shown, self._shown_lines = self._shown_lines, lines
        scroll = self.verticalScrollBar().value()
        if shown is not None and len(shown) == len(lines) and lines:
            self._redraw_lines(transcript, [i for i, (old, new) in enumerate(zip(shown, lines)) if old != new])
        else:
            self._render_all(transcript)
        self.verticalScrollBar().setValue(scroll)
        self.setExtraSelections([])

    def _render_all(self, transcript: Transcript) -> None:
        # the document's own setPlainText: QTextEdit's would paint all the text in the format under the caret
        self.document().setPlainText("\n".join(s.text for s in transcript.segments))
        # the caret the document leaves at the end would scroll the review to the bottom when it is next shown
        self.setTextCursor(QTextCursor(self.document()))
        self.setCurrentCharFormat(QTextCharFormat())
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one layout pass for all the highlights
        cursor.select(QTextCursor.Document)
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(6)
        cursor.mergeBlockFormat(spacing)
        offsets = segment_offsets(transcript)
        for span in self.findings:
            span_cursor = self.span_cursor(span, offsets)
            if span_cursor is not None:
                span_cursor.mergeCharFormat(_highlight(span))
        cursor.endEditBlock()

    def _redraw_lines(self, transcript: Transcript, numbers: list[int]) -> None:
        """Rewrites lines ``numbers`` (segment indices) with their text and highlights; the others stay as drawn."""
        if not numbers:
            return
        wanted = set(numbers)
        document = self.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number in numbers:
            block = document.findBlockByNumber(number)
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.KeepAnchor)
            cursor.insertText(transcript.segments[number].text, QTextCharFormat())
        for span in self.findings:
            if span.segment_index in wanted:
                start = document.findBlockByNumber(span.segment_index).position()
                cursor.setPosition(start + span.start)
                cursor.setPosition(start + span.end, QTextCursor.KeepAnchor)
                cursor.mergeCharFormat(_highlight(span))
        cursor.endEditBlock()

    def span_cursor(self, span: PiiSpan, offsets: list[int] | None = None) -> QTextCursor | None:
        """Returns a cursor selecting ``span`` in the text, or None when its segment is gone.

        ``offsets`` (from :func:`segment_offsets`) saves recomputing them for each span.
        """
        offsets = segment_offsets(self.transcript) if offsets is None else offsets
        if not 0 <= span.segment_index < len(offsets):
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(offsets[span.segment_index] + span.start)
        cursor.setPosition(offsets[span.segment_index] + span.end, QTextCursor.KeepAnchor)
        return cursor

    def span_at(self, position: int) -> int | None:
        """Returns the row of the finding at character ``position`` of the text, or None."""
        offsets = segment_offsets(self.transcript)
        for row, span in enumerate(self.findings):
            if 0 <= span.segment_index < len(offsets):
                start = offsets[span.segment_index]
                if start + span.start <= position < start + span.end:
                    return row
        return None

    def show_selected(self, rows: list[int]) -> None:
        """Outlines the findings in ``rows`` (bold, underlined, full colour) and scrolls the first into view."""
        selections = []
        offsets = segment_offsets(self.transcript)
        for row in rows:
            if not 0 <= row < len(self.findings):
                continue
            span = self.findings[row]
            cursor = self.span_cursor(span, offsets)
            if cursor is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(colour_for(span.entity_type))
            selection.format.setFontWeight(QFont.Bold)
            selection.format.setFontUnderline(True)
            selection.format.setUnderlineColor(QColor("#1d1f27"))
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)
        if selections:
            shown = QTextCursor(selections[0].cursor)
            shown.clearSelection()
            rect = self.cursorRect(shown)
            if not self.viewport().rect().contains(rect):
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 3)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.viewport() and event.type() == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton:
            if not self.textCursor().hasSelection():
                row = self.span_at(self.cursorForPosition(event.position().toPoint()).position())
                if row is not None:
                    self.span_clicked.emit(row)
        return super().eventFilter(watched, event)


def _line_contents(transcript: Transcript, findings: list[PiiSpan]) -> list[tuple]:
    """Returns, per segment, what its line shows: the text and its findings (where, type, decision, source)."""
    marks: list[list[tuple]] = [[] for _ in transcript.segments]
    for span in findings:
        if 0 <= span.segment_index < len(marks):
            marks[span.segment_index].append((span.start, span.end, span.entity_type, span.decision, span.source))
    return [(segment.text, tuple(found)) for segment, found in zip(transcript.segments, marks)]


def _highlight(span: PiiSpan) -> QTextCharFormat:
    """A finding's look: its type's colour, faded and struck out when rejected."""
    fmt = QTextCharFormat()
    colour = QColor(colour_for(span.entity_type))
    colour.setAlpha(90 if span.decision == "rejected" else 170)
    fmt.setBackground(colour)
    fmt.setFontStrikeOut(span.decision == "rejected")
    fmt.setToolTip(tooltip_for(span))
    return fmt
