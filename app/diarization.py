"""The diarization stage: who spoke when, applied to a transcript.

It listens to the same decoded blocks as recognition (the pipeline feeds it
each block once), keeping only what each diarizer needs, so memory stays
flat. The overlap-aware diarizer (pyannote's segmentation model, up to two
speakers at once) or the exclusive built-in one runs, unless a local pyannote
pipeline is named (pyannote needs the whole recording, so its blocks are
kept). Words go to the speaker most likely to have said them; where two people
talk at once the transcript records the overlap.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from app.engines import Engines
from audio_core.errors import HushnoteError
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from app.speakers import assign_speakers, overlaps_of
from app.voice_profiles import VoiceProfile, label_known_speakers, match_voices
from audio_core.diarize.builtin import Diarization, DiarizationOptions, turns_from_evidence
from audio_core.diarize.evidence import EvidenceStore
from audio_core.diarize.overlap import OverlapDiarizationOptions, OverlapDiarizer

DIARIZERS = ("overlap", "builtin")


@dataclass(frozen=True)
class SpeakerOptions:
    """How speakers are found and named.

    enabled: diarize at all (``--no-diarize`` turns it off).
    num_speakers / min_speakers / max_speakers: the speaker count, fixed or bounded (default: estimated).
    diarizer: "overlap" (pyannote's segmentation model: overlapping speech, up to two at once)
        or "builtin" (Silero + Resemblyzer, one speaker at a time).
    builtin: settings of the built-in diarizer.
    overlap: settings of the overlap-aware diarizer.
    pyannote_pipeline: a local pyannote pipeline folder to use instead (needs ``hushnote[pyannote]``).
    voice_profiles: enrolled voices; a speaker who matches one is named after it.
    """

    enabled: bool = True
    num_speakers: int | None = None
    min_speakers: int = 1
    max_speakers: int | None = None
    diarizer: str = "overlap"
    builtin: DiarizationOptions = field(default_factory=DiarizationOptions)
    overlap: OverlapDiarizationOptions = field(default_factory=OverlapDiarizationOptions)
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

    def overlap_options(self) -> OverlapDiarizationOptions:
        """Returns the overlap-aware diarizer's options with this speaker count applied.

        Raises HushnoteError when the bounds contradict each other.
        """
        self.diarization_options()  # the same bounds check
        return self.overlap.with_speaker_count(self.num_speakers, self.min_speakers, self.max_speakers)


class SpeakerFinder:
    """Finds who spoke when in one recording fed to it block by block, then names them in its transcript.

    Call :meth:`listen` with each ``(offset_s, block)`` of 16 kHz mono audio in
    order, then :meth:`apply` once. The models are loaded on the first
    block, so a background preload can run while recognition works.
    """

    def __init__(self, engines: Engines, options: SpeakerOptions = SpeakerOptions(), cancel: CancelToken = NEVER_CANCELLED):
        """Raises HushnoteError for an unknown diarizer or an impossible speaker count (before any work)."""
        if options.diarizer not in DIARIZERS:
            raise HushnoteError(f"unknown diarizer {options.diarizer!r} (choose from {', '.join(DIARIZERS)})")
        self.engines = engines
        self.options = options
        self.cancel = cancel
        self._builtin = options.diarization_options()
        self._overlap_options = options.overlap_options() if options.diarizer == "overlap" else None
        self._overlap: OverlapDiarizer | None = None
        self._evidence = EvidenceStore()
        self._kept_blocks: list[np.ndarray] = []

    def listen(self, offset_s: float, block: np.ndarray) -> None:
        """Returns None after taking what diarization needs from one block.

        Raises ModelError when a model cannot load, Cancelled.
        """
        self.cancel.check()
        if self.options.pyannote_pipeline:
            self._kept_blocks.append(block)
        elif self._overlap_options is not None:
            if self._overlap is None:
                self._overlap = OverlapDiarizer(self.engines.segmentation_model, self.engines.diarization_encoder,
                                                self._overlap_options)
            self._overlap.listen(offset_s, block)
        else:
            self._evidence.listen(self.engines.diarization_encoder, offset_s, block, self._builtin)

    def apply(self, transcript: Transcript, hook: ProgressHook = no_progress) -> Transcript:
        """Returns ``transcript`` with speakers: words assigned by time, segments split at speaker changes,
        overlaps recorded, and speakers matching an enrolled voice named after it.

        Progress step "diarize" with ``completed``/``total`` in audio seconds (0, then the end).
        Raises ModelError for a missing model or extra, Cancelled.
        """
        total_s = transcript.duration_s or None
        hook("diarize", completed=0.0, total=total_s)
        self.cancel.check()
        diarization = self._diarize(transcript.duration_s)
        self.cancel.check()
        result = assign_speakers(transcript, diarization.word_turns)
        if diarization.exclusive_turns is not None:
            result = replace(result, overlaps=overlaps_of(diarization.turns, diarization.word_turns))
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
        if self._overlap_options is not None:
            if self._overlap is None:  # no audio at all
                return Diarization([], np.zeros((0, 256), np.float32))
            return self._overlap.finish()
        return turns_from_evidence(self._evidence.evidence(), duration_s, self._builtin)
