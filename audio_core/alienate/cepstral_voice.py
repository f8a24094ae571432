"""The "cepstral" alienation of one speaker: a secret target voice and pitch offset turned into a conversion.

Each speaker of a note gets one of the target voices (``target_voices.POOL_VOICES``)
and a secret pitch offset, drawn from the note's secret: re-exports give the
same voices, and nobody without the secret knows which voice a speaker got.
Two speakers of one note never share a target voice while a free one is
left; beyond that they share one at pitch offsets SLOT_SEMITONES apart.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.cepstral_vc import VoiceStatistics, convert_cepstral, measure_voice_statistics
from audio_core.alienate.frequency_shift import shift_frequencies
from audio_core.alienate.options import AlienationOptions, VoiceParameters, speaker_parameters
from audio_core.alienate.target_voices import POOL_VOICES, target_statistics

SLOT_SEMITONES = 4.0


def assign_target_voices(note_secret: bytes, speaker_ids: Sequence[str]) -> dict[str, tuple[int, float]]:
    """Returns {speaker: (index into POOL_VOICES, extra pitch offset in semitones)}; no two speakers share a slot.

    The same secret and speakers always give the same answer. Raises ValueError for an empty secret.
    """
    if not note_secret:
        raise ValueError("a note secret is needed to draw target voices")
    order = sorted(dict.fromkeys(speaker_ids), key=lambda s: _digest(note_secret, "order", s))
    taken: dict[int, int] = {}
    out = {}
    for speaker in order:
        wanted = int.from_bytes(_digest(note_secret, "voice", speaker)[:8], "big") % len(POOL_VOICES)
        free = [k for k in range(len(POOL_VOICES)) if k not in taken]
        index = (min(free, key=lambda k: (k - wanted) % len(POOL_VOICES)) if free
                 else min(range(len(POOL_VOICES)), key=lambda k: (taken[k], k)))
        slot = taken.get(index, 0)
        taken[index] = slot + 1
        out[speaker] = (index, SLOT_SEMITONES * ((slot + 1) // 2) * (1 if slot % 2 else -1))
    return out


def note_parameters(options: AlienationOptions, note_secret: bytes, speaker_ids: Sequence[str]) -> dict[str, VoiceParameters]:
    """Returns each speaker's "cepstral" parameters in the note, with the target voice the note gives them.

    Raises ValueError for an empty secret.
    """
    out = {}
    for speaker, (index, slot_semitones) in assign_target_voices(note_secret, speaker_ids).items():
        parameters = speaker_parameters(options, note_secret, speaker)
        out[speaker] = replace(parameters, target_voice=POOL_VOICES[index].label,
                               pitch_offset_semitones=round(parameters.pitch_offset_semitones + slot_semitones, 3))
    return out


def _digest(note_secret: bytes, purpose: str, speaker_id: str) -> bytes:
    return hmac.new(note_secret, f"cepstral:{purpose}:{speaker_id}".encode(), hashlib.sha256).digest()


def alienate_cepstral(audio: np.ndarray, parameters: VoiceParameters, sample_rate: int = SAMPLE_RATE,
                      voice: VoiceStatistics | None = None) -> np.ndarray:
    """Returns ``audio`` (one speaker) converted to ``parameters.target_voice``, at the input's length and rate.

    ``voice`` is the speaker measured over all their speech in the note; without it ``audio`` itself is measured.
    Raises ValueError for a non-mono array, a rate other than 16 kHz or an unknown target voice; ModelError when the
    target voice's TTS engine is missing.
    """
    labels = [v.label for v in POOL_VOICES]
    if parameters.target_voice not in labels:
        raise ValueError(f"unknown target voice {parameters.target_voice!r}: choose from {', '.join(labels)}")
    voice = voice if voice is not None else measure_voice_statistics(audio, sample_rate)
    target = target_statistics(POOL_VOICES[labels.index(parameters.target_voice)])
    out = convert_cepstral(audio, voice, target, parameters.pitch_offset_semitones, parameters.normalise_pull,
                           sample_rate)
    if parameters.shift_hz > 0:
        out = shift_frequencies(out, parameters.shift_hz, sample_rate)
    return out
