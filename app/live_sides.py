"""The live transcript of a call recorded on two sides: the microphone's words and the computer's, labelled.

:class:`TwoSidedTranscriber` has the interface of
:class:`audio_core.streaming.StreamingTranscriber` (``insert_audio``,
``ready``, ``process``, ``finish``, ``committed``), so the recording session
drives it the same way: each side has its own LocalAgreement transcriber; the
computer side is decoded first in each pass, so the microphone's echoes of it
can be dropped before they are shown. A microphone word said while the computer
was sounding is held back until the computer side has committed words past it
(its own recogniser may not have agreed on the same words yet), so an echo is
never shown as the owner's words first; words said over a silent computer side
are shown at once. Words carry the side as ``speaker_id``
(:data:`app.pipeline.sides.OWNER_ID` or ``REMOTE_ID``); committed words are
listed in the order they became final, each pass's words of one side together.
"""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from app.echo import EchoOptions, LevelTrack, confirm_echo, find_echo, matching_words
from app.pipeline.sides import OWNER_ID, REMOTE_ID
from audio_core import SAMPLE_RATE
from audio_core.model import Word
from audio_core.streaming import LiveUpdate, StreamingOptions, StreamingTranscriber

SILENT_SIDE_DB = -50.0  # the computer side this quiet (dBFS) over a word: nothing there for the microphone to echo
RECENT_S = 30.0  # both sides' audio kept for the echo test: held words are never older than a few passes


class TwoSidedTranscriber:
    """Live decoding of (n, 2) frames: channel 0 the microphone, channel 1 the computer."""

    def __init__(self, recognizer, options: StreamingOptions = StreamingOptions(), echo: EchoOptions = EchoOptions()):
        self.mine = StreamingTranscriber(recognizer, options)
        self.theirs = StreamingTranscriber(recognizer, options)
        self.echo = echo
        self.levels = (LevelTrack(), LevelTrack())
        self.committed: list[Word] = []
        self._their_words: list[Word] = []
        self._held: list[Word] = []  # the microphone's committed words waiting for the computer side to catch up
        self._recent = np.zeros((0, 2), np.float32)  # the last RECENT_S of both sides, for the waveform test
        self._recent_start_s = 0.0

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
        self._recent = np.concatenate([self._recent, frames[:, :2]])
        excess = len(self._recent) - int(RECENT_S * SAMPLE_RATE)
        if excess > 0:
            self._recent = self._recent[excess:]
            self._recent_start_s += excess / SAMPLE_RATE

    @property
    def ready(self) -> bool:
        """Returns True when enough new audio arrived for another pass."""
        return self.mine.ready or self.theirs.ready

    def process(self) -> LiveUpdate:
        """Returns one pass over both sides (newly committed words of both, the tentative tails of both)."""
        return self._combine(self.theirs.process(), self.mine.process())

    def finish(self) -> LiveUpdate:
        """Returns a last pass that commits everything still tentative on both sides."""
        return self._combine(self.theirs.finish(), self.mine.finish(), final=True)

    def _combine(self, theirs: LiveUpdate, mine: LiveUpdate, final: bool = False) -> LiveUpdate:
        started = time.monotonic()
        self._their_words.extend(theirs.newly_committed)
        their_now = self._their_words + theirs.tentative
        frontier_s = max((w.end_s for w in self._their_words), default=0.0)
        candidates = self._held + mine.newly_committed
        released = [w for w in candidates if final or self._checkable(w, frontier_s)]
        self._held = [w for w in candidates if not (final or self._checkable(w, frontier_s))]
        mine_new = self._without_echo(released, their_now)
        mine_tentative = [w for w in self._without_echo(mine.tentative, their_now) if self._checkable(w, frontier_s)]
        newly = _by_side(theirs.newly_committed, mine_new)
        self.committed.extend(newly)
        tentative = _by_side(theirs.tentative, mine_tentative)
        decode_s = theirs.decode_s + mine.decode_s + (time.monotonic() - started)
        return LiveUpdate(newly, tentative, max(theirs.audio_end_s, mine.audio_end_s), decode_s)

    def _checkable(self, word: Word, frontier_s: float) -> bool:
        """Whether ``word`` (microphone) can be judged now: the computer side has committed past it, or was silent
        over it and just before (where an echo would come from)."""
        if word.end_s + self.echo.max_lead_s <= frontier_s:
            return True
        return self.levels[1].loudness_db(word.start_s - self.echo.max_delay_s, word.end_s) < SILENT_SIDE_DB

    def _without_echo(self, words: list[Word], theirs: list[Word]) -> list[Word]:
        """Returns ``words`` less echoes, judged as the final pass judges them: a word repeating the computer's by
        the level or waveform test, and any word said while the computer sounded by a close waveform match (the two
        recognisers often hear an echo differently: "married" on one side, "marry" on the other)."""
        matches = matching_words(words, sorted(theirs, key=lambda w: w.start_s), self.echo)
        meanwhile = {i for i, w in enumerate(words)
                     if self.levels[1].loudness_db(w.start_s - self.echo.max_delay_s, w.end_s) >= SILENT_SIDE_DB}
        echoes = confirm_echo(words, matches, [self._recent], self.echo, meanwhile, self._recent_start_s)
        # The live recognisers' word times can sit apart from the audio by more than the waveform window allows;
        # the level test aligns the two sides by the matching words' own times, so it still catches those echoes.
        echoes |= find_echo(words, sorted(theirs, key=lambda w: w.start_s), *self.levels, self.echo)
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
