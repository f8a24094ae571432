"""The library: notes table, full-text search with snippets, sort and filter, drag-and-drop import queue."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.paths import sample_meeting
from app.storage import NotebookError
from ui.notebook import DesktopNotebook as Notebook
from ui.private_settings import read_import_folder, write_import_folder
from ui.viewmodels.import_queue import ImportQueue
from ui.viewmodels.notes_model import NOTE_ID_ROLE, NotesFilterProxy, NotesTableModel
from ui.widgets.import_queue_panel import ImportQueuePanel
from ui.widgets.recovery_banner import RecoveryBanner
from ui.widgets.snippet_delegate import SnippetDelegate

AUDIO_FILTER = "Audio and video (*.wav *.flac *.mp3 *.ogg *.opus *.m4a *.aac *.mp4 *.mkv *.webm *.mov);;All files (*)"
ALL = "All"


class LibraryView(QWidget):
    """Lists the notebook's notes; ``open_note(note_id)`` when one is activated."""

    open_note = Signal(str)
    delete_requested = Signal(list)  # the selected notes' NoteSummary rows (Delete key or the row menu)

    def __init__(self, queue: ImportQueue, parent=None):
        super().__init__(parent)
        self.queue = queue
        self.notebook: Notebook | None = None
        self.sample = sample_meeting()  # what "Try it on the sample meeting" imports
        self.setAcceptDrops(True)

        title = QLabel("Library")
        title.setObjectName("title")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search all notes  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.speaker_filter = QComboBox()
        self.import_button = QPushButton("Import…")
        self.import_button.setObjectName("primary")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addWidget(QLabel("Tag"))
        top.addWidget(self.tag_filter)
        top.addWidget(QLabel("Speaker"))
        top.addWidget(self.speaker_filter)
        top.addWidget(self.import_button)

        self.model = NotesTableModel(self)
        self.proxy = NotesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)  # Ctrl/Shift+click: delete several at once
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (it walked its cells for ever); arrows move in it
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(5, QHeaderView.Stretch)
        self.table.setColumnHidden(5, True)
        self.snippet_delegate = SnippetDelegate(self.table)
        self.table.setItemDelegateForColumn(5, self.snippet_delegate)
        self.table.setWordWrap(True)
        # A double-click also activates: listening to both opened the note twice.
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.table.installEventFilter(self)  # the Delete key: a key event, so it works whether or not Qt thinks the window active

        self.empty = QLabel()
        self.empty.setObjectName("empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        # A first-time user has no recording at hand: one click tries everything on the bundled sample meeting.
        self.sample_button = QPushButton("Try it on the sample meeting")
        self.sample_button.setToolTip("Imports a 72-second made-up meeting with three voices and personal data to find")
        self.sample_button.clicked.connect(self.import_sample)
        self.empty_page = QWidget()
        empty_layout = QVBoxLayout(self.empty_page)
        empty_layout.addStretch()
        empty_layout.addWidget(self.empty)
        empty_layout.addSpacing(12)
        empty_layout.addWidget(self.sample_button, 0, Qt.AlignHCenter)
        empty_layout.addStretch()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_page)

        self.recovery = RecoveryBanner()

        self.queue_box = ImportQueuePanel(queue)
        self.rows = self.queue_box.rows  # queue row -> its ImportRow, while shown

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addLayout(top)
        layout.addWidget(self.recovery)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.queue_box)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda: self._search_timer.start())
        # From the search box by keyboard alone: Enter opens the first match, Down moves into the results.
        self.search.returnPressed.connect(self._open_first_match)
        QShortcut(QKeySequence(Qt.Key_Down), self.search, self._focus_results, context=Qt.WidgetShortcut)
        self.tag_filter.currentTextChanged.connect(lambda t: (self.proxy.set_tag("" if t == ALL else t), self._update_empty()))
        self.speaker_filter.currentTextChanged.connect(lambda s: (self.proxy.set_speaker("" if s == ALL else s), self._update_empty()))
        self.import_button.clicked.connect(self.choose_files)
        self.refresh()

    def set_notebook(self, notebook: Notebook | None) -> None:
        """Shows ``notebook``'s notes (None clears the table, e.g. when locked)."""
        self.notebook = notebook
        self.search.clear()
        self.refresh()

    def refresh(self) -> None:
        """Re-reads the notes and filter choices from the notebook; the selected notes stay selected."""
        notes = self.notebook.list_notes() if self.notebook else []
        selected = {s.note_id for s in self.selected_notes()}
        current = self.table.currentIndex()
        current_id = self.proxy.data(current, NOTE_ID_ROLE) if current.isValid() else None
        self.model.set_notes(notes)
        for combo, values in (
            (self.tag_filter, sorted({t for n in notes for t in n.tags})),
            (self.speaker_filter, sorted({s for n in notes for s in n.speakers})),
        ):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([ALL, *values])
            combo.setCurrentText(current if current in values else ALL)
            combo.blockSignals(False)
        self.run_search()
        self._reselect(selected, current_id)

    def _reselect(self, note_ids: set[str], current_id: str | None) -> None:
        selection = self.table.selectionModel()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            note_id = self.proxy.data(index, NOTE_ID_ROLE)
            if note_id == current_id:
                selection.setCurrentIndex(index, QItemSelectionModel.NoUpdate)
            if note_id in note_ids:
                selection.select(index, QItemSelectionModel.Select | QItemSelectionModel.Rows)

    def run_search(self) -> None:
        """Applies the search box: only matching notes, each with its snippet."""
        query = self.search.text().strip()
        if not query or self.notebook is None:
            self.proxy.set_allowed_ids(None)
            self.model.set_snippets({})
            self.table.setColumnHidden(5, True)
        else:
            hits = self.notebook.search(query)
            self.model.set_snippets({h.note_id: h.snippet for h in hits})
            self.proxy.set_allowed_ids({h.note_id for h in hits})
            self.table.setColumnHidden(5, False)
        self._update_empty()

    def _update_empty(self) -> None:
        if self.proxy.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        if self.model.rowCount() == 0:
            self.empty.setText(
                "No notes yet.\n\nDrop audio or video files here, click Import…, or record a meeting.\n"
                "Everything is transcribed on this computer."
            )
        else:
            self.empty.setText(f"No note matches “{self.search.text().strip()}”." if self.search.text().strip() else "No note matches these filters.")
        self.sample_button.setVisible(self.model.rowCount() == 0 and sample_meeting().exists())
        self.stack.setCurrentWidget(self.empty_page)

    def _open_first_match(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.run_search()
        if self.proxy.rowCount():
            self._activated(self.proxy.index(0, 0))

    def _focus_results(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus(Qt.ShortcutFocusReason)
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _activated(self, index) -> None:
        self.open_note.emit(self.proxy.data(index, NOTE_ID_ROLE))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table and event.type() == QEvent.KeyPress and event.matches(QKeySequence.Delete):
            self.request_delete()
            return True
        return super().eventFilter(watched, event)

    def selected_notes(self) -> list:
        """Returns the NoteSummary of each selected row, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.note_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row()) for row in rows]

    def select_row(self, row: int) -> None:
        """Selects the note shown in ``row`` (the last one when fewer are left) and gives the table the keyboard."""
        if not self.proxy.rowCount():
            return
        index = self.proxy.index(min(row, self.proxy.rowCount() - 1), 0)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.setFocus(Qt.OtherFocusReason)

    def select_notes(self, note_ids: list[str]) -> None:
        """Shows all notes (search and filters cleared), those of ``note_ids`` selected, the first in view."""
        self.search.clear()
        self._search_timer.stop()
        for combo in (self.tag_filter, self.speaker_filter):
            combo.setCurrentText(ALL)
        self.run_search()
        self.table.clearSelection()
        self._reselect(set(note_ids), note_ids[0] if note_ids else None)
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)
        self.table.setFocus(Qt.OtherFocusReason)

    def request_delete(self) -> None:
        """Asks to delete the selected notes (``delete_requested``); nothing when none is selected."""
        notes = self.selected_notes()
        if notes:
            self.delete_requested.emit(notes)

    def _row_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.table.selectRow(index.row())
        count = len(self.table.selectionModel().selectedRows())
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._activated(index)).setEnabled(count == 1)
        menu.addSeparator()
        delete = menu.addAction(f"Delete {count} notes…" if count > 1 else "Delete…", self.request_delete)
        delete.setShortcut(QKeySequence.Delete)  # shown in the menu: the key does the same from the table
        menu.exec(self.table.viewport().mapToGlobal(position))

    def import_sample(self) -> None:
        """Queues the bundled sample meeting, as a file chosen with Import… would be; its note opens when done."""
        self.queue.add([self.sample], open_when_done=True)  # the person clicked to see it transcribed

    def choose_files(self) -> None:
        """Asks for files to import and queues them.

        The dialog opens where the last chosen files were (kept in the encrypted notebook, as the export folder
        is: a folder's path can name a person), else in the home folder; not in the folder the app was started
        from, which Qt's default gave.
        """
        paths, _ = QFileDialog.getOpenFileNames(self, "Import recordings", self._import_folder(), AUDIO_FILTER)
        if paths:
            self._remember_import_folder(str(Path(paths[0]).parent))
            self.queue.add(paths)

    def _import_folder(self) -> str:
        try:
            folder = read_import_folder(self.notebook.storage) if self.notebook is not None else ""
        except NotebookError:
            folder = ""
        return folder or str(Path.home())

    def _remember_import_folder(self, folder: str) -> None:
        if self.notebook is not None:
            try:
                write_import_folder(self.notebook.storage, folder)
            except NotebookError:
                pass  # where the dialog opens next is not worth an error over the import itself

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.queue.add(paths)
            event.acceptProposedAction()
