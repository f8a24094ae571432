"""Record: input device picker, "Record computer audio too", level meter, elapsed time, pause/resume, live
transcript with personal data marked as it is spoken (both sides of a call labelled), stop → transcription."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QTextEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from audio_core.errors import HushnoteError
from app.export.timecode import clock
from ui.viewmodels.pii_model import DEFAULT_COLOUR, TYPE_COLOURS
from ui.viewmodels.stage_labels import STAGE_LABELS
from ui.workers import RecordingControl, Worker, WorkerPool, list_microphones, record_job

METER_FLOOR_DBFS = -60.0


class RecordView(QWidget):
    """Records from a chosen microphone into the notebook with a live transcript.

    ``context()`` returns ``(engines, storage)`` for a recording; ``recorded(note_id)``
    once the final transcript is stored, ``error(message)`` on failure.
    """

    recorded = Signal(str)
    error = Signal(str)

    def __init__(self, pool: WorkerPool, context: Callable[[], tuple], parent=None):
        super().__init__(parent)
        self.pool = pool
        self.context = context
        self._provisional = False  # the live pane shows provisional speakers
        self.worker: Worker | None = None
        self.control: RecordingControl | None = None
        self.elapsed_s = 0.0

        title = QLabel("Record")
        title.setObjectName("title")
        subtitle = QLabel("Audio goes straight into the encrypted notebook, half a second at a time; "
                          "the live transcript is refined when you stop.")
        subtitle.setObjectName("subtitle")
        subtitle.setWordWrap(True)  # one long line would hold the window wider than a small screen
        self.devices = QComboBox()
        self.devices.setMinimumWidth(320)
        self.rescan = QToolButton()
        self.rescan.setText("Rescan")
        device_row = QHBoxLayout()
        device_row.addWidget(QLabel("Microphone"))
        device_row.addWidget(self.devices, 1)
        device_row.addWidget(self.rescan)
        self.system_audio = QCheckBox("Record computer audio too")
        self.system_audio.setToolTip(
            "Also records what the computer plays (the other side of a video call), through PulseAudio or "
            "PipeWire: your words are labelled with your name, the computer's split into the remote speakers. "
            "Echo of the call picked up by the microphone is not transcribed twice.")

        self.meter = QProgressBar()
        self.meter.setRange(0, 600)
        self.meter.setTextVisible(False)
        self.meter.setStyleSheet("QProgressBar { max-height: 16px; } QProgressBar::chunk { background: #2f9e77; border-radius: 4px; }")
        self.elapsed = QLabel("0:00")
        self.elapsed.setAlignment(Qt.AlignCenter)
        self.elapsed.setStyleSheet("font-size: 34pt; font-weight: 300;")
        self.state = QLabel("Ready")
        self.state.setAlignment(Qt.AlignCenter)
        self.state.setObjectName("subtitle")
        self.record_button = QPushButton("●  Record")
        self.record_button.setObjectName("primary")
        self.pause_button = QPushButton("Pause")
        self.stop_button = QPushButton("■  Stop and transcribe")
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.record_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.live = QTextEdit()
        self.live.setReadOnly(True)
        self.live.setPlaceholderText("The live transcript appears here while you record.")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addLayout(device_row)
        layout.addWidget(self.system_audio)
        layout.addStretch()
        layout.addWidget(self.elapsed)
        layout.addWidget(self.state)
        layout.addWidget(self.meter)
        layout.addSpacing(10)
        layout.addLayout(buttons)
        layout.addSpacing(10)
        layout.addWidget(self.live, 3)

        self.rescan.clicked.connect(self.load_devices)
        self.record_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self._set_running(False)

    def load_devices(self) -> None:
        """Lists the microphones PortAudio sees (the system default first)."""
        if self.worker is not None:
            return
        self.devices.clear()
        try:
            devices = list_microphones()
        except HushnoteError as exc:
            self.state.setText(str(exc))
            devices = []
        for device in sorted(devices, key=lambda d: not d.is_default):
            self.devices.addItem(f"{device.name}  ({device.host_api})" + ("  — default" if device.is_default else ""), device.index)
        self.record_button.setEnabled(bool(devices))
        if not devices:
            self.state.setText("No microphone found. Connect one and click Rescan.")
        else:
            self.state.setText("Ready")

    def _set_running(self, running: bool) -> None:
        self.record_button.setVisible(not running)
        self.pause_button.setVisible(running)
        self.stop_button.setVisible(running)
        self.devices.setEnabled(not running)
        self.rescan.setEnabled(not running)
        self.system_audio.setEnabled(not running)

    def start(self) -> None:
        """Starts recording from the chosen device."""
        if self.worker is not None or self.devices.currentIndex() < 0:
            return
        engines, storage = self.context()
        self.control = RecordingControl()
        self.elapsed_s = 0.0
        self.live.clear()
        self._provisional = False
        self.worker = Worker(record_job(engines, storage, self.devices.currentData(), self.control,
                                        system_audio=self.system_audio.isChecked()), "record")
        self.worker.progress.connect(self._progress)
        self.worker.artifact.connect(self._artifact)
        self.worker.succeeded.connect(self._stopped)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(lambda: self.state.setText("Recording cancelled; the audio so far is kept as an interrupted recording."))
        self.worker.finished.connect(self._finished)
        self._set_running(True)
        self.pause_button.setEnabled(True)
        self.stop_button.setEnabled(True)
        self.pause_button.setText("Pause")
        self.state.setText("Recording…")
        self.pool.start(self.worker)

    def toggle_pause(self) -> None:
        """Pauses (audio is not kept) or resumes."""
        if self.control is None:
            return
        if self.control.want_pause:
            self.control.resume()
            self.pause_button.setText("Pause")
            self.state.setText("Recording…")
        else:
            self.control.pause()
            self.pause_button.setText("Resume")
            self.state.setText("Paused — nothing is being kept")

    def stop(self) -> None:
        """Stops recording; the full-quality transcript is made and stored."""
        if self.control is not None:
            self.state.setText("Stopping…")
            self.pause_button.setEnabled(False)
            self.stop_button.setEnabled(False)
            self.control.stop()

    def _progress(self, step: str, completed: float, total: float) -> None:
        if step == "record":
            self.elapsed_s = completed
            self.elapsed.setText(clock(completed))
        elif step == "final" and total > 0:
            self.state.setText(f"Transcribing the recording… {completed / total:.0%}")
        elif step in STAGE_LABELS and step not in ("transcribe", "decode"):
            self.state.setText(STAGE_LABELS[step])

    def _artifact(self, step: str, artifact) -> None:
        if step == "record":
            paused = self.control is not None and self.control.want_pause
            level = 0.0 if paused else max(artifact.rms_dbfs, METER_FLOOR_DBFS) - METER_FLOOR_DBFS
            self.meter.setValue(int(level * 10))
        elif step == "live":
            self._provisional = artifact.provisional_speakers
            self.live.setHtml(live_html(artifact))
            self.live.verticalScrollBar().setValue(self.live.verticalScrollBar().maximum())

    def _stopped(self, result) -> None:
        self.state.setText(f"Recorded {clock(result.recorded_s)} and saved.")
        if self._provisional:  # the final speakers replace the provisional ones (two-sided labels are final)
            self.live.setHtml(final_html(result.transcript))
        self.recorded.emit(str(result.note_id))

    def _failed(self, message: str) -> None:
        self.state.setText("Recording failed.")
        self.error.emit(message)

    def _finished(self) -> None:
        self.worker = None
        self.control = None
        self.meter.setValue(0)
        self._set_running(False)


def live_html(live) -> str:
    """Returns the live transcript as HTML: tentative words grey, personal data marked in its type's colour.

    ``live`` is an ``app.recording.LiveTranscript``; in a call recorded on two sides each turn starts on a
    new line with its side's name in bold; in a one-microphone recording, with its provisional speaker's
    name, marked "(provisional)".
    """
    parts = []
    side = None
    for index, word in enumerate([*live.committed, *live.tentative]):
        html = _escape(word.text)
        if live.speaker_names and word.speaker_id is not None and word.speaker_id != side:
            side = word.speaker_id
            name = _escape(live.speaker_names.get(side, side))
            mark = " <i style='color:#8a8fa0'>(provisional)</i>" if live.provisional_speakers else ""
            parts.append(("<br>" if parts else "") + f"<b>{name}</b>{mark}<b>:</b>")
        entity_type = live.pii.get(index)
        if entity_type is not None:
            colour = TYPE_COLOURS.get(entity_type, DEFAULT_COLOUR)
            html = f"<span style='background:{colour}; color:#1d1f27' title='{entity_type}'>{html}</span>"
        elif index >= len(live.committed):
            html = f"<span style='color:#8a8fa0'>{html}</span>"
        parts.append(html)
    return " ".join(parts)


def final_html(transcript) -> str:
    """Returns the final pass's transcript as HTML, one paragraph per speaker turn with the final speaker's
    name in bold (it replaces the live transcript and its provisional speakers when recording stops)."""
    turns: list[tuple[str | None, list[str]]] = []
    for segment in transcript.segments:
        if turns and turns[-1][0] == segment.speaker_id:
            turns[-1][1].append(segment.text.strip())
        else:
            turns.append((segment.speaker_id, [segment.text.strip()]))
    paragraphs = []
    for speaker_id, texts in turns:
        name = transcript.speaker_name(speaker_id)
        label = f"<b>{_escape(name)}:</b> " if name else ""
        paragraphs.append(label + _escape(" ".join(texts)))
    return "<br>".join(paragraphs)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
