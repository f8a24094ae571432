"""The one place the desktop app meets the core: long work runs here, off the UI thread.

Each job is a plain function ``job(hook, cancel) -> result`` over the core
(``app.pipeline``, ``app.export``…). A runner object moved to a QThread runs it
with the standard wiring (started→run, finished→quit, deleteLater); its
signals are relayed, queued, to a :class:`Worker` living on the UI thread, so
any slot or lambda connected to a Worker runs on the UI thread. The core's
progress hook becomes signals carrying numbers; errors become one line a
person can act on, never a traceback.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from audio_core.errors import Cancelled, HushnoteError
from audio_core.progress import CancelToken

logger = logging.getLogger(__name__)

Job = Callable[[Callable[..., None], CancelToken], Any]
UNKNOWN = -1.0


class _Runner(QObject):
    """Lives on the worker thread: runs the job and emits from there."""

    progress = Signal(str, float, float)
    artifact = Signal(str, object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, job: Job, label: str, cancel_token: CancelToken):
        super().__init__()
        self.job = job
        self.label = label
        self.cancel_token = cancel_token
        self._home = QThread.currentThread()  # the UI thread, where it is created and must be destroyed

    def _hook(self, step: str, artifact: Any = None, *, completed: float | None = None, total: float | None = None) -> None:
        self.progress.emit(step, UNKNOWN if completed is None else float(completed), UNKNOWN if total is None else float(total))
        if artifact is not None:
            self.artifact.emit(step, artifact)
        self.cancel_token.check()

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(self._hook, self.cancel_token)
        except Cancelled:
            self.cancelled.emit()
        except HushnoteError as exc:
            self.failed.emit(str(exc))
        except MemoryError:
            self.failed.emit("not enough memory for this job; close other programs or choose a smaller model")
        except Exception as exc:  # the UI must show a message, never a traceback
            logger.exception("unexpected failure in %s", self.label or "a background job")
            self.failed.emit(f"unexpected error ({type(exc).__name__}): {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            # Destroyed on the worker thread, the runner deadlocked the app now and then: PySide's QObject
            # destructor waits for the interpreter lock while holding Qt's connection lock, which the UI thread,
            # holding the interpreter lock, was waiting for (the import queue froze in a full test run). Handed
            # back to the UI thread, its deleteLater runs there, where the interpreter lock is already held.
            self.moveToThread(self._home)
            self.finished.emit()


class Worker(QObject):
    """One job for a QThread; its signals arrive on the thread that created it (the UI thread).

    progress(step, completed, total): numbers from the core's hook; -1 when unknown.
    artifact(step, object): what the hook carried (e.g. each new Segment).
    succeeded(result), failed(message), cancelled(): exactly one of them, then finished().
    """

    progress = Signal(str, float, float)
    artifact = Signal(str, object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, job: Job, label: str = ""):
        super().__init__()
        self.job = job
        self.label = label
        self.cancel_token = CancelToken()

    def cancel(self) -> None:
        """Asks the job to stop at its next check; safe from any thread."""
        self.cancel_token.cancel()

    def runner(self) -> _Runner:
        """Returns a runner for the worker thread whose signals are relayed, queued, to this worker's."""
        runner = _Runner(self.job, self.label, self.cancel_token)
        for name in ("progress", "artifact", "succeeded", "failed", "cancelled", "finished"):
            getattr(runner, name).connect(getattr(self, name), Qt.QueuedConnection)
        return runner


class WorkerPool(QObject):
    """Starts workers on QThreads and keeps them alive until they finish."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running: dict[Worker, tuple[QThread, _Runner]] = {}

    def start(self, worker: Worker) -> Worker:
        """Starts ``worker`` on a new QThread and returns it."""
        thread = QThread(self)
        runner = worker.runner()
        runner.moveToThread(thread)
        thread.started.connect(runner.run)
        runner.finished.connect(thread.quit, Qt.DirectConnection)  # quit() is thread-safe; no UI round trip
        runner.finished.connect(runner.deleteLater)
        thread.finished.connect(thread.deleteLater)
        worker.finished.connect(lambda: self._forget(worker))
        self._running[worker] = (thread, runner)
        thread.start()
        return worker

    def _forget(self, worker: Worker) -> None:
        entry = self._running.pop(worker, None)
        if entry is not None:
            entry[0].wait(2000)  # the job is done and quit() was called: the thread ends at once

    @property
    def busy(self) -> bool:
        """Returns True while any worker runs."""
        return bool(self._running)

    def cancel_all(self, wait_ms: int = 10_000) -> None:
        """Cancels every running worker and waits up to ``wait_ms`` for each thread to end."""
        for worker, (thread, _runner) in list(self._running.items()):
            worker.cancel()
            thread.wait(wait_ms)


# --- jobs over the core ---------------------------------------------------------------------------


def transcribe_job(path: str | Path, engines, options=None) -> Job:
    """Returns a job transcribing ``path`` with ``engines`` (result: a Transcript).

    The job raises InputError/ModelError for bad input or models, Cancelled when cancelled.
    """
    from app.pipeline import PipelineOptions, transcribe_file

    def job(hook, cancel):
        return transcribe_file(path, engines, options or PipelineOptions(), hook=hook, cancel=cancel)

    return job


def call_job(function: Callable[[], Any], step: str = "work") -> Job:
    """Returns a job that calls ``function()`` once (for core calls without progress)."""

    def job(hook, cancel):
        hook(step, completed=0.0, total=1.0)
        result = function()
        hook(step, completed=1.0, total=1.0)
        return result

    return job


def digest_job(paths: list[Path]) -> Job:
    """Returns a job giving ``[(path, KnownDigest)]`` for each readable file of ``paths`` (unreadable ones left out).

    Cancelled between files and within a file's reading, every MB.
    """
    from app.import_sources import read_digest

    def job(hook, cancel):
        digests = []
        for path in paths:
            cancel.check()
            try:
                digests.append((path, read_digest(path, cancel)))
            except HushnoteError:
                continue  # unreadable now (still locked by its writer, removed): the caller decides
        return digests

    return job


def import_job(path: str | Path, engines, storage, options=None, allow_duplicate: bool = False,
               known_digest=None) -> Job:
    """Returns a job importing ``path`` into the notebook ``storage`` (result: the new note's id, as a string).

    A file whose content is already a note is not imported (unless ``allow_duplicate``): the result is then
    the AlreadyImportedError naming that note, found before any work. ``known_digest`` (a KnownDigest): the
    file's digest as already read, used while the file is unchanged so it is not read again.

    The core's :func:`app.pipeline.import_file`, as ``hushnote transcribe --save``
    runs it: one decode, speakers named after the notebook's voice profiles,
    personal data, one crash-safe save. Progress: "decode", "transcribe",
    "diarize", "detect_pii", "save". The job raises InputError, ModelError,
    NotebookError, Cancelled (nothing is kept).
    """
    from app.import_sources import AlreadyImportedError
    from app.pipeline import PipelineOptions, import_file
    from app.pipeline.options import for_notebook

    def job(hook, cancel):
        chosen = for_notebook(options or PipelineOptions(), storage)
        try:
            note_id, _transcript = import_file(path, storage, engines, chosen, hook, cancel, allow_duplicate,
                                               known_digest)
        except AlreadyImportedError as exc:
            return exc  # not a failure: the window asks what to do
        return str(note_id)

    return job


def warm_up_job(engines) -> Job:
    """Returns a job that loads, off the UI thread, what the first opened note needs (result: None).

    That is the privacy layer's own modules (the review and its redacted preview), not the PII analyzer: building
    Presidio and loading spaCy imports some 1,200 modules and reads the model's tables, long stretches that hold
    the interpreter lock; beside the first note opened they froze the window for 0.2-0.4 s (``bench_ui.py``).
    The analyzer loads on first detection, in the job that needs it (Detect, an import, a recording's live marks).
    ``engines`` is kept for the caller's bookkeeping (one warm-up per set of engines). Cancelled between parts.
    """

    def job(hook, cancel):
        import importlib

        parts = ("app.privacy.redact", "app.privacy.detect")
        for done, part in enumerate(parts):
            cancel.check()
            hook("warm-up", completed=float(done), total=float(len(parts)))
            importlib.import_module(part)
        hook("warm-up", completed=float(len(parts)), total=float(len(parts)))

    return job


def detect_pii_job(transcript, engines, policy, vocabulary=None, language: str = "") -> Job:
    """Returns a job finding personal data in ``transcript`` (result: list of PiiSpan; the transcript is not changed).

    ``vocabulary`` (the notebook's :class:`app.vocabulary.Vocabulary`): its names are found wherever said, its terms never.
    ``language`` is the language to look in; "" follows the transcript's.
    """
    from app.privacy.detect import detect_pii
    from app.vocabulary import Vocabulary

    def job(hook, cancel):
        hook("load-analyzer", completed=0.0, total=1.0)
        analyzer = engines.pii_analyzer
        cancel.check()
        hook("detect", completed=0.0, total=1.0)
        spans = detect_pii(transcript, analyzer, policy, vocabulary or Vocabulary(), language or None)
        hook("detect", completed=1.0, total=1.0)
        return spans

    return job


def export_job(request, note, engines=None, storage=None) -> Job:
    """Returns a job running :func:`app.pipeline.export_note` for ``note`` (result: ExportResult).

    ``storage`` is the open ``app.storage.Notebook`` (alienation secret, audit log).
    """
    from app.pipeline import export_note

    def job(hook, cancel):
        note_id = int(note.note_id) if note.note_id is not None else None
        return export_note(request, note.transcript, note.audio, engines, storage if note_id is not None else None, note_id, hook, cancel)

    return job


def recover_job(engines, storage, options=None) -> Job:
    """Returns a job transcribing and keeping every interrupted recording in ``storage`` (result: their note ids).

    Progress: "recover" (artifact: note id), "final" (audio seconds), "diarize", "detect_pii" per recording:
    the import's recipe, with ``options`` (PipelineOptions) and the notebook's voice profiles.
    Raises NotebookError, ModelError; Cancelled (recordings not reached stay interrupted).
    """
    from app.pipeline import PipelineOptions, recover_recordings
    from app.pipeline.options import for_notebook

    def job(hook, cancel):
        return recover_recordings(storage, engines, for_notebook(options or PipelineOptions(), storage), hook, cancel)

    return job


def list_microphones():
    """Returns the input devices (``audio_core.record.InputDevice``); raises DeviceError when PortAudio fails."""
    from audio_core.record import list_input_devices, rescan_devices

    rescan_devices()
    return list_input_devices()


class RecordingControl:
    """What the UI thread may do to a running recording: pause, resume, stop (thread-safe)."""

    def __init__(self):
        self.session = None
        self.want_pause = False

    def _recorder(self):
        return getattr(self.session, "recorder", None)

    def pause(self) -> None:
        """Discards captured audio until :meth:`resume`."""
        self.want_pause = True
        if self._recorder() is not None:
            self._recorder().pause()

    def resume(self) -> None:
        """Keeps captured audio again."""
        self.want_pause = False
        if self._recorder() is not None:
            self._recorder().resume()

    def stop(self) -> None:
        """Ends the recording; the job then transcribes and stores it."""
        if self.session is not None:
            self.session.stop()


def record_job(engines, storage, device, control: RecordingControl, title: str | None = None, options=None,
               system_audio: bool = False) -> Job:
    """Returns a job recording ``device`` into the notebook ``storage`` until stopped (result: ``app.recording.RecordingResult``).

    Every half second of audio is committed, encrypted, to the notebook as it
    arrives (``app.recording.NotebookSink``), so a crash loses almost nothing.
    Progress: "record" (artifact: Level, completed = seconds), "live" (artifact:
    LiveTranscript, personal data flagged), "final" (audio seconds), "stored" (artifact: note id);
    the final pass is the import's recipe (``options``: PipelineOptions, with the notebook's voice
    profiles): the stored note has speakers and its detected personal data, as ``hushnote record`` stores it.
    With ``system_audio`` what the computer plays is recorded too, in step: the
    microphone side is labelled with the notebook's owner name, the computer side diarized.
    Raises DeviceError when the device cannot record, SoundServerError when the computer's
    audio cannot be (no PulseAudio/PipeWire); Cancelled when cancelled
    (the audio saved so far stays as an interrupted recording).
    """
    from app.live_pii import LivePiiHighlighter
    from app.pipeline.sides import TWO_SIDED_SOURCE, owner_name
    from app.pipeline import PipelineOptions
    from app.pipeline.options import for_notebook
    from app.recording import NotebookSink, RecordingOptions, RecordingSession
    from audio_core.record import RecorderOptions

    def job(hook, cancel):
        final = for_notebook(options or PipelineOptions(), storage)
        recording = RecordingOptions(recorder=RecorderOptions(device=device), title=title, final=final,
                                     system_audio=system_audio, owner=owner_name(storage))
        sink = NotebookSink(storage, title or "", TWO_SIDED_SOURCE if system_audio else "")
        session = RecordingSession(engines, sink, recording, hook, cancel, pii=LivePiiHighlighter.from_engines(engines))
        session.sink.title = session.title
        control.session = session

        def start_paused(step, artifact=None, **numbers):
            if control.want_pause and session.recorder is not None and not session.recorder.paused:
                session.recorder.pause()
            hook(step, artifact, **numbers)

        session.hook = start_paused
        try:
            return session.run()
        finally:
            control.session = None

    return job
