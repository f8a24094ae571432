"""The built-in diarizer: Silero speech regions (hysteresis, level-refined
edges), Resemblyzer window embeddings, spectral clustering, then
re-segmentation on a fine frame grid scored by shorter windows
(audio_core.diarize.resegment).

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
from audio_core.diarize.counting import same_stretch
from audio_core.diarize.embeddings import EmbeddingOptions, WindowEmbeddings, embed_window_sets
from audio_core.diarize.resegment import FRAME_S, ResegmentOptions, resegment, runs
from audio_core.diarize.speech import SpeechOptions, find_speech, speech_probabilities
from audio_core.vad import VadOptions


@dataclass(frozen=True)
class DiarizationOptions:
    """Settings of the built-in diarizer (defaults tuned in tests/bench/bench_diarization.py).

    speech: the diarizer's speech regions (hysteresis and level-stretched edges; padding
        would count as false alarm).
    embedding_speech: the regions windows are cut from for embedding: tighter, so each
        window holds voice rather than breath and room (with ``speech``'s regions the
        speaker count came out wrong more often).
    vad: Silero settings where one known voice is embedded (voice-profile enrolment,
        app/voice_profiles.py); the diarizer itself uses ``speech``.
    embedding: windows that are clustered into speakers (long: steadier voices).
    segment_embedding: windows that score each frame against the speakers found
        (shorter: sharper turn edges); 1.0 s every 0.2 s measured better than
        1.5 s or 0.75 s windows, and than a 0.4 s hop on the phone call.
    clustering: method and speaker-count bounds.
    resegment: how frames are given to the speakers found (switching cost, voice
        re-estimation, shortest turn).
    """

    speech: SpeechOptions = field(default_factory=SpeechOptions)
    embedding_speech: SpeechOptions = field(default_factory=lambda: SpeechOptions(onset=0.3, edge_margin_db=None))
    vad: VadOptions = field(default_factory=lambda: VadOptions(threshold=0.3, min_silence_ms=300, speech_pad_ms=100))
    embedding: EmbeddingOptions = field(default_factory=EmbeddingOptions)
    segment_embedding: EmbeddingOptions = field(default_factory=lambda: EmbeddingOptions(window_s=1.0, hop_s=0.2))
    clustering: ClusteringOptions = field(default_factory=ClusteringOptions)
    resegment: ResegmentOptions = field(default_factory=ResegmentOptions)


@dataclass
class Diarization:
    """Speaker turns in time order (they overlap where two people talk at once), ``voices[i]``:
    the unit mean embedding of speaker ``i``, and ``exclusive_turns``: one speaker at a time,
    the most likely where two overlap (None: ``turns`` already are)."""

    turns: list[SpeakerTurn]
    voices: np.ndarray
    exclusive_turns: list[SpeakerTurn] | None = None

    @property
    def word_turns(self) -> list[SpeakerTurn]:
        """Returns the one-speaker-at-a-time turns that words are given to."""
        return self.turns if self.exclusive_turns is None else self.exclusive_turns


@dataclass
class SpeechEvidence:
    """What the first pass keeps of the audio: speech regions, the embeddings of the windows
    to cluster and of the shorter windows that re-segment. ``offered_windows``: how many clustering
    windows the audio had before some were left out unembedded (None: ``windows`` holds them all)."""

    regions: list[tuple[float, float]]
    windows: WindowEmbeddings
    segment_windows: WindowEmbeddings
    offered_windows: int | None = None


def collect_evidence(
    encoder,
    blocks: Iterable[tuple[float, np.ndarray]],
    options: DiarizationOptions = DiarizationOptions(),
    on_block: Callable[[float], None] = lambda end_s: None,
    clustering_kept: Callable[[int], np.ndarray] | None = None,
) -> SpeechEvidence:
    """Returns speech regions and window embeddings of ``(offset_s, block)`` pairs (16 kHz mono).

    ``on_block`` is called with the end time of each block processed (for
    progress and cancellation checks). ``clustering_kept``: called once per block
    with the number of clustering windows it has, returns which of them (bool mask,
    time order) to embed; the rest are counted in ``offered_windows`` but never
    embedded (an :class:`EvidenceStore` would drop them at once).
    """
    regions: list[tuple[float, float]] = []
    parts: list[WindowEmbeddings] = []
    segment_parts: list[WindowEmbeddings] = []
    offered = 0

    def kept(count: int) -> np.ndarray:
        nonlocal offered
        offered += count
        return clustering_kept(count)

    for offset_s, block in blocks:
        probabilities = speech_probabilities(block)
        local = find_speech(block, options.speech, probabilities=probabilities)
        voiced = find_speech(block, options.embedding_speech, probabilities=probabilities)
        windows, segment_windows = embed_window_sets(
            encoder, block, voiced, [options.embedding, options.segment_embedding],
            first_set_kept=kept if clustering_kept is not None else None,
        )
        regions += [(offset_s + s, offset_s + e) for s, e in local]
        parts.append(_shifted(windows, offset_s))
        segment_parts.append(_shifted(segment_windows, offset_s))
        on_block(offset_s + block.size / SAMPLE_RATE)
    return SpeechEvidence(regions, _joined(parts), _joined(segment_parts), offered if clustering_kept is not None else None)


def join_evidence(parts: list[SpeechEvidence]) -> SpeechEvidence:
    """Returns the evidence of consecutive blocks as one."""
    return SpeechEvidence(
        [region for part in parts for region in part.regions],
        _joined([p.windows for p in parts]),
        _joined([p.segment_windows for p in parts]),
    )


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


def turns_from_evidence(
    evidence: SpeechEvidence, end_s: float, options: DiarizationOptions = DiarizationOptions(), links=None,
    clean: np.ndarray | None = None,
) -> Diarization:
    """Returns exclusive speaker turns in time order, and each speaker's voice, from the first pass's evidence;
    ``links`` (audio_core.diarize.constraints.WindowLinks between its clustering windows) and ``clean`` (which
    clustering windows hold one voice): see :func:`audio_core.diarize.clustering.cluster_embeddings`.

    Raises ValueError when the speaker-count bounds contradict each other.
    """
    windows = evidence.windows
    end_s = max([end_s] + [e for _, e in evidence.regions] + [float(e) for e in windows.ends_s[-1:]])
    if len(windows) == 0:
        turns = [SpeakerTurn(s, e, 0) for s, e in evidence.regions]
        return Diarization(turns, np.zeros((1 if turns else 0, 256), np.float32))
    adjacent = same_stretch(windows.starts_s, windows.ends_s, evidence.regions)
    labels = cluster_embeddings(windows.vectors, options.clustering, adjacent, links, clean)
    scoring = evidence.segment_windows if len(evidence.segment_windows) else windows
    # The voices handed on (to match voice profiles) stay the clustering windows' means: the
    # profile threshold was calibrated on embeddings of that length.
    centroids = centroids_of(windows.vectors, labels)
    frames, _ = resegment(scoring, centroids, evidence.regions, end_s, options.resegment)
    turns = [
        SpeakerTurn(round(s * FRAME_S, 3), round(min(e * FRAME_S, end_s), 3), label)
        for s, e, label in runs(frames)
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
