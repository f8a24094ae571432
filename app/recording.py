"""A recording session: microphone (and the computer's audio) → durable encrypted chunks → live transcript →
final transcript.

The audio path comes first: every ``chunk_s`` of audio is handed to the chunk
sink (the notebook: one encrypted, committed row per chunk) on the recording
thread, before anything else happens to it, so a crash or SIGKILL loses at
most the last chunk. Live decoding runs on its own thread from a queue, so a
slow CPU delays the live transcript, never the saving. When recording stops,
the pipeline's full-quality pass over the whole recording (the recipe imports
run: recognition, speakers, voice-profile names, personal data) replaces the
live text. With ``system_audio`` the microphone and what the computer plays
are recorded in step as two channels (:mod:`audio_core.dual_record`), each
chunk holding both, and both sides are transcribed and labelled
(:mod:`app.pipeline.sides`).
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

import numpy as np

from app.engines import Engines
from audio_core.errors import HushnoteError
from app.live_pii import LivePiiHighlighter, LivePiiMarks
from app.live_speakers import LiveSpeakerLabeller
from app.live_sides import TwoSidedTranscriber
from audio_core.model import Transcript, Word
from app.pipeline import in_flight
from app.pipeline.options import PipelineOptions
from app.pipeline.recordings import finish_recording, recover_recordings, transcribe_recording
from app.pipeline.sides import DEFAULT_OWNER, OWNER_ID, REMOTE_ID, REMOTE_NAME
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from audio_core import SAMPLE_RATE
from audio_core.dual_record import DualRecorder
from audio_core.record import Recorder, RecorderOptions
from audio_core.streaming import LiveUpdate, StreamingOptions, StreamingTranscriber

logger = logging.getLogger(__name__)

MAX_CHUNK_S = 1.0


class ChunkSink(Protocol):
    """Where recorded audio goes as it arrives; :meth:`append` returns only once the chunk is durable."""

    def append(self, audio: np.ndarray) -> None: ...

    def finish(self, transcript: Transcript) -> int | None: ...

    def abandon(self) -> None: ...


class NotebookSink:
    """Writes a recording into the encrypted notebook: a note in state "recording", one committed row per chunk.

    The note is created with the first chunk, so a session that fails before
    recording anything leaves no empty note behind.
    """

    def __init__(self, notebook, title: str, source_name: str = "") -> None:
        self.notebook = notebook
        self.title = title
        self.source_name = source_name
        self.note_id: int | None = None

    def append(self, audio: np.ndarray) -> None:
        """Returns None once ``audio`` (16 kHz float32, mono or (n, 2) sides) is committed to the notebook."""
        if self.note_id is None:
            self._start()
        self.notebook.append_audio(self.note_id, audio)

    def finish(self, transcript: Transcript) -> int:
        """Returns the note id after storing ``transcript`` and marking the note complete."""
        if self.note_id is None:
            self._start()
        return finish_recording(self.notebook, self.note_id, transcript)

    def _start(self) -> None:
        from app.storage.importing import begin_note

        self.note_id = begin_note(self.notebook, self.title, self.source_name)
        in_flight.hold(self.notebook, self.note_id)  # while recording, recovery must leave it alone

    def abandon(self) -> None:
        """Returns None; the session failed or was cancelled: its audio stays as an interrupted recording."""
        if self.note_id is not None:
            in_flight.release(self.notebook, self.note_id)


class MemorySink:
    """Keeps a recording in memory only (nothing on disk): for ``record`` without ``--save``."""

    def __init__(self) -> None:
        self.chunks: list[np.ndarray] = []
        self.transcript: Transcript | None = None

    def append(self, audio: np.ndarray) -> None:
        """Returns None after keeping a copy of ``audio`` in memory."""
        self.chunks.append(np.asarray(audio, np.float32).copy())

    def finish(self, transcript: Transcript) -> None:
        """Returns None (there is no note id): the transcript is kept on the sink."""
        self.transcript = transcript
        return None

    def abandon(self) -> None:
        """Returns None (a memory-only recording has nothing to hand over)."""


@dataclass(frozen=True)
class RecordingOptions:
    """How a session records and transcribes.

    recorder: device, device rate and block size.
    chunk_s: audio per durable chunk (0.5 s; at most 1 s: a crash loses at most this plus one read).
    duration_s: stop by itself after this much audio; None records until :meth:`RecordingSession.stop`.
    live: decode while recording (off: record only, transcribe at the end).
    live_pii: highlight personal data in the live transcript (needs app.privacy).
    streaming: the live decoding policy.
    final: the full-quality pass run when recording stops: the pipeline's options, as for an import
        (speakers and voice profiles, personal data).
    title: the note's title; None uses "Recording <local date and time>".
    system_audio: also record what the computer plays (the default output's monitor), in step with the
        microphone; the microphone side is labelled ``owner``, the computer side diarized.
    owner: the name the microphone side is labelled with in a two-sided recording.
    live_speakers: label live words with provisional speakers (one-microphone recordings whose final pass
        finds speakers; :mod:`app.live_speakers`); the final pass's speakers replace them.
    """

    recorder: RecorderOptions = field(default_factory=RecorderOptions)
    chunk_s: float = 0.5
    duration_s: float | None = None
    live: bool = True
    live_pii: bool = True
    streaming: StreamingOptions = field(default_factory=StreamingOptions)
    final: PipelineOptions = field(default_factory=PipelineOptions)
    title: str | None = None
    system_audio: bool = False
    owner: str = DEFAULT_OWNER
    live_speakers: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.chunk_s <= MAX_CHUNK_S:
            raise HushnoteError(f"chunk_s must be in (0, {MAX_CHUNK_S}] s, got {self.chunk_s}")


@dataclass(frozen=True)
class LiveTranscript:
    """The live transcript after one pass (the "live" progress artifact).

    committed: final words so far; tentative: the tail that may still change.
    pii: entity type by word index into ``committed + tentative``.
    speaker_names: the name of each side in a two-sided recording, or of each provisional speaker
        (words carry it as ``speaker_id``).
    provisional_speakers: the speakers are provisional (the final pass may name them differently).
    """

    committed: list[Word]
    tentative: list[Word]
    pii: dict[int, str]
    newly_committed: int
    audio_end_s: float
    speaker_names: dict[str, str] = field(default_factory=dict)
    provisional_speakers: bool = False


@dataclass
class LiveStats:
    """Live transcript lag, measured from when a word's audio was captured.

    first_seen_lag_s: until the word first showed (tentative or committed).
    commit_lag_s: until it was committed.
    decode_s: wall time of each live pass.
    """

    first_seen_lag_s: list[float] = field(default_factory=list)
    commit_lag_s: list[float] = field(default_factory=list)
    decode_s: list[float] = field(default_factory=list)


@dataclass
class RecordingResult:
    """What a finished session produced."""

    transcript: Transcript
    note_id: int | None
    recorded_s: float
    live_text: str
    stats: LiveStats


class _CaptureClock:
    """Maps recording seconds to the monotonic time the audio was read, for lag figures."""

    def __init__(self) -> None:
        self._marks: list[tuple[float, float]] = []
        self._lock = threading.Lock()

    def mark(self, recorded_s: float) -> None:
        with self._lock:
            self._marks.append((recorded_s, time.monotonic()))

    def captured_at(self, recorded_s: float) -> float | None:
        with self._lock:
            for mark_s, at in self._marks:
                if mark_s >= recorded_s:
                    return at
        return None


class RecordingSession:
    """Records until stopped (or ``duration_s``), then runs the final pass and stores the note.

    Progress steps: "record" (artifact: audio_core.record.Level; completed = seconds recorded),
    "live" (artifact: LiveTranscript), "final" (completed/total in audio seconds, Segment artifacts),
    then the pipeline's "diarize" and "detect_pii", then "stored" (artifact: the note id).
    """

    def __init__(
        self,
        engines: Engines,
        sink: ChunkSink,
        options: RecordingOptions = RecordingOptions(),
        hook: ProgressHook = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
        pii: LivePiiHighlighter | None = None,
    ) -> None:
        self.engines = engines
        self.sink = sink
        self.options = options
        self.hook = hook
        self.cancel = cancel
        self.pii = pii
        self.stats = LiveStats()
        self._stop = threading.Event()
        self._live_queue: queue.Queue[np.ndarray | None] = queue.Queue()
        self._clock = _CaptureClock()
        self._live_error: BaseException | None = None
        self._live_text = ""
        self._live_marks = LivePiiMarks()
        self.recorder: Recorder | DualRecorder | None = None
        self.title = options.title or f"Recording {datetime.now().strftime('%Y-%m-%d %H:%M')}"

    @property
    def stop_requested(self) -> bool:
        """Returns True once :meth:`stop` was called."""
        return self._stop.is_set()

    def stop(self) -> None:
        """Returns None; asks the session to stop recording and finish (safe from any thread)."""
        self._stop.set()

    def run(self) -> RecordingResult:
        """Returns the result after recording, the final pass and storing.

        Raises DeviceError when the device cannot record, ModelError for model
        problems, Cancelled when ``cancel`` is set (the audio saved so far stays
        in the notebook as an interrupted recording).
        """
        recognizer = self.engines.recognizer  # load before the microphone opens, not while audio piles up
        if self.options.system_audio:
            self.recorder = DualRecorder(self.options.recorder)
        else:
            self.recorder = Recorder(self.options.recorder)
        live_thread = None
        if self.options.live:
            # No vocabulary here: a 10 s live pass took 3.7 times as long with the per-segment re-decoding (4.2 with the
            # hint everywhere; tests/bench/bench_vocabulary.py), which the live lag cannot afford; the final pass uses
            # the list, and live highlighting uses it too.
            transcriber = (TwoSidedTranscriber(recognizer, self.options.streaming) if self.options.system_audio
                           else StreamingTranscriber(recognizer, self.options.streaming))
            labeller = self._live_labeller()
            live_thread = threading.Thread(target=self._live_loop, args=(transcriber, labeller), name="live-asr",
                                           daemon=True)
            live_thread.start()
        kept: list[np.ndarray] = []
        try:
            recorded_s = self._record(kept)
        except BaseException:
            self.sink.abandon()
            raise
        finally:
            self._live_queue.put(None)
            if live_thread is not None:
                live_thread.join()
        if self._live_error is not None:
            logger.warning("live transcription failed: %s", self._live_error)
        audio = np.concatenate(kept).astype(np.float32) / 32767.0 if kept else np.zeros(0, np.float32)
        if self.options.system_audio and audio.ndim == 1:
            audio = np.zeros((0, 2), np.float32)
        try:
            self.cancel.check()
            transcript = self.transcribe_final(audio, self.title)
            note_id = self.sink.finish(transcript)
        except BaseException:
            self.sink.abandon()
            raise
        self.hook("stored", note_id)
        return RecordingResult(transcript, note_id, recorded_s, self._live_text, self.stats)

    def _record(self, kept: list[np.ndarray]) -> float:
        """Returns the seconds recorded; every chunk reaches the sink before the next read."""
        chunk_n = int(self.options.chunk_s * SAMPLE_RATE)
        limit_n = int(self.options.duration_s * SAMPLE_RATE) if self.options.duration_s else None
        pending: list[np.ndarray] = []
        pending_n = recorded_n = 0
        recorder = self.recorder
        recorder.start()
        sink_ok = False
        try:
            while not self._stop.is_set() and not self.cancel.cancelled:
                audio = recorder.read(0.1)
                if limit_n is not None:
                    audio = audio[: max(0, limit_n - recorded_n)]
                pending.append(audio)
                pending_n += len(audio)
                recorded_n += len(audio)
                while pending_n >= chunk_n:
                    joined = np.concatenate(pending)
                    self._commit(joined[:chunk_n], kept)
                    pending, pending_n = [joined[chunk_n:]], len(joined) - chunk_n
                self._clock.mark(recorded_n / SAMPLE_RATE)
                self.hook("record", recorder.level, completed=recorded_n / SAMPLE_RATE, total=self.options.duration_s)
                if limit_n is not None and recorded_n >= limit_n:
                    break
            sink_ok = True
        finally:
            tail = recorder.stop()
            if sink_ok:  # after a sink failure, do not try to write again
                if limit_n is not None:
                    tail = tail[: max(0, limit_n - recorded_n)]
                recorded_n += len(tail)
                rest = np.concatenate([*pending, tail])
                for start in range(0, len(rest), chunk_n):
                    self._commit(rest[start : start + chunk_n], kept)
        return recorded_n / SAMPLE_RATE

    def _commit(self, chunk: np.ndarray, kept: list[np.ndarray]) -> None:
        if len(chunk) == 0:
            return
        self.sink.append(chunk)
        kept.append((np.clip(chunk, -1.0, 1.0) * 32767.0).astype(np.int16))
        self._live_queue.put(chunk)

    def _live_labeller(self) -> LiveSpeakerLabeller | None:
        speakers = self.options.final.speakers
        if not self.options.live_speakers or self.options.system_audio or not speakers.enabled:
            return None
        return LiveSpeakerLabeller(self.engines.voice_encoder)

    def _live_loop(self, transcriber: StreamingTranscriber, labeller: LiveSpeakerLabeller | None = None) -> None:
        """Decodes while recording; an error here stops live text, never the recording."""
        self._labeller = labeller
        self._labelled: list[Word] = []
        finished = False
        try:
            while not finished:
                audio = self._live_queue.get()
                batch = [audio]
                while True:  # take everything queued, so a slow pass catches up in one go
                    try:
                        batch.append(self._live_queue.get_nowait())
                    except queue.Empty:
                        break
                finished = any(a is None for a in batch)
                for piece in batch:
                    if piece is not None:
                        transcriber.insert_audio(piece)
                        if labeller is not None:
                            labeller.add_audio(piece)
                if finished:
                    self._report(transcriber, transcriber.finish())
                elif transcriber.ready:
                    self._report(transcriber, transcriber.process())
        except BaseException as exc:  # noqa: BLE001 - reported after the recording is safe
            self._live_error = exc
            while not finished and self._live_queue.get() is not None:
                pass

    def _report(self, transcriber: StreamingTranscriber, update: LiveUpdate) -> None:
        now = time.monotonic()
        self.stats.decode_s.append(update.decode_s)
        seen_until_s = getattr(self, "_seen_until_s", 0.0)
        for word in update.newly_committed + update.tentative:
            if word.end_s > seen_until_s:
                self._record_lag(self.stats.first_seen_lag_s, word, now)
                seen_until_s = word.end_s
        self._seen_until_s = seen_until_s
        for word in update.newly_committed:
            self._record_lag(self.stats.commit_lag_s, word, now)
        committed, tentative, names = list(transcriber.committed), update.tentative, {}
        if self.options.system_audio:
            names = {OWNER_ID: self.options.owner, REMOTE_ID: REMOTE_NAME}
        elif self._labeller is not None:
            committed, tentative = self._provisional(update)
            names = self._labeller.names
        words = committed + tentative
        live_pii = self.pii is not None and self.options.live_pii
        pii = {}
        if live_pii:
            marks = self._live_marks
            flagged = self.pii.highlight(words, self.options.final.vocabulary, unread_from=marks.committed_count)
            pii = marks.update(flagged, len(committed))
        self._live_text = " ".join(w.text for w in transcriber.committed)
        live = LiveTranscript(committed, tentative, pii, len(update.newly_committed), update.audio_end_s, names,
                              provisional_speakers=self._labeller is not None)
        self.hook("live", live)

    def _provisional(self, update: LiveUpdate) -> tuple[list[Word], list[Word]]:
        """Returns the committed words so far and the tentative tail, with provisional speakers (the tail
        shown under the last committed word's speaker)."""
        self._labelled += self._labeller.label(update.newly_committed)
        last = self._labelled[-1].speaker_id if self._labelled else None
        return list(self._labelled), [replace(word, speaker_id=last) for word in update.tentative]

    def _record_lag(self, into: list[float], word: Word, now: float) -> None:
        captured = self._clock.captured_at(word.end_s)
        if captured is not None:
            into.append(round(now - captured, 3))

    def transcribe_final(self, audio: np.ndarray, title: str, source_name: str = "microphone") -> Transcript:
        """Returns the full-quality transcript of the whole recording: the pipeline's pass, as for an import
        (both sides, labelled, for (n, 2) ``audio``)."""
        return transcribe_recording(audio, self.engines, self.options.final, title, source_name, self.hook, self.cancel,
                                    owner=self.options.owner)


__all__ = [
    "ChunkSink", "LiveStats", "LiveTranscript", "MemorySink", "NotebookSink", "RecordingOptions",
    "RecordingResult", "RecordingSession", "recover_recordings", "transcribe_recording",
]
