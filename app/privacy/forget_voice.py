"""``speakers forget NAME --from-notes``: find a person's voice in every stored note and take it out.

A note holds the person when one of its speakers is linked to, or named as,
their voice profile, or when a speaker's voice (the unit mean Resemblyzer
embedding over their segments, from the stored audio) matches the profile
at the voice-profile threshold (``app.voice_profiles.match_voices``), or,
as a second signal, when the note names them in full as the recogniser
spelt it ("Sean Brennan" for "Shaun Brennan", ``app.privacy.name_spelling``). Each
such note is rewritten in one transaction (``Notebook.rewrite_note``): their
turns become the removal marker and silence (``app.privacy.speaker_removal``),
or, alienating, keep their words in a changed voice under a pseudonym. Either
way their name leaves the note where others say it (``app.privacy.name_mentions``):
in the notes where they speak, and in those that name them in full.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken
from app.privacy.name_mentions import count_mentions, mentions_in_full, name_mentions, remove_mentions, spelt_otherwise
from app.privacy.diarized_speech import diarized_stretches
from app.privacy.speaker_removal import remove_speakers, silence_intervals
from audio_core.errors import HushnoteError


@dataclass(frozen=True)
class VoiceFinding:
    """One note where the person speaks: which of its speakers, how much, and why we think so.

    similarity: the best voice match (None when found by the profile link or the name alone).
    mentions: how many mentions of their name the rewrite replaces (in the text others speak, title, tags).
    spellings: the other spellings of their name among those mentions ("Sean Brennan"), for the person to check.
    speaker_ids is empty where they do not speak but are named in full.
    """

    note_id: int
    title: str
    created_at: str
    speaker_ids: tuple[str, ...]
    speech_s: float
    similarity: float | None = None
    mentions: int = 0
    spellings: tuple[str, ...] = ()
    named_as: str = ""  # the speaker's name where it is the person's spelt otherwise ("Sean Brennan")

    @property
    def why(self) -> str:
        """Returns how the note was found, in words: by voice, by a speaker's name, or by their name in the text."""
        if self.similarity is not None:
            return f"voice match {self.similarity:.2f}"
        if self.speaker_ids:
            return f"a speaker named {self.named_as!r}, a close spelling" if self.named_as else "a speaker named so"
        return "named in full" + (f" as {', '.join(repr(s) for s in self.spellings)}" if self.spellings else "")


def find_voice_in_notes(notebook, encoder, name: str, profile=None) -> list[VoiceFinding]:
    """Returns the notes of ``notebook`` where the person ``name`` (with ``profile``, an
    ``app.voice_profiles.VoiceProfile``, or None) speaks, oldest first.

    ``encoder`` is a Resemblyzer VoiceEncoder, used only for notes with audio and no named match.
    Raises NotebookError when the notebook cannot be read.
    """
    findings = []
    for summary in sorted(notebook.list_notes(), key=lambda s: (s.created_at, s.id)):
        if summary.state != "complete":
            continue
        transcript = notebook.load_transcript(summary.id)
        named = tuple(s.id for s in transcript.speakers
                      if (profile is not None and s.profile_id == profile.id) or s.name.strip().casefold() == name.strip().casefold())
        similarity, named_as = None, ""
        if not named and profile is not None and summary.audio_s > 0:
            named, similarity = _matching_voice(encoder, notebook.read_audio(summary.id), transcript, profile)
        if not named:  # the second signal: a speaker called by the name as spelt otherwise ("Sean Brennan")
            alike = [s for s in transcript.speakers if _spelt_like(name, s.name)]
            named, named_as = tuple(s.id for s in alike), (alike[0].name if alike else "")
        mentions = name_mentions(name, [s.name for s in transcript.speakers if s.id not in named])
        # A one-word name alone does not say who is meant: such a note counts only where the person speaks.
        if named or (len(name.split()) > 1 and mentions_in_full(mentions, transcript, summary.tags)):
            speech_s = sum(s.end_s - s.start_s for s in transcript.segments if s.speaker_id in named)
            findings.append(VoiceFinding(summary.id, summary.title, summary.created_at, named, round(speech_s, 1), similarity,
                                         count_mentions(mentions, transcript, summary.tags, skip_speakers=named),
                                         tuple(spelt_otherwise(mentions, transcript, summary.tags, named)), named_as))
    return findings


def people_to_forget(notebook, profiles=(), open_note_id=None) -> list[str]:
    """Returns the names a person to forget can be chosen by: the named speakers of the note ``open_note_id`` (when
    given), then the enrolled voices (``profiles``), then the named speakers of the other complete notes, newest
    first; each name once (case aside), and no label that names nobody ("Speaker 3", the recorder's "Me").

    :func:`find_voice_in_notes` finds a note by a speaker named so, so each name offered finds at least its notes.
    Raises NotebookError when the notebook cannot be read.
    """
    from app.privacy.speaker_mentions import NO_NAMES
    from app.privacy.speaker_pseudonyms import NEUTRAL_LABEL

    complete = [s for s in notebook.list_notes() if s.state == "complete"]  # newest first
    opened = [n for s in complete if open_note_id is not None and str(s.id) == str(open_note_id) for n in s.speaker_names]
    others = [n for s in complete for n in s.speaker_names]
    names, seen = [], set()
    for name in opened + [p.name for p in profiles] + others:
        name = name.strip()
        if name and not NEUTRAL_LABEL.match(name) and name.casefold() not in NO_NAMES and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def _spelt_like(name: str, speaker_name: str) -> bool:
    """True when ``speaker_name`` is the whole of ``name`` spelt otherwise (each word alike, at least two words)."""
    if len(name.split()) < 2:
        return False  # a single name spelt alike is as likely someone else
    spans = name_mentions(name).close_spellings(speaker_name.strip(), lone_parts=False)
    return spans == [(0, len(speaker_name.strip()))]


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


@dataclass(frozen=True)
class NoteRewrite:
    """One note as it will be stored without the person: its transcript, tags, audio (None: unchanged), audit entry."""

    note_id: int
    transcript: Transcript
    tags: list[str]
    audio: np.ndarray | None
    audit: str

    def commit(self, notebook) -> None:
        """Stores the rewrite in one transaction; returns None. Raises NotebookError, NoteNotFoundError."""
        notebook.rewrite_note(self.note_id, self.transcript, self.audio, self.audit, tags=self.tags)


def forget_in_note(notebook, finding: VoiceFinding, name: str, alienate: bool = False, engines=None) -> None:
    """Rewrites the note of ``finding`` without the person ``name`` (:func:`plan_forget`), in one transaction;
    returns None. Raises what :func:`plan_forget` and :meth:`NoteRewrite.commit` raise."""
    plan_forget(notebook, finding, name, alienate, engines).commit(notebook)


def plan_forget(notebook, finding: VoiceFinding, name: str, alienate: bool = False, engines=None,
                heard: list[tuple[float, float]] | None = None) -> NoteRewrite:
    """Returns the note of ``finding`` as it will be without the person ``name``; the notebook is only read.
    ``heard``: where the diarizer hears them in the note's audio, when already known (None: ``engines`` listens).

    Removing: their turns read the removal marker, their words leave the text and
    the search index, their stretches of the stored audio go silent: overlaps, and
    wherever the diarizer hears them though Whisper wrote nothing (``engines``, an
    ``app.engines.Engines``, listens; None only for a note without audio). Alienating:
    their turns keep their words but take a changed voice (the note's own alienation
    secret), also where the diarizer hears them without words, and they a pseudonym
    ("Speaker N"). Both: every mention of their name
    (text, words, title, tags, personal-data spans, search index) reads the removal
    marker, and its words go silent in the stored audio. The audit log records which
    speakers and how many mentions, never their name or words.
    Raises NotebookError, NoteNotFoundError, HushnoteError when audio is to change and no engines are given.
    """
    from app.privacy.speaker_removal import REMOVED_MARKER

    state = notebook.note_state(finding.note_id)
    others = [s.name for s in state.transcript.speakers if s.id not in finding.speaker_ids]
    transcript, tags, mentions = remove_mentions(name_mentions(name, others), state.transcript, state.tags)
    audio = notebook.read_audio(finding.note_id) if finding.speaker_ids or mentions else np.zeros(0, np.float32)
    has_audio = audio.size > 0
    if has_audio and finding.speaker_ids and not alienate and engines is None and heard is None:
        raise HushnoteError("removing a participant from the stored audio needs the speaker models (no engines given)")
    # their name said by others: the marked words' times (before the turns of the person go)
    named_at = [(w.start_s, w.end_s) for seg in transcript.segments if seg.speaker_id not in finding.speaker_ids
                for w in seg.words if REMOVED_MARKER in w.text]
    who = ", ".join(finding.speaker_ids)
    named = f"; {mentions} mention{'s' if mentions != 1 else ''} of their name replaced"
    if not finding.speaker_ids:
        rewritten, new_audio = transcript, None
        what = f"a participant's name removed at the participant's request{named}"
    elif alienate:
        rewritten = _pseudonymised(transcript, finding.speaker_ids)
        if heard is None:  # (without engines, only the stretches the note itself gives them)
            heard = diarized_stretches(engines, audio, transcript, finding.speaker_ids) if has_audio and engines else []
        new_audio = (_alienated_turns(notebook, finding.note_id, audio, transcript, finding.speaker_ids, heard)
                     if has_audio else None)
        what = f"voice of a participant ({who}) alienated and renamed at the participant's request{named}"
    else:
        if heard is None:
            heard = diarized_stretches(engines, audio, transcript, finding.speaker_ids) if has_audio else []
        removal = remove_speakers(transcript, finding.speaker_ids, heard)
        rewritten = removal.transcript
        new_audio = silence_intervals(audio, removal.intervals) if has_audio else None
        what = (f"a participant ({who}) removed at the participant's request: text replaced, "
                f"{removal.removed_s:.1f} s of audio silenced{named}")
    if has_audio and named_at:
        new_audio = silence_intervals(audio if new_audio is None else new_audio, _padded(named_at, rewritten.words))
    return NoteRewrite(finding.note_id, rewritten, tags, new_audio, what)


def forget_person(notebook, engines, name: str, findings: list[VoiceFinding], profiles=(), alienate: bool = False,
                  on_note: Callable[[VoiceFinding], object] = lambda finding: None,
                  cancel: CancelToken = NEVER_CANCELLED) -> int:
    """Rewrites every note of ``findings`` without the person ``name`` (:func:`forget_in_note`), calling ``on_note``
    after each, then deletes their voice ``profiles`` (``app.voice_profiles.VoiceProfile``s) and rebuilds the
    notebook file so the old pages leave the disk; returns how many notes were rewritten.

    ``cancel`` is checked between notes: each note is either as it was or fully rewritten, and the profiles stay
    until every note is done. Raises NotebookError, HushnoteError, Cancelled.
    """
    from app.voice_profiles import NotebookProfileStore

    for finding in findings:
        cancel.check()
        forget_in_note(notebook, finding, name, alienate=alienate, engines=engines)
        on_note(finding)
    store = NotebookProfileStore(notebook)
    for profile in profiles:
        store.delete(profile.id)
    notebook.vacuum()  # the old text and audio pages leave the file too
    return len(findings)


def _padded(stretches, words) -> list[tuple[float, float]]:
    """Returns ``stretches`` grown as exported bleeps are (towards the kept words, then padded)."""
    from app.privacy.audio_redaction import AudioRedactionOptions, pad_and_merge, reach_towards_kept

    options = AudioRedactionOptions()
    return pad_and_merge(reach_towards_kept(stretches, words, options.reach_s), options.pad_s, float("inf"))


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


def _alienated_turns(notebook, note_id: int, audio: np.ndarray, transcript: Transcript, speaker_ids,
                     heard=()) -> np.ndarray:
    """Returns ``audio`` with the stretches of ``speaker_ids`` (their overlaps, and ``heard``: where the diarizer
    hears them without words) in the note's alienated voice, theirs where the transcript has no words."""
    from audio_core.alienate.apply import LabelledTurn, alienate_recording
    from audio_core.alienate.options import FALLBACK_METHOD, AlienationOptions
    from app.privacy.note_secret import note_secret
    from app.privacy.speaker_removal import removal_intervals

    turns = [LabelledTurn(s.start_s, s.end_s, s.speaker_id) for s in transcript.segments]
    turns += [LabelledTurn(start_s, end_s, speaker_ids[0]) for start_s, end_s in heard]
    # The stored recording keeps their speech in a changed voice: the signal method, since resynthesis would drop
    # whatever the transcript lacks (the diarizer's stretches without words) and the stored note keeps it all.
    alienated = alienate_recording(audio, turns, AlienationOptions(FALLBACK_METHOD), note_secret(notebook, note_id))
    out = np.asarray(audio, np.float32).copy()
    for start_s, end_s in removal_intervals(transcript, set(speaker_ids), heard=heard):
        lo, hi = int(start_s * SAMPLE_RATE), min(out.size, int(np.ceil(end_s * SAMPLE_RATE)))
        out[lo:hi] = alienated[lo:hi]
    return out
