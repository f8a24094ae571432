"""Where the diarizer hears a participant, transcribed or not: the audio a removal on request must silence too.

A note keeps the words Whisper wrote, and its speaker turns are cut from
them; speech of a person that Whisper never transcribed (a mumble, a word
under someone else's, a stretch dropped as silence) is in no segment, yet
still in the recording. The note's diarizer runs again on the stored audio
(the same overlap-aware diarizer and options the pipeline uses, so it hears
what it heard then), and each of its voices is given to the note's speaker
whose words it covers longest. Every turn of a voice given to a removed
speaker, the overlapped ones included, is theirs. A voice that covers no
word of anyone is given by its sound: to the note speaker whose words'
voice (the diarizer's own embeddings) is nearest, when that is near enough.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from audio_core.blocks import cut_into_blocks
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken

SAME_VOICE = 0.6
"""A voice heard in no word goes to the nearest note speaker at or above this cosine of the diarizer's voices."""


def diarized_stretches(engines, audio: np.ndarray, transcript: Transcript, speaker_ids: Sequence[str],
                       cancel: CancelToken = NEVER_CANCELLED) -> list[tuple[float, float]]:
    """Returns the (start_s, end_s) turns, in time order, in which the diarizer hears one of ``speaker_ids`` in
    16 kHz mono ``audio`` (``transcript``'s recording), overlapped turns included.

    ``engines`` gives the segmentation model and the diarizer's encoder (``app.engines.Engines``).
    Raises ModelError when a model cannot load, Cancelled.
    """
    from app.pipeline.options import PipelineOptions
    from audio_core.diarize.overlap import OverlapDiarizer, OverlapDiarizationOptions

    wanted = set(speaker_ids)
    audio = np.asarray(audio, np.float32)
    if not wanted or not audio.size:
        return []
    diarizer = OverlapDiarizer(engines.segmentation_model, engines.diarization_encoder, OverlapDiarizationOptions())
    for offset_s, block in cut_into_blocks([audio], PipelineOptions().block_s):
        cancel.check()
        diarizer.listen(offset_s, block)
    diarization = diarizer.finish()
    owners = voice_owners(diarization.turns, diarization.voices, transcript)
    return sorted((t.start_s, t.end_s) for t in diarization.turns if owners.get(t.speaker) in wanted)


def voice_owners(turns, voices: np.ndarray, transcript: Transcript) -> dict[int, str]:
    """Returns, for each diarized voice (``SpeakerTurn.speaker``), the id of the note speaker it belongs to:
    the one whose words it covers longest, or, covering none, the one whose voice (the mean of ``voices`` of
    the voices given to them) is nearest at :data:`SAME_VOICE` or above. A voice with neither has no entry."""
    words = [(w.start_s, w.end_s, w.speaker_id) for w in transcript.words if w.speaker_id and w.end_s > w.start_s]
    covered: dict[int, dict[str, float]] = {}
    for turn in turns:
        for start_s, end_s, speaker_id in words:
            seconds = min(turn.end_s, end_s) - max(turn.start_s, start_s)
            if seconds > 0:
                mine = covered.setdefault(turn.speaker, {})
                mine[speaker_id] = mine.get(speaker_id, 0.0) + seconds
    owners = {voice: max(by_speaker, key=by_speaker.get) for voice, by_speaker in covered.items()}
    unheard = {t.speaker for t in turns} - set(owners)
    if unheard and len(voices):
        for voice in unheard:
            if voice >= len(voices):
                continue
            best, best_cosine = None, SAME_VOICE
            for speaker_id in set(owners.values()):
                theirs = [voices[v] for v, owner in owners.items() if owner == speaker_id and v < len(voices)]
                mean = np.mean(theirs, axis=0)
                cosine = float(np.dot(mean, voices[voice]) / max(1e-9, np.linalg.norm(mean) * np.linalg.norm(voices[voice])))
                if cosine >= best_cosine:
                    best, best_cosine = speaker_id, cosine
            if best is not None:
                owners[voice] = best
    return owners
