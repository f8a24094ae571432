"""A call recorded on two sides: the microphone (the notebook's owner) and the computer (the remote speakers).

Each side runs the one recipe (:func:`app.pipeline.stages.transcribe_stream`):
the microphone side is recognised and labelled as the owner ("Me" unless the
notebook names them); the computer side is recognised and diarized into the
remote speakers (voice profiles name them). Microphone words that are echoes
of the computer's (:mod:`app.echo`) are dropped, the two merge in time order,
and personal data is found once over the merged transcript.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

import numpy as np

from app.echo import EchoOptions, confirm_echo, matching_words, said_meanwhile
from app.engines import Engines
from app.pipeline.options import PipelineOptions
from app.pipeline.stages import SourceInfo, find_personal_data, transcribe_stream
from audio_core.errors import HushnoteError
from audio_core.model import Segment, Speaker, Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress

OWNER_SETTING = "recording.owner_name"
DEFAULT_OWNER = "Me"
OWNER_ID = "ME"
REMOTE_ID = "REMOTE"
REMOTE_NAME = "Remote"
TWO_SIDED_SOURCE = "microphone + computer audio"
MAX_NAME_CHARS = 80

SideChunks = Callable[[], Iterable[np.ndarray]]


class OwnerNameError(HushnoteError):
    """The name given for the notebook's owner is empty, too long or spans lines."""


def owner_name(notebook) -> str:
    """Returns the name the microphone side is labelled with: the notebook's setting, or "Me"."""
    if notebook is None:
        return DEFAULT_OWNER
    return notebook.read_settings([OWNER_SETTING]).get(OWNER_SETTING) or DEFAULT_OWNER


def check_owner_name(name: str) -> str:
    """Returns ``name`` trimmed; raises OwnerNameError when it is empty, over 80 characters or has a line break."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS or any(ch in name for ch in "\r\n\t"):
        raise OwnerNameError(f"your name must be one line of 1 to {MAX_NAME_CHARS} characters")
    return name


def set_owner_name(notebook, name: str) -> str:
    """Returns the stored name after keeping it in the notebook's (encrypted) settings; raises OwnerNameError."""
    name = check_owner_name(name)
    notebook.write_settings({OWNER_SETTING: name})
    return name


def transcribe_sides(
    sides: SideChunks,
    source: SourceInfo,
    engines: Engines,
    options: PipelineOptions = PipelineOptions(),
    owner: str = DEFAULT_OWNER,
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    echo: EchoOptions = EchoOptions(),
) -> Transcript:
    """Returns the merged transcript of a two-sided recording.

    ``sides`` returns a fresh iterable of (n, 2) float32 chunks (0: microphone,
    1: computer) each time it is called; it is read once per side, and once more
    around the words that may be echoes. Progress:
    "transcribe" over both sides (completed/total in audio seconds, twice the
    recording), "diarize" for the computer side, "detect_pii" once.
    Raises ModelError, HushnoteError for an impossible speaker count, Cancelled.
    """
    side_options = replace(options, detect_pii=False)
    mine = transcribe_stream(_side(sides, 0), source, engines,
                             replace(side_options, speakers=replace(options.speakers, enabled=False)),
                             _half(hook, 0, source.expected_s), cancel)
    theirs = transcribe_stream(_side(sides, 1), source, engines, side_options,
                               _half(hook, mine.duration_s, source.expected_s or mine.duration_s), cancel)
    cancel.check()
    echoes = confirm_echo(mine.words, matching_words(mine.words, theirs.words, echo), sides(), echo,
                          said_meanwhile(mine.words, theirs.words, echo))
    transcript = merge_sides(mine, theirs, owner, echoes)
    if options.detect_pii:
        find_personal_data(transcript, engines, hook, cancel, options.vocabulary, options.pii_language or None)
    return transcript


def merge_sides(mine: Transcript, theirs: Transcript, owner: str = DEFAULT_OWNER, echoes: set[int] = frozenset()) -> Transcript:
    """Returns one transcript of both sides in time order: the microphone's words as ``owner`` (less ``echoes``,
    indices into ``mine.words``), the computer's with their speakers (one "Remote" speaker when not diarized)."""
    segments: list[Segment] = []
    index = 0
    for segment in mine.segments:
        kept = []
        for word in segment.words:
            if index not in echoes:
                kept.append(replace(word, speaker_id=OWNER_ID))
            index += 1
        if kept or (not segment.words and segment.text.strip()):
            text = " ".join(w.text for w in kept) if segment.words else segment.text
            segments.append(Segment(kept[0].start_s if kept else segment.start_s,
                                    kept[-1].end_s if kept else segment.end_s, text, kept, OWNER_ID))
    speakers = [Speaker(OWNER_ID, owner)] if segments else []
    remote = list(theirs.speakers)
    for segment in theirs.segments:
        if segment.speaker_id is None:
            segment = replace(segment, speaker_id=REMOTE_ID,
                              words=[replace(w, speaker_id=REMOTE_ID) for w in segment.words])
            if not any(s.id == REMOTE_ID for s in remote):
                remote.append(Speaker(REMOTE_ID, REMOTE_NAME))
        segments.append(segment)
    segments.sort(key=lambda s: (s.start_s, s.end_s))
    return replace(theirs, segments=segments, speakers=speakers + remote, pii_spans=[],
                   duration_s=max(mine.duration_s, theirs.duration_s))


def _side(sides: SideChunks, channel: int) -> Iterator[np.ndarray]:
    for chunk in sides():
        chunk = np.asarray(chunk, np.float32)
        if chunk.ndim == 2 and chunk.shape[1] > channel:
            yield np.ascontiguousarray(chunk[:, channel])
        else:
            yield np.zeros(len(chunk), np.float32)


def _half(hook: ProgressHook, done_s: float, expected_s: float | None) -> ProgressHook:
    """Returns ``hook`` with one side's recognition reported as part of both sides' (audio seconds)."""

    def report(step: str, artifact: Any = None, *, completed=None, total=None) -> None:
        if step == "transcribe":
            whole = expected_s or total
            hook(step, artifact, completed=None if completed is None else done_s + completed,
                 total=None if whole is None else 2 * whole)
        else:
            hook(step, artifact, completed=completed, total=total)

    return report
