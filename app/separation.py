"""Uses of source separation: voice-only and background-only exports, and
alienating only the voices while the rest of a recording stays intact.

Removing the voices is how person-related information is taken out of a
recording; keeping the background untouched while only the voice stem is
alienated keeps music, room and effects exactly as they were.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

import numpy as np

from audio_core.encode import AUDIO_FORMATS, AudioFileWriter
from audio_core.errors import HushnoteError
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from audio_core.decode import decode_audio, iter_audio_chunks, measure_duration, probe_audio
from audio_core.separate import SeparationOptions, Separator, check_audio, separate, separate_stream
from audio_core.separate.speech_free import speech_free_background

KEEP_CHOICES = ("voice", "background", "both")

VoiceAlienation = Callable[[np.ndarray], np.ndarray]
"""A function from a voice stem (mono float32) to the alienated stem, same length and rate."""


def stems_to_keep(keep: str) -> tuple[str, ...]:
    """Returns the stem names ``keep`` asks for; raises HushnoteError for an unknown choice."""
    if keep not in KEEP_CHOICES:
        raise HushnoteError(f"unknown stem {keep!r}: choose voice, background or both")
    return ("voice", "background") if keep == "both" else (keep,)


def export_stems(
    path: str | Path,
    out_dir: str | Path,
    separator: Separator,
    keep: str = "both",
    fmt: str = "flac",
    options: SeparationOptions = SeparationOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> list[Path]:
    """Separates the audio file at ``path`` and writes the stems ``keep`` names; returns their paths.

    Files are ``<out_dir>/<name>.voice.<fmt>`` and ``<name>.background.<fmt>``,
    mono at the input's sample rate, written chunk by chunk (memory stays
    flat) and moved into place only when complete. The background file has
    the residual speech the separator left in it masked out as well
    (``audio_core.separate.speech_free``), so it is not exactly mixture - voice. Progress: "separate" with
    ``completed``/``total`` in audio seconds. Raises InputError for
    unreadable input (before anything is written), HushnoteError for an
    unknown stem or format or an unwritable folder, Cancelled when
    ``cancel`` is set (no file is left behind).
    """
    path, out_dir = Path(path), Path(out_dir)
    names = stems_to_keep(keep)
    if fmt not in AUDIO_FORMATS:
        raise HushnoteError(f"unknown audio format {fmt!r}: choose from {', '.join(AUDIO_FORMATS)}")
    duration_s = measure_duration(path, options.channel)
    sample_rate = probe_audio(path).sample_rate
    hook("separate", completed=0.0, total=duration_s)
    chunks = iter_audio_chunks(path, sample_rate, options.chunk_s, channel=options.channel)
    done_s = 0.0
    with ExitStack() as stack:
        writers = {
            name: stack.enter_context(AudioFileWriter(out_dir / f"{path.stem}.{name}.{fmt}", sample_rate, fmt))
            for name in names
        }
        for stems in separate_stream(chunks, sample_rate, separator, cancel):
            for name, writer in writers.items():
                if name == "background":
                    # The plain stem still speaks, quietly but intelligibly: a background export promises no voices.
                    writer.write(speech_free_background(stems.background, stems.voice, stems.sample_rate))
                else:
                    writer.write(stems.voice)
            done_s += stems.duration_s
            hook("separate", completed=min(done_s, duration_s), total=duration_s)
    hook("separate", completed=duration_s, total=duration_s)
    return [writer.path for writer in writers.values()]


def alienate_voice_only(
    audio: np.ndarray,
    sample_rate: int,
    separator: Separator,
    alienate: VoiceAlienation,
    cancel: CancelToken = NEVER_CANCELLED,
    muted: Sequence[tuple[float, float]] = (),
) -> np.ndarray:
    """Returns ``audio`` with only its voice stem alienated and the background added back untouched.

    ``alienate`` maps the voice stem to its alienated version at the same
    length and rate (for example :func:`voice_alienation`). ``muted`` are
    (start, end) seconds where the background is silenced: what the separator
    left there of a redacted word would otherwise be heard under new speech.
    Raises InputError for invalid audio, Cancelled when ``cancel`` is set.
    """
    audio = check_audio(audio, sample_rate)
    stems = separate(audio, sample_rate, separator, cancel)
    alienated = np.asarray(alienate(stems.voice), dtype=np.float32)
    if alienated.shape != stems.voice.shape:
        raise ValueError(f"the alienation changed the voice's length ({alienated.shape} != {stems.voice.shape})")
    background = np.array(stems.background, dtype=np.float32)
    for start_s, end_s in muted:
        background[max(0, int(start_s * sample_rate)) : max(0, int(np.ceil(end_s * sample_rate)))] = 0.0
    return np.clip(alienated + background, -1.0, 1.0).astype(np.float32)


def voice_alienation(options, note_secret: bytes, sample_rate: int, turns: Sequence = (),
                     language: str = "en") -> VoiceAlienation:
    """Returns an alienation of voice stems by :func:`audio_core.alienate.apply.alienate_recording`.

    ``options`` is an ``AlienationOptions``; ``turns`` (``LabelledTurn``s) give
    each speaker their own parameters, none treats the stem as one speaker;
    ``language`` is the transcript's, for "resynth".
    """
    from audio_core.alienate.apply import alienate_recording

    def alienate(voice: np.ndarray) -> np.ndarray:
        return alienate_recording(voice, turns, options, note_secret, sample_rate, language)

    return alienate


def export_alienated_remix(
    path: str | Path,
    out_dir: str | Path,
    separator: Separator,
    alienation_options,
    note_secret: bytes,
    fmt: str = "flac",
    cancel: CancelToken = NEVER_CANCELLED,
    channel: int | None = None,
) -> Path:
    """Writes ``<out_dir>/<name>.alienated.<fmt>``: the voices alienated, the background untouched; returns its path.

    ``channel`` (1-based) takes that channel of the file alone, None the mix of all.

    The recording is held in memory (alienation works on whole runs of
    speech); every voice gets the parameters of one speaker drawn from
    ``note_secret``. Raises InputError for unreadable input, HushnoteError
    for an unknown format or an unwritable folder, Cancelled when
    ``cancel`` is set.
    """
    path = Path(path)
    if fmt not in AUDIO_FORMATS:
        raise HushnoteError(f"unknown audio format {fmt!r}: choose from {', '.join(AUDIO_FORMATS)}")
    sample_rate = probe_audio(path).sample_rate
    audio = decode_audio(path, sample_rate, channel)
    remix = alienate_voice_only(
        audio, sample_rate, separator, voice_alienation(alienation_options, note_secret, sample_rate), cancel
    )
    with AudioFileWriter(Path(out_dir) / f"{path.stem}.alienated.{fmt}", sample_rate, fmt) as writer:
        writer.write(remix)
    return writer.path
