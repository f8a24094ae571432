"""The diarization stage: who spoke when, applied to a transcript.

It listens to the same decoded blocks as recognition (the pipeline feeds it
each block once), keeping only speech regions and small embeddings, so memory
stays flat; the built-in diarizer runs unless a local pyannote pipeline is
named (pyannote needs the whole recording, so its blocks are kept).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from app.engines import Engines
from audio_core.errors import HushnoteError
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from app.speakers import assign_speakers
from app.voice_profiles import VoiceProfile, label_known_speakers, match_voices
from audio_core.diarize.builtin import Diarization, DiarizationOptions, SpeechEvidence, collect_evidence, turns_from_evidence
from audio_core.diarize.embeddings import WindowEmbeddings


@dataclass(frozen=True)
class SpeakerOptions:
    """How speakers are found and named.

    enabled: diarize at all (``--no-diarize`` turns it off).
    num_speakers / min_speakers / max_speakers: the speaker count, fixed or bounded (default: estimated).
    builtin: settings of the built-in diarizer.
    pyannote_pipeline: a local pyannote pipeline folder to use instead (needs ``hushnote[pyannote]``).
    voice_profiles: enrolled voices; a speaker who matches one is named after it.
    """

    enabled: bool = True
    num_speakers: int | None = None
    min_speakers: int = 1
    max_speakers: int | None = None
    builtin: DiarizationOptions = field(default_factory=DiarizationOptions)
    pyannote_pipeline: str | None = None
    voice_profiles: tuple[VoiceProfile, ...] = ()

    def diarization_options(self) -> DiarizationOptions:
        """Returns the built-in diarizer's options with this speaker count applied.

        Raises HushnoteError when the bounds contradict each other.
        """
        low = self.num_speakers or self.min_speakers
        high = self.num_speakers or self.max_speakers
        if low < 1 or (high is not None and high < low):
            raise HushnoteError(f"impossible speaker count: at least {low}, at most {high}")
        clustering = replace(
            self.builtin.clustering,
            num_speakers=self.num_speakers,
            min_speakers=self.min_speakers,
            max_speakers=self.max_speakers,
        )
        return replace(self.builtin, clustering=clustering)


class SpeakerFinder:
    """Finds who spoke when in one recording fed to it block by block, then names them in its transcript.

    Call :meth:`listen` with each ``(offset_s, block)`` of 16 kHz mono audio in
    order, then :meth:`apply` once. The speaker encoder is loaded on the first
    block, so a background preload can run while recognition works.
    """

    def __init__(self, engines: Engines, options: SpeakerOptions = SpeakerOptions(), cancel: CancelToken = NEVER_CANCELLED):
        self.engines = engines
        self.options = options
        self.cancel = cancel
        self._builtin = options.diarization_options()  # an impossible speaker count fails before any work
        self._evidence: list[SpeechEvidence] = []
        self._kept_blocks: list[np.ndarray] = []

    def listen(self, offset_s: float, block: np.ndarray) -> None:
        """Returns None after taking what diarization needs from one block.

        Raises ModelError when the speaker encoder cannot load, Cancelled.
        """
        self.cancel.check()
        if self.options.pyannote_pipeline:
            self._kept_blocks.append(block)
            return
        self._evidence.append(collect_evidence(self.engines.voice_encoder, [(offset_s, block)], self._builtin))

    def apply(self, transcript: Transcript, hook: ProgressHook = no_progress) -> Transcript:
        """Returns ``transcript`` with speakers: words assigned by time, segments split at speaker changes,
        and speakers matching an enrolled voice named after it.

        Progress step "diarize" with ``completed``/``total`` in audio seconds (0, then the end).
        Raises ModelError for a missing model or extra, Cancelled.
        """
        total_s = transcript.duration_s or None
        hook("diarize", completed=0.0, total=total_s)
        self.cancel.check()
        diarization = self._diarize(transcript.duration_s)
        self.cancel.check()
        result = assign_speakers(transcript, diarization.turns)
        if self.options.voice_profiles and len(diarization.voices):
            result = label_known_speakers(result, match_voices(diarization.voices, list(self.options.voice_profiles)))
        hook("diarize", completed=total_s, total=total_s)
        return result

    def _diarize(self, duration_s: float) -> Diarization:
        if self.options.pyannote_pipeline:
            from audio_core.diarize.pyannote_backend import load_pipeline, run_pipeline, voices_of_turns

            pipeline = load_pipeline(self.options.pyannote_pipeline)
            audio = np.concatenate(self._kept_blocks) if self._kept_blocks else np.zeros(0, np.float32)
            low = self.options.min_speakers if self.options.min_speakers > 1 else None
            turns = run_pipeline(pipeline, audio, self.options.num_speakers, low, self.options.max_speakers)
            if not self.options.voice_profiles:
                return Diarization(turns, np.zeros((0, 256), np.float32))
            return Diarization(turns, voices_of_turns(self.engines.voice_encoder, audio, turns))
        return turns_from_evidence(_joined_evidence(self._evidence), duration_s, self._builtin)


def _joined_evidence(parts: list[SpeechEvidence]) -> SpeechEvidence:
    def joined(windows: list[WindowEmbeddings]) -> WindowEmbeddings:
        if not windows:
            return WindowEmbeddings(np.zeros(0), np.zeros(0), np.zeros((0, 256), np.float32))
        return WindowEmbeddings(np.concatenate([w.starts_s for w in windows]), np.concatenate([w.ends_s for w in windows]),
                                np.concatenate([w.vectors for w in windows]))

    return SpeechEvidence(
        [region for part in parts for region in part.regions],
        joined([part.windows for part in parts]),
        joined([part.segment_windows for part in parts]),
    )
