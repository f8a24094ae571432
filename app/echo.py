"""Echo between the two sides of a call: the far side, played by the speakers, heard again by the microphone.

Without headphones the microphone picks up what the computer plays, so the
microphone side would be transcribed with a second copy of the remote
speakers' words. A microphone word is a *candidate* echo when the computer
side has the same word at nearly the same time (the echo comes a little later:
sound and buffers take time). It is dropped when the microphone's sound over
the word is the computer's sound: the microphone's waveform there matches the
computer's, shortly delayed (normalised cross-correlation), or it is clearly
quieter than the computer's. Someone in the room who says the same word at the
same moment has their own waveform and is louder than the echo, so they stay.
The recogniser splits an echo's words differently now and then ("old -sposed"
for "ill-disposed"), so a microphone word said while the computer speaks is a
candidate too, without a matching word, but then only a close waveform match
(``min_correlation_unmatched``) drops it. The live transcript runs the same
test on the last half minute of both sides, plus :func:`find_echo`, a level
test aligned by the matching words' own times (``app.live_sides``).
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
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
    min_correlation: or its waveform matches the computer's this closely at the best delay (normalised
        cross-correlation; 1.0 for a delayed, scaled copy, about 0.01 for another voice).
    min_correlation_unmatched: the waveform match that drops a word without a matching computer word.
    margin_s: audio compared on either side of the word.
    max_early_s: the computer's sound may sit up to this much *earlier* in the microphone's channel than in
        its own (the two channels are aligned to within tens of milliseconds, not exactly).
    """

    max_delay_s: float = 0.8
    max_lead_s: float = 0.3
    min_similarity: float = 0.75
    quieter_db: float = 6.0
    min_correlation: float = 0.3
    min_correlation_unmatched: float = 0.7
    margin_s: float = 0.1
    max_early_s: float = 0.1


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

    def loudness_db(self, start_s: float, end_s: float) -> float:
        """Returns the mean energy (dBFS) from ``start_s`` to ``end_s``; silence beyond what was heard."""
        return _energy_db(self.span(start_s, end_s))

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


def matching_words(mic_words: list[Word], system_words: list[Word], options: EchoOptions = EchoOptions()) -> dict[int, Word]:
    """Returns, by index into ``mic_words``, the computer word each candidate echo repeats (same word, nearly the same time)."""
    matches: dict[int, Word] = {}
    system_words = sorted(system_words, key=lambda w: w.start_s)
    starts = np.array([w.start_s for w in system_words])
    for index, word in enumerate(mic_words):
        low, high = np.searchsorted(starts, [word.start_s - options.max_delay_s, word.start_s + options.max_lead_s])
        for source in system_words[low:high]:
            if _similar(word.text, source.text, options.min_similarity):
                matches[index] = source
                break
    return matches


def find_echo(mic_words: list[Word], system_words: list[Word], mic: LevelTrack | None = None,
              system: LevelTrack | None = None, options: EchoOptions = EchoOptions()) -> set[int]:
    """Returns the indices of the microphone words taken for echoes by the level test (for the live transcript).

    Without level tracks a matching word at nearly the same time is enough.
    """
    echoes = set()
    for index, source in matching_words(mic_words, system_words, options).items():
        word = mic_words[index]
        if mic is None or system is None:
            echoes.add(index)
            continue
        delay_s = max(0.0, word.start_s - source.start_s)
        mic_db = _energy_db(mic.span(word.start_s, word.end_s))
        if mic_db <= _energy_db(system.span(word.start_s - delay_s, word.end_s - delay_s)) - options.quieter_db:
            echoes.add(index)
    return echoes


def said_meanwhile(mic_words: list[Word], system_words: list[Word], options: EchoOptions = EchoOptions()) -> set[int]:
    """Returns the indices of the microphone words said while the computer side spoke (up to ``max_delay_s`` before)."""
    spans = sorted((w.start_s, w.end_s) for w in system_words)
    ends = np.maximum.accumulate(np.array([e for _, e in spans])) if spans else np.zeros(0)
    starts = np.array([s for s, _ in spans])
    during = set()
    for index, word in enumerate(mic_words):
        last = int(np.searchsorted(starts, word.end_s)) - 1  # the last computer word starting before this word ends
        if last >= 0 and ends[last] >= word.start_s - options.max_delay_s:
            during.add(index)
    return during


def confirm_echo(mic_words: list[Word], matches: dict[int, Word], chunks: Iterable[np.ndarray],
                 options: EchoOptions = EchoOptions(), meanwhile: set[int] = frozenset(), start_s: float = 0.0) -> set[int]:
    """Returns the indices of the candidate echoes whose microphone sound is the computer's.

    ``matches``: words with a matching computer word (:func:`matching_words`);
    ``meanwhile``: words said while the computer spoke (:func:`said_meanwhile`), which need a closer match.
    ``chunks``: the recording again as (n, 2) float32 (0: microphone, 1: computer), read once, from ``start_s``
    on; only the audio around candidate words is kept.
    """
    candidates = set(matches) | set(meanwhile)
    if not candidates:
        return set()
    wanted = {i: ((mic_words[i].start_s - options.margin_s, mic_words[i].end_s + options.margin_s),
                  (mic_words[i].start_s - options.margin_s - options.max_delay_s,
                   mic_words[i].end_s + options.margin_s + options.max_early_s))
              for i in candidates}
    spans = {i: ([], []) for i in wanted}
    offset = int(round(start_s * SAMPLE_RATE))
    for chunk in chunks:
        chunk = np.asarray(chunk, np.float32)
        for i, ((m0, m1), (s0, s1)) in wanted.items():
            for side, (lo_s, hi_s) in ((0, (m0, m1)), (1, (s0, s1))):
                lo, hi = max(int(lo_s * SAMPLE_RATE) - offset, 0), min(int(hi_s * SAMPLE_RATE) - offset, len(chunk))
                if hi > lo:
                    spans[i][side].append(chunk[lo:hi, side])
        offset += len(chunk)
    echoes = set()
    for i, (mic_parts, system_parts) in spans.items():
        mic = np.concatenate(mic_parts) if mic_parts else np.zeros(0, np.float32)
        system = np.concatenate(system_parts) if system_parts else np.zeros(0, np.float32)
        if _is_echo(mic, system, options, matched=i in matches):
            echoes.add(i)
    return echoes


def _is_echo(mic: np.ndarray, system: np.ndarray, options: EchoOptions, matched: bool = True) -> bool:
    """Returns True when ``mic`` is explained by ``system`` (from ``max_delay_s`` earlier to ``max_early_s`` later)."""
    mic_energy, system_energy = float(np.dot(mic, mic)), float(np.dot(system, system))
    if mic.size == 0 or mic_energy <= 1e-12:
        return matched  # nothing of its own there: a matching word can only have come from the computer's side
    if system_energy <= 1e-12 or mic.size > system.size:
        return False
    if matched and _level_db(mic) <= _level_db(system) - options.quieter_db:
        return True
    from scipy.signal import fftconvolve

    # Correlation of mic with every stretch of system as long as mic (every delay in the span).
    corr = fftconvolve(system.astype(np.float64), mic[::-1].astype(np.float64), mode="valid")
    window = np.convolve(system.astype(np.float64) ** 2, np.ones(mic.size), mode="valid")
    norm = np.sqrt(np.maximum(window, 1e-12) * mic_energy)
    needed = options.min_correlation if matched else options.min_correlation_unmatched
    return float(np.max(np.abs(corr) / norm)) >= needed


def _level_db(audio: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(audio.astype(np.float64) ** 2) + 1e-12))
