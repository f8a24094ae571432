"""People › Forget a person…: one participant taken out of every stored note at their request (GDPR erasure).

The same core as ``hushnote speakers forget NAME --from-notes`` (``app.privacy.forget_voice``): the person is
chosen among the notes' named speakers (the open note's first) and the enrolled voices, or typed by name; "Find notes" lists every note where their voice speaks, a
speaker is named so, or their name is written in full (the recogniser's spellings included), with how each was
found. Only then, and after saying it cannot be undone, "Forget" rewrites those notes (audited, one transaction
each) and deletes their voice profile. Finding and forgetting run on workers; the window never blocks.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QListWidget, QPushButton,
                               QVBoxLayout)

from app.privacy.speaker_removal import REMOVED_MARKER
from ui.workers import Worker, WorkerPool, call_job

NOT_UNDONE = ("This cannot be undone: their words, voice and name leave these notes for good{profile}. The audit log "
              "records which notes changed, never their name or words.")


def finding_line(finding) -> str:
    """Returns one line of the list for a ``VoiceFinding``: date, title, how it was found, what goes."""
    mentions = f"{finding.mentions} mention{'s' if finding.mentions != 1 else ''} of the name"
    if finding.spellings and finding.speaker_ids:  # (where they do not speak, the reason names the spellings)
        mentions += f", spelt {', '.join(repr(s) for s in finding.spellings)}"
    if finding.speaker_ids:
        heard = f"speaks {finding.speech_s:.0f} s ({finding.why})"
    else:
        heard = f"does not speak ({finding.why})"
    return f"{finding.created_at[:10]}  {finding.title or 'Untitled'} — {heard}; {mentions}"


class ForgetPersonDialog(QDialog):
    """Finds a person in the notebook, lists the notes, and forgets them after the user confirms.

    ``forgotten(note_ids)`` once every note is rewritten (note ids as strings).
    """

    forgotten = Signal(list)

    def __init__(self, storage, engines, pool: WorkerPool, parent=None, open_note_id=None):
        super().__init__(parent)
        self.setWindowTitle("Forget a person")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.storage, self.engines, self.pool = storage, engines, pool
        self.findings: list = []
        self.found_for: str | None = None
        from app.voice_profiles import NotebookProfileStore

        self.profiles = NotebookProfileStore(storage).list()
        intro = QLabel("Takes one participant out of every stored note at their request: their turns read "
                       f"“{REMOVED_MARKER}”, their voice is silenced in the recordings (also where the transcript "
                       "missed it), and their name goes wherever others say it.")
        intro.setWordWrap(True)
        self.person = QComboBox()
        self.person.setEditable(True)
        from app.privacy.forget_voice import people_to_forget

        # the open note's speakers first, then the enrolled voices, then the speakers named in the other notes: a
        # first-time user has no voice profile, and the list must not look empty
        self.person.addItems(people_to_forget(storage, self.profiles, open_note_id))
        self.person.setCurrentIndex(-1)
        self.person.lineEdit().setPlaceholderText("A speaker's name or an enrolled voice")
        self.person.setToolTip("Enrolled voices are found by voice in the recordings; any name also by the speaker "
                               "names and by the name written in full, as the recogniser spelt it")
        self.person.currentTextChanged.connect(self._person_changed)
        self.find_button = QPushButton("Find notes")
        self.find_button.clicked.connect(self.find)
        row = QHBoxLayout()
        row.addWidget(QLabel("Person:"))
        row.addWidget(self.person, 1)
        row.addWidget(self.find_button)
        self.notes = QListWidget()
        self.notes.setSelectionMode(QListWidget.NoSelection)
        self.notes.setWordWrap(True)  # a long title or many spellings wrap instead of hiding behind a scroll bar
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.status = QLabel("Choose or type the person, then find the notes they are in." if self.person.count() else
                             "No speaker is named in the notes and no voice is enrolled: type the person's name as "
                             "the notes spell it, then find the notes they are in.")
        self.status.setObjectName("subtitle")
        self.status.setWordWrap(True)
        self.alienate = QCheckBox("Keep their words, in a changed voice and under a pseudonym")
        self.alienate.setToolTip("Instead of removing what they said: their voice is alienated in the recordings "
                                 "and their name becomes “Speaker N”; their name still goes where others say it")
        self.alienate.toggled.connect(self._update_button)
        self.warning = QLabel(NOT_UNDONE.format(profile=""))
        self.warning.setWordWrap(True)
        self.warning.setObjectName("error")
        self.cancel_button = QPushButton("Close")
        self.cancel_button.clicked.connect(self.reject)
        self.forget_button = QPushButton("Forget")
        self.forget_button.setEnabled(False)
        self.forget_button.clicked.connect(self.forget)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.alienate)
        layout.addWidget(self.warning)
        layout.addLayout(buttons)
        self.resize(680, 460)
        self.cancel_button.setDefault(True)  # Enter by reflex forgets nothing

    def chosen_profiles(self) -> list:
        """Returns the enrolled voice profiles called as typed (none for a name without a profile)."""
        name = self.person.currentText().strip()
        return [p for p in self.profiles if p.name == name]

    def find(self) -> Worker | None:
        """Lists, on a worker, the notes the typed person is in; returns the worker (None without a name)."""
        name = self.person.currentText().strip()
        if not name:
            self.status.setText("Type a name or choose an enrolled voice first.")
            return None
        from app.privacy.forget_voice import find_voice_in_notes

        profiles = self.chosen_profiles()
        storage, engines = self.storage, self.engines
        self.found_for, self.findings = None, []
        self.notes.clear()
        self.find_button.setEnabled(False)
        self._update_button()
        self.status.setText(f"Looking for {name} in every note…")

        def find_in_notes():
            encoder = engines.voice_encoder if profiles else None  # loaded here, off the UI thread, only when needed
            return find_voice_in_notes(storage, encoder, name, profiles[0] if profiles else None)

        worker = Worker(call_job(find_in_notes, "find"), "find a person")
        worker.succeeded.connect(lambda findings: self._found(name, findings))
        worker.failed.connect(self._failed)
        self.pool.start(worker)
        return worker

    def forget(self) -> Worker | None:
        """Rewrites the listed notes without the person and deletes their profile, on a worker; returns it."""
        name = self.found_for
        if name is None or (not self.findings and not self.chosen_profiles()):
            return None
        from app.privacy.forget_voice import forget_person

        storage, engines, findings, profiles = self.storage, self.engines, list(self.findings), self.chosen_profiles()
        alienate = self.alienate.isChecked()
        for widget in (self.find_button, self.forget_button, self.person, self.alienate, self.cancel_button):
            widget.setEnabled(False)
        self.status.setText(f"Forgetting {name} in {len(findings)} note{'s' if len(findings) != 1 else ''}…")
        job = call_job(lambda: forget_person(storage, engines, name, findings, profiles, alienate), "forget")
        worker = Worker(job, "forget a person")
        worker.succeeded.connect(lambda _: self._done(name, findings))
        worker.failed.connect(self._failed)
        self.pool.start(worker)
        return worker

    def _person_changed(self, _text: str) -> None:
        self.found_for, self.findings = None, []
        self.notes.clear()
        self._update_button()

    def _found(self, name: str, findings: list) -> None:
        self.find_button.setEnabled(True)
        if self.person.currentText().strip() != name:
            return  # the user typed another name meanwhile
        self.found_for, self.findings = name, findings
        for finding in findings:
            self.notes.addItem(finding_line(finding))
        profile = " Their voice profile will be deleted." if self.chosen_profiles() else ""
        if findings:
            self.status.setText(f"{name} is in {len(findings)} note{'s' if len(findings) != 1 else ''}.{profile}")
        elif profile:
            self.status.setText(f"{name} speaks in no stored note.{profile}")
        else:
            self.status.setText(f"No note has {name}: no voice profile, speaker or full name matches.")
        self._update_button()

    def _update_button(self, *_args) -> None:
        self.warning.setText(NOT_UNDONE.format(profile=", and their voice profile is deleted" if self.chosen_profiles() else ""))
        count = len(self.findings)
        ready = self.found_for is not None and (count > 0 or bool(self.chosen_profiles()))
        self.forget_button.setEnabled(ready)
        if not ready or not count:
            self.forget_button.setText("Delete the voice profile" if ready else "Forget")
        else:
            verb = "Alienate" if self.alienate.isChecked() else "Forget"
            self.forget_button.setText(f"{verb} in {count} note{'s' if count != 1 else ''}")

    def _done(self, name: str, findings: list) -> None:
        self.status.setText(f"{name} was forgotten in {len(findings)} note{'s' if len(findings) != 1 else ''}.")
        self.cancel_button.setEnabled(True)
        self.forgotten.emit([str(f.note_id) for f in findings])
        self.accept()

    def _failed(self, message: str) -> None:
        for widget in (self.find_button, self.person, self.alienate, self.cancel_button):
            widget.setEnabled(True)
        self._update_button()
        self.status.setText(f"Nothing more changed: {message}")


def open_forget_person(window, name: str = "") -> ForgetPersonDialog | None:
    """Opens the dialog over ``window`` (a MainWindow), with ``name`` typed in; once a person is forgotten the
    library and an affected open note show the stored notes. Returns the dialog, or None while locked."""
    if window.notebook is None:
        return None
    window.save_current_note()
    open_note = window.note_view.note
    dialog = ForgetPersonDialog(window.notebook.storage, window.engines, window.pool, parent=window,
                                open_note_id=open_note.note_id if open_note is not None else None)
    if name:
        dialog.person.setEditText(name)

    def forgotten(note_ids: list) -> None:
        window.library.refresh()
        note = window.note_view.note
        if note is not None and note.note_id in note_ids and window.notebook is not None:
            stored = window.notebook.load(note.note_id)
            window.note_view.set_note(stored)
            window.privacy.set_note(stored, window.engines)
        count = len(note_ids)
        window.status_label.setText(f"Forgotten at their request in {count} note{'s' if count != 1 else ''}; audited.")

    dialog.forgotten.connect(forgotten)
    window.forget_person_dialog = dialog
    dialog.show()
    return dialog
