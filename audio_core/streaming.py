"""Incremental transcription while recording: LocalAgreement-2 over a sliding window.

The policy of whisper_streaming (Macháček et al., 2023): the whole uncommitted
window is decoded again each time new audio arrives; a word is *committed*
once two consecutive hypotheses agree on it (their longest common prefix), the
rest stays *tentative* and may still change. When the window grows past
``window_s`` it is cut at the end of the last committed word, so each decode
stays short and the lag stays flat however long the meeting runs.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from audio_core.model import Word
from audio_core import SAMPLE_RATE
from audio_core.transcribe import AsrOptions, WhisperRecognizer, transcribe_array
from audio_core.vad import VadOptions

LIVE_ASR = AsrOptions(
    beam_size=1,
    vad=True,
    vad_options=VadOptions(),
    temperatures=(0.0,),
    word_timestamps=True,
)


@dataclass(frozen=True)
class StreamingOptions:
    """Live decoding settings.

    asr: decoding settings for the live passes (greedy, one temperature: speed
        matters more than the last point of accuracy; the final pass is full quality).
    min_new_s: decode again only once this much new audio arrived (1 s).
    window_s: cut the window when it grows longer than this (15 s, as whisper_streaming).
    overlap_words: how many recent committed words are compared against a new
        hypothesis to drop words decoded twice at a window cut.
    """

    asr: AsrOptions = field(default_factory=lambda: LIVE_ASR)
    min_new_s: float = 1.0
    window_s: float = 15.0
    overlap_words: int = 5


@dataclass(frozen=True)
class LiveUpdate:
    """What one decoding pass produced.

    newly_committed: words that became final in this pass (times in recording seconds).
    tentative: the current unconfirmed tail; replaces the previous tentative tail.
    audio_end_s: how much audio this pass had seen.
    decode_s: wall-clock seconds the pass took.
    """

    newly_committed: list[Word]
    tentative: list[Word]
    audio_end_s: float
    decode_s: float


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


class StreamingTranscriber:
    """Feed audio with :meth:`insert_audio`, call :meth:`process` to decode, :meth:`finish` at the end."""

    def __init__(self, recognizer: WhisperRecognizer, options: StreamingOptions = StreamingOptions()) -> None:
        self.recognizer = recognizer
        self.options = options
        self.committed: list[Word] = []
        self.tentative: list[Word] = []
        self._window = np.zeros(0, np.float32)
        self._window_start_s = 0.0
        self._undecoded_s = 0.0
        self._previous: list[Word] = []

    @property
    def audio_end_s(self) -> float:
        """Returns the recording time, in seconds, up to which audio was inserted."""
        return self._window_start_s + self._window.size / SAMPLE_RATE

    def insert_audio(self, audio: np.ndarray) -> None:
        """Returns None; appends 16 kHz mono float32 ``audio`` to the window."""
        audio = np.asarray(audio, np.float32)
        self._window = np.concatenate([self._window, audio]) if self._window.size else audio.copy()
        self._undecoded_s += audio.size / SAMPLE_RATE

    @property
    def ready(self) -> bool:
        """Returns True when enough new audio arrived for another pass."""
        return self._undecoded_s >= self.options.min_new_s

    def process(self) -> LiveUpdate:
        """Returns the result of decoding the current window once.

        Raises ModelError when the recogniser fails.
        """
        started = time.monotonic()
        self._undecoded_s = 0.0
        hypothesis = self._decode_window()
        agreed = self._agree(self._previous, hypothesis)
        self.committed.extend(agreed)
        self._previous = hypothesis[len(agreed):]
        self.tentative = list(self._previous)
        self._trim_window()
        return LiveUpdate(agreed, list(self.tentative), round(self.audio_end_s, 3), time.monotonic() - started)

    def finish(self) -> LiveUpdate:
        """Returns a last pass that commits everything still tentative (call when recording stops)."""
        started = time.monotonic()
        hypothesis = self._decode_window() if self._window.size else []
        self.committed.extend(hypothesis)
        self._previous, self.tentative = [], []
        end_s = self.audio_end_s
        self._window_start_s, self._window = end_s, np.zeros(0, np.float32)
        return LiveUpdate(hypothesis, [], round(end_s, 3), time.monotonic() - started)

    def _decode_window(self) -> list[Word]:
        """Returns the window's words with recording times, minus those already committed."""
        words = [
            word
            for segment in transcribe_array(self.recognizer, self._window, self.options.asr, self._window_start_s)
            for word in segment.words
        ]
        last_end_s = self.committed[-1].end_s if self.committed else 0.0
        words = [w for w in words if w.start_s > last_end_s - 0.1]
        return self._drop_repeated_tail(words)

    def _drop_repeated_tail(self, words: list[Word]) -> list[Word]:
        """Drops leading words that repeat the last committed n-gram (decoded again at a window cut)."""
        if not words or not self.committed:
            return words
        if abs(words[0].start_s - self.committed[-1].end_s) > 1.0:
            return words
        committed = [_norm(w.text) for w in self.committed[-self.options.overlap_words:]]
        head = [_norm(w.text) for w in words]
        for n in range(min(len(committed), len(head)), 0, -1):
            if committed[-n:] == head[:n]:
                return words[n:]
        return words

    @staticmethod
    def _agree(previous: list[Word], current: list[Word]) -> list[Word]:
        """Returns the words of ``current`` that ``previous`` confirms: their longest common prefix.

        Whisper often adds or drops one leading word at the window's edge ("and
        Mr. John" / "Mr. John"); a strict prefix would then never agree, so one
        leading word on either side may be skipped when at least two words agree after it.
        Words returned are final, so their times must be those of the newer hypothesis where it has them.
        """
        def common(old: list[Word], new: list[Word]) -> int:
            count = 0
            for a, b in zip(old, new):
                if _norm(a.text) != _norm(b.text):
                    break
                count += 1
            return count

        strict = common(previous, current)
        if strict or not previous or not current:
            return current[:strict]
        dropped = common(previous[1:], current)  # current lost previous's first word
        added = common(previous, current[1:])  # current gained a first word
        if max(dropped, added) < 2:
            return []
        # The skipped word is kept either way: one of the two hypotheses heard it at the window's edge.
        return [previous[0], *current[:dropped]] if dropped >= added else current[: added + 1]

    def _trim_window(self) -> None:
        """Cuts the window at the end of the last committed word once it is longer than ``window_s``."""
        window_s = self._window.size / SAMPLE_RATE
        if window_s <= self.options.window_s:
            return
        if window_s > 2 * self.options.window_s and self.tentative:
            # No agreement for a long stretch: accept the hypothesis rather than let decoding slow down.
            self.committed.extend(self.tentative)
            self._previous, self.tentative = [], []
        if self.committed and self.committed[-1].end_s > self._window_start_s:
            cut_s = self.committed[-1].end_s - self._window_start_s
        elif not self.tentative:
            cut_s = window_s - self.options.min_new_s  # only silence or noise so far: keep the last moment
        else:
            return
        cut = min(self._window.size, int(cut_s * SAMPLE_RATE))
        self._window = self._window[cut:]
        self._window_start_s += cut / SAMPLE_RATE
