"""Speech recognition with faster-whisper, converted to our ``Segment``/``Word`` at the edge.

Long recordings are fed as blocks cut at quiet points (``audio_core.blocks``)
so memory stays flat with length; segments are yielded as they are decoded.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.errors import ModelError
from audio_core.model import Segment, Word
from audio_core.progress import NEVER_CANCELLED, CancelToken
from audio_core.memory import HeapForWorkers, release_freed_memory
from audio_core.repetition import collapse_char_loops, loop_free_indices
from audio_core.seeded_sampling import SeededSampling
from audio_core.silero import shared_vad_model
from audio_core.vad import VadOptions

logger = logging.getLogger(__name__)

DECODERS = ("sequential", "batched")


@dataclass(frozen=True)
class AsrOptions:
    """Decoding settings.

    language: ISO code such as "en" or "de"; None detects it (multilingual models).
    beam_size: beam search width (5, as Whisper's reference decoder).
    word_timestamps: per-word times, needed for speakers, redaction and seeking.
    vad: skip non-speech with Silero VAD before decoding.
    condition_on_previous_text: off by default: conditioning on earlier text is
        what lets tiny models loop on digit strings ("4-1-1-1-1…").
    compression_ratio_threshold: a segment whose text compresses better than this
        is re-decoded at a higher temperature (repetition check).
    repetition_penalty / no_repeat_ngram_size: left neutral; spoken numbers
        legitimately repeat digits ("double five").
    hotwords: words and names the speakers use, as text given to the decoder
        before every 30 s window (custom vocabulary); None for none.
    initial_prompt: text given before the first window of each decoded piece
        only; None for none.
    decoder: "sequential" decodes one 30 s window after another, falling back
        to higher temperatures when a window's text loops; "batched"
        (faster-whisper's BatchedInferencePipeline) cuts the speech found by
        VAD into chunks of up to 30 s and decodes ``batch_size`` of them at
        once, at the first temperature only (no fallback: the repetition
        guard in ``audio_core.repetition`` still trims loops). Measured side
        by side in tests/bench/bench_asr.py.
    batch_size: chunks decoded together by the batched decoder.
    """

    language: str | None = None
    beam_size: int = 5
    word_timestamps: bool = True
    vad: bool = True
    vad_options: VadOptions = field(default_factory=VadOptions)
    condition_on_previous_text: bool = False
    compression_ratio_threshold: float = 2.4
    log_prob_threshold: float = -1.0
    no_speech_threshold: float = 0.6
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    hotwords: str | None = None
    initial_prompt: str | None = None
    decoder: str = "sequential"
    batch_size: int = 8

    def __post_init__(self):
        if self.decoder not in DECODERS:
            raise ModelError(f"unknown decoder {self.decoder!r} (choose from {', '.join(DECODERS)})")

    def faster_whisper_kwargs(self) -> dict:
        """Returns the keyword arguments for ``WhisperModel.transcribe``."""
        return dict(
            language=self.language,
            beam_size=self.beam_size,
            word_timestamps=self.word_timestamps,
            vad_filter=self.vad,
            vad_parameters=self.vad_options.to_faster_whisper() if self.vad else None,
            condition_on_previous_text=self.condition_on_previous_text,
            compression_ratio_threshold=self.compression_ratio_threshold,
            log_prob_threshold=self.log_prob_threshold,
            no_speech_threshold=self.no_speech_threshold,
            repetition_penalty=self.repetition_penalty,
            no_repeat_ngram_size=self.no_repeat_ngram_size,
            temperature=list(self.temperatures),
            hotwords=self.hotwords,
            initial_prompt=self.initial_prompt,
        )

    def batched_kwargs(self) -> dict:
        """Returns the keyword arguments for ``BatchedInferencePipeline.transcribe``.

        Its VAD chunks are at most 30 s (one window each); the settings it ignores
        (temperature fallback, conditioning) are left out.
        """
        vad = self.vad_options.to_faster_whisper() if self.vad else None
        if vad is not None:
            vad.max_speech_duration_s = 30.0
        return dict(
            language=self.language,
            beam_size=self.beam_size,
            word_timestamps=self.word_timestamps,
            vad_filter=self.vad,
            vad_parameters=vad,
            repetition_penalty=self.repetition_penalty,
            no_repeat_ngram_size=self.no_repeat_ngram_size,
            temperature=self.temperatures[0],
            hotwords=self.hotwords,
            initial_prompt=self.initial_prompt,
            batch_size=self.batch_size,
        )


@dataclass(frozen=True)
class DeviceChoice:
    device: str
    compute_type: str
    cpu_threads: int


def choose_device(preference: str = "auto", cpu_threads: int | None = None) -> DeviceChoice:
    """Returns where to run: CUDA with float16 when asked for or available, else CPU int8.

    Raises ModelError when "cuda" is asked for and no CUDA device exists.
    """
    import ctranslate2

    threads = cpu_threads or len(os.sched_getaffinity(0))
    has_cuda = ctranslate2.get_cuda_device_count() > 0
    if preference == "cuda" and not has_cuda:
        raise ModelError("no CUDA device is available; use --device cpu or auto")
    if preference == "cuda" or (preference == "auto" and has_cuda):
        return DeviceChoice("cuda", "float16", threads)
    return DeviceChoice("cpu", "int8", threads)


class WhisperRecognizer:
    """A loaded Whisper model plus what we know about it; inject it into stages."""

    def __init__(self, model_path: str, name: str, english_only: bool, device: DeviceChoice):
        from faster_whisper import WhisperModel

        try:
            self.model = WhisperModel(
                model_path,
                device=device.device,
                compute_type=device.compute_type,
                cpu_threads=device.cpu_threads,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(f"cannot load the Whisper model at {model_path}: {exc}") from None
        self.model.model = HeapForWorkers(SeededSampling(self.model.model, lambda: self._load_ctranslate2(model_path, device)))
        shared_vad_model()  # its VAD filter and the diarizer share Silero's results on the same block
        self.name = name
        self.device = device
        self.english_only = english_only or not self.model.model.is_multilingual

    @staticmethod
    def _load_ctranslate2(model_path: str, device: DeviceChoice):
        import ctranslate2

        return ctranslate2.models.Whisper(model_path, device=device.device, compute_type=device.compute_type,
                                          intra_threads=device.cpu_threads)

    def check_language(self, language: str | None) -> str | None:
        """Returns the language to decode with ("en" for English-only models).

        Raises ModelError when an English-only model is asked for another language.
        """
        if not self.english_only:
            return language
        if language not in (None, "en"):
            raise ModelError(
                f"the model {self.name!r} understands English only; for language {language!r} "
                "use a multilingual model such as --model base"
            )
        return "en"


def transcribe_array(
    recognizer: WhisperRecognizer,
    audio: np.ndarray,
    options: AsrOptions = AsrOptions(),
    offset_s: float = 0.0,
    cancel: CancelToken = NEVER_CANCELLED,
    on_language: Callable[[str], None] | None = None,
) -> Iterator[Segment]:
    """Yields the segments of mono 16 kHz float32 ``audio``, times shifted by ``offset_s``.

    ``on_language`` is called once, before the first segment, with the language
    decoded in: the one asked for, or the one Whisper detected ("de").
    Raises ModelError for a language the model cannot do, Cancelled when
    ``cancel`` is set between segments.
    """
    language = recognizer.check_language(options.language)
    audio = np.asarray(audio, np.float32)
    if options.decoder == "batched" and audio.size == 0:
        return  # it has no empty case: with nothing to decode it fails
    if options.decoder == "batched":
        from faster_whisper import BatchedInferencePipeline

        # A pipeline per call: it keeps per-recording state, and the recognizer may serve two threads.
        kwargs = options.batched_kwargs() | {"language": language}
        if not options.vad:  # without VAD it needs the chunks given: consecutive 30 s windows
            duration_s = audio.size / SAMPLE_RATE
            kwargs["clip_timestamps"] = [{"start": start, "end": min(start + 30.0, duration_s)}
                                         for start in np.arange(0.0, duration_s, 30.0).tolist()]
        fw_segments, info = BatchedInferencePipeline(recognizer.model).transcribe(audio, **kwargs)
    else:
        kwargs = options.faster_whisper_kwargs() | {"language": language}
        fw_segments, info = recognizer.model.transcribe(audio, **kwargs)
    if on_language is not None:
        on_language(language or info.language or "")
    try:
        for fw_segment in fw_segments:
            cancel.check()
            for segment in _to_segments(fw_segment, offset_s, by_sentence=options.decoder == "batched"):
                if segment.text:
                    yield segment
    finally:
        recognizer.model.model.end_window()  # frees a re-decoding copy of the model, if the last window needed one


def transcribe_blocks(
    recognizer: WhisperRecognizer,
    blocks: Iterable[tuple[float, np.ndarray]],
    options: AsrOptions = AsrOptions(),
    cancel: CancelToken = NEVER_CANCELLED,
) -> Iterator[Segment]:
    """Yields segments for consecutive ``(offset_s, audio)`` blocks of one recording."""
    for offset_s, block in blocks:
        cancel.check()
        yield from transcribe_array(recognizer, block, options, offset_s, cancel)
        release_freed_memory()


def _to_segments(fw_segment, offset_s: float, by_sentence: bool = False) -> list[Segment]:
    """Converts a faster-whisper segment, trimming runaway repetition loops; with ``by_sentence``, one
    Segment per sentence (the batched decoder returns a whole 30 s chunk as one segment)."""
    fw_words = list(fw_segment.words or [])
    if not fw_words:
        tokens = fw_segment.text.split()
        text = collapse_char_loops(" ".join(tokens[i] for i in loop_free_indices(tokens)))
        return [_segment(fw_segment.start, fw_segment.end, offset_s, text, [])]
    keep = loop_free_indices([w.word for w in fw_words])  # over the whole chunk: a loop can span sentences
    groups = _sentences(keep, fw_words) if by_sentence else [keep]
    segments = []
    for n, group in enumerate(groups):
        words = [
            Word(
                text=collapse_char_loops(fw_words[i].word.strip()),
                start_s=round(float(fw_words[i].start) + offset_s, 3),
                end_s=round(float(fw_words[i].end) + offset_s, 3),
                probability=round(float(fw_words[i].probability), 4),
            )
            for i in group
        ]
        start = fw_segment.start if n == 0 else fw_words[group[0]].start
        end = fw_segment.end if n == len(groups) - 1 else fw_words[group[-1]].end
        text = collapse_char_loops("".join(fw_words[i].word for i in group).strip())
        segments.append(_segment(start, end, offset_s, text, [w for w in words if w.text]))
    return segments


def _sentences(keep: list[int], fw_words) -> list[list[int]]:
    groups: list[list[int]] = [[]]
    for i in keep:
        if groups[-1] and fw_words[groups[-1][-1]].word.rstrip().endswith((".", "?", "!")):
            groups.append([])
        groups[-1].append(i)
    return [g for g in groups if g] or [[]]


def _segment(start: float, end: float, offset_s: float, text: str, words: list[Word]) -> Segment:
    return Segment(start_s=round(float(start) + offset_s, 3), end_s=round(float(end) + offset_s, 3), text=text, words=words)
