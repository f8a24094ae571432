"""``speakers forget NAME --from-notes``: find a person's voice in every stored note and take it out.

A note holds the person when one of its speakers is linked to, or named as,
their voice profile, or when a speaker's voice (the unit mean Resemblyzer
embedding over their segments, from the stored audio) matches the profile
at the voice-profile threshold (``app.voice_profiles.match_voices``). Each
such note is rewritten in one transaction (``Notebook.rewrite_note``): their
turns become the removal marker and silence (``app.privacy.speaker_removal``),
or, alienating, keep their words in a changed voice under a pseudonym. Either
way their name leaves the note where others say it (``app.privacy.name_mentions``):
in the notes where they speak, and in those that name them in full.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.model import Transcript
from app.privacy.name_mentions import count_mentions, mentions_in_full, name_mentions, remove_mentions
from app.privacy.speaker_removal import remove_speakers, silence_intervals


@dataclass(frozen=True)
class VoiceFinding:
    """One note where the person speaks: which of its speakers, how much, and why we think so.

    similarity: the best voice match (None when found by the profile link or the name alone).
    mentions: how many mentions of their name the rewrite replaces (in the text others speak, title, tags).
    speaker_ids is empty where they do not speak but are named in full.
    """

    note_id: int
    title: str
    created_at: str
    speaker_ids: tuple[str, ...]
    speech_s: float
    similarity: float | None = None
    mentions: int = 0


def find_voice_in_notes(notebook, encoder, name: str, profile=None) -> list[VoiceFinding]:
    """Returns the notes of ``notebook`` where the person ``name`` (with ``profile``, an
    ``app.voice_profiles.VoiceProfile``, or None) speaks, oldest first.

    ``encoder`` is a Resemblyzer VoiceEncoder, used only for notes with audio and no named match.
    Raises NotebookError when the notebook cannot be read.
    """
    findings = []
    mentions = name_mentions(name)
    for summary in sorted(notebook.list_notes(), key=lambda s: (s.created_at, s.id)):
        if summary.state != "complete":
            continue
        transcript = notebook.load_transcript(summary.id)
        named = tuple(s.id for s in transcript.speakers
                      if (profile is not None and s.profile_id == profile.id) or s.name.strip().casefold() == name.strip().casefold())
        similarity = None
        if not named and profile is not None and summary.audio_s > 0:
            named, similarity = _matching_voice(encoder, notebook.read_audio(summary.id), transcript, profile)
        # A one-word name alone does not say who is meant: such a note counts only where the person speaks.
        if named or (len(name.split()) > 1 and mentions_in_full(mentions, transcript, summary.tags)):
            speech_s = sum(s.end_s - s.start_s for s in transcript.segments if s.speaker_id in named)
            findings.append(VoiceFinding(summary.id, summary.title, summary.created_at, named, round(speech_s, 1), similarity,
                                         count_mentions(mentions, transcript, summary.tags, skip_speakers=named)))
    return findings


def _matching_voice(encoder, audio: np.ndarray, transcript: Transcript, profile) -> tuple[tuple[str, ...], float | None]:
    """Returns (the speaker whose voice matches ``profile``, or none; its similarity)."""
    from audio_core.diarize.embeddings import embed_windows
    from app.voice_profiles import match_voices

    speakers = [s.id for s in transcript.speakers]
    voices = np.zeros((len(speakers), 256), np.float32)
    for row, speaker_id in enumerate(speakers):
        regions = [(s.start_s, s.end_s) for s in transcript.segments if s.speaker_id == speaker_id]
        windows = embed_windows(encoder, audio, regions)
        if len(windows):
            mean = windows.vectors.mean(axis=0)
            voices[row] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    matches = match_voices(voices, [profile])
    if not matches:
        return (), None
    return (speakers[matches[0].speaker_index],), round(matches[0].similarity, 3)


def forget_in_note(notebook, finding: VoiceFinding, name: str, alienate: bool = False) -> None:
    """Rewrites the note of ``finding`` without the person ``name``, in one transaction; returns None.

    Removing: their turns read the removal marker, their words leave the text and
    the search index, their stretches of the stored audio (overlaps included) go
    silent. Alienating: their turns keep their words but take a changed voice
    (the note's own alienation secret) and they a pseudonym ("Speaker N").
    Both: every mention of their name (text, words, title, tags, personal-data
    spans, search index) reads the removal marker. The audit log records which
    speakers and how many mentions, never their name or words. Raises NotebookError, NoteNotFoundError.
    """
    state = notebook.note_state(finding.note_id)
    transcript, tags, mentions = remove_mentions(name_mentions(name), state.transcript, state.tags)
    audio = notebook.read_audio(finding.note_id) if finding.speaker_ids else np.zeros(0, np.float32)
    has_audio = audio.size > 0
    who = ", ".join(finding.speaker_ids)
    named = f"; {mentions} mention{'s' if mentions != 1 else ''} of their name replaced"
    if not finding.speaker_ids:
        rewritten, new_audio = transcript, None
        what = f"a participant's name removed at the participant's request{named}"
    elif alienate:
        rewritten = _pseudonymised(transcript, finding.speaker_ids)
        new_audio = _alienated_turns(notebook, finding.note_id, audio, transcript, finding.speaker_ids) if has_audio else None
        what = f"voice of a participant ({who}) alienated and renamed at the participant's request{named}"
    else:
        removal = remove_speakers(transcript, finding.speaker_ids)
        rewritten = removal.transcript
        new_audio = silence_intervals(audio, removal.intervals) if has_audio else None
        what = (f"a participant ({who}) removed at the participant's request: text replaced, "
                f"{removal.removed_s:.1f} s of audio silenced{named}")
    notebook.rewrite_note(finding.note_id, rewritten, new_audio, what, tags=tags)


def _pseudonymised(transcript: Transcript, speaker_ids) -> Transcript:
    from app.privacy.speaker_pseudonyms import NEUTRAL_LABEL

    result = copy.deepcopy(transcript)
    taken = {s.name for s in result.speakers}
    for position, speaker in enumerate(result.speakers, start=1):
        if speaker.id in speaker_ids:
            speaker.profile_id = None
            if not NEUTRAL_LABEL.match(speaker.name):
                number = position
                while f"Speaker {number}" in taken:
                    number += 1
                speaker.name = f"Speaker {number}"
                taken.add(speaker.name)
    return result


def _alienated_turns(notebook, note_id: int, audio: np.ndarray, transcript: Transcript, speaker_ids) -> np.ndarray:
    """Returns ``audio`` with the stretches of ``speaker_ids`` (and their overlaps) in the note's alienated voice."""
    from audio_core.alienate.apply import LabelledTurn, alienate_recording
    from audio_core.alienate.options import AlienationOptions
    from app.privacy.note_secret import note_secret
    from app.privacy.speaker_removal import removal_intervals

    turns = [LabelledTurn(s.start_s, s.end_s, s.speaker_id) for s in transcript.segments]
    alienated = alienate_recording(audio, turns, AlienationOptions(), note_secret(notebook, note_id))
    out = np.asarray(audio, np.float32).copy()
    for start_s, end_s in removal_intervals(transcript, set(speaker_ids)):
        lo, hi = int(start_s * SAMPLE_RATE), min(out.size, int(np.ceil(end_s * SAMPLE_RATE)))
        out[lo:hi] = alienated[lo:hi]
    return out
