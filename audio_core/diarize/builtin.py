"""The built-in diarizer: Silero speech regions (hysteresis, little padding),
Resemblyzer window embeddings, spectral clustering, then re-segmentation on a
fine frame grid scored by shorter windows.

Audio is consumed block by block (only speech regions and small embeddings
are kept), so memory stays flat with the recording's length.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.diarize import SpeakerTurn
from audio_core.diarize.clustering import ClusteringOptions, centroids_of, cluster_embeddings
from audio_core.diarize.embeddings import EmbeddingOptions, WindowEmbeddings, embed_window_sets
from audio_core.diarize.speech import SpeechOptions, find_speech
from audio_core.vad import VadOptions

FRAME_S = 0.02


@dataclass(frozen=True)
class DiarizationOptions:
    """Settings of the built-in diarizer (defaults tuned in tests/bench/bench_diarization.py).

    speech: the diarizer's speech regions (hysteresis; padding would count as false alarm).
    vad: Silero settings where one known voice is embedded (voice-profile enrolment,
        app/voice_profiles.py); the diarizer itself uses ``speech``.
    embedding: windows that are clustered into speakers (long: steadier voices).
    segment_embedding: windows that score each frame against the speakers found
        (shorter: sharper turn edges); 1.0 s every 0.2 s measured better than
        1.5 s or 0.75 s windows, and than a 0.4 s hop on the phone call.
    clustering: method and speaker-count bounds.
    min_turn_s: a speaker run shorter than this is given to its neighbours.
    """

    speech: SpeechOptions = field(default_factory=SpeechOptions)
    vad: VadOptions = field(default_factory=lambda: VadOptions(threshold=0.3, min_silence_ms=300, speech_pad_ms=100))
    embedding: EmbeddingOptions = field(default_factory=EmbeddingOptions)
    segment_embedding: EmbeddingOptions = field(default_factory=lambda: EmbeddingOptions(window_s=1.0, hop_s=0.2))
    clustering: ClusteringOptions = field(default_factory=ClusteringOptions)
    min_turn_s: float = 0.3


@dataclass
class Diarization:
    """Exclusive speaker turns in time order, and ``voices[i]``: the unit mean embedding of speaker ``i``."""

    turns: list[SpeakerTurn]
    voices: np.ndarray


@dataclass
class SpeechEvidence:
    """What the first pass keeps of the audio: speech regions, the embeddings of the windows
    to cluster and of the shorter windows that re-segment."""

    regions: list[tuple[float, float]]
    windows: WindowEmbeddings
    segment_windows: WindowEmbeddings


def collect_evidence(
    encoder,
    blocks: Iterable[tuple[float, np.ndarray]],
    options: DiarizationOptions = DiarizationOptions(),
    on_block: Callable[[float], None] = lambda end_s: None,
) -> SpeechEvidence:
    """Returns speech regions and window embeddings of ``(offset_s, block)`` pairs (16 kHz mono).

    ``on_block`` is called with the end time of each block processed (for
    progress and cancellation checks).
    """
    regions: list[tuple[float, float]] = []
    parts: list[WindowEmbeddings] = []
    segment_parts: list[WindowEmbeddings] = []
    for offset_s, block in blocks:
        local = find_speech(block, options.speech)
        windows, segment_windows = embed_window_sets(encoder, block, local, [options.embedding, options.segment_embedding])
        regions += [(offset_s + s, offset_s + e) for s, e in local]
        parts.append(_shifted(windows, offset_s))
        segment_parts.append(_shifted(segment_windows, offset_s))
        on_block(offset_s + block.size / SAMPLE_RATE)
    return SpeechEvidence(regions, _joined(parts), _joined(segment_parts))


def _shifted(windows: WindowEmbeddings, offset_s: float) -> WindowEmbeddings:
    return WindowEmbeddings(windows.starts_s + offset_s, windows.ends_s + offset_s, windows.vectors)


def _joined(parts: list[WindowEmbeddings]) -> WindowEmbeddings:
    if not parts:
        return WindowEmbeddings(np.zeros(0), np.zeros(0), np.zeros((0, 256), np.float32))
    return WindowEmbeddings(
        np.concatenate([p.starts_s for p in parts]),
        np.concatenate([p.ends_s for p in parts]),
        np.concatenate([p.vectors for p in parts]),
    )


def _frame_labels(evidence: SpeechEvidence, centroids: np.ndarray, end_s: float) -> np.ndarray:
    """Returns a speaker label per FRAME_S frame (-1 outside speech).

    Each frame takes the speaker whose centroid best matches the segment
    windows covering it, each weighted by a Hann taper so a window speaks
    mostly for its centre; turns shorter than a window still surface where
    overlapping windows agree.
    """
    n_frames = int(np.ceil(end_s / FRAME_S)) + 1
    k = len(centroids)
    scores = np.zeros((n_frames, k))
    weight = np.zeros(n_frames)
    windows = evidence.segment_windows if len(evidence.segment_windows) else evidence.windows
    sims = windows.vectors @ centroids.T
    tapers: dict[int, np.ndarray] = {}
    for start, end, sim in zip(windows.starts_s, windows.ends_s, sims):
        lo, hi = int(start / FRAME_S), min(n_frames, int(np.ceil(end / FRAME_S)))
        if hi <= lo:
            continue
        taper = tapers.get(hi - lo)
        if taper is None:
            taper = tapers[hi - lo] = np.hanning(hi - lo + 2)[1:-1]
        scores[lo:hi] += taper[:, None] * sim[None, :]
        weight[lo:hi] += taper
    labels = np.full(n_frames, -1)
    speech = np.zeros(n_frames, bool)
    for start, end in evidence.regions:
        speech[int(start / FRAME_S) : int(np.ceil(end / FRAME_S))] = True
    covered = weight > 0
    labels[covered] = np.argmax(scores[covered], axis=1)
    # Speech no window reached (very short regions) takes the nearest covered frame's speaker.
    missing = np.flatnonzero(speech & ~covered)
    known = np.flatnonzero(covered)
    if missing.size and known.size:
        nearest = known[np.clip(np.searchsorted(known, missing), 0, known.size - 1)]
        before = known[np.clip(np.searchsorted(known, missing) - 1, 0, known.size - 1)]
        pick = np.where(np.abs(before - missing) < np.abs(nearest - missing), before, nearest)
        labels[missing] = labels[pick]
    labels[~speech] = -1
    return labels


def _runs(labels: np.ndarray) -> list[tuple[int, int, int]]:
    """Returns (start_frame, end_frame, label) runs of equal labels."""
    if labels.size == 0:
        return []
    edges = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate([[0], edges])
    ends = np.concatenate([edges, [labels.size]])
    return [(int(s), int(e), int(labels[s])) for s, e in zip(starts, ends)]


def _absorb_short_runs(labels: np.ndarray, min_frames: int) -> np.ndarray:
    """Gives speaker runs shorter than ``min_frames`` to the neighbouring speaker (never to silence)."""
    labels = labels.copy()
    for start, end, label in _runs(labels):
        if label < 0 or end - start >= min_frames:
            continue
        left = labels[start - 1] if start > 0 else -1
        right = labels[end] if end < labels.size else -1
        neighbour = left if left >= 0 else right
        if neighbour >= 0:
            labels[start:end] = neighbour
    return labels


def turns_from_evidence(
    evidence: SpeechEvidence, end_s: float, options: DiarizationOptions = DiarizationOptions()
) -> Diarization:
    """Returns exclusive speaker turns in time order, and each speaker's voice, from the first pass's evidence.

    Raises ValueError when the speaker-count bounds contradict each other.
    """
    windows = evidence.windows
    end_s = max([end_s] + [e for _, e in evidence.regions] + [float(e) for e in windows.ends_s[-1:]])
    if len(windows) == 0:
        turns = [SpeakerTurn(s, e, 0) for s, e in evidence.regions]
        return Diarization(turns, np.zeros((1 if turns else 0, 256), np.float32))
    labels = cluster_embeddings(windows.vectors, options.clustering)
    centroids = centroids_of(windows.vectors, labels)
    frames = _frame_labels(evidence, centroids, end_s)
    frames = _absorb_short_runs(frames, int(round(options.min_turn_s / FRAME_S)))
    turns = [
        SpeakerTurn(round(s * FRAME_S, 3), round(min(e * FRAME_S, end_s), 3), label)
        for s, e, label in _runs(frames)
        if label >= 0
    ]
    order: list[int] = []
    for turn in turns:
        if turn.speaker not in order:
            order.append(turn.speaker)
    renumbered = [SpeakerTurn(t.start_s, t.end_s, order.index(t.speaker)) for t in turns]
    return Diarization(renumbered, centroids[order].astype(np.float32) if order else np.zeros((0, 256), np.float32))


def diarize_audio(encoder, audio: np.ndarray, options: DiarizationOptions = DiarizationOptions()) -> Diarization:
    """Returns the diarization of 16 kHz mono ``audio`` held in memory.

    Raises ValueError when the speaker-count bounds contradict each other.
    """
    evidence = collect_evidence(encoder, [(0.0, np.asarray(audio, np.float32))], options)
    return turns_from_evidence(evidence, audio.size / SAMPLE_RATE, options)
