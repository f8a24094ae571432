"""The full-quality pass over a recording, and finishing recordings a crash interrupted.

Both run on audio already in memory or in the notebook; the live session
calls :func:`transcribe_recording` when recording stops, and
``hushnote record --recover`` calls :func:`recover_recordings` on the next start.
"""
from __future__ import annotations

import numpy as np

from app.engines import Engines
from app.live_pii import LivePiiHighlighter
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from audio_core import SAMPLE_RATE
from audio_core.blocks import BLOCK_S, cut_into_blocks
from audio_core.transcribe import AsrOptions, transcribe_blocks


def transcribe_recording(
    engines: Engines,
    audio: np.ndarray,
    options: AsrOptions = AsrOptions(),
    title: str = "",
    source_name: str = "microphone",
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    pii: LivePiiHighlighter | None = None,
) -> Transcript:
    """Returns the transcript of 16 kHz mono ``audio`` decoded at full quality, block by block.

    Progress step "final" with completed/total in audio seconds. Raises ModelError, Cancelled.
    """
    recognizer = engines.recognizer
    duration_s = audio.size / SAMPLE_RATE
    segments = []
    hook("final", completed=0.0, total=duration_s)
    for segment in transcribe_blocks(recognizer, cut_into_blocks([audio], BLOCK_S), options, cancel):
        segments.append(segment)
        hook("final", segment, completed=min(segment.end_s, duration_s), total=duration_s)
    transcript = Transcript(
        segments=segments,
        language=recognizer.check_language(options.language) or "",
        duration_s=round(duration_s, 3),
        model=recognizer.name,
        source_name=source_name,
        title=title,
    )
    if pii is not None:
        transcript.pii_spans = pii.detect(transcript)
    return transcript


def recover_recordings(notebook, engines: Engines, options: AsrOptions = AsrOptions(), hook: ProgressHook = no_progress,
                       cancel: CancelToken = NEVER_CANCELLED, pii: LivePiiHighlighter | None = None) -> list[int]:
    """Returns the ids of the interrupted recordings it finished: each one's saved audio transcribed and stored.

    A recording with no audio at all is finished with an empty transcript.
    Raises NotebookError, ModelError, Cancelled (notes not reached stay interrupted).
    """
    recovered = []
    for summary in notebook.interrupted_recordings():
        cancel.check()
        audio = notebook.read_audio(summary.id)
        hook("recover", summary.id, completed=len(recovered), total=None)
        transcript = transcribe_recording(engines, audio, options, summary.title, "microphone (recovered)", hook, cancel, pii)
        transcript.created_at = summary.created_at
        notebook.finish_recording(summary.id, transcript)
        recovered.append(summary.id)
    return recovered
