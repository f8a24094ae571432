"""The orchestration layer: one recipe from an audio file to a Transcript.

Each stage is one line, reports through one progress hook and checks one
cancellation token; the CLI and the desktop app both call these functions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.diarization import SpeakerOptions, find_speakers
from app.engines import Engines
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from audio_core import SAMPLE_RATE
from audio_core.blocks import BLOCK_S, cut_into_blocks
from audio_core.decode import inspect_audio, iter_audio_chunks
from audio_core.separate import iter_voice
from audio_core.transcribe import AsrOptions, transcribe_blocks


@dataclass(frozen=True)
class PipelineOptions:
    """What the pipeline does beyond decoding.

    asr: decoding settings (language, beam, VAD…).
    block_s: length of the blocks long recordings are processed in.
    detect_pii: find personal data and store it as ``transcript.pii_spans``
        (pending review; exports redact it by default).
    speakers: diarization (on by default), speaker count, voice profiles.
    clean_up: the separation backend whose voice stem is recognised instead
        of the raw audio: "dfn" removes noise, "spleeter" music,
        "spleeter+dfn" both; "" (the default) recognises the audio as it is.
        Off by default: in tests/bench/bench_separation.py every backend made
        tiny.en's WER worse on clean speech (1.4 % -> 7.0 %) and on the real
        phone call; on speech over music Spleeter lowers it (a meeting at
        0 dB: 64 % -> 17 %), so it is the user's choice per recording.
        Diarization still listens to the raw audio.
    channel: the one channel (1-based) to transcribe, for recordings with a
        microphone per person; None (the default) mixes all channels.
    """

    asr: AsrOptions = field(default_factory=AsrOptions)
    block_s: float = BLOCK_S
    detect_pii: bool = True
    speakers: SpeakerOptions = field(default_factory=SpeakerOptions)
    clean_up: str = ""
    channel: int | None = None


def transcribe_file(
    path: str | Path,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Transcript:
    """Returns the transcript of the audio or video file at ``path``.

    Progress steps: "decode" (the input is checked; its artifact is the
    DecodeReport: length, channels, clipping), then "transcribe" with
    ``completed``/``total`` in audio seconds and each new Segment as artifact,
    then "diarize" (audio seconds) unless ``options.speakers.enabled`` is False,
    then "detect_pii" unless ``options.detect_pii`` is False.
    Raises InputError for unreadable input, ModelError for model problems
    (an unknown ``options.clean_up`` backend included), Cancelled when
    ``cancel`` is set.
    """
    path = Path(path)
    report = inspect_audio(path, options.channel)
    duration_s = report.duration_s
    hook("decode", report, completed=duration_s, total=duration_s)
    cancel.check()

    recognizer = engines.recognizer
    chunks = iter_audio_chunks(path, channel=options.channel)
    if options.clean_up:
        chunks = iter_voice(chunks, SAMPLE_RATE, engines.separator(options.clean_up), cancel)
    blocks = cut_into_blocks(chunks, options.block_s)
    segments = []
    hook("transcribe", completed=0.0, total=duration_s)
    for segment in transcribe_blocks(recognizer, blocks, options.asr, cancel):
        segments.append(segment)
        hook("transcribe", segment, completed=min(segment.end_s, duration_s), total=duration_s)
    hook("transcribe", completed=duration_s, total=duration_s)

    transcript = Transcript(
        segments=segments,
        language=recognizer.check_language(options.asr.language) or "",
        duration_s=round(duration_s, 3),
        model=recognizer.name,
        source_name=path.name,
        title=path.stem,
    )
    if options.speakers.enabled:
        # Before PII detection: splitting segments by speaker would shift the spans' segment indices.
        transcript = find_speakers(
            path, transcript, engines, options.speakers, hook, cancel, options.block_s, channel=options.channel
        )
    if options.detect_pii:
        find_personal_data(transcript, engines, hook, cancel)
    return transcript


def find_personal_data(
    transcript: Transcript, engines: Engines, hook: ProgressHook = no_progress, cancel: CancelToken = NEVER_CANCELLED
) -> Transcript:
    """Fills ``transcript.pii_spans`` with pending detections and returns the transcript.

    Progress step "detect_pii" (0 then 1 of 1). Raises ModelError when the
    PII model is missing, Cancelled when ``cancel`` is set.
    """
    from app.privacy.detect import detect_pii

    cancel.check()
    hook("detect_pii", completed=0, total=1)
    transcript.pii_spans = detect_pii(transcript, engines.pii_analyzer)
    hook("detect_pii", completed=1, total=1)
    return transcript
