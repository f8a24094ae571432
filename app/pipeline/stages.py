"""The one recipe from decoded audio to a finished Transcript, shared by imports, recordings and recovery.

One pass over the decoded blocks feeds storage, recognition and the speaker
stage; then speakers are found and named, then personal data. Each stage is
one line, reports through one progress hook and checks one cancellation token.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np

from app.diarization import SpeakerFinder
from app.engines import Engines
from app.pipeline.options import PipelineOptions
from app.pipeline.preload import preload_later_stages
from app.vocabulary import Vocabulary
from app.vocabulary.selective import transcribe_with_vocabulary
from audio_core import SAMPLE_RATE
from audio_core.blocks import cut_into_blocks
from audio_core.memory import map_large_buffers, release_freed_memory
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress

BlockSink = Callable[[np.ndarray], None]


@dataclass(frozen=True)
class SourceInfo:
    """What the transcript says about where its audio came from.

    expected_s: the length announced before decoding (a container's header, a
        stored recording's size), for progress only; None when unknown.
    """

    title: str
    source_name: str
    expected_s: float | None = None
    created_at: str | None = None


def transcribe_stream(
    chunks: Iterable[np.ndarray],
    source: SourceInfo,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    keep_audio: BlockSink | None = None,
) -> Transcript:
    """Returns the finished transcript of a stream of 16 kHz mono float32 ``chunks``, read once.

    Each block goes first to ``keep_audio`` (storage), then to recognition
    (its voice stem when ``options.clean_up`` is set), then to the speaker
    stage. The models the later stages need load in the background meanwhile.
    Progress steps: "transcribe" (audio seconds; each new Segment as artifact),
    "diarize" unless ``options.speakers.enabled`` is False, "detect_pii"
    unless ``options.detect_pii`` is False.
    Raises InputError for unreadable audio (also after some blocks: a damaged
    file), ModelError for model problems, HushnoteError for an impossible
    speaker count, Cancelled when ``cancel`` is set.
    """
    map_large_buffers()  # before the first block, so no block's arrays fragment the heap
    recognizer = engines.recognizer
    asr = options.asr
    language = recognizer.check_language(asr.language) or ""

    def heard_language(code: str) -> None:
        # The first block's detected language is the recording's: later blocks decode in it, and PII detection follows it.
        nonlocal asr, language
        if not language and code:
            language = code
            asr = replace(asr, language=code)
    speakers = SpeakerFinder(engines, options.speakers, cancel) if options.speakers.enabled else None
    separator = engines.separator(options.clean_up) if options.clean_up else None
    preload_later_stages(engines, options)
    expected_s = source.expected_s
    segments = []
    heard_s = 0.0
    for offset_s, block in cut_into_blocks(chunks, options.block_s):
        cancel.check()
        if offset_s == 0.0:  # reported once the first block decoded: a file damaged early gets only its error
            hook("transcribe", completed=0.0, total=expected_s)
        if keep_audio is not None:
            keep_audio(block)
        heard = _voice_of(block, separator, cancel) if separator is not None else block
        for segment in transcribe_with_vocabulary(recognizer, heard, asr, options.vocabulary, offset_s, cancel, heard_language):
            segments.append(segment)
            hook("transcribe", segment, completed=_progress_s(segment.end_s, expected_s), total=expected_s)
        if speakers is not None:
            speakers.listen(offset_s, block)
        heard_s = offset_s + block.size / SAMPLE_RATE
        hook("transcribe", completed=_progress_s(heard_s, expected_s), total=expected_s)
        release_freed_memory()
    hook("transcribe", completed=heard_s, total=heard_s)

    transcript = Transcript(
        segments=segments,
        language=language,
        duration_s=round(heard_s, 3),
        model=recognizer.name,
        source_name=source.source_name,
        title=source.title,
    )
    if source.created_at:
        transcript.created_at = source.created_at
    if speakers is not None:
        # Before PII detection: splitting segments by speaker would shift the spans' segment indices.
        transcript = speakers.apply(transcript, hook)
        release_freed_memory()  # the speaker stage's frame arrays, before detection allocates its own
    if options.detect_pii:
        find_personal_data(transcript, engines, hook, cancel, options.vocabulary, options.pii_language or None)
    return transcript


def _progress_s(position_s: float, expected_s: float | None) -> float:
    return min(position_s, expected_s) if expected_s else position_s


def _voice_of(block: np.ndarray, separator, cancel: CancelToken) -> np.ndarray:
    from audio_core.separate import iter_voice

    return np.concatenate(list(iter_voice([block], SAMPLE_RATE, separator, cancel)))


def find_personal_data(
    transcript: Transcript, engines: Engines, hook: ProgressHook = no_progress, cancel: CancelToken = NEVER_CANCELLED,
    vocabulary: Vocabulary = Vocabulary(), language: str | None = None,
) -> Transcript:
    """Fills ``transcript.pii_spans`` with pending detections in ``language`` (None: the transcript's) and returns the transcript.

    ``vocabulary``: listed names are found as PERSON wherever they occur, listed terms are never flagged.

    Progress step "detect_pii" (0 then 1 of 1). Raises ModelError when the
    PII model is missing, Cancelled when ``cancel`` is set.
    """
    from app.privacy.detect import detect_pii

    cancel.check()
    hook("detect_pii", completed=0, total=1)
    transcript.pii_spans = detect_pii(transcript, engines.pii_analyzer, vocabulary=vocabulary, language=language)
    hook("detect_pii", completed=1, total=1)
    return transcript
