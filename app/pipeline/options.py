"""What the pipeline does beyond decoding, for imports, recordings and recovery alike."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.diarization import SpeakerOptions
from app.vocabulary import Vocabulary
from audio_core.blocks import BLOCK_S
from audio_core.transcribe import AsrOptions


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
        Diarization and storage still get the raw audio.
    channel: the one channel (1-based) to transcribe, for recordings with a
        microphone per person; None (the default) mixes all channels.
    vocabulary: names and terms the speakers use: given to recognition as a
        hint for the segments that sound like them (app.vocabulary.selective),
        and to personal-data detection (a name is a PERSON wherever it is
        said, a term is never redacted). Empty by default.
    pii_language: the language personal data is looked for in ("de"); ""
        (the default) follows the transcript's, as Whisper detected or was told.
    """

    asr: AsrOptions = field(default_factory=AsrOptions)
    block_s: float = BLOCK_S
    detect_pii: bool = True
    speakers: SpeakerOptions = field(default_factory=SpeakerOptions)
    clean_up: str = ""
    channel: int | None = None
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    pii_language: str = ""


def with_voice_profiles(options: PipelineOptions, notebook) -> PipelineOptions:
    """Returns ``options`` with the notebook's enrolled voices, so matching speakers are named after them.

    Unchanged when diarization is off. Raises NotebookError when the profiles cannot be read.
    """
    if not options.speakers.enabled:
        return options
    from app.voice_profiles import NotebookProfileStore

    profiles = tuple(NotebookProfileStore(notebook).list())
    return replace(options, speakers=replace(options.speakers, voice_profiles=profiles))


def with_vocabulary(options: PipelineOptions, notebook) -> PipelineOptions:
    """Returns ``options`` with the notebook's vocabulary added to the one they hold (a one-off list stays first).

    Raises NotebookError when the vocabulary cannot be read.
    """
    from app.vocabulary import load_vocabulary

    return replace(options, vocabulary=options.vocabulary.merged(load_vocabulary(notebook)))


def for_notebook(options: PipelineOptions, notebook) -> PipelineOptions:
    """Returns ``options`` with what the notebook adds: its enrolled voices and its vocabulary.

    Raises NotebookError when either cannot be read.
    """
    return with_vocabulary(with_voice_profiles(options, notebook), notebook)
