"""The one place the desktop app meets the core: long work runs here, off the UI thread.

Each job is a plain function ``job(hook, cancel) -> result`` over the core
(``app.pipeline``, ``app.export``…). A :class:`Worker` runs it on a QThread
with the standard wiring (started→run, finished→quit, deleteLater), turns the
core's progress hook into Qt signals carrying numbers, and maps errors to one
line a person can act on, never a traceback.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.errors import Cancelled, HushnoteError
from app.progress import CancelToken

logger = logging.getLogger(__name__)

Job = Callable[[Callable[..., None], CancelToken], Any]
UNKNOWN = -1.0


class Worker(QObject):
    """Runs one job on a QThread and reports through signals.

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

    def _hook(self, step: str, artifact: Any = None, *, completed: float | None = None, total: float | None = None) -> None:
        self.progress.emit(step, UNKNOWN if completed is None else float(completed), UNKNOWN if total is None else float(total))
        if artifact is not None:
            self.artifact.emit(step, artifact)
        self.cancel_token.check()

    @Slot()
    def run(self) -> None:
        """Runs the job once; emits one outcome signal, then finished()."""
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
            self.finished.emit()


class WorkerPool(QObject):
    """Owns the threads of running workers so nothing is collected mid-run."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running: dict[Worker, QThread] = {}

    def start(self, worker: Worker) -> Worker:
        """Starts ``worker`` on a new QThread and returns it."""
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.finished.connect(worker.deleteLater)
        thread.finished.connect(thread.deleteLater)
        thread.finished.connect(lambda: self._running.pop(worker, None))
        self._running[worker] = thread
        thread.start()
        return worker

    @property
    def busy(self) -> bool:
        """Returns True while any worker runs."""
        return bool(self._running)

    def cancel_all(self, wait_ms: int = 5000) -> None:
        """Cancels every running worker and waits up to ``wait_ms`` for each thread."""
        for worker, thread in list(self._running.items()):
            worker.cancel()
            thread.quit()
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


def decode_job(path: str | Path) -> Job:
    """Returns a job decoding ``path`` to 16 kHz mono float32 samples (result: numpy array)."""
    from audio_core.decode import decode_audio

    def job(hook, cancel):
        hook("decode", completed=0.0, total=1.0)
        audio = decode_audio(path)
        hook("decode", completed=1.0, total=1.0)
        return audio

    return job


def call_job(function: Callable[[], Any], step: str = "work") -> Job:
    """Returns a job that calls ``function()`` once (for core calls without progress)."""

    def job(hook, cancel):
        hook(step, completed=0.0, total=1.0)
        result = function()
        hook(step, completed=1.0, total=1.0)
        return result

    return job


def import_job(path: str | Path, engines, options=None) -> Job:
    """Returns a job transcribing ``path`` and keeping its audio (result: ``(Transcript, audio)``)."""
    transcribe = transcribe_job(path, engines, options)

    def job(hook, cancel):
        from audio_core.decode import decode_audio

        transcript = transcribe(hook, cancel)
        cancel.check()
        return transcript, decode_audio(path)

    return job


def privacy_available() -> dict[str, bool]:
    """Returns which parts of ``app.privacy`` are installed: detect, review, redact."""
    import importlib.util

    return {name: importlib.util.find_spec(f"app.privacy.{name}") is not None for name in ("detect", "review", "redact")}


_analyzer_cache: dict[int, Any] = {}


def pii_analyzer(engines):
    """Returns the PII analyzer (``engines.pii_analyzer`` when the composition root has it), built once."""
    if hasattr(type(engines), "pii_analyzer"):
        return engines.pii_analyzer
    if id(engines) not in _analyzer_cache:
        from app.privacy.analyzer import build_analyzer

        _analyzer_cache[id(engines)] = build_analyzer()
    return _analyzer_cache[id(engines)]


def detect_pii_job(transcript, engines, policy) -> Job:
    """Returns a job finding personal data in ``transcript`` (result: list of PiiSpan; the transcript is not changed)."""
    from app.privacy.detect import detect_pii

    def job(hook, cancel):
        hook("load-analyzer", completed=0.0, total=1.0)
        analyzer = pii_analyzer(engines)
        cancel.check()
        hook("detect", completed=0.0, total=1.0)
        spans = detect_pii(transcript, analyzer, policy)
        hook("detect", completed=1.0, total=1.0)
        return spans

    return job


AUDIO_MODES = ("none", "bleeped", "alienated", "background")


def audio_export_available() -> dict[str, bool]:
    """Returns which audio export modes the installed core offers ("none" always)."""
    import importlib.util

    have_audio_export = importlib.util.find_spec("app.export.audio") is not None
    return {mode: mode == "none" or have_audio_export for mode in AUDIO_MODES}


def privacy_report_available() -> bool:
    """Returns True when the core can write a privacy report."""
    import importlib.util

    return importlib.util.find_spec("app.privacy.report") is not None


def export_job(transcript, formats: list[str], out_dir: str | Path, stem: str, policy=None, audit=None) -> Job:
    """Returns a job writing ``transcript`` in each format to ``out_dir`` (result: list of written paths).

    ``policy`` None writes the transcript unredacted (the dialog asked first); otherwise
    ``app.privacy.redact.redact_transcript`` runs before any exporter sees the text.
    ``audit(formats, redacted)`` records the export in the notebook's audit log.
    Raises HushnoteError for unwritable folders, Cancelled between formats.
    """
    from app.export import export_transcript

    def job(hook, cancel):
        total = len(formats)
        hook("redact", completed=0.0, total=total)
        if policy is not None:
            from app.privacy.redact import redact_transcript

            to_write = redact_transcript(transcript, policy)
        else:
            to_write = transcript
        written = []
        for done, fmt in enumerate(formats):
            cancel.check()
            hook("export", completed=float(done), total=float(total))
            written.append(export_transcript(to_write, fmt, Path(out_dir) / f"{stem}.{fmt}"))
        hook("export", completed=float(total), total=float(total))
        if audit is not None:
            audit(formats, policy is not None)
        return written

    return job


def recorder_available() -> bool:
    """Returns True when the core can record (``audio_core.record``)."""
    import importlib.util

    return importlib.util.find_spec("audio_core.record") is not None


def list_microphones():
    """Returns the input devices (``audio_core.record.InputDevice``); raises DeviceError when PortAudio fails."""
    from audio_core.record import list_input_devices, rescan_devices

    rescan_devices()
    return list_input_devices()


class RecordingControl:
    """What the UI thread may do to a running recording job: pause and resume (thread-safe)."""

    def __init__(self):
        import threading

        self.recorder = None
        self.want_pause = False
        self.stop_event = threading.Event()

    def stop(self) -> None:
        """Ends the recording; the job returns what was kept."""
        self.stop_event.set()

    def pause(self) -> None:
        self.want_pause = True
        if self.recorder is not None:
            self.recorder.pause()

    def resume(self) -> None:
        self.want_pause = False
        if self.recorder is not None:
            self.recorder.resume()


def record_job(device, control: RecordingControl, on_chunk=None) -> Job:
    """Returns a job recording ``device`` until cancelled (result: 16 kHz mono float32 audio).

    Progress: step "level" with ``completed`` = RMS dBFS of the latest block, and
    step "record" with ``completed`` = seconds kept so far. ``on_chunk(samples)``
    receives each chunk as it arrives (e.g. to store it in the notebook at once).
    ``control.stop()`` ends it and the job returns the audio; cancelling discards it (Cancelled).
    Raises DeviceError when the device cannot be opened.
    """
    import numpy as np

    from audio_core.record import Recorder, RecorderOptions

    def job(hook, cancel):
        recorder = Recorder(RecorderOptions(device=device))
        control.recorder = recorder
        chunks = []
        kept = 0
        recorder.start()
        if control.want_pause:
            recorder.pause()
        try:
            while not control.stop_event.is_set():
                chunk = recorder.read(timeout_s=0.1)
                if len(chunk):
                    chunks.append(chunk)
                    kept += len(chunk)
                    if on_chunk is not None:
                        on_chunk(chunk)
                hook("level", completed=recorder.level.rms_dbfs, total=0.0)
                hook("record", completed=kept / 16000, total=None)
        except Exception:
            recorder.stop()
            raise
        finally:
            control.recorder = None
        tail = recorder.stop()
        if len(tail):
            chunks.append(tail)
            if on_chunk is not None:
                on_chunk(tail)
        return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)

    return job


def transcribe_audio_job(audio, engines, options=None, title: str = "Recording") -> Job:
    """Returns a job transcribing 16 kHz mono ``audio`` (result: ``(Transcript, audio)``)."""
    from app.model import Transcript
    from app.pipeline import PipelineOptions
    from audio_core.blocks import cut_into_blocks
    from audio_core.transcribe import transcribe_blocks

    options = options or PipelineOptions()

    def job(hook, cancel):
        duration_s = len(audio) / 16000
        recognizer = engines.recognizer
        segments = []
        hook("transcribe", completed=0.0, total=duration_s)
        for segment in transcribe_blocks(recognizer, cut_into_blocks(iter([audio]), options.block_s), options.asr, cancel):
            segments.append(segment)
            hook("transcribe", segment, completed=min(segment.end_s, duration_s), total=duration_s)
        transcript = Transcript(
            segments=segments,
            language=recognizer.check_language(options.asr.language) or "",
            duration_s=round(duration_s, 3),
            model=recognizer.name,
            title=title,
        )
        return transcript, audio

    return job
