"""Where someone speaks, as the diarizer needs it: Silero VAD frame probabilities
turned into regions with hysteresis and almost no padding.

The ASR's regions (``audio_core.vad``) are padded generously so word edges
survive; for diarization every padded millisecond outside speech is scored as
a false alarm, while quiet far-field speech inside a turn must not be lost.
So a region starts where the probability reaches ``onset`` and lasts until it
falls below a much lower ``offset``.
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
    """

    onset: float = 0.3
    offset: float = 0.05
    min_silence_s: float = 0.1
    pad_s: float = 0.03
    min_speech_s: float = 0.0


def speech_probabilities(audio: np.ndarray) -> np.ndarray:
    """Returns Silero VAD's speech probability per 32 ms frame of 16 kHz mono ``audio``."""
    from faster_whisper.vad import get_vad_model

    if audio.size == 0:
        return np.zeros(0, np.float32)
    padded = np.pad(np.asarray(audio, np.float32), (0, -audio.size % VAD_FRAME_N))
    return np.asarray(get_vad_model()(padded), np.float32).reshape(-1)


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
    audio: np.ndarray, options: SpeechOptions = SpeechOptions(), sample_rate: int = SAMPLE_RATE
) -> list[tuple[float, float]]:
    """Returns (start_s, end_s) speech regions of mono float32 ``audio``, in time order, not overlapping.

    Raises ValueError when ``sample_rate`` is not 16 kHz.
    """
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"Silero VAD runs at {SAMPLE_RATE} Hz, not {sample_rate}")
    frame_s = VAD_FRAME_N / sample_rate
    duration_s = audio.size / sample_rate
    merged: list[list[float]] = []
    for start, end in _hysteresis_runs(speech_probabilities(audio), options.onset, options.offset):
        start_s, end_s = start * frame_s, end * frame_s
        if merged and start_s - merged[-1][1] < options.min_silence_s:
            merged[-1][1] = end_s
        else:
            merged.append([start_s, end_s])
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
