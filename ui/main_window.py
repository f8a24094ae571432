"""The main window: navigation between library, record, note and privacy; unlock, auto-lock, settings, errors."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.engines import EngineSettings, Engines
from app.pipeline import PipelineOptions, in_flight
from app.storage import NotebookError
from app.watch import WatchSetting, get_watch_setting, set_watch_setting
from audio_core.separate import BACKENDS
from audio_core.transcribe import DECODERS, AsrOptions
from ui.app import app_icon
from ui.duplicate_question import DuplicateQuestion
from ui.last_place import LastPlace, read_last_place, write_last_place
from ui.menu_bar import build_menu_bar
from ui.note_deletion import NoteDeleter
from ui.notebook import DesktopNotebook, Note, notebook_exists
from ui.outside_edits import OutsideEditsFollower
from ui.quit_question import ask_to_stop, unfinished_work
from ui.settings import UiSettings, save_settings
from ui.private_settings import (read_export_folder, take_legacy_output_device, write_export_folder,
                                 write_output_device)
from ui.viewmodels.import_queue import ImportQueue
from ui.watch_folder import FolderWatcher
from ui.window_keys import WindowKeysFirst
from ui.widgets.export_dialog import ExportDialog
from ui.widgets.library_view import LibraryView
from ui.widgets.models_panel import first_run_hint
from ui.widgets.locked_view import LockedView
from ui.widgets.note_view import NoteView
from ui.widgets.privacy_panel import PrivacyPanel
from ui.widgets.record_view import RecordView
from ui.widgets.settings_dialog import SettingsDialog
from ui.widgets.unlock_dialog import UnlockDialog
from ui.workers import Worker, WorkerPool, call_job, import_job, recover_job, warm_up_job

PAGES = ("Library", "Record", "Note", "Privacy")
SAVE_DELAY_MS = 300
NOTICE_MS = 12_000
LOCKED_TURN_MESSAGE = "This turn was removed at the participant's request and cannot be edited."
USER_INPUT_EVENTS = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.MouseMove}


class IdleWatcher(QObject):
    """Restarts ``timer`` on every key, click, wheel or mouse move anywhere in the app."""

    def __init__(self, timer: QTimer, parent=None):
        super().__init__(parent)
        self.timer = timer

    def eventFilter(self, watched, event) -> bool:
        if event.type() in USER_INPUT_EVENTS and self.timer.interval() > 0 and self.timer.isActive():
            self.timer.start()
        return False


def engine_settings(settings: UiSettings) -> EngineSettings:
    """Returns the core's engine settings for the app's settings."""
    return EngineSettings(model=settings.model, device=settings.device, cpu_threads=settings.cpu_threads or None)


def pipeline_options(settings: UiSettings) -> PipelineOptions:
    """Returns the pipeline options for the app's settings (a clean-up the app does not know is left out)."""
    clean_up = settings.clean_up if settings.clean_up in BACKENDS else ""
    decoder = settings.decoder if settings.decoder in DECODERS else "sequential"
    return PipelineOptions(
        asr=AsrOptions(language=settings.language or None, decoder=decoder), clean_up=clean_up,
        channel=settings.import_channel or None,
        pii_language=settings.pii_language,
    )


class MainWindow(QMainWindow):
    """Hushnote's window. ``engines`` may be injected (tests share one); otherwise built from ``settings``."""

    locked = Signal()
    unlocked = Signal()
    note_saved = Signal(str)

    def __init__(self, settings: UiSettings = UiSettings(), engines: Engines | None = None, notebook_path: Path | None = None,
                 persist_settings: bool = True):
        super().__init__()
        self.settings = settings
        self.engines = engines or Engines(engine_settings(settings))
        self.notebook_path = notebook_path
        self.persist_settings = persist_settings
        self.notebook: DesktopNotebook | None = None
        self.pool = WorkerPool(self)
        self.warm_up_pool = WorkerPool(self)  # apart: Lock must not wait for a model load it cannot interrupt
        self.warmed_engines: Engines | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.setWindowTitle("Hushnote")
        self.setWindowIcon(app_icon())
        # Bounded by the screen: with large text scaling 1180×760 can be more than the whole screen.
        self.resize(QSize(1180, 760).boundedTo(self.screen().availableGeometry().size()))

        self.queue = ImportQueue(self._import_job, self.pool, self, find_earlier=self._earlier_import)
        self.folder_watcher = FolderWatcher(self.queue, self)
        self.library = LibraryView(self.queue)
        self.record = RecordView(self.pool, lambda: (self.engines, self.notebook.storage))
        self.note_view = NoteView()
        self.privacy = PrivacyPanel(self.pool, self.note_view.undo_stack)
        self.privacy.detection_language = settings.pii_language

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.addItems(PAGES)
        self.nav.setFixedWidth(170)
        brand = QLabel()
        brand.setPixmap(app_icon().pixmap(28, 28))
        brand_name = QLabel("Hushnote")
        brand_name.setStyleSheet("font-size: 13pt; font-weight: 700;")
        brand_row = QHBoxLayout()
        brand_row.addWidget(brand)
        brand_row.addWidget(brand_name, 1)
        self.settings_button = QPushButton("Settings")
        self.lock_button = QPushButton("Lock")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 14, 8, 12)
        side_layout.addLayout(brand_row)
        side_layout.addSpacing(10)
        side_layout.addWidget(self.nav, 1)
        side_layout.addWidget(self.settings_button)
        side_layout.addWidget(self.lock_button)
        self.pages = QStackedWidget()
        for widget in (self.library, self.record, self.note_view, self.privacy):
            self.pages.addWidget(widget)
        self.locked_view = LockedView()
        # Locked, the pages (notes, queued file names) are not even drawn: only the way back in is.
        self.content = QStackedWidget()
        self.content.addWidget(self.pages)
        self.content.addWidget(self.locked_view)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.content, 1)
        self.setCentralWidget(central)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)

        self.nav.currentRowChanged.connect(self._page_changed)
        self.library.open_note.connect(self._open_from_library)
        self.deleter = NoteDeleter(self)
        self.confirm_stop = ask_to_stop  # the question before quitting or locking stops an import or a recording
        self.asking_before_quit = True  # False once the system asked the app to quit (quit_without_asking)
        self.library.delete_requested.connect(self.deleter.delete)
        self.library.recovery.recover_requested.connect(self.recover_interrupted)
        self.queue.imported.connect(self._imported)
        self.queue.open_imported.connect(self._open_imported)
        self.queue.entry_changed.connect(self._queue_status)
        self.queue.already_queued.connect(
            lambda path: self.status_label.setText(f"{path.name} is already in the import queue: not added again."))
        self.duplicates = DuplicateQuestion(self)  # a file already imported: open that note, import again or skip
        self.locked.connect(self.duplicates.clear)
        self.record.recorded.connect(self._recorded)
        for source in (self.record, self.note_view, self.privacy):
            source.error.connect(self.show_error)
        self.note_view.notice.connect(self.show_notice)
        self.note_view.text.locked_edit.connect(lambda: self.statusBar().showMessage(LOCKED_TURN_MESSAGE, NOTICE_MS))
        self.note_view.changed.connect(self._note_changed)
        self.note_view.changed.connect(lambda note: self.privacy.refresh())  # the review follows text edits at once
        self.privacy.changed.connect(self._note_changed)
        self.note_view.privacy_requested.connect(lambda: self.show_page("Privacy"))
        self.note_view.export_requested.connect(self.open_export)
        self.settings_button.clicked.connect(self.open_settings)
        self.lock_button.clicked.connect(self.lock_or_unlock)
        self.locked_view.unlock_button.clicked.connect(lambda: self.ask_unlock())

        # Edits come in bursts (typing, undo runs): one write shortly after, well within the second we promise.
        self.unsaved = False
        self.loading_note_id: str | None = None
        self.resume_at: LastPlace | None = None  # the page and note open when the window locked
        self.page_after_load: str | None = None
        self.char_after_load: int | None = None  # where the note was being read, when coming back to it
        self.find_after_load: str | None = None  # the library's search, found in the note it opens
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_current_note)
        self.outside_edits = OutsideEditsFollower(self)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle_timeout)
        self.idle_watcher = IdleWatcher(self.idle_timer, self)
        QApplication.instance().installEventFilter(self.idle_watcher)
        self._apply_auto_lock()

        self.unlocked_actions = build_menu_bar(self)  # the window's keys, each shown beside its command
        self.window_keys = WindowKeysFirst(self)  # Ctrl+E exports from the find field too (X11 line edits took it)
        QApplication.instance().installEventFilter(self.window_keys)
        self.show_page("Library")
        self._set_unlocked_ui(False)

    # --- pages ------------------------------------------------------------------------------------

    def show_page(self, name: str) -> None:
        """Switches to the page called ``name``."""
        self.nav.setCurrentRow(PAGES.index(name))

    def _page_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if PAGES[row] == "Record" and self.record.devices.count() == 0 and self.record.worker is None:
            self.record.load_devices()

    def focus_search(self) -> None:
        """Ctrl+F: on the note page, finds in the open note; elsewhere, shows the library with its search box focused."""
        if PAGES[self.nav.currentRow()] == "Note" and self.note_view.note is not None:
            self.note_view.find_in_note()
            return
        self.show_page("Library")
        self.library.search.setFocus()
        self.library.search.selectAll()

    def show_notice(self, message: str) -> None:
        """Shows a one-line notice in the status bar for a while: nothing to dismiss, nothing blocked."""
        self.statusBar().showMessage(message[:1].upper() + message[1:] + "  (Settings › Play through)", NOTICE_MS)

    def show_error(self, message: str) -> None:
        """Shows a one-line error in a dialog (never a traceback)."""
        QMessageBox.critical(self, "Hushnote", message[:1].upper() + message[1:])

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        self.pages.setEnabled(unlocked)
        self.content.setCurrentWidget(self.pages if unlocked else self.locked_view)
        self.nav.setEnabled(unlocked)
        self.settings_button.setEnabled(unlocked)
        self.lock_button.setText("Lock" if unlocked else "Unlock…")
        self.lock_action.setText("Lock" if unlocked else "Unlock…")
        for action in self.unlocked_actions:
            action.setEnabled(unlocked)
        self.lock_button.setToolTip("Lock the notebook (Ctrl+L)" if unlocked else "Enter your passphrase (Ctrl+L)")
        if unlocked:
            self.status_label.setText(f"Notebook unlocked · encrypted at {self.notebook.storage.path}")
        else:
            self.status_label.setText("Notebook locked")

    # --- unlock / lock ----------------------------------------------------------------------------

    def lock_or_unlock(self) -> None:
        """Locks an unlocked window; asks for the passphrase in a locked one (the Lock button and Ctrl+L)."""
        if self.notebook is not None:
            self.lock()
        else:
            self.ask_unlock()

    def ask_unlock(self, note: str = "") -> UnlockDialog | None:
        """Shows the create or unlock dialog and returns it (None when the keychain unlocked the notebook).

        An unlock dialog already open is brought to the front instead of a second one.
        """
        if self.notebook is not None:
            return None
        # Nothing personal is loaded: done while the passphrase is typed and the key derived, so that its imports
        # do not compete with the first note opened for the interpreter lock.
        self.warm_up()
        if self.unlock_dialog is not None and self.unlock_dialog.isVisible():
            self.unlock_dialog.raise_()
            self.unlock_dialog.activateWindow()
            return self.unlock_dialog
        mode = "unlock" if notebook_exists(self.notebook_path) else "create"
        if mode == "unlock" and self.settings.use_keychain and not note:
            try:
                notebook = DesktopNotebook.from_keychain(self.notebook_path)
            except Exception:  # fall back to the passphrase; the dialog explains any real problem
                notebook = None
            if notebook is not None:
                self.set_notebook(notebook)
                return None
        if mode == "create":
            opener = lambda p: DesktopNotebook.create(p, self.notebook_path, use_keychain=self.settings.use_keychain)
        else:
            opener = lambda p: DesktopNotebook.unlock(p, self.notebook_path)
        self.unlock_dialog = UnlockDialog(mode, opener, self.pool, self, note=note)
        self.unlock_dialog.unlocked.connect(self.set_notebook)
        if mode == "create":  # first run: say which model suits this machine (never download without asking)
            self.unlock_dialog.unlocked.connect(lambda _: self.status_label.setText(first_run_hint(self.settings.model, self.settings.language)))
        self.unlock_dialog.setWindowModality(Qt.WindowModal)
        self.locked_view.set_asking(True)
        self.unlock_dialog.finished.connect(lambda _result: self.locked_view.set_asking(False))
        self.unlock_dialog.show()
        return self.unlock_dialog

    def set_notebook(self, notebook: DesktopNotebook) -> None:
        """Shows ``notebook``'s notes: the window is unlocked."""
        self.notebook = notebook
        self._load_private_settings()
        self.apply_retention()
        self.library.set_notebook(notebook)
        self._set_unlocked_ui(True)
        self._apply_auto_lock()
        self.library.recovery.offer(len(in_flight.interrupted_notes(notebook.storage)))
        self.warm_up()
        self._start_watching()
        self._resume_where_locked()
        self.unlocked.emit()

    def _resume_where_locked(self) -> None:
        """Shows the page (and the note, where it was read) open when the window locked, or when it last closed
        (kept in the notebook); the library otherwise."""
        place = self.resume_at or self._stored_place()
        self.resume_at = None
        if place.page == "Record":
            self.show_page(place.page)
        elif place.shows_note:
            self.page_after_load = place.page
            self.char_after_load = place.top_char
            self.open_note(place.note_id)

    def current_place(self) -> LastPlace:
        """Returns the page showing, the note open and the first character of it in view."""
        note = self.note_view.note
        return LastPlace(PAGES[self.nav.currentRow()], note.note_id if note is not None else None,
                         self.note_view.top_char())

    def _remember_place(self) -> LastPlace:
        place = self.current_place()
        try:
            write_last_place(self.notebook.storage, place)
        except NotebookError:
            pass  # where the window was is not worth stopping a lock or a quit for
        return place

    def _stored_place(self) -> LastPlace:
        try:
            return read_last_place(self.notebook.storage) or LastPlace()
        except NotebookError:
            return LastPlace()

    def _load_private_settings(self) -> None:
        """Takes the output device from the notebook (moving an older plain file's value in, then off disk)."""
        legacy = self.settings.output_device
        try:
            device = take_legacy_output_device(self.notebook.storage, legacy)
        except NotebookError as exc:
            self.show_error(f"cannot read the output device setting: {exc}")
            device = ""
        self.settings = self.settings.with_changes(output_device=device)
        self._use_output_device(device)
        if legacy and self.persist_settings:
            self._save_plain_settings()  # rewrites the file without the device name

    def _use_output_device(self, device: str) -> None:
        self.note_view.output_device = device  # used from the next Play
        self.note_view.player.device = device

    def _save_plain_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.show_error(f"cannot save the settings: {exc.strerror or exc}")

    def warm_up(self) -> None:
        """Loads what the first note opened needs on a worker, once per set of engines (see ``warm_up_job``).

        Started when the unlock dialog is shown, and again after unlock if the engines changed meanwhile.
        """
        if self.warmed_engines is self.engines:
            return
        self.warmed_engines = self.engines
        worker = Worker(warm_up_job(self.engines), "warm up")
        worker.succeeded.connect(lambda _: self.privacy.refresh_preview())  # a preview still being prepared can now be drawn
        self.warm_up_pool.start(worker)

    def recover_interrupted(self) -> None:
        """Transcribes and keeps the interrupted recordings on a worker; the library shows them when done."""
        if self.notebook is None:
            return
        banner = self.library.recovery
        banner.set_busy("Recovering the interrupted recordings…")
        worker = Worker(recover_job(self.engines, self.notebook.storage, pipeline_options(self.settings)), "recover")
        worker.progress.connect(self._recovery_progress)
        worker.succeeded.connect(self._recovered)
        worker.failed.connect(self._recovery_failed)
        self.pool.start(worker)

    def _recovery_progress(self, step: str, completed: float, total: float) -> None:
        if step == "final" and total > 0:
            self.library.recovery.set_busy(f"Recovering the interrupted recordings… {completed / total:.0%}")

    def _recovery_failed(self, message: str) -> None:
        if self.notebook is not None:
            self.library.recovery.offer(len(in_flight.interrupted_notes(self.notebook.storage)))
        self.show_error(message)

    def _recovered(self, note_ids: list) -> None:
        self.library.recovery.hide()
        self.library.refresh()
        self.status_label.setText(f"Recovered {len(note_ids)} interrupted recording(s).")

    def lock(self, ask: bool = True) -> None:
        """Saves, closes the notebook, clears every view and asks for the passphrase again.

        With imports or a recording running, asks first (unless ``ask`` is False) and stays unlocked on "Keep working".
        """
        if self.notebook is None:
            return
        work = unfinished_work(self.queue, self.record.worker is not None)
        if ask and work and not self.confirm_stop(self, "Lock", work):
            return
        self.folder_watcher.stop()
        # Settings (its watch folder and vocabulary), export (the note's title, speakers, folder), title and tags…:
        # every open dialog shows something of the notebook being locked (the unlock dialog is asked anew below).
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.queue.cancel_all()
        self.pool.cancel_all()
        self.loading_note_id = None
        self.save_current_note()
        # Where to come back to after unlock: a page name, a note id and a position (nothing of the note itself
        # stays in memory); also stored, for a window closed while locked.
        self.resume_at = self._remember_place()
        self.note_view.set_note(None)
        self.privacy.set_note(None)
        self.library.set_notebook(None)
        self.notebook.close()
        self.notebook = None
        self.settings = self.settings.with_changes(output_device="")  # the notebook's to know, not a locked window's
        self._use_output_device("")
        self._set_unlocked_ui(False)
        self.show_page("Library")
        self.locked.emit()
        self.ask_unlock("Locked. Enter your passphrase to continue.")

    def apply_retention(self) -> None:
        """Stores the retention settings in the notebook and applies them (old recordings deleted, old text redacted)."""
        if self.notebook is None:
            return
        from app.privacy.retention import redact_for_retention
        from app.storage.retention import RetentionPolicy, apply_retention, get_global_policy, set_global_policy

        policy = RetentionPolicy(self.settings.audio_retention_days or None, self.settings.redact_after_days or None)
        try:
            if get_global_policy(self.notebook.storage) != policy:  # unchanged: no write (and its fsync) on each unlock
                set_global_policy(self.notebook.storage, policy)
            apply_retention(self.notebook.storage, redact_for_retention)
        except Exception as exc:  # a damaged notebook must not keep the window from opening
            self.show_error(f"cannot apply the retention settings: {exc}")
        self.library.refresh()

    def _apply_auto_lock(self) -> None:
        minutes = self.settings.auto_lock_min
        self.idle_timer.stop()
        if minutes > 0 and self.notebook is not None:
            self.idle_timer.setInterval(int(minutes * 60_000))
            self.idle_timer.start()

    def _idle_timeout(self) -> None:
        if self.pool.busy or self.queue.running:
            self.idle_timer.start()  # never lock under a running import or recording
            return
        self.lock(ask=False)

    # --- notes ------------------------------------------------------------------------------------

    def _open_from_library(self, note_id: str) -> None:
        """Opens a note chosen in the library; while the library is searching, the note opens on the first match."""
        self.find_after_load = self.library.search.text().strip() or None
        self.open_note(note_id)

    def _find_searched_words(self) -> None:
        query, self.find_after_load = self.find_after_load, None
        if query:
            self.note_view.find_in_note(query)

    def open_note(self, note_id: str) -> None:
        """Shows a note: the open one as it is on screen, any other loaded once on a worker."""
        open_note = self.note_view.note
        if open_note is not None and open_note.note_id == note_id:
            self.show_page("Note")  # a reload would put the stored copy over edits not yet written
            self.note_view.text.setFocus(Qt.OtherFocusReason)  # back to reading it, the caret where it was
            self._find_searched_words()
            return
        if self.loading_note_id == note_id or self.notebook is None:
            return
        self.loading_note_id = note_id
        notebook = self.notebook
        worker = Worker(call_job(lambda: notebook.load(note_id), "load"), "load note")
        worker.succeeded.connect(self._loaded)
        worker.failed.connect(self._load_failed)
        self.pool.start(worker)

    def _loaded(self, note: Note) -> None:
        if note.note_id != self.loading_note_id:
            return  # locked, or another note was asked for since
        self.loading_note_id = None
        self.show_note(note)
        page, self.page_after_load = self.page_after_load, None
        if page is not None:
            self.show_page(page)
        top_char, self.char_after_load = self.char_after_load, None
        if top_char:
            self.note_view.scroll_to_char(top_char)
        self._find_searched_words()

    def _load_failed(self, message: str) -> None:
        self.loading_note_id = None
        self.find_after_load = None
        self.char_after_load = None
        if self.page_after_load is not None:
            self.page_after_load = None  # the note open at lock is gone (forgotten meanwhile): the library shows
            return
        self.show_error(message)

    def show_note(self, note: Note) -> None:
        """Shows ``note`` in the note view and privacy panel (the open note's edits are written first)."""
        self.save_current_note()
        self.unsaved = False
        if note.base is None and note.note_id is not None and self.notebook is not None:
            try:
                note.base = self.notebook.stored_state(note.note_id)  # before the view adds a default speaker
            except NotebookError:
                pass  # deleted meanwhile: the first save says so
        self.note_view.set_note(note)
        self.privacy.vocabulary_source = self._vocabulary
        self.privacy.set_note(note, self.engines)
        self.show_page("Note")
        self.note_view.focus_transcript()  # not the first header button: an opened note is there to be read

    def _vocabulary(self):
        """Returns the unlocked notebook's vocabulary (empty when locked or unreadable)."""
        from app.vocabulary import Vocabulary, load_vocabulary

        try:
            return load_vocabulary(self.notebook.storage) if self.notebook is not None else Vocabulary()
        except NotebookError:
            return Vocabulary()

    def _import_job(self, path: Path, allow_duplicate: bool = False, known_digest=None):
        if self.notebook is None:
            def locked(hook, cancel):
                raise NotebookError("the notebook is locked: unlock it to import")

            return locked
        return import_job(path, self.engines, self.notebook.storage, pipeline_options(self.settings), allow_duplicate,
                          known_digest)

    def _earlier_import(self, content_sha256: str):
        """Returns the note the open notebook holds from this content (a NoteSummary), or None (also when locked).

        Raises NotebookError when the notebook cannot be read.
        """
        from app.import_sources import earlier_import

        return earlier_import(self.notebook.storage, content_sha256) if self.notebook is not None else None

    def _imported(self, path, note_id: str) -> None:
        self.library.refresh()
        self.note_saved.emit(note_id)

    def _open_imported(self, note_id: str) -> None:
        """Opens a note the person asked to see once imported (the sample meeting), if they still wait on the
        library; elsewhere (recording, reading another note) the status bar says it is there."""
        if self.notebook is None:
            return
        if PAGES[self.nav.currentRow()] == "Library":
            self.open_note(note_id)
        else:
            self.status_label.setText("The sample meeting is transcribed: open it from the library.")

    def _recorded(self, note_id: str) -> None:
        self.library.refresh()
        self.note_saved.emit(note_id)
        self.open_note(note_id)

    def _queue_status(self, row: int) -> None:
        if self.notebook is None:
            return  # a file's name is not shown on a locked window
        entry = self.queue.entries[row]
        message = entry.message  # an error names the file already: "a.wav: /x/a.wav: cannot be read" said it twice
        self.status_label.setText(message if entry.path.name in message else f"{entry.path.name}: {message}")

    def _note_changed(self, note) -> None:
        if note is not None and note is self.note_view.note:
            self.unsaved = True
            self.save_timer.start()

    def save_current_note(self, wait: bool = True) -> bool:
        """Writes the open note's unsaved edits now, and only those; returns False when the write failed.

        The one save path: the autosave timer, switching notes, export, lock and close all call it, and a
        note without unsaved edits is never written (so an older on-screen copy cannot replace a newer
        stored one). ``wait`` is accepted for older callers: every call writes at once.
        """
        self.note_view.commit_edit()  # text still being typed is an edit too (it marks the note unsaved)
        self.save_timer.stop()
        note = self.note_view.note
        if not self.unsaved or note is None or self.notebook is None or note.note_id is None:
            return True
        try:
            merge = self.notebook.save_edits(note)
        except Exception as exc:  # a failing disk must be reported, not crash the app; the edits stay unsaved
            self.show_error(f"cannot save the note: {exc}")
            return False
        self.unsaved = False
        if merge.changed_outside:
            self._show_merged(note, merge)
        self.library.refresh()
        self.note_saved.emit(note.note_id)
        return True

    def _show_merged(self, note: Note, merge) -> None:
        """Shows the open note as merged with a change made outside the window, caret and undo history kept."""
        from ui.viewmodels.edit_commands import rebase_history

        followed = rebase_history(self.note_view.undo_stack, merge.base, merge.theirs)  # undo must not take it away
        self.note_view.show_changes()
        self.privacy.set_note(note, self.engines)
        message = "Saved with a change made outside this window"
        if merge.taken:
            message += f" ({', '.join(merge.taken)})"
        if merge.overridden:
            message += f"; where you both changed it, yours was kept ({', '.join(merge.overridden)})"
        if not followed:
            message += "; undo history cleared (paragraphs were added or removed)"
        self.status_label.setText(message)

    # --- dialogs ----------------------------------------------------------------------------------

    def open_export(self) -> ExportDialog | None:
        """Opens the export dialog for the open note (None when no note is open or the window is locked)."""
        note = self.note_view.note
        if note is None or self.notebook is None:
            return None
        self.save_current_note()
        policy = self.privacy.current_policy()
        storage = self.notebook.storage if self.notebook else None
        try:
            last_folder = read_export_folder(storage)
        except NotebookError:
            last_folder = ""
        dialog = ExportDialog(note, self.pool, policy.name if policy else "default", self.engines, storage,
                              out_dir=Path(last_folder) if last_folder else None, parent=self,
                              detection_language=self.settings.pii_language)
        dialog.exported.connect(lambda _paths: self._remember_export_folder(dialog.folder.text()))
        dialog.show()
        return dialog

    def _remember_export_folder(self, folder: str) -> None:
        """The next export offers the folder this one went to (kept in the notebook, like every path)."""
        if self.notebook is not None:
            try:
                write_export_folder(self.notebook.storage, folder)
            except NotebookError:
                pass  # a default folder is not worth an error dialog after a successful export

    def open_settings(self) -> SettingsDialog | None:
        """Opens the settings dialog; accepted changes apply at once (models reload on next use).

        Returns None on a locked window: settings (retention, auto-lock, keychain, the watch folder) are not
        the locker's to change.
        """
        if self.notebook is None:
            return None
        watch = get_watch_setting(self.notebook.storage)
        dialog = SettingsDialog(self.settings, self, watch=watch, storage=self.notebook.storage)
        self.settings_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings()))
        if watch is not None:
            dialog.accepted.connect(lambda: self.apply_watch_setting(dialog.watch_setting()))
        dialog.show()
        return dialog

    def apply_settings(self, settings: UiSettings) -> None:
        """Uses ``settings`` from now on and saves them."""
        if engine_settings(settings) != engine_settings(self.settings):
            self.engines = Engines(engine_settings(settings))
        self.settings = settings
        self.privacy.detection_language = settings.pii_language
        self._use_output_device(settings.output_device)
        if self.notebook is not None:
            try:
                write_output_device(self.notebook.storage, settings.output_device)
            except NotebookError as exc:
                self.show_error(f"cannot save the output device: {exc}")
        self._apply_auto_lock()
        self.apply_retention()
        if self.persist_settings:
            self._save_plain_settings()

    def apply_watch_setting(self, setting: WatchSetting) -> None:
        """Stores the watch folder setting in the notebook and starts or stops watching accordingly."""
        if self.notebook is None:
            return
        try:
            set_watch_setting(self.notebook.storage, setting)
        except NotebookError as exc:
            self.show_error(f"cannot save the watch folder: {exc}")
            return
        self._start_watching()

    def _start_watching(self) -> None:
        try:
            setting = get_watch_setting(self.notebook.storage)
        except NotebookError as exc:
            self.show_error(f"cannot read the watch folder setting: {exc}")
            return
        self.folder_watcher.start(self.notebook.storage, setting)

    def quit_without_asking(self) -> None:
        """Quits as Ctrl+Q does (edits written, the place kept, imports cancelled, a recording stopped for recovery),
        without asking about unfinished work: a logout or shutdown (SIGTERM) cannot wait for an answer."""
        self.asking_before_quit = False
        self.close()
        QApplication.instance().quit()  # also when a dialog of another window, or none, is left

    def closeEvent(self, event) -> None:
        work = unfinished_work(self.queue, self.record.worker is not None)
        if work and self.asking_before_quit and not self.confirm_stop(self, "Quit", work):
            event.ignore()  # nothing stopped, nothing lost: the window stays as it was
            return
        for dialog in self.findChildren(QDialog):  # export, settings, unlock: none outlives the window it belongs to
            if dialog.isVisible():
                dialog.reject()
        self.folder_watcher.stop()
        # Written before the workers are waited for (seconds, for a recogniser mid-call): a shutdown that sent
        # SIGTERM sends SIGKILL a little later.
        self.save_current_note()
        if self.notebook is not None:
            self._remember_place()  # the next start opens this note again, where it was read
        self.queue.cancel_all()
        self.pool.cancel_all()
        self.warm_up_pool.cancel_all(wait_ms=60_000)
        self.note_view.player.close()
        if self.notebook is not None:
            self.notebook.close()
            self.notebook = None
        QApplication.instance().removeEventFilter(self.idle_watcher)
        QApplication.instance().removeEventFilter(self.window_keys)
        super().closeEvent(event)
