"""The diarization stage: who spoke when in a file, applied to its transcript.

The file is decoded a second time, block by block, so memory stays flat.
The overlap-aware diarizer (pyannote's segmentation model, up to two
speakers at once) or the exclusive built-in one runs, unless a local pyannote
pipeline is named. Words go to the speaker most likely to have said them;
where two people talk at once the transcript records the overlap.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from app.engines import Engines
from audio_core.errors import HushnoteError
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from app.speakers import assign_speakers, overlaps_of
from app.voice_profiles import VoiceProfile, label_known_speakers, match_voices
from audio_core.blocks import BLOCK_S, cut_into_blocks
from audio_core.decode import iter_audio_chunks
from audio_core.diarize.builtin import Diarization, DiarizationOptions, collect_evidence, turns_from_evidence
from audio_core.diarize.overlap import OverlapDiarizationOptions, diarize_blocks

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


def _diarize(path, duration_s: float, engines: Engines, options: SpeakerOptions, on_block, block_s: float,
             channel: int | None = None) -> Diarization:
    """Returns the diarization of the file at ``path`` (``channel`` alone, or the mix) by the diarizer ``options`` name."""
    if options.pyannote_pipeline:
        from audio_core.diarize.pyannote_backend import diarize_with_pyannote

        return diarize_with_pyannote(path, options.pyannote_pipeline, options, engines.voice_encoder)
    if options.diarizer not in DIARIZERS:
        raise HushnoteError(f"unknown diarizer {options.diarizer!r} (choose from {', '.join(DIARIZERS)})")
    blocks = cut_into_blocks(iter_audio_chunks(path, channel=channel), block_s)
    if options.diarizer == "overlap":
        overlap = options.overlap_options()
        return diarize_blocks(engines.segmentation_model, engines.voice_encoder, blocks, overlap, on_block)
    builtin = options.diarization_options()
    evidence = collect_evidence(engines.voice_encoder, blocks, builtin, on_block)
    return turns_from_evidence(evidence, duration_s, builtin)


def find_speakers(
    path: str | Path,
    transcript: Transcript,
    engines: Engines,
    options: SpeakerOptions = SpeakerOptions(),
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    block_s: float = BLOCK_S,
    channel: int | None = None,
) -> Transcript:
    """Returns ``transcript`` with speakers: words assigned by time, segments split at speaker changes,
    and speakers matching an enrolled voice named after it.

    ``channel`` (1-based) listens to that channel alone, None to the mix.
    Progress step "diarize" with ``completed``/``total`` in audio seconds.
    Raises InputError for unreadable audio, ModelError for a missing model
    or extra, HushnoteError for an impossible speaker count, Cancelled.
    """
    total_s = transcript.duration_s or None
    hook("diarize", completed=0.0, total=total_s)
    cancel.check()

    def on_block(end_s: float) -> None:
        cancel.check()
        hook("diarize", completed=min(end_s, total_s or end_s), total=total_s)

    diarization = _diarize(path, transcript.duration_s, engines, options, on_block, block_s, channel)
    cancel.check()
    result = assign_speakers(transcript, diarization.word_turns)
    if diarization.exclusive_turns is not None:
        result = replace(result, overlaps=overlaps_of(diarization.turns, diarization.word_turns))
    if options.voice_profiles and len(diarization.voices):
        result = label_known_speakers(result, match_voices(diarization.voices, list(options.voice_profiles)))
    hook("diarize", completed=total_s, total=total_s)
    return result
