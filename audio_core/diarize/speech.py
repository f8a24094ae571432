"""Where someone speaks, as the diarizer needs it: Silero VAD frame probabilities
turned into regions with hysteresis and almost no padding.

The ASR's regions (``audio_core.vad``) are padded generously so word edges
survive; for diarization every padded millisecond outside speech is scored as
a false alarm, while quiet far-field speech inside a turn must not be lost.
So a region starts where the probability reaches ``onset`` and lasts until it
falls below a much lower ``offset``. Silero's probability falls off before
quiet word edges and trailing far-field speech do, and lingers over the
silence after a voice: each region is then cut where its edges are digitally
silent and stretched while the signal stays clearly above the recording's
noise floor (a level test never starts a region, it only moves the edges of
one that speech started).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE

VAD_FRAME_N = 512  # Silero's frame at 16 kHz: 32 ms


@dataclass(frozen=True)
class SpeechOptions:
    """Speech-region settings of the diarizer (tuned with tests/bench/bench_diarization.py).

    onset: speech probability at which a region starts.
    offset: probability below which a started region ends (hysteresis).
    min_silence_s: pauses shorter than this are bridged.
    pad_s: added on each side of a region (Silero's frames are 32 ms coarse).
    min_speech_s: regions shorter than this are dropped.
    edge_margin_db: a region's edges are extended while the 50 ms level stays this far
        above the noise floor (the 5th percentile of 10 ms frame levels that are not
        digital silence), after digitally silent edges are cut off; None turns both off.
    max_edge_extension_s: the most an edge moves that way.
    """

    onset: float = 0.5
    offset: float = 0.05
    min_silence_s: float = 0.1
    pad_s: float = 0.03
    min_speech_s: float = 0.0
    edge_margin_db: float | None = 10.0
    max_edge_extension_s: float = 2.0


def speech_probabilities(audio: np.ndarray) -> np.ndarray:
    """Returns Silero VAD's speech probability per 32 ms frame of 16 kHz mono ``audio``.

    Padded as faster-whisper pads for its VAD filter (always at least one frame more), so the
    probabilities recognition computed for the same block are reused (audio_core.silero); the
    extra frame, when there is one, changes none before it.
    """
    from audio_core.silero import shared_vad_model

    if audio.size == 0:
        return np.zeros(0, np.float32)
    padded = np.pad(np.asarray(audio, np.float32), (0, VAD_FRAME_N - audio.size % VAD_FRAME_N))
    frames = -(-audio.size // VAD_FRAME_N)
    return np.asarray(shared_vad_model()(padded), np.float32).reshape(-1)[:frames]


def _hysteresis_runs(probs: np.ndarray, onset: float, offset: float) -> list[list[int]]:
    runs: list[list[int]] = []
    start = None
    for i in np.flatnonzero((probs >= onset) | (probs < offset)):
        if start is None and probs[i] >= onset:
            start = i
        elif start is not None and probs[i] < offset:
            runs.append([start, int(i)])
            start = None
    if start is not None:
        runs.append([start, probs.size])
    return runs


def find_speech(
    audio: np.ndarray,
    options: SpeechOptions = SpeechOptions(),
    sample_rate: int = SAMPLE_RATE,
    probabilities: np.ndarray | None = None,
) -> list[tuple[float, float]]:
    """Returns (start_s, end_s) speech regions of mono float32 ``audio``, in time order, not overlapping.

    ``probabilities``: ``speech_probabilities(audio)`` when the caller already has them.
    Raises ValueError when ``sample_rate`` is not 16 kHz.
    """
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"Silero VAD runs at {SAMPLE_RATE} Hz, not {sample_rate}")
    if probabilities is None:
        probabilities = speech_probabilities(audio)
    frame_s = VAD_FRAME_N / sample_rate
    duration_s = audio.size / sample_rate
    merged: list[list[float]] = []
    for start, end in _hysteresis_runs(probabilities, options.onset, options.offset):
        start_s, end_s = start * frame_s, end * frame_s
        if merged and start_s - merged[-1][1] < options.min_silence_s:
            merged[-1][1] = end_s
        else:
            merged.append([start_s, end_s])
    if options.edge_margin_db is not None:
        merged = _extended_by_level(audio, merged, options.edge_margin_db, options.max_edge_extension_s)
    regions = []
    for start_s, end_s in merged:
        if end_s - start_s < options.min_speech_s:
            continue
        start_s, end_s = max(0.0, start_s - options.pad_s), min(duration_s, end_s + options.pad_s)
        if regions and start_s < regions[-1][1]:
            start_s = regions[-1][1]
        if end_s > start_s:
            regions.append((start_s, end_s))
    return regions


LEVEL_FRAME_S = 0.01
LEVEL_SMOOTH_FRAMES = 5
NOISE_FLOOR_PERCENTILE = 5.0
DIGITAL_SILENCE_DB = -100.0


def _frame_levels_db(audio: np.ndarray) -> np.ndarray:
    """Returns the level (dBFS) of each 10 ms frame, smoothed over 50 ms."""
    hop = int(LEVEL_FRAME_S * SAMPLE_RATE)
    frames = np.asarray(audio[: audio.size // hop * hop], np.float64).reshape(-1, hop)
    if frames.size == 0:
        return np.zeros(0)
    level_db = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    return np.convolve(level_db, np.ones(LEVEL_SMOOTH_FRAMES) / LEVEL_SMOOTH_FRAMES, "same")


def _noise_floor_db(level_db: np.ndarray) -> float:
    """Returns the recording's noise floor: a low percentile of the frames that are not digital silence
    (digitally silent gaps, as in generated or edited audio, would put it far below any real room)."""
    heard = level_db[level_db > DIGITAL_SILENCE_DB]
    return float(np.percentile(heard, NOISE_FLOOR_PERCENTILE)) if heard.size else DIGITAL_SILENCE_DB


def _extended_by_level(
    audio: np.ndarray, regions: list[list[float]], margin_db: float, max_extension_s: float
) -> list[list[float]]:
    """Returns ``regions`` with digitally silent edges cut off and each edge then moved outwards while the
    level stays ``margin_db`` above the noise floor (at most ``max_extension_s``); regions that come
    to touch are joined."""
    level_db = _frame_levels_db(audio)
    loud = level_db > _noise_floor_db(level_db) + margin_db
    heard = level_db > DIGITAL_SILENCE_DB
    most = int(max_extension_s / LEVEL_FRAME_S)
    extended: list[list[float]] = []
    for start_s, end_s in regions:
        first, last = int(start_s / LEVEL_FRAME_S), min(int(end_s / LEVEL_FRAME_S), heard.size)
        inside = np.flatnonzero(heard[first:last])
        if inside.size:
            start_s = max(start_s, (first + inside[0]) * LEVEL_FRAME_S)
            end_s = min(end_s, (first + inside[-1] + 1) * LEVEL_FRAME_S)
        lo = first = int(start_s / LEVEL_FRAME_S)
        while lo > 0 and first - lo < most and lo - 1 < loud.size and loud[lo - 1]:
            lo -= 1
        hi = last = int(end_s / LEVEL_FRAME_S)
        while hi < loud.size and hi - last < most and loud[hi]:
            hi += 1
        start_s, end_s = min(start_s, lo * LEVEL_FRAME_S), max(end_s, hi * LEVEL_FRAME_S)
        if extended and start_s <= extended[-1][1]:
            extended[-1][1] = max(extended[-1][1], end_s)
        else:
            extended.append([start_s, end_s])
    return extended
