"""Synthetic meetings with overlapping speech and exact turns, mixed from real and
synthetic single-voice recordings in the shared test data.

Utterances: the LibriVox reader's five clips (real speech) and the turns of
the synthetic 3-voice meeting (alex, beth, chris). Each utterance is trimmed
to its voiced span, then placed after the previous one either after a short
gap or starting before it ends (overlap); the label of each turn is the
span its audio occupies, so the reference is exact.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
LIBRIVOX = ["0870", "0880", "0890", "0920", "0930"]


@dataclass
class OverlapMeeting:
    """A mixed meeting: ``audio`` (16 kHz mono) and ``turns`` (start_s, end_s, speaker), overlapping."""

    audio: np.ndarray
    turns: list[tuple[float, float, str]]

    def overlap_s(self) -> float:
        """Returns the seconds where two or more reference turns overlap."""
        grid = np.zeros(int(self.audio.size / SAMPLE_RATE * 100) + 1, np.int8)
        for start, end, _ in self.turns:
            grid[int(start * 100) : int(end * 100)] += 1
        return float((grid >= 2).sum()) / 100


def _read(path: Path) -> np.ndarray:
    from audio_core.decode import decode_audio

    return decode_audio(path)


def _trimmed(audio: np.ndarray, floor_db: float = -35.0) -> np.ndarray:
    """Returns ``audio`` without its leading and trailing stretches quieter than ``floor_db`` below its peak (10 ms frames)."""
    frame = SAMPLE_RATE // 100
    n = audio.size // frame
    level = 10 * np.log10(np.square(audio[: n * frame].reshape(n, frame)).mean(axis=1) + 1e-12)
    loud = np.flatnonzero(level > level.max() + floor_db)
    return audio[loud[0] * frame : (loud[-1] + 1) * frame] if loud.size else audio[:0]


def utterances(testdata: Path) -> dict[str, list[np.ndarray]]:
    """Returns each voice's trimmed utterances: "reader" (LibriVox) and alex, beth, chris (synthetic meeting)."""
    voices: dict[str, list[np.ndarray]] = {"reader": [_trimmed(_read(testdata / "real" / f"librivox_sas-{n}.wav")) for n in LIBRIVOX]}
    meeting = _read(testdata / "synthetic" / "meeting.wav")
    for turn in json.loads((testdata / "synthetic" / "meeting.json").read_text())["turns"]:
        piece = meeting[int(turn["start"] * SAMPLE_RATE) : int(turn["end"] * SAMPLE_RATE)]
        voices.setdefault(turn["speaker"], []).append(_trimmed(piece))
    return voices


def mix_meeting(
    voices: dict[str, list[np.ndarray]],
    order: list[str],
    overlap_share: float = 0.5,
    overlap_s: float = 1.5,
    gap_s: float = 0.4,
    seed: int = 0,
) -> OverlapMeeting:
    """Returns a meeting of one utterance per entry of ``order`` (voices reused in turn); about
    ``overlap_share`` of the changes start ``overlap_s`` before the previous utterance ends,
    the others ``gap_s`` after it. Louder voices are matched to one level (-25 dBFS)."""
    rng = np.random.default_rng(seed)
    used = {name: 0 for name in voices}
    placed: list[tuple[int, np.ndarray, str]] = []
    cursor = int(0.5 * SAMPLE_RATE)
    for i, name in enumerate(order):
        piece = voices[name][used[name] % len(voices[name])]
        used[name] += 1
        piece = piece * (10 ** (-25 / 20) / max(float(np.sqrt(np.mean(piece**2))), 1e-6))
        if i and rng.random() < overlap_share:
            start = max(placed[-1][0], cursor - int(overlap_s * SAMPLE_RATE))
        else:
            start = cursor + (int(gap_s * SAMPLE_RATE) if i else 0)
        placed.append((start, piece.astype(np.float32), name))
        cursor = max(cursor, start + piece.size)
    audio = np.zeros(cursor + int(0.5 * SAMPLE_RATE), np.float32)
    for start, piece, _ in placed:
        audio[start : start + piece.size] += piece
    peak = float(np.abs(audio).max())
    if peak > 0.99:
        audio *= 0.99 / peak
    turns = [(round(s / SAMPLE_RATE, 3), round((s + p.size) / SAMPLE_RATE, 3), name) for s, p, name in placed]
    return OverlapMeeting(audio, turns)


# Two meetings for the benchmark (tune: 3 voices; report: 4 voices, other seed) and a small two-voice one for tests.
TUNE_ORDER = ["alex", "reader", "beth", "alex", "reader", "beth", "reader", "alex", "beth", "reader"]
REPORT_ORDER = ["chris", "beth", "reader", "alex", "chris", "reader", "beth", "alex", "chris", "reader", "beth", "alex"]
TUNE_FOUR_ORDER = ["beth", "chris", "alex", "reader", "beth", "alex", "chris", "reader", "alex", "beth", "reader", "chris"]
TWO_VOICE_ORDER = ["alex", "reader", "alex", "reader"]
