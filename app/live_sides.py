"""The live transcript of a call recorded on two sides: the microphone's words and the computer's, labelled.

:class:`TwoSidedTranscriber` has the interface of
:class:`audio_core.streaming.StreamingTranscriber` (``insert_audio``,
``ready``, ``process``, ``finish``, ``committed``), so the recording session
drives it the same way: each side has its own LocalAgreement transcriber; the
computer side is decoded first in each pass, so the microphone's echoes of it
can be dropped before they are shown. Words carry the side as ``speaker_id``
(:data:`app.pipeline.sides.OWNER_ID` or ``REMOTE_ID``); committed words are
listed in the order they became final, each pass's words of one side together.
"""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from app.echo import EchoOptions, LevelTrack, find_echo
from app.pipeline.sides import OWNER_ID, REMOTE_ID
from audio_core.model import Word
from audio_core.streaming import LiveUpdate, StreamingOptions, StreamingTranscriber


class TwoSidedTranscriber:
    """Live decoding of (n, 2) frames: channel 0 the microphone, channel 1 the computer."""

    def __init__(self, recognizer, options: StreamingOptions = StreamingOptions(), echo: EchoOptions = EchoOptions()):
        self.mine = StreamingTranscriber(recognizer, options)
        self.theirs = StreamingTranscriber(recognizer, options)
        self.echo = echo
        self.levels = (LevelTrack(), LevelTrack())
        self.committed: list[Word] = []
        self._their_words: list[Word] = []

    @property
    def audio_end_s(self) -> float:
        """Returns the recording time up to which audio was inserted."""
        return self.mine.audio_end_s

    def insert_audio(self, frames: np.ndarray) -> None:
        """Returns None; appends (n, 2) float32 frames to both sides."""
        frames = np.asarray(frames, np.float32)
        for side, transcriber in enumerate((self.mine, self.theirs)):
            column = np.ascontiguousarray(frames[:, side])
            self.levels[side].listen(column)
            transcriber.insert_audio(column)

    @property
    def ready(self) -> bool:
        """Returns True when enough new audio arrived for another pass."""
        return self.mine.ready or self.theirs.ready

    def process(self) -> LiveUpdate:
        """Returns one pass over both sides (newly committed words of both, the tentative tails of both)."""
        return self._combine(self.theirs.process(), self.mine.process())

    def finish(self) -> LiveUpdate:
        """Returns a last pass that commits everything still tentative on both sides."""
        return self._combine(self.theirs.finish(), self.mine.finish())

    def _combine(self, theirs: LiveUpdate, mine: LiveUpdate) -> LiveUpdate:
        started = time.monotonic()
        self._their_words.extend(theirs.newly_committed)
        their_now = self._their_words + theirs.tentative
        mine_new = self._without_echo(mine.newly_committed, their_now)
        mine_tentative = self._without_echo(mine.tentative, their_now)
        newly = _by_side(theirs.newly_committed, mine_new)
        self.committed.extend(newly)
        tentative = _by_side(theirs.tentative, mine_tentative)
        decode_s = theirs.decode_s + mine.decode_s + (time.monotonic() - started)
        return LiveUpdate(newly, tentative, max(theirs.audio_end_s, mine.audio_end_s), decode_s)

    def _without_echo(self, words: list[Word], theirs: list[Word]) -> list[Word]:
        echoes = find_echo(words, sorted(theirs, key=lambda w: w.start_s), *self.levels, self.echo)
        return [w for i, w in enumerate(words) if i not in echoes]


def _by_side(theirs: list[Word], mine: list[Word]) -> list[Word]:
    """Returns both sides' words labelled, each side's kept together (words of two people talking at once are
    not shuffled into one line), the side that spoke first first."""
    groups = [[_label(w, REMOTE_ID) for w in theirs], [_label(w, OWNER_ID) for w in mine]]
    groups = [g for g in groups if g]
    groups.sort(key=lambda g: g[0].start_s)
    return [w for g in groups for w in g]


def _label(word: Word, side: str) -> Word:
    return replace(word, speaker_id=side)
