"""The privacy panel: personal data highlighted by type, accept/reject, redact a selection, policy, redacted preview."""
from __future__ import annotations

import copy
import sys

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from audio_core.model import Transcript
from ui.notebook import Note
from ui.viewmodels.edit_commands import PiiSpansCommand
from ui.viewmodels.pii_model import PiiSpansModel
from ui.widgets.header_bar import HeaderBar
from ui.widgets.pii_legend import PiiLegend
from ui.widgets.pii_text import PiiText, segment_offsets
from app.vocabulary import Vocabulary
from ui.workers import Worker, WorkerPool, detect_pii_job

MANUAL_TYPES = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "LOCATION", "DATE_TIME", "ID_NUMBER", "MANUAL")


def fully_imported(module_name: str) -> bool:
    """Returns True when ``module_name`` is imported and done (a module being imported is in sys.modules too)."""
    module = sys.modules.get(module_name)
    return module is not None and not getattr(getattr(module, "__spec__", None), "_initializing", False)


class PrivacyPanel(QWidget):
    """Reviews one note's personal data; edits go on the shared undo stack; ``changed(note)`` after each."""

    changed = Signal(object)
    error = Signal(str)
    detection_finished = Signal()

    def __init__(self, pool: WorkerPool, undo_stack, parent=None):
        super().__init__(parent)
        self.pool = pool
        self.undo_stack = undo_stack
        self.engines = None
        self.note: Note | None = None
        self.worker: Worker | None = None
        self.stale = False  # the note changed while the panel was hidden
        self.vocabulary_source = Vocabulary  # returns the notebook's vocabulary; the window sets it
        self.detection_language = ""  # the settings' language for detection; "" follows the transcript's

        title = QLabel("Privacy review")
        title.setObjectName("title")
        self.policy = QComboBox()
        self.detect_button = QPushButton("Detect personal data")
        self.detect_button.setObjectName("primary")
        self.status = QLabel()
        self.status.setObjectName("subtitle")
        self.status.setWordWrap(True)
        self.undo_button = QToolButton()
        self.undo_button.setText("Undo")
        self.redo_button = QToolButton()
        self.redo_button.setText("Redo")
        titles = QVBoxLayout()
        titles.addWidget(title)
        self.header = HeaderBar(titles, [self.undo_button, self.redo_button, QLabel("Policy"), self.policy,
                                         self.detect_button])

        self.text = PiiText()
        self.legend = PiiLegend()
        self.model = PiiSpansModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to Redact / Keep; arrows move between findings
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setResizeContentsPrecision(60)  # not every row of an hour's findings, each redraw
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.accept_button = QPushButton("Redact (accept)")
        self.reject_button = QPushButton("Keep (reject)")
        self.manual_type = QComboBox()
        self.manual_type.addItems(MANUAL_TYPES)
        self.manual_button = QPushButton("Redact selected text")
        self.manual_button.setToolTip("Select words in the transcript on the left, then redact them by hand")
        review_buttons = QHBoxLayout()
        review_buttons.addWidget(self.accept_button)
        review_buttons.addWidget(self.reject_button)
        manual = QHBoxLayout()
        manual.addWidget(self.manual_type)
        manual.addWidget(self.manual_button, 1)
        self.preview = QTextEdit()
        self.preview_lines: list[str] | None = None  # the redacted lines the preview shows (None: a message)
        self.preview.setReadOnly(True)
        preview_title = QLabel("Redacted preview (what exports contain)")
        preview_title.setStyleSheet("font-weight: 600;")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 3)
        right_layout.addLayout(review_buttons)
        right_layout.addLayout(manual)
        right_layout.addWidget(preview_title)
        right_layout.addWidget(self.preview, 2)
        splitter = QSplitter()
        splitter.addWidget(self.text)
        splitter.addWidget(right)
        splitter.setSizes([520, 480])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(self.header)
        layout.addWidget(self.status)
        layout.addWidget(self.legend)
        layout.addWidget(splitter, 1)

        self.detect_button.clicked.connect(self.detect)
        self.accept_button.clicked.connect(lambda: self._decide("accept"))
        self.reject_button.clicked.connect(lambda: self._decide("reject"))
        self.manual_button.clicked.connect(self.redact_selection)
        self.policy.currentIndexChanged.connect(self._refresh_preview)
        self.text.span_clicked.connect(self.select_finding)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.text.show_selected(self.selected_rows()))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())
        for keys, slot in (("Ctrl+Z", self.undo_stack.undo), ("Ctrl+Shift+Z", self.undo_stack.redo), ("Ctrl+Y", self.undo_stack.redo)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.WidgetWithChildrenShortcut)
        self._setup_policies()
        self.set_note(None)

    def _setup_policies(self) -> None:
        from app.privacy.policy import POLICIES

        for name in POLICIES:
            self.policy.addItem(name)

    def current_policy(self):
        """Returns the chosen RedactionPolicy."""
        from app.privacy.policy import POLICIES

        return POLICIES.get(self.policy.currentText(), next(iter(POLICIES.values())))

    def set_note(self, note: Note | None, engines=None) -> None:
        """Shows ``note``'s findings (None: the empty state). The same note shown again (merged with a change made
        outside the window, or reloaded) keeps the findings that were selected and the table's scroll position."""
        same_note = note is not None and self.note is not None and note.note_id == self.note.note_id
        kept = _finding_keys(self.note.transcript, self.model.findings(), self.selected_rows()) if same_note else set()
        scrolled = self.table.verticalScrollBar().value() if same_note else 0
        self.note = note
        self.stale = False
        if engines is not None:
            self.engines = engines
        self.model.set_transcript(note.transcript if note else Transcript())
        if kept:
            selection = self.table.selectionModel()
            rows = range(self.model.rowCount())
            for row in sorted(_finding_keys(note.transcript, self.model.findings(), rows, kept)):
                selection.select(self.model.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
        self.table.verticalScrollBar().setValue(scrolled)
        for widget in (self.detect_button, self.policy, self.accept_button, self.reject_button, self.manual_button,
                       self.manual_type):
            widget.setEnabled(note is not None)
        if note is None:
            self.status.setText("Open a note to review its personal data.")
        elif not self.model.rowCount():
            self.status.setText("No findings yet: click “Detect personal data”, or select text to redact it by hand.")
        else:
            self._count_status()
        self._render()

    def _count_status(self) -> None:
        spans = self.model.findings()
        pending = sum(s.decision == "pending" for s in spans)
        names = len(self.model.mentions)
        named = f" ({names} of them a speaker's name in the text)" if names else ""
        self.status.setText(
            f"{len(spans)} finding{'s' if len(spans) != 1 else ''}{named}, {pending} awaiting review. "
            "Pending and accepted findings are redacted in exports; rejected ones are kept."
        )

    def _render(self) -> None:
        if self.note is None:
            self.text.show_transcript(Transcript())
            self.legend.set_types([])
            self._show_preview_lines([])
            return
        findings = self.model.findings()
        self.text.show_transcript(self.note.transcript, findings)
        self.legend.set_types([s.entity_type for s in findings])
        self._refresh_preview()

    def refresh_preview(self) -> None:
        """Draws the redacted preview again if it still says it is being prepared (the privacy layer has loaded)."""
        if self.preview_lines is None:
            self._refresh_preview()

    def _refresh_preview(self) -> None:
        if self.note is None:
            return
        if not fully_imported("app.privacy.redact"):
            # Its first import takes seconds (and waiting on a half-done one blocks as long): the app's warm-up
            # worker does it, then shows the note again.
            self._show_preview_lines(None)
            return
        from app.privacy.redact import redacted_texts

        self._show_preview_lines(redacted_texts(self.note.transcript, self.current_policy()))

    def _show_preview_lines(self, lines: list[str] | None) -> None:
        """Shows one redacted line per segment (None: that the preview is being prepared), rewriting only the lines
        that changed when the note has as many as shown: an edit or a decision in a long note redraws one line."""
        shown, self.preview_lines = self.preview_lines, lines
        if lines is None or shown is None or len(lines) != len(shown) or not lines:
            self.preview.setPlainText("Preparing the redacted preview…" if lines is None else "\n".join(lines))
            return
        document = self.preview.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number, (old, new) in enumerate(zip(shown, lines)):
            if old != new:
                block = document.findBlockByNumber(number)
                cursor.setPosition(block.position())
                cursor.setPosition(block.position() + block.length() - 1, QTextCursor.KeepAnchor)
                cursor.insertText(new)
        cursor.endEditBlock()

    def refresh(self) -> None:
        """Shows the open note's transcript, findings, legend and preview again after any change to it.

        While the panel is hidden this waits until it is shown: typing in a long
        note would otherwise redraw a review nobody sees.
        """
        if self.note is None:
            return
        if not self.isVisible():
            self.stale = True
            return
        self.stale = False
        self.model.refresh()
        if self.model.rowCount():
            self._count_status()
        self._render()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit(self.note)

    def select_finding(self, row: int) -> None:
        """Selects finding ``row`` in the table (and so outlines it in the text)."""
        self.table.selectionModel().select(
            self.model.index(row, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
        )
        self.table.scrollTo(self.model.index(row, 0))

    # --- actions ----------------------------------------------------------------------------------

    def detect(self) -> None:
        """Runs detection on a worker; findings replace the detector's earlier ones (manual marks stay)."""
        if self.note is None or self.engines is None or self.worker is not None:
            return
        self.detect_button.setEnabled(False)
        self.status.setText("Looking for names, numbers, addresses… (the first run loads the language model)")
        job = detect_pii_job(self.note.transcript, self.engines, self.current_policy(), self.vocabulary_source(),
                             self.detection_language)
        self.worker = Worker(job, "detect pii")
        self.worker.succeeded.connect(self._detected)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._worker_done)
        self.pool.start(self.worker)

    def _worker_done(self) -> None:
        self.worker = None
        self.detect_button.setEnabled(self.note is not None)
        self.detection_finished.emit()

    def _failed(self, message: str) -> None:
        self.status.setText("Detection failed.")
        self.error.emit(message)

    def _detected(self, spans) -> None:
        from app.privacy.review import replace_detected_spans

        def apply(t: Transcript) -> None:
            replace_detected_spans(t, spans)

        # the selected findings stay selected where the detector finds them again: by row, the selection moved to
        # whichever finding took the row ("Keep" then kept the wrong one)
        places = {(s.segment_index, s.start, s.end) for s in map(self.model.span_at, self.selected_rows())}
        self.undo_stack.push(PiiSpansCommand(self.note.transcript, "Detect personal data", apply, self._after_change))
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row, span in enumerate(self.model.findings()):
            if (span.segment_index, span.start, span.end) in places:
                selection.select(self.model.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)

    def selected_rows(self) -> list[int]:
        """Returns the selected findings' rows, in order."""
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def decide(self, rows: list[int], decision: str) -> None:
        """Accepts (redact) or rejects (keep) the findings in ``rows``, undoably. A speaker's name in the text becomes
        one of the note's spans when decided (it moves to the end of the note's spans, before the other names)."""
        from app.privacy import review

        action = review.accept if decision == "accept" else review.reject
        stored = [row for row in rows if not self.model.is_mention(row)]
        mentions = [copy.copy(self.model.span_at(row)) for row in rows if self.model.is_mention(row)]
        first_new = len(self.note.transcript.pii_spans)

        def apply(t: Transcript) -> None:
            for row in stored:
                action(t, row)
            for mention in mentions:
                review.decide_speaker_mention(t, mention, decision)

        self.undo_stack.push(PiiSpansCommand(self.note.transcript, f"{decision.capitalize()} finding", apply, self._after_change))
        selection = self.table.selectionModel()
        selection.clearSelection()
        # the reviewer still sees which findings were decided (a decided name is now the note's span)
        for row in stored + list(range(first_new, first_new + len(mentions))):
            selection.select(self.model.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)

    def _decide(self, decision: str) -> None:
        rows = self.selected_rows()
        if rows:
            self.decide(rows, decision)

    def redact_range(self, segment_index: int, start: int, end: int, entity_type: str) -> None:
        """Marks characters ``start:end`` of one segment as personal data by hand, undoably."""
        from app.privacy import review

        self.undo_stack.push(
            PiiSpansCommand(
                self.note.transcript, "Redact selection", lambda t: review.add_manual_span(t, segment_index, start, end, entity_type), self._after_change
            )
        )

    def redact_selection(self) -> None:
        """Redacts the text selected on the left (it must lie within one line)."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection() or self.note is None:
            self.error.emit("Select the words to redact in the transcript first.")
            return
        offsets = segment_offsets(self.note.transcript)
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        index = max(i for i, o in enumerate(offsets) if o <= start)
        if end > offsets[index] + len(self.note.transcript.segments[index].text):
            self.error.emit("A hand redaction must stay within one line; select less.")
            return
        self.redact_range(index, start - offsets[index], end - offsets[index], self.manual_type.currentText())


def _finding_keys(transcript: Transcript, findings, rows, wanted: set | None = None):
    """Returns, for ``rows`` of ``findings`` (the panel's rows of ``transcript``), their identities (type, text and
    which occurrence of the two, so a second "Alex" is not the first); with ``wanted``, the rows whose identity is in
    it. An identity outlives a merge that renumbers the findings (a paragraph removed or added outside the window)."""
    seen: dict[tuple[str, str], int] = {}
    keys = {}
    for row, span in enumerate(findings):
        pair = (span.entity_type, span.text or transcript.segments[span.segment_index].text[span.start:span.end])
        seen[pair] = seen.get(pair, 0) + 1
        keys[row] = (*pair, seen[pair])
    if wanted is None:
        return {keys[row] for row in rows}
    return {row for row in rows if keys[row] in wanted}
