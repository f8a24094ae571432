"""The live transcript of a two-sided call never shows the computer's words as the owner's first.

The passes are given as the two recognisers produced them in real runs (the far side's recogniser had not yet
agreed on "more amiable woman" when the microphone's echo of it was already committed, or heard "marry" where the
microphone heard "married"); the audio is a stand-in voice and its echo 20 dB down, so the echo test itself runs as
it does live.
"""
from __future__ import annotations

import numpy as np

from app.live_sides import TwoSidedTranscriber
from app.pipeline.sides import OWNER_ID, REMOTE_ID
from audio_core.model import Word
from audio_core.streaming import LiveUpdate

RATE = 16_000


def _voice(seconds: float, amplitude: float, seed: int) -> np.ndarray:
    """A stand-in for one voice: its own fixed noise (two voices do not correlate; an echo of one does)."""
    return (amplitude * np.random.default_rng(seed).standard_normal(int(seconds * RATE))).astype(np.float32)


def _call(far_from_s: float, far_to_s: float, total_s: float, own_from_s: float | None = None) -> np.ndarray:
    """(n, 2) frames: the computer loud from ``far_from_s`` to ``far_to_s``, its echo 20 dB down in the microphone,
    and the owner's own voice (loud in the microphone) from ``own_from_s`` when given."""
    n = int(total_s * RATE)
    frames = np.zeros((n, 2), np.float32)
    lo, hi = int(far_from_s * RATE), int(far_to_s * RATE)
    frames[lo:hi, 1] = _voice(far_to_s - far_from_s, 0.1, seed=1)
    frames[lo:hi, 0] = 0.1 * frames[lo:hi, 1]
    if own_from_s is not None:
        frames[int(own_from_s * RATE):, 0] += _voice(total_s - own_from_s, 0.1, seed=2)
    return frames


def _words(*spec: tuple[str, float, float]) -> list[Word]:
    return [Word(text, start, end) for text, start, end in spec]


def _shown(updates: list[LiveUpdate], side: str) -> list[str]:
    return [w.text for u in updates for w in u.newly_committed + u.tentative if w.speaker_id == side]


def test_an_echo_committed_by_the_microphone_before_the_computer_side_agrees_is_never_shown_as_mine():
    call = TwoSidedTranscriber(recognizer=None)
    call.insert_audio(_call(10.0, 12.0, 13.0))
    first = call._combine(LiveUpdate(_words(("How", 9.0, 9.3)), _words(("married", 10.0, 10.4)), 13.0, 0.1),
                          LiveUpdate(_words(("more", 10.45, 10.7), ("amiable", 10.75, 11.2)), [], 13.0, 0.1))
    second = call._combine(LiveUpdate(_words(("married", 10.0, 10.4), ("a", 10.4, 10.45), ("more", 10.45, 10.7),
                                              ("amiable", 10.72, 11.2), ("woman", 11.25, 11.7)), [], 13.0, 0.1),
                           LiveUpdate(_words(("woman", 11.3, 11.7)), [], 13.0, 0.1))
    last = call._combine(LiveUpdate([], [], 13.0, 0.0), LiveUpdate([], [], 13.0, 0.0), final=True)
    assert _shown([first, second, last], OWNER_ID) == []
    assert "amiable" in _shown([first, second, last], REMOTE_ID)


def test_the_owner_speaking_over_a_silent_computer_side_is_shown_at_once():
    call = TwoSidedTranscriber(recognizer=None)
    call.insert_audio(_call(1.0, 2.0, 8.0, own_from_s=4.0))
    update = call._combine(LiveUpdate([], [], 8.0, 0.1), LiveUpdate(_words(("hello", 4.2, 4.6), ("there", 4.7, 5.0)), [], 8.0, 0.1))
    assert _shown([update], OWNER_ID) == ["hello", "there"]


def test_the_owners_own_words_held_during_double_talk_come_out_once_the_far_side_catches_up():
    call = TwoSidedTranscriber(recognizer=None)
    call.insert_audio(_call(10.0, 12.0, 13.0, own_from_s=10.0))
    first = call._combine(LiveUpdate([], _words(("sorry", 10.0, 10.4)), 13.0, 0.1),
                          LiveUpdate(_words(("budget", 10.5, 11.0)), [], 13.0, 0.1))
    assert _shown([first], OWNER_ID) == []
    second = call._combine(LiveUpdate(_words(("sorry", 10.0, 10.4), ("about", 10.5, 10.9), ("that", 11.0, 11.8)), [], 13.0, 0.1),
                           LiveUpdate([], [], 13.0, 0.1))
    assert _shown([second], OWNER_ID) == ["budget"]


def test_an_echo_the_two_recognisers_hear_differently_is_still_dropped():
    call = TwoSidedTranscriber(recognizer=None)
    call.insert_audio(_call(10.0, 12.0, 13.0))
    update = call._combine(LiveUpdate(_words(("How", 9.0, 9.3), ("marry", 10.0, 10.4), ("a", 10.4, 10.5),
                                              ("wife", 11.0, 11.9)), [], 13.0, 0.1),
                           LiveUpdate(_words(("Had", 10.0, 10.1), ("he", 10.1, 10.2), ("married", 10.2, 10.6)), [], 13.0, 0.1))
    assert _shown([update], OWNER_ID) == []
