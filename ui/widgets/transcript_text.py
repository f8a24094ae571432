"""The transcript as speaker paragraphs, edited in place.

Each segment's text is editable where it stands; headers ("name  ·  time")
are not: clicking the name asks to rename the speaker, clicking the time
seeks there. An edit stays inside one segment and is handed on as
``text_edited(segment_index, text)`` when the person pauses, leaves the
segment, presses Enter or leaves the view, so each pause is one undo step on
the note's undo stack (the document's own undo is off).
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from app.privacy.speaker_removal import REMOVED_MARKER
from audio_core.model import Transcript
from ui.viewmodels.transcript_layout import TranscriptLayout
from ui.widgets.waveform import speaker_colour, speaker_colours

COMMIT_AFTER_MS = 1000  # a pause this long ends one edit (one undo step, then saved)
READING_CHARS = 100  # a longer line is hard to follow back to its start: a full-HD window wrapped at ~230
DELETE_KEYS = (QKeySequence.DeleteStartOfWord, QKeySequence.DeleteEndOfWord, QKeySequence.DeleteEndOfLine,
               QKeySequence.DeleteCompleteLine, QKeySequence.Cut)


class TranscriptText(QTextEdit):
    """Shows a :class:`TranscriptLayout` and lets each segment's text be edited in place.

    Signals: ``word_clicked(word_index)``, ``speaker_clicked(paragraph_index)``,
    ``time_clicked(paragraph_index)``, ``text_edited(segment_index, text)``,
    ``undo_requested()``, ``redo_requested()``, ``live_changed()`` after each keystroke, ``play_requested()`` for
    Space where nothing can be typed (a speaker's header, between turns).
    """

    word_clicked = Signal(int)
    speaker_clicked = Signal(int)
    time_clicked = Signal(int)
    text_edited = Signal(int, str)
    undo_requested = Signal()
    redo_requested = Signal()
    live_changed = Signal()
    play_requested = Signal()
    locked_edit = Signal()  # a key or paste fell on a turn removed at a participant's request, which stays as it is

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(18)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.12)
        self.setFont(font)
        self.layout_: TranscriptLayout | None = None
        self.extend_menu = None  # extend_menu(menu, word_index or None): the note view's own entries (who said it)
        self.current_word: int | None = None
        self.ranges: list[list[int]] = []  # [segment_index, start_char, end_char], kept up to date while typing
        self.editing: int | None = None  # index into ranges of the segment being edited
        self.edit_before = ""
        self.locked: set[int] = set()  # segment indices removed at a participant's request: never edited
        self._rendering = False
        self._shown_key: tuple | None = None  # the speakers the document's headers are coloured for
        self.commit_timer = QTimer(self)
        self.commit_timer.setSingleShot(True)
        self.commit_timer.setInterval(COMMIT_AFTER_MS)
        self.commit_timer.timeout.connect(self.commit_edit)
        self.document().contentsChange.connect(self._contents_changed)
        self.cursorPositionChanged.connect(self._caret_moved)
        self.setMouseTracking(True)

    # --- showing ----------------------------------------------------------------------------------

    def reading_width(self) -> int:
        """Returns the widest the text runs, in pixels: about ``READING_CHARS`` characters and the margins."""
        return self.fontMetrics().averageCharWidth() * READING_CHARS + 2 * round(self.document().documentMargin())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # A wide window wraps at the reading width (the rest stays blank); a narrow one at its own width.
        width = self.reading_width()
        if self.viewport().width() > width:
            if self.lineWrapMode() != QTextEdit.FixedPixelWidth or self.lineWrapColumnOrWidth() != width:
                self.setLineWrapMode(QTextEdit.FixedPixelWidth)
                self.setLineWrapColumnOrWidth(width)
        elif self.lineWrapMode() != QTextEdit.WidgetWidth:
            self.setLineWrapMode(QTextEdit.WidgetWidth)

    def show_layout(self, layout: TranscriptLayout, transcript: Transcript) -> None:
        """Renders ``layout`` (headers in the speaker's colour, bold); the caret stays on the same segment and offset."""
        caret = self.caret_place()
        self.current_word = None
        self.editing = None
        self.commit_timer.stop()
        self.locked = {i for i, s in enumerate(transcript.segments)
                       if s.speaker_id is None and s.text.strip() == REMOVED_MARKER}
        key = (tuple(p.speaker_id for p in layout.paragraphs), tuple(s.id for s in transcript.speakers),
               tuple(p.header_end_char - p.header_start_char for p in layout.paragraphs))
        rewritten = self._show_changed_segments(layout) if key == self._shown_key else None
        if rewritten is not None:
            # the document already shows this, or did but for a few segments' text (the edit just typed, an undo):
            # only those segments are rewritten and the places move; a long note is not laid out again
            self.layout_ = layout
            self.ranges = [[p.segment_index, p.start_char, p.end_char] for p in layout.segments]
            self.setExtraSelections([])
            if rewritten:
                self.restore_caret(caret)
            return
        self._shown_key = key
        self.layout_ = layout
        scroll = self.verticalScrollBar().value()
        self._rendering = True
        # the document's own setPlainText: QTextEdit's would paint all the text in the format under the caret
        self.document().setPlainText(layout.text)
        self.setCurrentCharFormat(QTextCharFormat())
        self.ranges = [[p.segment_index, p.start_char, p.end_char] for p in layout.segments]
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()  # one layout pass for all the formatting, not one per paragraph
        colours = speaker_colours(transcript)
        for paragraph in layout.paragraphs:
            cursor.setPosition(paragraph.header_start_char)
            cursor.setPosition(paragraph.header_end_char, QTextCursor.KeepAnchor)
            header = QTextCharFormat()
            header.setFontWeight(QFont.DemiBold)
            header.setForeground(speaker_colour(transcript, paragraph.speaker_id, colours))
            cursor.mergeCharFormat(header)
            cursor.setPosition(paragraph.header_start_char)
            cursor.setPosition(paragraph.name_end_char, QTextCursor.KeepAnchor)
            name = QTextCharFormat()
            name.setToolTip("Click to rename this speaker")
            cursor.mergeCharFormat(name)
            cursor.setPosition(paragraph.time_start_char)
            cursor.setPosition(paragraph.time_end_char, QTextCursor.KeepAnchor)
            time = QTextCharFormat()
            time.setToolTip("Click to play from here")
            time.setFontUnderline(True)
            cursor.mergeCharFormat(time)
            if paragraph.overlapping_ids:
                cursor.setPosition(paragraph.time_end_char)
                cursor.setPosition(paragraph.header_end_char, QTextCursor.KeepAnchor)
                cursor.mergeCharFormat(_overlap_note_format(self.palette()))
            block = cursor.block()
            spacing = block.blockFormat()
            spacing.setTopMargin(14)
            cursor.setBlockFormat(spacing)
        cursor.endEditBlock()
        self._rendering = False
        self.restore_caret(caret)
        self.verticalScrollBar().setValue(scroll)
        self.setExtraSelections([])

    def _show_changed_segments(self, layout: TranscriptLayout) -> int | None:
        """Rewrites, in place, the segments whose text differs from ``layout``'s; returns how many, or None when the
        document cannot be brought to show ``layout`` that way.

        Only for the same paragraphs and headers as shown (a text edit or its undo): None otherwise, or when the
        document does not match after all, and the caller renders it all.
        """
        shown = self.document().toPlainText()
        if shown == layout.text:
            return 0
        if [r[0] for r in self.ranges] != [p.segment_index for p in layout.segments]:
            return None
        changed = [(old, new) for old, new in zip(self.ranges, layout.segments)
                   if shown[old[1]:old[2]] != layout.text[new.start_char:new.end_char]]
        self._rendering = True
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for old, new in reversed(changed):  # from the end, so the earlier places stay where they are
            cursor.setPosition(old[1])
            cursor.setPosition(old[2], QTextCursor.KeepAnchor)
            cursor.insertText(layout.text[new.start_char:new.end_char], QTextCharFormat())
        cursor.endEditBlock()
        self._rendering = False
        return len(changed) if self.document().toPlainText() == layout.text else None

    def show_message(self, text: str) -> None:
        """Shows ``text`` instead of a transcript (nothing to edit)."""
        self.commit_timer.stop()
        self.layout_, self.ranges, self.editing, self.current_word, self._shown_key = None, [], None, None, None
        self._rendering = True
        self.document().setPlainText(text)
        self._rendering = False

    def highlight_word(self, word_index: int | None) -> None:
        """Highlights the word at ``word_index`` (None clears) and keeps it in view; not while an edit is open."""
        if word_index == self.current_word or self.layout_ is None or self.editing is not None:
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

    # --- where things are -------------------------------------------------------------------------

    def range_at(self, start: int, end: int | None = None) -> int | None:
        """Returns the index into ``ranges`` of the segment holding characters ``start:end`` (a caret when end is None)."""
        end = start if end is None else end
        for i, (_, first, last) in enumerate(self.ranges):
            if first <= start and end <= last:
                return i
        return None

    def segment_text(self, range_index: int) -> str:
        """Returns the text now shown for ``ranges[range_index]``, edits included."""
        _, start, end = self.ranges[range_index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.KeepAnchor)
        return cursor.selectedText()

    def word_count(self) -> int:
        """Returns how many words the transcript shows now, the edit being typed included; a turn or name removed at a
        participant's request ("[removed at the participant's request]") is no words."""
        shown = self.document().toPlainText()  # one copy of the text, not one cursor per segment
        marker_words = len(REMOVED_MARKER.split())
        return sum(len(shown[start:end].split()) - shown[start:end].count(REMOVED_MARKER) * marker_words
                   for _, start, end in self.ranges)

    def caret_place(self) -> tuple[int, int] | None:
        """Returns the caret as (segment index, offset in its text), or None when it is not in a segment."""
        i = self.range_at(self.textCursor().position())
        if i is None:
            return None
        return self.ranges[i][0], self.textCursor().position() - self.ranges[i][1]

    def restore_caret(self, place: tuple[int, int] | None) -> None:
        """Puts the caret back at ``place`` (from :meth:`caret_place`) in the text shown now; else at the top."""
        position = 0  # not the end, where the document leaves it: the view would scroll there when shown
        for segment_index, start, end in self.ranges:
            if place is not None and segment_index == place[0]:
                position = min(start + place[1], end)
                break
        cursor = self.textCursor()
        cursor.setPosition(position)
        self._rendering = True
        self.setTextCursor(cursor)
        self._rendering = False

    def word_at_point(self, point) -> int | None:
        """Returns the index of the word under viewport ``point``, or None."""
        if self.layout_ is None:
            return None
        return self.layout_.word_at_char(self.cursorForPosition(point).position())

    def header_part_at(self, point) -> tuple[str, int] | None:
        """Returns ("speaker" | "time", paragraph index) for a header under viewport ``point``, or None."""
        if self.layout_ is None:
            return None
        position = self.cursorForPosition(point).position()
        for i, p in enumerate(self.layout_.paragraphs):
            if p.header_start_char <= position < p.name_end_char:
                return "speaker", i
            if p.time_start_char <= position <= p.time_end_char:
                return "time", i
        return None

    # --- editing ----------------------------------------------------------------------------------

    def commit_edit(self) -> None:
        """Hands on the edit being typed (if it changed anything) as ``text_edited``."""
        self.commit_timer.stop()
        if self.editing is None:
            return
        index, self.editing = self.editing, None
        text = self.segment_text(index)
        if " ".join(text.split()) != " ".join(self.edit_before.split()):
            self.text_edited.emit(self.ranges[index][0], " ".join(text.split()))

    def _edit_target(self, event) -> tuple[int, int] | None:
        """Returns the characters a key would change, or None for a key that changes nothing."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if cursor.hasSelection():
            return start, end
        if event.key() == Qt.Key_Backspace:
            return start - 1, start
        if event.key() == Qt.Key_Delete:
            return start, start + 1
        for keys, move in ((QKeySequence.DeleteStartOfWord, QTextCursor.PreviousWord),
                           (QKeySequence.DeleteEndOfWord, QTextCursor.NextWord),
                           (QKeySequence.DeleteEndOfLine, QTextCursor.EndOfBlock)):
            if event.matches(keys):
                probe = QTextCursor(cursor)
                probe.movePosition(move, QTextCursor.KeepAnchor)
                return probe.selectionStart(), probe.selectionEnd()
        if event.matches(QKeySequence.Cut):
            return None
        if event.text() and event.text().isprintable():
            return start, start
        return None

    def _begin_edit(self, start: int, end: int) -> bool:
        """Opens (or continues) the edit of the segment holding ``start:end``; False when that spans no single segment."""
        i = self.range_at(start, end)
        if i is None:
            return False
        if self.ranges[i][0] in self.locked:
            self.locked_edit.emit()
            return False
        if self.editing is not None and self.editing != i:
            self.commit_edit()
            i = self.range_at(start, end)
            if i is None:
                return False
        if self.editing is None:
            self.editing = i
            self.edit_before = self.segment_text(i)
            self.setExtraSelections([])
            self.current_word = None
        return True

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Undo):
            self.commit_edit()
            self.undo_requested.emit()
            return
        if event.matches(QKeySequence.Redo) or (event.key() == Qt.Key_Y and event.modifiers() == Qt.ControlModifier):
            self.commit_edit()
            self.redo_requested.emit()
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape):
            self.commit_edit()  # a segment is one line: Enter ends the edit
            return
        target = self._edit_target(event)
        if target is None:
            if not any(event.matches(keys) for keys in DELETE_KEYS) and not event.matches(QKeySequence.Paste):
                super().keyPressEvent(event)
            elif event.matches(QKeySequence.Paste):
                super().keyPressEvent(event)  # gated in insertFromMimeData
            return
        held = self.range_at(*target)
        if held is not None and self.ranges[held][0] in self.locked:
            self.locked_edit.emit()  # not even Space plays here: the person pressing it meant to type
            return
        if not self._begin_edit(*target):
            # headers and the space between segments are not text to edit; there (where a note opens) Space plays
            if event.key() == Qt.Key_Space and event.modifiers() == Qt.NoModifier:
                self.play_requested.emit()
            return
        super().keyPressEvent(event)
        self.commit_timer.start()

    def canInsertFromMimeData(self, source) -> bool:
        return source.hasText()

    def insertFromMimeData(self, source) -> None:
        cursor = self.textCursor()
        raw = source.text()
        text = " ".join(raw.split())
        if text:  # one space stays where the clipboard had space at an edge, so words do not run together
            text = (" " if raw[0].isspace() else "") + text + (" " if raw[-1].isspace() else "")
        if not text or not self._begin_edit(cursor.selectionStart(), cursor.selectionEnd()):
            return
        cursor.insertText(text)  # plain text on one line: a segment has no formatting and no line breaks
        self.commit_timer.start()

    def inputMethodEvent(self, event) -> None:
        cursor = self.textCursor()
        if event.commitString() or event.preeditString():
            if not self._begin_edit(cursor.selectionStart(), cursor.selectionEnd()):
                event.ignore()
                return
            self.commit_timer.start()
        super().inputMethodEvent(event)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        cursor = self.textCursor()
        held = self.range_at(cursor.selectionStart(), cursor.selectionEnd())
        editable = held is not None and self.ranges[held][0] not in self.locked
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                action.setVisible(False)
            elif action.objectName() in ("edit-cut", "edit-delete") and not editable:
                action.setEnabled(False)
            elif action.objectName() == "edit-cut" and editable:
                action.triggered.disconnect()
                action.triggered.connect(self._cut_in_segment)
            elif action.objectName() == "edit-delete" and editable:
                action.triggered.disconnect()
                action.triggered.connect(self._delete_in_segment)
        if self.extend_menu is not None:
            self.extend_menu(menu, self.word_at_point(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _cut_in_segment(self) -> None:
        self.copy()
        self._delete_in_segment()

    def _delete_in_segment(self) -> None:
        cursor = self.textCursor()
        if self._begin_edit(cursor.selectionStart(), cursor.selectionEnd()):
            cursor.removeSelectedText()
            self.commit_edit()

    def _contents_changed(self, position: int, removed: int, added: int) -> None:
        if self._rendering or self.editing is None:
            return
        delta = added - removed
        for i, entry in enumerate(self.ranges):
            if i == self.editing:
                entry[2] += delta
            elif entry[1] >= position:
                entry[1] += delta
                entry[2] += delta
        self.live_changed.emit()

    def _caret_moved(self) -> None:
        if not self._rendering and self.editing is not None:
            QTimer.singleShot(0, self._commit_if_caret_left)  # once Qt has finished the edit or move

    def _commit_if_caret_left(self) -> None:
        if self.editing is None:
            return
        cursor = self.textCursor()
        _, start, end = self.ranges[self.editing]
        if not (start <= cursor.selectionStart() and cursor.selectionEnd() <= end):
            self.commit_edit()

    def focusOutEvent(self, event) -> None:
        self.commit_edit()
        super().focusOutEvent(event)

    # --- clicks -----------------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        over_header = self.header_part_at(event.position().toPoint()) is not None
        self.viewport().setCursor(Qt.PointingHandCursor if over_header else Qt.IBeamCursor)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.LeftButton or self.textCursor().hasSelection():
            return
        point = event.position().toPoint()
        header = self.header_part_at(point)
        if header is not None:
            (self.speaker_clicked if header[0] == "speaker" else self.time_clicked).emit(header[1])
            return
        index = self.word_at_point(point)
        if index is not None:
            self.word_clicked.emit(index)


def _overlap_note_format(palette) -> QTextCharFormat:
    """The header's "overlaps with …" note: italic, in the muted text colour, explained on hover."""
    note = QTextCharFormat()
    note.setFontItalic(True)
    note.setFontWeight(QFont.Normal)
    note.setForeground(palette.placeholderText().color())
    note.setToolTip("Someone else talks at the same time during this turn (hatched on the waveform)")
    return note
