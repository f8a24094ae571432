"""One note: speaker paragraphs edited in place, playback with word highlight, speaker rename/merge, undo/redo."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from audio_core.errors import HushnoteError
from app.export.timecode import clock
from ui.notebook import Note
from ui.playback import Player
from ui.viewmodels.edit_commands import (
    NoteDetailsCommand,
    edit_text_command,
    ensure_speakers,
    give_rest_of_turn_command,
    merge_speakers_command,
    rename_speaker_command,
)
from ui.viewmodels.paragraphs_model import ParagraphsModel
from ui.viewmodels.word_search import find_words
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.find_bar import FindBar
from ui.widgets.header_bar import HeaderBar
from ui.widgets.speaker_popup import SpeakerNamePopup
from ui.widgets.turn_menu import add_turn_menu
from ui.widgets.transcript_text import TranscriptText
from ui.widgets.waveform import WaveformOverview, speaker_colour

SEEK_STEP_S = 5.0


class NoteView(QWidget):
    """Shows and edits one :class:`Note`; ``changed(note)`` after each edit, ``error(message)`` for dialogs."""

    changed = Signal(object)
    error = Signal(str)
    notice = Signal(str)  # a problem worth a word, not a dialog (e.g. nothing to play through)
    privacy_requested = Signal()
    export_requested = Signal()
    forget_requested = Signal(str)  # a speaker's name: take this person out of every note (Edit › Forget a person…)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.note: Note | None = None
        self.output_device = ""
        self.player = Player()
        self.undo_stack = QUndoStack(self)
        self.paragraphs = ParagraphsModel(self)
        self.current_segment: int | None = None

        self.title = ElidedLabel("No note open")
        self.title.setObjectName("title")
        self.details = ElidedLabel()
        self.details.setObjectName("subtitle")
        self.privacy_button = QPushButton("Privacy…")
        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("primary")
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.details)
        self.undo_button = QToolButton()
        self.undo_button.setText("Undo")
        self.redo_button = QToolButton()
        self.redo_button.setText("Redo")
        self.edit_button = QToolButton()
        self.edit_button.setText("Edit text")
        self.edit_button.setToolTip("Type straight into the transcript; each pause is saved and can be undone (F2)")
        self.details_button = QToolButton()
        self.details_button.setText("Title && tags…")
        self.header = HeaderBar(titles, [self.undo_button, self.redo_button, self.details_button, self.edit_button,
                                         self.privacy_button, self.export_button])

        self.play_button = QPushButton("▶  Play")
        self.play_button.setFixedWidth(96)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setMinimumWidth(110)
        self.word_count = QLabel()
        self.word_count.setObjectName("subtitle")
        self.waveform = WaveformOverview()
        transport = QHBoxLayout()
        transport.addWidget(self.play_button)
        transport.addWidget(self.time_label)
        transport.addWidget(self.waveform, 1)
        transport.addWidget(self.word_count)

        self.text = TranscriptText()
        self.find_bar = FindBar(lambda query: find_words(self.paragraphs.layout, query), self._show_found)
        self.find_bar.closed.connect(lambda: self.text.setFocus(Qt.OtherFocusReason))
        self.speakers = QListWidget()
        self.speakers.setSelectionMode(QListWidget.ExtendedSelection)
        self.rename_button = QPushButton("Rename…")
        self.merge_button = QPushButton("Merge")
        self.merge_button.setToolTip("Select two or more speakers: the others are merged into the first one selected")
        forget = QAction("Forget this person in every note…", self.speakers)
        forget.triggered.connect(self._forget_selected)
        self.speakers.addAction(forget)
        self.speakers.setContextMenuPolicy(Qt.ActionsContextMenu)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        speakers_title = QLabel("Speakers")
        speakers_title.setStyleSheet("font-weight: 600;")
        side_layout.addWidget(speakers_title)
        side_layout.addWidget(self.speakers, 1)
        side_buttons = QHBoxLayout()
        side_buttons.addWidget(self.rename_button)
        side_buttons.addWidget(self.merge_button)
        side_layout.addLayout(side_buttons)
        splitter = QSplitter()
        splitter.addWidget(self.text)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 220])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(self.header)
        layout.addLayout(transport)
        layout.addWidget(self.find_bar)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(40)
        self.timer.timeout.connect(self._tick)
        self.play_button.clicked.connect(self.toggle_playback)
        self.waveform.seek_requested.connect(self.seek)
        self.text.word_clicked.connect(self._word_clicked)
        self.text.time_clicked.connect(self._time_clicked)
        self.text.speaker_clicked.connect(self._speaker_clicked)
        self.text.text_edited.connect(self.edit_segment)
        self.text.extend_menu = lambda menu, word_index: add_turn_menu(self, menu, word_index)
        self.text.undo_requested.connect(self.undo)
        self.text.redo_requested.connect(self.redo)
        self.text.play_requested.connect(self.toggle_playback)
        self.text.live_changed.connect(self._update_word_count)
        self.edit_button.clicked.connect(self.edit_current_segment)
        self.details_button.clicked.connect(self.edit_details_dialog)
        self.rename_button.clicked.connect(self._rename_selected)
        self.merge_button.clicked.connect(self._merge_selected)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.privacy_button.clicked.connect(self.privacy_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.speakers.itemDoubleClicked.connect(lambda item: self.rename_speaker_dialog(item.data(Qt.UserRole)))
        for keys, slot in (
            ("Ctrl+P", self.toggle_playback),
            ("Left", lambda: self.seek(self.player.position_s - SEEK_STEP_S)),
            ("Right", lambda: self.seek(self.player.position_s + SEEK_STEP_S)),
            ("F2", self.edit_current_segment),
            ("Ctrl+Z", self.undo),
            ("Ctrl+Shift+Z", self.redo),
            ("Ctrl+Y", self.redo),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.WidgetWithChildrenShortcut)
        space = QShortcut(QKeySequence("Space"), self, self.toggle_playback, context=Qt.WidgetWithChildrenShortcut)
        self.shortcuts = [space]
        # Tab follows the page top to bottom: header buttons, playback, find, the transcript, then the speakers.
        chain = [self.undo_button, self.redo_button, self.details_button, self.edit_button, self.privacy_button,
                 self.export_button, self.play_button, self.find_bar.field, self.find_bar.previous_button,
                 self.find_bar.next_button, self.text, self.speakers, self.rename_button, self.merge_button]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
        self.set_note(None)  # the empty state says how to open a note, from the first time the page shows

    # --- showing a note ---------------------------------------------------------------------------

    def set_note(self, note: Note | None) -> None:
        """Shows ``note`` (None shows the empty state); clears undo history and stops playback.

        An edit still being typed in the previous note is applied to it first.
        """
        self.commit_edit()
        self.player.close()
        self.timer.stop()
        self.undo_stack.clear()
        self.note = note
        self.current_segment = None
        if note is None:
            self.find_bar.hide()
            self.player = Player()
            self.title.setText("No note open")
            self.details.setText("Open a note from the library, import a file or record a meeting.")
            self.paragraphs.set_transcript(self.paragraphs.transcript.__class__())
            self.text.show_message("")
            self.word_count.setText("")
            self.speakers.clear()
            self.waveform.set_audio(None, 0.0, self.paragraphs.transcript)
            self._set_enabled(False)
            return
        ensure_speakers(note.transcript)
        self.player = Player(note.audio, device=self.output_device)
        self.waveform.set_audio(note.audio, note.transcript.duration_s or self.player.duration_s, note.transcript)
        self._set_enabled(True)
        self.play_button.setEnabled(note.audio is not None)
        if note.audio is None:
            self.play_button.setToolTip("This note has no audio kept")
        self._show_transcript()
        self.text.verticalScrollBar().setValue(0)  # a note opens at its beginning
        self._update_time()
        self.find_bar.refresh()

    def focus_transcript(self) -> None:
        """Puts the keyboard in the transcript, caret at its start (where an opened note shows), ready to read or type."""
        if self.note is None:
            return
        cursor = self.text.textCursor()
        cursor.setPosition(0)
        self.text.setTextCursor(cursor)
        self.text.verticalScrollBar().setValue(0)
        self.text.setFocus(Qt.OtherFocusReason)

    def top_char(self) -> int:
        """Returns the position of the first character in view in the transcript (0 with no note open)."""
        if self.note is None:
            return 0
        return self.text.cursorForPosition(QPoint(4, 4)).position()

    def scroll_to_char(self, position: int) -> None:
        """Scrolls the transcript so the character at ``position`` is at the top, with the caret there; a position
        past the end goes to the end. Pixels would not do: the same note wraps differently in another window size."""
        if self.note is None:
            return
        cursor = self.text.textCursor()
        cursor.setPosition(min(max(0, position), len(self.text.toPlainText())))
        self.text.setTextCursor(cursor)
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.value() + self.text.cursorRect(cursor).top())

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.edit_button, self.details_button, self.rename_button, self.merge_button,
                       self.privacy_button, self.export_button):
            widget.setEnabled(enabled)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())

    def _show_transcript(self, speakers_changed: bool = True) -> None:
        transcript = self.note.transcript
        self.paragraphs.set_transcript(transcript)
        self.title.setText(transcript.title or transcript.source_name or "Untitled")
        count = len(transcript.speakers)
        self.details.setText(
            f"{clock(transcript.duration_s)}  ·  {count} speaker{'s' if count != 1 else ''}  ·  "
            f"{transcript.model or 'unknown model'}"
            + (f"  ·  tags: {', '.join(self.note.tags)}" if self.note.tags else "")
        )
        if transcript.segments:
            self.text.show_layout(self.paragraphs.layout, transcript)
        else:
            self.text.show_message("No speech was recognised in this recording.")
        if speakers_changed:  # a text edit leaves the speaker list and the waveform's colours as they are
            self.speakers.clear()
            for speaker in transcript.speakers:
                item = QListWidgetItem(f"●  {speaker.name}")
                item.setForeground(speaker_colour(transcript, speaker.id))
                item.setData(Qt.UserRole, speaker.id)
                self.speakers.addItem(item)
            self.waveform.set_transcript(transcript)
        self._update_word_count()

    def show_changes(self) -> None:
        """Shows the open note again after it changed under the view (a merge): caret, scroll and undo kept."""
        if self.note is not None:
            ensure_speakers(self.note.transcript)
            self._show_transcript()

    def _update_word_count(self) -> None:
        count = self.text.word_count()
        self.word_count.setText(f"{count:,} word{'s' if count != 1 else ''}")

    def commit_edit(self) -> None:
        """Applies the edit still being typed in the transcript (if any) as one undoable step."""
        self.text.commit_edit()

    def undo(self) -> None:
        """Undoes the last edit (an edit still being typed is applied first, so it is what gets undone)."""
        self.commit_edit()
        self.undo_stack.undo()

    def redo(self) -> None:
        """Redoes the last undone edit."""
        self.commit_edit()
        self.undo_stack.redo()

    def speakers_names(self) -> list[str]:
        """Returns the open note's speaker names in order."""
        return [s.name for s in self.note.transcript.speakers] if self.note else []

    def _after_edit(self) -> None:
        self._show_transcript()
        self.find_bar.refresh()
        self.changed.emit(self.note)

    def _after_text_edit(self) -> None:
        self._show_transcript(speakers_changed=False)
        self.find_bar.refresh()
        self.changed.emit(self.note)

    # --- find ---------------------------------------------------------------------------------------

    def find_in_note(self, query: str | None = None) -> None:
        """Opens the find bar with the keyboard in it (Ctrl+F on the note page); ``query`` is found at once."""
        if self.note is not None:
            self.find_bar.open(query)

    def _show_found(self, match: tuple[int, int]) -> None:
        """Selects the matched words, scrolls to them and moves the playhead there (Play starts at the match)."""
        self.commit_edit()
        words = self.paragraphs.layout.words
        first, last = words[match[0]], words[match[1]]
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(first.start_char)
        cursor.setPosition(last.end_char, QTextCursor.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()
        self.current_segment = first.segment_index
        self.seek(first.start_s)

    # --- playback ---------------------------------------------------------------------------------

    def toggle_playback(self) -> None:
        """Plays or pauses; an unusable output device becomes a notice (no dialog to dismiss)."""
        if self.note is None or self.note.audio is None:
            return
        try:
            self.player.toggle()
        except HushnoteError as exc:
            self.notice.emit(str(exc))
            return
        if self.player.playing:
            self.timer.start()
        self._update_time()

    def seek(self, position_s: float) -> None:
        """Moves the playhead to ``position_s`` and highlights the word there."""
        self.player.seek(position_s)
        self._update_time()

    def _word_clicked(self, index: int) -> None:
        place = self.paragraphs.layout.words[index]
        self.current_segment = place.segment_index
        self.seek(place.start_s)

    def _time_clicked(self, paragraph_index: int) -> None:
        paragraph = self.paragraphs.layout.paragraphs[paragraph_index]
        self.current_segment = paragraph.segment_indices[0]
        self.seek(paragraph.start_s)

    def _speaker_clicked(self, paragraph_index: int) -> None:
        paragraph = self.paragraphs.layout.paragraphs[paragraph_index]
        if paragraph.speaker_id is not None:
            self.rename_speaker_popup(paragraph_index)

    def rename_speaker_popup(self, paragraph_index: int) -> SpeakerNamePopup:
        """Opens a small name field over paragraph ``paragraph_index``'s speaker label and returns it."""
        paragraph = self.paragraphs.layout.paragraphs[paragraph_index]
        cursor = self.text.textCursor()
        cursor.setPosition(paragraph.header_start_char)
        corner = self.text.viewport().mapToGlobal(self.text.cursorRect(cursor).topLeft())
        popup = SpeakerNamePopup(paragraph.speaker_id, self.note.transcript.speaker_name(paragraph.speaker_id), self)
        popup.renamed.connect(self.rename_speaker)
        popup.move(corner.x() - 4, corner.y() - 4)
        popup.show()
        popup.setFocus()
        self.name_popup = popup
        return popup

    def _tick(self) -> None:
        playing = self.player.playing  # read first: the label then never shows "Pause" after the end
        self._update_time()
        if not playing:
            self.timer.stop()

    def _update_time(self) -> None:
        position_s = self.player.position_s
        self.time_label.setText(f"{clock(position_s)} / {clock(self.player.duration_s)}")
        self.play_button.setText("❚❚  Pause" if self.player.playing else "▶  Play")
        self.waveform.set_playhead(position_s)
        if self.note is not None and self.note.transcript.segments:
            self.text.highlight_word(self.paragraphs.layout.word_at_time(position_s))

    # --- edits ------------------------------------------------------------------------------------

    def edit_segment(self, segment_index: int, new_text: str) -> None:
        """Replaces one segment's text (undoable), keeping its word timestamps and personal-data marks."""
        if self.note is None or self.note.transcript.segments[segment_index].text == new_text:
            return
        self.undo_stack.push(edit_text_command(self.note.transcript, segment_index, new_text, self._after_text_edit))

    def edit_current_segment(self) -> None:
        """Puts the caret at the end of the segment last clicked (or the first one), ready to type there."""
        if self.note is None or not self.text.ranges:
            return
        wanted = self.current_segment if self.current_segment is not None else self.text.ranges[0][0]
        end = next((r[2] for r in self.text.ranges if r[0] == wanted), self.text.ranges[0][2])
        cursor = self.text.textCursor()
        cursor.setPosition(end)
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    def edit_details(self, title: str, tags: list[str]) -> None:
        """Sets the open note's title and tags (undoable); they are saved like any edit."""
        self.undo_stack.push(NoteDetailsCommand(self.note, title.strip() or "Untitled", tags, self._after_edit))

    def edit_details_dialog(self) -> None:
        """Asks for the note's title and tags (comma-separated) and applies them (undoable)."""
        if self.note is None:
            return
        from ui.widgets.details_dialog import NoteDetailsDialog

        dialog = NoteDetailsDialog(self.note.transcript.title, self.note.tags, self)
        if dialog.exec() and dialog.values() != (self.note.transcript.title, self.note.tags):
            self.edit_details(*dialog.values())

    def rename_speaker(self, speaker_id: str, name: str) -> None:
        """Renames a speaker (undoable)."""
        self.undo_stack.push(rename_speaker_command(self.note.transcript, speaker_id, name.strip(), self._after_edit))

    def merge_speakers(self, from_id: str, into_id: str) -> None:
        """Merges speaker ``from_id`` into ``into_id`` (undoable)."""
        self.undo_stack.push(merge_speakers_command(self.note.transcript, from_id, into_id, self._after_edit))

    def give_rest_of_turn(self, segment_index: int, word_index: int, speaker_id: str, new_name: str = "") -> None:
        """Gives the turn, from that word of that segment to the turn's end, to ``speaker_id`` or to a new speaker
        called ``new_name`` (undoable): a turn the diarizer heard as one voice is split where the other starts."""
        self.commit_edit()
        self.undo_stack.push(give_rest_of_turn_command(self.note.transcript, segment_index, word_index, speaker_id,
                                                       self._after_edit, new_name))

    def rename_speaker_dialog(self, speaker_id: str) -> None:
        """Asks for a new name for ``speaker_id`` and renames it (undoable)."""
        current = self.note.transcript.speaker_name(speaker_id)
        name, ok = QInputDialog.getText(self, "Rename speaker", "Name shown in the transcript and exports:", text=current)
        if ok and name.strip() and name.strip() != current:
            self.rename_speaker(speaker_id, name)

    def _rename_selected(self) -> None:
        items = self.speakers.selectedItems() or ([self.speakers.item(0)] if self.speakers.count() else [])
        if items:
            self.rename_speaker_dialog(items[0].data(Qt.UserRole))

    def _forget_selected(self) -> None:
        items = self.speakers.selectedItems()
        if items and self.note is not None:
            self.forget_requested.emit(self.note.transcript.speaker_name(items[0].data(Qt.UserRole)))

    def _merge_selected(self) -> None:
        ids = [item.data(Qt.UserRole) for item in self.speakers.selectedItems()]
        if len(ids) < 2:
            QMessageBox.information(self, "Merge speakers", "Select two or more speakers to merge (Ctrl+click).")
            return
        self.undo_stack.beginMacro("Merge speakers")
        for other in ids[1:]:
            self.merge_speakers(other, ids[0])
        self.undo_stack.endMacro()
