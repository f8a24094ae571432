"""Echo between the two sides of a call: the far side, played by the speakers, heard again by the microphone.

Without headphones the microphone picks up what the computer plays, so the
microphone side would be transcribed with a second copy of the remote
speakers' words. A microphone word is taken for echo when the computer side
has the same word at nearly the same time (the echo comes a little later:
sound and buffers take time) *and* the microphone's sound there is explained
by the computer's: either it is clearly quieter than the computer's (an echo
loses level on its way through the room) or its loudness follows the
computer's, shortly delayed. Someone in the room who says the same word at the
same moment is louder than the echo and has their own rhythm, so they are kept.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.model import Word

FRAME_S = 0.02
SILENT_DB = -100.0


@dataclass(frozen=True)
class EchoOptions:
    """When a microphone word is an echo of the computer side.

    max_delay_s: the echo's word may start up to this long after the computer's (buffers, room, recogniser timing).
    max_lead_s: or this long before it (the two recognisers place word edges differently).
    min_similarity: how alike the two words' letters must be (1.0: the same word).
    quieter_db: the microphone at least this much quieter than the computer over the word explains it as echo.
    min_correlation: or its loudness follows the computer's this closely (Pearson, at the best delay).
    """

    max_delay_s: float = 0.8
    max_lead_s: float = 0.3
    min_similarity: float = 0.75
    quieter_db: float = 6.0
    min_correlation: float = 0.6


class LevelTrack:
    """The loudness of one side in 20 ms frames (dBFS), built block by block: small enough for hours of audio."""

    def __init__(self) -> None:
        self._frames: list[np.ndarray] = []
        self._rest = np.zeros(0, np.float32)
        self._levels: np.ndarray | None = None

    def listen(self, block: np.ndarray) -> None:
        """Returns None after measuring ``block`` (16 kHz mono float32, in order)."""
        frame_n = int(FRAME_S * SAMPLE_RATE)
        audio = np.concatenate([self._rest, np.asarray(block, np.float32)])
        whole = audio.size // frame_n * frame_n
        frames = audio[:whole].reshape(-1, frame_n).astype(np.float64)
        power = np.mean(frames * frames, axis=1)
        self._frames.append(np.maximum(10 * np.log10(np.maximum(power, 1e-12)), SILENT_DB))
        self._rest = audio[whole:]
        self._levels = None

    @property
    def levels_db(self) -> np.ndarray:
        """Returns the level of every frame so far."""
        if self._levels is None:
            self._levels = np.concatenate(self._frames) if self._frames else np.zeros(0)
        return self._levels

    def span(self, start_s: float, end_s: float) -> np.ndarray:
        """Returns the frame levels from ``start_s`` to ``end_s`` (silence beyond the end)."""
        first, last = int(start_s / FRAME_S), max(int(start_s / FRAME_S) + 1, int(np.ceil(end_s / FRAME_S)))
        levels = self.levels_db
        out = np.full(last - max(first, 0), SILENT_DB)
        lo, hi = max(first, 0), min(last, levels.size)
        if hi > lo:
            out[lo - max(first, 0): hi - max(first, 0)] = levels[lo:hi]
        return out


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _energy_db(levels: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(10 ** (levels / 10)) + 1e-12))


def _similar(a: str, b: str, minimum: float) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= minimum


def explained_by_system(word: Word, source: Word, mic: LevelTrack, system: LevelTrack, options: EchoOptions) -> bool:
    """Returns True when the microphone's sound over ``word`` is what the computer played as ``source``."""
    mic_levels = mic.span(word.start_s, word.end_s)
    delay_s = max(0.0, word.start_s - source.start_s)
    system_levels = system.span(word.start_s - delay_s, word.end_s - delay_s)
    if _energy_db(mic_levels) <= _energy_db(system_levels) - options.quieter_db:
        return True
    return _best_correlation(word, mic, system, options) >= options.min_correlation


def _best_correlation(word: Word, mic: LevelTrack, system: LevelTrack, options: EchoOptions) -> float:
    mic_levels = mic.span(word.start_s - 0.1, word.end_s + 0.1)
    if mic_levels.size < 5 or np.std(mic_levels) < 1e-6:
        return 0.0
    best = -1.0
    for lag in range(0, int(options.max_delay_s / FRAME_S) + 1):
        shifted = system.span(word.start_s - 0.1 - lag * FRAME_S, word.end_s + 0.1 - lag * FRAME_S)[: mic_levels.size]
        if shifted.size == mic_levels.size and np.std(shifted) > 1e-6:
            best = max(best, float(np.corrcoef(mic_levels, shifted)[0, 1]))
    return best


def find_echo(mic_words: list[Word], system_words: list[Word], mic: LevelTrack | None = None,
              system: LevelTrack | None = None, options: EchoOptions = EchoOptions()) -> set[int]:
    """Returns the indices of the microphone words that are echoes of computer words.

    Without level tracks (the live transcript) a matching word at nearly the same time is enough.
    """
    echoes = set()
    starts = np.array([w.start_s for w in system_words]) if system_words else np.zeros(0)
    for index, word in enumerate(mic_words):
        low, high = np.searchsorted(starts, [word.start_s - options.max_delay_s, word.start_s + options.max_lead_s])
        for source in system_words[low:high]:
            if not _similar(word.text, source.text, options.min_similarity):
                continue
            if mic is None or system is None or explained_by_system(word, source, mic, system, options):
                echoes.add(index)
                break
    return echoes
