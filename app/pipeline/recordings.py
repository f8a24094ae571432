"""Recordings to notes: the full-quality pass when recording stops, and recovery after a crash.

Both run the very recipe imports run (:func:`app.pipeline.stages.transcribe_stream`):
recognition, speakers and voice-profile names, personal data, one crash-safe
save. Only where the audio comes from differs: memory, or the notebook. A
recording of the microphone and the computer together (two channels) runs it
once per side (:mod:`app.pipeline.sides`).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from app.engines import Engines
from app.pipeline import in_flight
from app.pipeline.options import PipelineOptions
from app.pipeline.sides import DEFAULT_OWNER, TWO_SIDED_SOURCE, owner_name, transcribe_sides
from app.pipeline.stages import SourceInfo, transcribe_stream
from audio_core import SAMPLE_RATE
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress

RECOVERED_SOURCE = "microphone (recovered)"


def transcribe_recording(
    audio: np.ndarray,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    title: str = "",
    source_name: str = "microphone",
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    owner: str = DEFAULT_OWNER,
) -> Transcript:
    """Returns the finished transcript of 16 kHz ``audio`` (speakers and personal data as options say).

    Mono audio is one microphone; (n, 2) audio is the microphone and the
    computer: the microphone side is labelled ``owner``, the computer side diarized.
    Progress steps: "final" (recognition, audio seconds, Segment artifacts),
    then "diarize" and "detect_pii" as for imports. Raises ModelError, Cancelled.
    """
    if audio.ndim == 2:
        source = SourceInfo(title=title, source_name=TWO_SIDED_SOURCE, expected_s=len(audio) / SAMPLE_RATE)
        return transcribe_sides(lambda: [audio], source, engines, options, owner, _recognition_as_final(hook), cancel)
    source = SourceInfo(title=title, source_name=source_name, expected_s=audio.size / SAMPLE_RATE)
    return transcribe_stream([np.asarray(audio, np.float32)], source, engines, options, _recognition_as_final(hook), cancel)


def finish_recording(notebook, note_id: int, transcript: Transcript) -> int:
    """Returns ``note_id`` after storing the recording's finished ``transcript`` and marking it complete.

    Its audio is already in the notebook (committed while recording).
    Raises NoteNotFoundError.
    """
    from app.storage.importing import complete_note

    complete_note(notebook, note_id, transcript)
    in_flight.release(notebook, note_id)
    return note_id


def recover_recordings(
    notebook,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> list[int]:
    """Returns the ids of the interrupted notes it finished: each one's saved audio run through the pipeline and stored.

    Interrupted recordings and imports alike (an import keeps its file name as
    source); notes a live process (this one or another) is still writing are left alone. A note with
    no audio at all is finished with an empty transcript. A two-sided
    recording is recovered on both sides, the microphone labelled with the
    notebook's owner name. Progress: "recover"
    (artifact: the note id) per note, then the steps of :func:`transcribe_recording`.
    Raises NotebookError, ModelError, Cancelled (notes not reached stay interrupted).
    """
    from app.storage.importing import complete_note

    recovered = []
    for summary in in_flight.interrupted_notes(notebook):
        cancel.check()
        hook("recover", summary.id, completed=len(recovered), total=None)
        source_name = notebook.load_transcript(summary.id).source_name
        two_sided = notebook.audio_channels(summary.id) == 2
        if two_sided:
            source_name = f"{TWO_SIDED_SOURCE} (recovered)"
        source = SourceInfo(
            title=summary.title,
            source_name=RECOVERED_SOURCE if source_name in ("", "microphone") else source_name,
            expected_s=summary.audio_s or None,
            created_at=summary.created_at,
        )
        if two_sided:
            transcript = transcribe_sides(lambda note_id=summary.id: notebook.iter_audio_sides(note_id), source,
                                          engines, options, owner_name(notebook), _recognition_as_final(hook), cancel)
        else:
            transcript = transcribe_stream(notebook.iter_audio(summary.id), source, engines, options,
                                           _recognition_as_final(hook), cancel)
        complete_note(notebook, summary.id, transcript)
        recovered.append(summary.id)
    return recovered


def _recognition_as_final(hook: ProgressHook) -> ProgressHook:
    """Returns ``hook`` with recognition reported as "final" (the recording's full-quality pass)."""

    def renamed(step: str, artifact: Any = None, *, completed=None, total=None) -> None:
        hook("final" if step == "transcribe" else step, artifact, completed=completed, total=total)

    return renamed
