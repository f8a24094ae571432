"""An on-device attacker that tries to re-identify alienated voices.

It uses Resemblyzer speaker embeddings (``Engines.voice_encoder``), the same
kind of model Hushnote itself uses for voice profiles: each speaker is
enrolled from some recordings, every test segment is scored against every
enrolled speaker by cosine similarity, and the equal error rate (EER) of
those scores says how well the attacker tells speakers apart. 50 % is
chance; the original voices typically give a few percent.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE

MIN_SEGMENT_S = 1.0  # shorter stretches give embeddings too noisy to mean anything


@dataclass(frozen=True)
class VoiceSegment:
    """A stretch of one speaker's audio in one recording (times in seconds)."""

    recording: str
    speaker_id: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class AttackResult:
    """What the attacker achieved.

    eer: equal error rate over all (enrolled speaker, test segment) trials, 0..1.
    n_target, n_nontarget: how many trials of each kind the EER rests on.
    """

    eer: float
    n_target: int
    n_nontarget: int


def embed_segments(
    encoder, audio: np.ndarray, segments: Sequence[VoiceSegment], sample_rate: int = SAMPLE_RATE
) -> list[np.ndarray | None]:
    """Returns one unit-length embedding per segment of ``audio`` (None when too short to embed).

    ``encoder`` is an :class:`audio_core.voice_encoder.VoiceEncoder` (Resemblyzer's network) working at 16 kHz.
    """
    from audio_core.voice_encoder.preprocess import preprocess_wav

    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"the voice encoder needs {SAMPLE_RATE} Hz audio")
    embeddings: list[np.ndarray | None] = []
    for segment in segments:
        clip = audio[int(segment.start_s * sample_rate) : int(segment.end_s * sample_rate)]
        if clip.size < MIN_SEGMENT_S * sample_rate:
            embeddings.append(None)
            continue
        wav = preprocess_wav(clip.astype(np.float32))
        if wav.size < MIN_SEGMENT_S * sample_rate:
            embeddings.append(None)
            continue
        embeddings.append(np.asarray(encoder.embed_utterance(wav), dtype=np.float64))
    return embeddings


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Returns the cosine similarity of two vectors."""
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-12))


def equal_error_rate(scores: Sequence[float], is_target: Sequence[bool]) -> float:
    """Returns the EER (0..1) of ``scores`` where ``is_target`` marks same-speaker trials.

    Raises ValueError when there are no target or no non-target trials.
    """
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(is_target, dtype=bool)
    if labels.all() or not labels.any():
        raise ValueError("an EER needs both same-speaker and different-speaker trials")
    order = np.argsort(-scores, kind="stable")
    labels = labels[order]
    n_target, n_nontarget = labels.sum(), (~labels).sum()
    # accept the top k trials, for every k: false rejections fall, false acceptances rise
    false_reject = np.concatenate([[1.0], 1.0 - np.cumsum(labels) / n_target])
    false_accept = np.concatenate([[0.0], np.cumsum(~labels) / n_nontarget])
    index = int(np.argmin(np.abs(false_reject - false_accept)))
    return float((false_reject[index] + false_accept[index]) / 2)


def attack(
    enrol_segments: Sequence[VoiceSegment],
    enrol_embeddings: Sequence[np.ndarray | None],
    test_segments: Sequence[VoiceSegment],
    test_embeddings: Sequence[np.ndarray | None],
) -> AttackResult:
    """Returns the attacker's EER: each speaker enrolled from the mean of their enrol embeddings,
    each test segment scored against every speaker enrolled from the same recording.

    Raises ValueError when the trials lack targets or non-targets.
    """
    sums: dict[tuple[str, str], np.ndarray] = defaultdict(lambda: 0.0)
    for segment, embedding in zip(enrol_segments, enrol_embeddings):
        if embedding is not None:
            sums[(segment.recording, segment.speaker_id)] = sums[(segment.recording, segment.speaker_id)] + embedding
    scores, targets = [], []
    for segment, embedding in zip(test_segments, test_embeddings):
        if embedding is None:
            continue
        for (recording, speaker), total in sums.items():
            if recording == segment.recording:
                scores.append(cosine(total, embedding))
                targets.append(speaker == segment.speaker_id)
    eer = equal_error_rate(scores, targets)
    return AttackResult(eer=eer, n_target=int(sum(targets)), n_nontarget=int(len(targets) - sum(targets)))
