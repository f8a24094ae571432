"""Voice profiles: enrol a named voice, then recognise it in later recordings.

A profile is the unit mean Resemblyzer embedding of a person's speech. A
diarized speaker is given a profile's name only when the cosine similarity
of their voices reaches ``MATCH_THRESHOLD`` — calibrated for a very low
false-accept rate (tests/bench/bench_voice_profiles.py) — and clearly beats
every other profile; otherwise the label stays "Speaker N", so nobody is
mislabelled silently.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from audio_core.errors import HushnoteError, InputError
from audio_core.model import Transcript

MATCH_THRESHOLD = 0.86
"""Cosine similarity a speaker must reach to take a profile's name (see the calibration benchmark)."""
MATCH_MARGIN = 0.03
"""How much the best profile must beat the second best, so two similar voices are never confused."""
MIN_ENROL_SPEECH_S = 3.0
SECOND_VOICE_SHARE = 0.15
"""An enrolment clip is refused when the diarizer hears a second voice with at least this share of the speech: a
real second person (an interviewer, the other side of a call: 18-44 % in the two-voice test clips) rather than a
short interjection, which would barely move the profile."""


@dataclass(frozen=True)
class VoiceProfile:
    """A named voice: ``embedding`` is a unit float32 vector."""

    id: str
    name: str
    embedding: np.ndarray = field(repr=False)


class ProfileStore(Protocol):
    """Where voice profiles live: the encrypted notebook, or memory."""

    def save(self, name: str, embedding: np.ndarray) -> VoiceProfile: ...

    def list(self) -> list[VoiceProfile]: ...

    def delete(self, profile_id: str) -> None: ...


class MemoryProfileStore:
    """Profiles kept in this process only (used when there is no notebook)."""

    def __init__(self) -> None:
        self._profiles: dict[str, VoiceProfile] = {}

    def save(self, name: str, embedding: np.ndarray) -> VoiceProfile:
        """Returns the new profile holding ``embedding`` under ``name``."""
        profile = VoiceProfile(uuid.uuid4().hex, name, _unit(embedding))
        self._profiles[profile.id] = profile
        return profile

    def list(self) -> list[VoiceProfile]:
        """Returns every profile, oldest first."""
        return list(self._profiles.values())

    def delete(self, profile_id: str) -> None:
        """Forgets a profile. Raises HushnoteError for an unknown id."""
        if self._profiles.pop(profile_id, None) is None:
            raise HushnoteError(f"no voice profile {profile_id!r}")


class NotebookProfileStore:
    """Profiles in the encrypted notebook (``app.storage.notebook.Notebook``)."""

    def __init__(self, notebook) -> None:
        self._notebook = notebook

    def save(self, name: str, embedding: np.ndarray) -> VoiceProfile:
        """Returns the new profile, stored encrypted in the notebook."""
        vector = _unit(embedding)
        return VoiceProfile(self._notebook.save_voice_profile(name, vector), name, vector)

    def list(self) -> list[VoiceProfile]:
        """Returns every stored profile, oldest first."""
        return [VoiceProfile(p.id, p.name, _unit(p.embedding)) for p in self._notebook.list_voice_profiles()]

    def delete(self, profile_id: str) -> None:
        """Deletes a stored profile (speakers linked to it are unlinked). Raises a HushnoteError if unknown."""
        self._notebook.delete_voice_profile(profile_id)


def _unit(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    if vector.size == 0 or norm == 0 or not np.isfinite(norm):
        raise HushnoteError("a voice profile needs a non-empty, finite embedding")
    return vector / norm


def voice_of(encoder, audio: np.ndarray) -> tuple[np.ndarray, float]:
    """Returns (unit mean embedding, seconds of speech) of the one voice in 16 kHz ``audio``."""
    from audio_core.diarize.builtin import DiarizationOptions
    from audio_core.diarize.embeddings import embed_windows
    from audio_core.vad import detect_speech

    options = DiarizationOptions()
    regions = [(r.start_s, r.end_s) for r in detect_speech(audio, options.vad)]
    speech_s = sum(e - s for s, e in regions)
    windows = embed_windows(encoder, audio, regions, options.embedding)
    if len(windows) == 0:
        return np.zeros(0, np.float32), speech_s
    return _unit(windows.vectors.mean(axis=0)), speech_s


def enrol(store: ProfileStore, encoder, name: str, path: str | Path, channel: int | None = None,
          allow_several_voices: bool = False) -> VoiceProfile:
    """Returns a new profile called ``name`` made from the recording at ``path`` (one speaker only).

    ``channel`` (1-based) listens to that channel of the file alone, None to the mix of all. A clip where the
    diarizer hears two voices or more, each with at least SECOND_VOICE_SHARE of the speech, is refused, unless
    ``allow_several_voices``: then the voice with the most speech is enrolled alone.

    Raises InputError for unreadable audio, too little speech or several voices, HushnoteError
    for an empty name or a name already enrolled.
    """
    from audio_core.decode import decode_audio

    name = name.strip()
    if not name:
        raise HushnoteError("a voice profile needs a name")
    if any(p.name.casefold() == name.casefold() for p in store.list()):
        raise HushnoteError(f"a voice profile called {name!r} exists already: forget it first")
    audio = decode_audio(path, channel=channel)
    voices = voices_heard(encoder, audio)
    several = [share for share, _ in voices if share >= SECOND_VOICE_SHARE]
    if len(several) > 1 and not allow_several_voices:
        shares = " and ".join(f"{share:.0%}" for share in several)
        raise InputError(f"{path}: {len(several)} voices heard ({shares} of the speech); enrol from a recording of "
                         f"{name} alone (or their own channel, --channel N), or add --allow-several-voices to enrol "
                         "the voice that speaks most")
    if len(voices) > 1 and allow_several_voices:
        vector, speech_s = _voice_in(encoder, audio, voices[0][1])
    else:
        vector, speech_s = voice_of(encoder, audio)
    if speech_s < MIN_ENROL_SPEECH_S or vector.size == 0:
        raise InputError(f"{path}: only {speech_s:.1f} s of speech; enrolling a voice needs at least {MIN_ENROL_SPEECH_S:.0f} s")
    return store.save(name, vector)


def voices_heard(encoder, audio: np.ndarray) -> list[tuple[float, list[tuple[float, float]]]]:
    """Returns the voices the built-in diarizer hears in 16 kHz ``audio``, most speech first: (share of the speech,
    their (start_s, end_s) turns). Empty when there is no speech."""
    from audio_core.diarize.builtin import diarize_audio

    turns: dict[int, list[tuple[float, float]]] = {}
    for turn in diarize_audio(encoder, audio).turns:
        turns.setdefault(turn.speaker, []).append((turn.start_s, turn.end_s))
    total_s = sum(e - s for regions in turns.values() for s, e in regions) or 1.0
    voices = [(sum(e - s for s, e in regions) / total_s, regions) for regions in turns.values()]
    return sorted(voices, key=lambda v: -v[0])


def _voice_in(encoder, audio: np.ndarray, regions: list[tuple[float, float]]) -> tuple[np.ndarray, float]:
    """Returns (unit mean embedding, seconds) of the speech in ``regions`` of ``audio``."""
    from audio_core.diarize.builtin import DiarizationOptions
    from audio_core.diarize.embeddings import embed_windows

    windows = embed_windows(encoder, audio, regions, DiarizationOptions().embedding)
    speech_s = sum(e - s for s, e in regions)
    if len(windows) == 0:
        return np.zeros(0, np.float32), speech_s
    return _unit(windows.vectors.mean(axis=0)), speech_s


@dataclass(frozen=True)
class ProfileMatch:
    """A diarized speaker recognised as a profile, with the similarity that decided it."""

    speaker_index: int
    profile: VoiceProfile
    similarity: float


def match_voices(
    voices: np.ndarray,
    profiles: list[VoiceProfile],
    threshold: float = MATCH_THRESHOLD,
    margin: float = MATCH_MARGIN,
) -> list[ProfileMatch]:
    """Returns the speakers (rows of ``voices``) recognised as a profile.

    A speaker matches when the best profile's cosine similarity reaches
    ``threshold`` and beats the runner-up by ``margin``; each profile names at
    most one speaker (the most similar), so two people never share a name.
    """
    if len(voices) == 0 or not profiles:
        return []
    table = np.asarray(voices, np.float32) @ np.stack([p.embedding for p in profiles]).T
    candidates = []
    for i, row in enumerate(table):
        order = np.argsort(-row)
        best = float(row[order[0]])
        runner_up = float(row[order[1]]) if len(order) > 1 else -1.0
        if best >= threshold and best - runner_up >= margin:
            candidates.append(ProfileMatch(i, profiles[int(order[0])], best))
    taken: set[str] = set()
    matches = []
    for match in sorted(candidates, key=lambda m: -m.similarity):
        if match.profile.id not in taken:
            taken.add(match.profile.id)
            matches.append(match)
    return sorted(matches, key=lambda m: m.speaker_index)


def label_known_speakers(transcript: Transcript, matches: list[ProfileMatch]) -> Transcript:
    """Returns ``transcript`` with matched speakers ("S<i+1>") named after, and linked to, their profile."""
    by_id = {f"S{m.speaker_index + 1}": m.profile for m in matches}
    speakers = [
        replace(s, name=by_id[s.id].name, profile_id=by_id[s.id].id) if s.id in by_id else s for s in transcript.speakers
    ]
    return replace(transcript, speakers=speakers)
