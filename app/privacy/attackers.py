"""Stronger re-identification attackers: two speaker encoders and a learned projection.

An attacker embeds speech with a speaker encoder (Resemblyzer's VoiceEncoder
or the d-vector model of ``audio_core.dvector``), enrols each speaker as the
mean of their enrolment embeddings and scores each test embedding against
every enrolled speaker by cosine similarity; the equal error rate of those
scores says how well it tells speakers apart (50 % = chance).

What it enrols decides its strength: an *ignorant* attacker enrols original
voices, a *lazy-informed* one enrols its own recordings alienated with the
same method (its own secret), and a *semi-informed* one also alienates a
training set of many speakers and learns a projection (shrinkage LDA over
length-normalised embeddings) that keeps what survives alienation of a voice
and drops what the secret changes. Scoring is by cosine in the projected space.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.privacy.voice_attack import AttackResult, equal_error_rate

ENCODERS = ("resemblyzer", "dvector")


def make_encoder(name: str, engines=None):
    """Returns the speaker encoder called ``name`` (one of ENCODERS), with ``embed_utterance(wav)``.

    Both come from ``engines`` when given (loaded once). Raises
    ValueError for an unknown name and ModelError when its package is missing.
    """
    if name == "resemblyzer":
        if engines is not None:
            return engines.voice_encoder
        from resemblyzer import VoiceEncoder

        return VoiceEncoder(device="cpu", verbose=False)
    if name == "dvector":
        if engines is not None:
            return engines.dvector_encoder
        from audio_core.dvector import DVectorEncoder

        return DVectorEncoder()
    raise ValueError(f"unknown speaker encoder {name!r}: choose from {', '.join(ENCODERS)}")


@dataclass(frozen=True)
class Projection:
    """A learned map from encoder embeddings to a space where alienated voices of one speaker cluster.

    mean: subtracted from length-normalised embeddings first; matrix: (encoder dims, projected dims).
    """

    mean: np.ndarray
    matrix: np.ndarray

    def apply(self, embeddings: np.ndarray) -> np.ndarray:
        """Returns ``embeddings`` ((n, dims) or (dims,)) projected and length-normalised."""
        x = np.atleast_2d(np.asarray(embeddings, dtype=np.float64))
        x = x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)
        y = (x - self.mean) @ self.matrix
        y = y / (np.linalg.norm(y, axis=1, keepdims=True) + 1e-12)
        return y if np.ndim(embeddings) == 2 else y[0]

    def save(self, path: Path) -> None:
        """Writes the projection to ``path`` (.npz)."""
        np.savez_compressed(path, mean=self.mean.astype(np.float32), matrix=self.matrix.astype(np.float32))

    @classmethod
    def load(cls, path: Path) -> "Projection":
        """Returns the projection stored at ``path``. Raises OSError when it cannot be read."""
        with np.load(path) as data:
            return cls(data["mean"].astype(np.float64), data["matrix"].astype(np.float64))


def train_projection(embeddings: Sequence[np.ndarray], speakers: Sequence[str], max_dims: int = 150) -> Projection:
    """Returns a shrinkage-LDA projection trained to separate ``speakers`` across their ``embeddings``.

    Feed it each training speaker's speech alienated with several fresh
    secrets (and the original, if the attacker has it): directions that move
    with the secret get little weight. Raises ValueError with fewer than two speakers.
    """
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

    x = np.asarray(embeddings, dtype=np.float64)
    x = x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)
    labels = np.asarray(speakers)
    n_classes = len(set(labels.tolist()))
    if n_classes < 2:
        raise ValueError("a projection needs at least two training speakers")
    dims = min(max_dims, n_classes - 1, x.shape[1])
    lda = LinearDiscriminantAnalysis(solver="eigen", shrinkage="auto", n_components=dims)
    lda.fit(x, labels)
    return Projection(x.mean(axis=0), np.asarray(lda.scalings_[:, :dims], dtype=np.float64))


def verification_eer(
    enrol: Sequence[tuple[str, np.ndarray]],
    tests: Sequence[tuple[str, np.ndarray]],
    projection: Projection | None = None,
) -> AttackResult:
    """Returns the EER of scoring every test embedding against every speaker enrolled from ``enrol``.

    ``enrol`` and ``tests`` are (speaker, embedding) pairs; embeddings that
    are None are skipped, as are test speakers nobody enrolled. Raises
    ValueError when the trials lack targets or non-targets.
    """
    sums: dict[str, np.ndarray] = defaultdict(lambda: 0.0)
    for speaker, embedding in enrol:
        if embedding is not None:
            sums[speaker] = sums[speaker] + _prepare(embedding, projection)
    speakers = list(sums)
    if not speakers:
        raise ValueError("no speaker could be enrolled")
    models = np.stack([sums[s] / (np.linalg.norm(sums[s]) + 1e-12) for s in speakers])
    scores, targets = [], []
    for speaker, embedding in tests:
        if embedding is None or speaker not in sums:
            continue
        scores.extend((models @ _prepare(embedding, projection)).tolist())
        targets.extend(s == speaker for s in speakers)
    eer = equal_error_rate(scores, targets)
    return AttackResult(eer=eer, n_target=int(sum(targets)), n_nontarget=int(len(targets) - sum(targets)))


def _prepare(embedding: np.ndarray, projection: Projection | None) -> np.ndarray:
    """Returns ``embedding`` projected (when a projection is given) and length-normalised."""
    if projection is not None:
        return projection.apply(embedding)
    x = np.asarray(embedding, dtype=np.float64)
    return x / (np.linalg.norm(x) + 1e-12)
