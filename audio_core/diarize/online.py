"""Provisional speakers while a recording is still going: incremental (leader-follower) clustering.

Each stretch of committed speech is embedded once (the mean of Resemblyzer
windows inside it) and joins the speaker whose running centroid it is most
like, or starts a new speaker when it is like none of them and long enough to
trust. Decisions are never revisited (the live view has already shown them);
the final pass's diarization replaces them when the recording stops. Cost: one
batch of windows per stretch, a few milliseconds per second of speech.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio_core.diarize.embeddings import EmbeddingOptions, embed_windows


@dataclass(frozen=True)
class OnlineSpeakerOptions:
    """How stretches of live speech become provisional speakers (tuned in tests/bench/bench_live_speakers.py,
    tune voices only).

    new_speaker_below: a stretch whose cosine to every speaker's centroid is below this starts a new speaker.
        Tune clips (mean live error / speaker count right): 0.65 44.6 % / 1 of 8, 0.70 37.0 % / 3 of 8,
        0.75 33.0 % / 1 of 8 (its lower mean comes from the 6-voice mix alone; it split the 2-voice ones).
    min_new_speaker_s: stretches shorter than this never start a speaker (a short word's embedding is noise);
        they join the nearest one (none before the first speaker is known).
    max_speakers: at most this many provisional speakers.
    embedding: the windows a stretch is embedded with (their mean is the stretch's voice).
    """

    new_speaker_below: float = 0.7
    min_new_speaker_s: float = 1.0
    max_speakers: int = 8
    embedding: EmbeddingOptions = EmbeddingOptions(window_s=1.5, hop_s=0.5, min_window_s=0.3)


class OnlineSpeakers:
    """Assigns stretches of speech to speakers 0, 1, … as they come (call :meth:`assign` in time order)."""

    def __init__(self, encoder, options: OnlineSpeakerOptions = OnlineSpeakerOptions()):
        self.encoder = encoder
        self.options = options
        self._sums: list[np.ndarray] = []

    @property
    def count(self) -> int:
        """Returns how many speakers were found so far."""
        return len(self._sums)

    def voice_of(self, audio: np.ndarray) -> np.ndarray | None:
        """Returns the unit mean embedding of 16 kHz ``audio`` (None when it is too short to embed)."""
        windows = embed_windows(self.encoder, audio, [(0.0, audio.size / 16000)], self.options.embedding)
        if not len(windows):
            return None
        mean = windows.vectors.astype(np.float64).mean(axis=0)
        return mean / max(float(np.linalg.norm(mean)), 1e-9)

    def assign_voice(self, voice: np.ndarray | None, duration_s: float) -> int | None:
        """Returns the speaker of a stretch with embedding ``voice`` lasting ``duration_s``, updating that
        speaker's centroid; None while no speaker is known and the stretch is too short (or has no voice) to
        start one."""
        if voice is None or (not self._sums and duration_s < self.options.min_new_speaker_s):
            return self.count - 1 if self.count else None
        if self._sums:
            similarity = self._centroids() @ voice
            best = int(np.argmax(similarity))
            fresh = (similarity[best] < self.options.new_speaker_below and duration_s >= self.options.min_new_speaker_s
                     and self.count < self.options.max_speakers)
            if not fresh:
                self.add_to(best, voice, duration_s)
                return best
        self._sums.append(np.zeros_like(voice))
        self.add_to(self.count - 1, voice, duration_s)
        return self.count - 1

    def add_to(self, speaker: int, voice: np.ndarray | None, duration_s: float) -> None:
        """Returns None after adding a stretch's ``voice`` (None: nothing) to ``speaker``'s centroid."""
        if voice is not None:
            self._sums[speaker] = self._sums[speaker] + min(duration_s, 5.0) * voice  # no monologue pins it for good

    def _centroids(self) -> np.ndarray:
        return np.stack([s / max(float(np.linalg.norm(s)), 1e-9) for s in self._sums])

    def assign(self, audio: np.ndarray) -> int | None:
        """Returns the speaker of one stretch of 16 kHz speech ``audio`` (see :meth:`assign_voice`)."""
        return self.assign_voice(self.voice_of(audio), audio.size / 16000)
