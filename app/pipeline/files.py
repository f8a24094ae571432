"""Audio and video files to transcripts, and to notes in the notebook: the file is decoded once."""
from __future__ import annotations

import logging
from pathlib import Path

from app.engines import Engines
from app.import_sources import AlreadyImportedError, KnownDigest, current_digest, earlier_import
from app.pipeline import in_flight
from app.pipeline.options import PipelineOptions
from app.pipeline.stages import BlockSink, SourceInfo, transcribe_stream
from audio_core.decode import DecodeReport, iter_audio_chunks, probe_audio
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress

logger = logging.getLogger(__name__)


def transcribe_file(
    path: str | Path,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    keep_audio: BlockSink | None = None,
) -> Transcript:
    """Returns the transcript of the audio or video file at ``path`` (nothing is stored).

    ``keep_audio``, when given, receives each decoded block (16 kHz mono
    float32) of the same single pass, for a caller that needs the audio too.

    Progress steps: "decode" (the container was opened; total: its announced
    length, completed: None), then those of :func:`app.pipeline.stages.transcribe_stream`,
    then "decoded" (artifact: the DecodeReport of the pass: clipping, invalid samples).
    Raises InputError for unreadable input, ModelError for model problems
    (an unknown ``options.clean_up`` backend included), Cancelled when
    ``cancel`` is set.
    """
    path, source = _open_source(path, hook, cancel)
    report = DecodeReport()
    chunks = iter_audio_chunks(path, channel=options.channel, report=report)
    transcript = transcribe_stream(chunks, source, engines, options, hook, cancel, keep_audio)
    _report_decoding(path, report, hook)
    return transcript


def import_file(
    path: str | Path,
    notebook,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    allow_duplicate: bool = False,
    known_digest: KnownDigest | None = None,
) -> tuple[int, Transcript]:
    """Returns ``(note id, transcript)`` after storing the file at ``path`` as a note, transcript and audio.

    A file whose content (SHA-256 of its bytes, kept with the note in the
    encrypted notebook) was imported before is refused before any work, with
    AlreadyImportedError naming the earlier note, unless ``allow_duplicate``.
    ``known_digest``: the file's digest as a caller already read it (the watch
    folder, the app's drop check); used while the file's size and mtime are
    unchanged, so the file is read for hashing once.

    The audio is committed as it is decoded, in the same pass that feeds
    recognition and diarization; the note is complete only once both are in
    (see :mod:`app.storage.importing`). A failure or cancellation removes the
    note; a killed process leaves it interrupted, its audio safe for recovery.
    Progress steps: those of :func:`transcribe_file`, then "save" (0 then 1 of 1,
    artifact: the note id at the end).
    Raises InputError, ModelError, NotebookError (AlreadyImportedError included), Cancelled.
    """
    from app.storage.importing import NoteAudioWriter, begin_note, complete_note, discard_note

    path, source = _open_source(path, hook, cancel)
    digest = current_digest(path, known_digest, cancel)
    earlier = None if allow_duplicate else earlier_import(notebook, digest)
    if earlier is not None:
        raise AlreadyImportedError(path.name, earlier)
    note_id = begin_note(notebook, source.title, source.source_name, source_sha256=digest)
    try:
        with in_flight.holding(notebook, note_id):
            writer = NoteAudioWriter(notebook, note_id)
            report = DecodeReport()
            chunks = iter_audio_chunks(path, channel=options.channel, report=report)
            transcript = transcribe_stream(chunks, source, engines, options, hook, cancel, keep_audio=writer)
            _report_decoding(path, report, hook)
            cancel.check()
            hook("save", completed=0, total=1)
            writer.flush()
            complete_note(notebook, note_id, transcript)
    except BaseException:
        try:
            discard_note(notebook, note_id)
        except Exception as exc:  # noqa: BLE001 - the import's own error is the one to report
            logger.warning("could not remove the failed import's note %s (it stays interrupted): %s", note_id, exc)
        raise
    hook("save", note_id, completed=1, total=1)
    return note_id, transcript


def _report_decoding(path: Path, report: DecodeReport, hook: ProgressHook) -> None:
    for line in report.warnings(path.name):
        logger.warning("%s", line)
    hook("decoded", report)


def _open_source(path: str | Path, hook: ProgressHook, cancel: CancelToken) -> tuple[Path, SourceInfo]:
    path = Path(path)
    expected_s = probe_audio(path).duration_s
    hook("decode", total=expected_s)  # opened, not yet decoded: decoding happens in the one pass
    cancel.check()
    return path, SourceInfo(title=path.stem, source_name=path.name, expected_s=expected_s)
