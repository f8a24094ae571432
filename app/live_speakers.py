"""Provisional speaker labels for the live transcript of a one-microphone recording.

As words are committed, they are grouped into stretches (a new stretch after a
pause, a sentence end or 4 s of speech), each stretch is embedded from the
recorded audio and given a provisional speaker by incremental clustering
(:mod:`audio_core.diarize.online`). Labels are "Speaker 1", "Speaker 2", … and
are marked provisional; the final pass's diarization replaces them when the
recording stops. Only the last ``keep_s`` seconds of audio are held (in
memory, never on disk), enough for the words the live recogniser commits.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.diarize.online import OnlineSpeakerOptions, OnlineSpeakers
from audio_core.model import Word

LIVE_PREFIX = "live-"
PAUSE_S = 0.3  # a gap this long between words starts a new stretch (turns change at pauses)
CONTEXT_S = 1.5  # a stretch is embedded with up to this much of the speech before it (Resemblyzer's partials: 1.6 s)
MAX_STRETCH_S = 4.0  # longer stretches are cut, so a turn change without a pause is caught within a few seconds
SENTENCE_ENDS = (".", "?", "!")


def live_speaker_name(speaker_id: str) -> str:
    """Returns the display name of a provisional speaker id ("live-2" -> "Speaker 2")."""
    return f"Speaker {speaker_id.removeprefix(LIVE_PREFIX)}"


def _stretches(words: list[Word], previous: Word | None) -> list[list[Word]]:
    groups: list[list[Word]] = []
    last = previous
    for word in words:
        starts_new = (
            not groups
            or last is None
            or word.start_s - last.end_s >= PAUSE_S
            or last.text.rstrip().endswith(SENTENCE_ENDS)
            or word.end_s - groups[-1][0].start_s > MAX_STRETCH_S
        )
        if starts_new:
            groups.append([word])
        else:
            groups[-1].append(word)
        last = word
    return groups


class LiveSpeakerLabeller:
    """Gives committed live words provisional speakers; feed audio with :meth:`add_audio` in order and label
    each pass's newly committed words with :meth:`label`."""

    def __init__(self, encoder, options: OnlineSpeakerOptions = OnlineSpeakerOptions(), keep_s: float = 60.0):
        self.speakers = OnlineSpeakers(encoder, options)
        self.keep_n = int(keep_s * SAMPLE_RATE)
        self._audio = np.zeros(0, np.float32)
        self._audio_start_n = 0  # recording sample index of self._audio[0]
        self._last: Word | None = None
        self._run_start_s = 0.0  # where the speech without a pause that the last words belong to began

    @property
    def names(self) -> dict[str, str]:
        """Returns the display name of each provisional speaker found so far."""
        ids = [f"{LIVE_PREFIX}{i + 1}" for i in range(self.speakers.count)]
        return {speaker_id: live_speaker_name(speaker_id) for speaker_id in ids}

    def add_audio(self, audio: np.ndarray) -> None:
        """Returns None after keeping 16 kHz mono ``audio`` (the next samples of the recording)."""
        joined = np.concatenate([self._audio, np.asarray(audio, np.float32)])
        drop = max(0, joined.size - self.keep_n)
        self._audio = joined[drop:]
        self._audio_start_n += drop

    def _samples(self, start_s: float, end_s: float) -> np.ndarray:
        lo = max(0, int(start_s * SAMPLE_RATE) - self._audio_start_n)
        hi = max(0, int(end_s * SAMPLE_RATE) - self._audio_start_n)
        return self._audio[lo:hi]

    def label(self, words: list[Word]) -> list[Word]:
        """Returns ``words`` (newly committed, in time order) with provisional ``speaker_id``s ("live-1", …).

        A stretch that goes on from the previous words without a pause is embedded together with the
        speech just before it (up to ``CONTEXT_S``: a word or two alone make a noisy voice, and the live
        recogniser commits a word or two per pass).
        """
        out: list[Word] = []
        for group in _stretches(words, self._last):
            start_s, end_s = group[0].start_s, group[-1].end_s
            continues = (self._last is not None and start_s - self._last.end_s < PAUSE_S
                         and not self._last.text.rstrip().endswith(SENTENCE_ENDS))
            if not continues:
                self._run_start_s = start_s
            heard_from_s = max(self._run_start_s, min(start_s, end_s - CONTEXT_S))
            voice = self.speakers.voice_of(self._samples(heard_from_s, end_s))
            speaker = self.speakers.assign_voice(voice, end_s - heard_from_s)
            speaker_id = None if speaker is None else f"{LIVE_PREFIX}{speaker + 1}"
            labelled = [replace(word, speaker_id=speaker_id) for word in group]
            out += labelled
            self._last = labelled[-1]
        return out
