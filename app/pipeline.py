"""The orchestration layer: one recipe from an audio file to a Transcript.

Each stage is one line, reports through one progress hook and checks one
cancellation token; the CLI and the desktop app both call these functions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.engines import Engines
from app.model import Transcript
from app.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from audio_core.blocks import BLOCK_S, cut_into_blocks
from audio_core.decode import iter_audio_chunks, measure_duration
from audio_core.transcribe import AsrOptions, transcribe_blocks


@dataclass(frozen=True)
class PipelineOptions:
    """What the pipeline does beyond decoding.

    asr: decoding settings (language, beam, VAD…).
    block_s: length of the blocks long recordings are processed in.
    """

    asr: AsrOptions = field(default_factory=AsrOptions)
    block_s: float = BLOCK_S


def transcribe_file(
    path: str | Path,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Transcript:
    """Returns the transcript of the audio or video file at ``path``.

    Progress steps: "decode" (the input is checked), then "transcribe" with
    ``completed``/``total`` in audio seconds and each new Segment as artifact.
    Raises InputError for unreadable input, ModelError for model problems,
    Cancelled when ``cancel`` is set.
    """
    path = Path(path)
    duration_s = measure_duration(path)
    hook("decode", completed=duration_s, total=duration_s)
    cancel.check()

    recognizer = engines.recognizer
    blocks = cut_into_blocks(iter_audio_chunks(path), options.block_s)
    segments = []
    hook("transcribe", completed=0.0, total=duration_s)
    for segment in transcribe_blocks(recognizer, blocks, options.asr, cancel):
        segments.append(segment)
        hook("transcribe", segment, completed=min(segment.end_s, duration_s), total=duration_s)
    hook("transcribe", completed=duration_s, total=duration_s)

    return Transcript(
        segments=segments,
        language=recognizer.check_language(options.asr.language) or "",
        duration_s=round(duration_s, 3),
        model=recognizer.name,
        source_name=path.name,
        title=path.stem,
    )
