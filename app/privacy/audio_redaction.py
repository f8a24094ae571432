"""Audio redaction: the time spans of redacted words are replaced by a tone or silence.

Redacted spans become audio intervals through the words' timestamps
(``app.privacy.redact.redacted_intervals``); each interval is padded on both
sides, because recogniser word boundaries are only accurate to a few tens of
milliseconds, and overlapping intervals are merged. Short fades avoid clicks
that would give away where a word was cut.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.errors import OptionError

STYLES = ("tone", "silence")


@dataclass(frozen=True)
class AudioRedactionOptions:
    """How redacted stretches of exported audio sound.

    style: "tone" (a steady beep, so listeners hear that something was removed)
        or "silence".
    pad_s: added before and after each redacted word's time span; covers
        word-timestamp error (tiny.en is off by up to ~0.1-0.2 s).
    tone_hz, tone_dbfs: the beep's pitch and level (dB below full scale).
    fade_s: fade in/out at each edge, against clicks.
    reach_s: each redacted stretch also grows up to this far towards the
        nearest kept word on either side. Whisper squeezes a spoken digit
        string into a few tokens whose timestamps can miss part of the speech;
        whatever lies between the kept neighbours belongs to the redacted item.
    """

    style: str = "tone"
    pad_s: float = 0.25
    tone_hz: float = 1000.0
    tone_dbfs: float = -20.0
    fade_s: float = 0.005
    reach_s: float = 1.5

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise OptionError(f"unknown audio redaction style {self.style!r}: choose from {', '.join(STYLES)}")
        if self.pad_s < 0:
            raise OptionError("pad_s must not be negative")


def pad_and_merge(
    intervals: Sequence[tuple[float, float]], pad_s: float, duration_s: float
) -> list[tuple[float, float]]:
    """Returns ``intervals`` widened by ``pad_s``, clipped to [0, duration_s], sorted and merged."""
    widened = sorted((max(0.0, s - pad_s), min(duration_s, e + pad_s)) for s, e in intervals if e >= s)
    merged: list[list[float]] = []
    for start, end in widened:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def bleep_intervals(
    audio: np.ndarray,
    intervals: Sequence[tuple[float, float]],
    options: AudioRedactionOptions = AudioRedactionOptions(),
    sample_rate: int = SAMPLE_RATE,
) -> np.ndarray:
    """Returns a copy of ``audio`` (mono float32) with each interval (seconds, padded by
    ``options.pad_s``) replaced by a tone or silence.

    Raises ValueError for a non-mono array.
    """
    audio = np.asarray(audio, dtype=np.float32)
    if audio.ndim != 1:
        raise ValueError("bleep_intervals expects mono audio (one dimension)")
    out = audio.copy()
    duration_s = audio.size / sample_rate
    amplitude = 10 ** (options.tone_dbfs / 20)
    fade = max(1, int(options.fade_s * sample_rate))
    for start_s, end_s in pad_and_merge(intervals, options.pad_s, duration_s):
        lo, hi = int(np.floor(start_s * sample_rate)), int(np.ceil(end_s * sample_rate))
        hi = min(hi, audio.size)
        n = hi - lo
        if n <= 0:
            continue
        if options.style == "silence":
            replacement = np.zeros(n, np.float32)
        else:
            t = np.arange(n) / sample_rate
            replacement = (amplitude * np.sin(2 * np.pi * options.tone_hz * t)).astype(np.float32)
            ramp = np.minimum(1.0, np.minimum(np.arange(n) + 1, n - np.arange(n)) / fade)
            replacement *= ramp.astype(np.float32)
        out[lo:hi] = replacement
        # fade the kept audio into and out of the gap instead of cutting it hard
        edge = min(fade, lo)
        if edge:
            out[lo - edge : lo] *= np.linspace(1.0, 0.0, edge, dtype=np.float32)
        edge = min(fade, audio.size - hi)
        if edge:
            out[hi : hi + edge] *= np.linspace(0.0, 1.0, edge, dtype=np.float32)
    return out


def audio_intervals(transcript, policy, options: AudioRedactionOptions = AudioRedactionOptions()) -> list[tuple[float, float]]:
    """Returns the (start_s, end_s) stretches to bleep for ``transcript`` under ``policy``, before padding.

    Each redacted word span reaches towards the neighbouring kept words (up
    to ``options.reach_s``), so speech the word timestamps missed goes too.
    """
    from app.privacy.redact import redacted_intervals

    return reach_towards_kept(redacted_intervals(transcript, policy, pad_s=0.0), transcript.words, options.reach_s)


def reach_towards_kept(base: Sequence[tuple[float, float]], words, reach_s: float) -> list[tuple[float, float]]:
    """Returns each (start_s, end_s) of ``base`` grown up to ``reach_s`` towards the nearest of ``words`` (``Word``s)
    it does not touch on either side, never over one."""
    if not base:
        return []
    kept = [w for w in words if not any(w.start_s < e and w.end_s > s for s, e in base)]
    widened = []
    for start_s, end_s in base:
        before = [w.end_s for w in kept if w.end_s <= start_s]
        after = [w.start_s for w in kept if w.start_s >= end_s]
        lo = max(max(before, default=start_s - reach_s), start_s - reach_s)
        hi = min(min(after, default=end_s + reach_s), end_s + reach_s)
        widened.append((min(lo, start_s), max(hi, end_s)))
    return widened


def redact_audio(
    audio: np.ndarray,
    transcript,
    policy,
    options: AudioRedactionOptions = AudioRedactionOptions(),
    sample_rate: int = SAMPLE_RATE,
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Returns (bleeped audio, the merged intervals in seconds that were replaced).

    ``transcript`` is the unredacted Transcript whose ``pii_spans`` carry the
    decisions, ``policy`` the RedactionPolicy deciding which spans count.
    Raises ValueError for a non-mono array.
    """
    intervals = audio_intervals(transcript, policy, options)
    merged = pad_and_merge(intervals, options.pad_s, np.asarray(audio).size / sample_rate)
    return bleep_intervals(audio, intervals, options, sample_rate), merged
