"""Which base voices a speaker may be given, from voice prints alone (no TTS, no encoder)."""
from __future__ import annotations

import numpy as np

from audio_core.alienate.resynth_voices import ENGLISH_VOICES, speaker_voices
from audio_core.alienate.voice_coincidence import CLOSE_SIMILARITY, VoicePrint, VoicePrinter, is_close

LABELS = [v.label for v in ENGLISH_VOICES]


def _print(seed: int, pitch_hz: float, towards: VoicePrint | None = None, mix: float = 0.0) -> VoicePrint:
    embeddings = {}
    for k, name in enumerate(CLOSE_SIMILARITY):
        vector = np.random.default_rng([seed, k]).normal(size=256)
        vector /= np.linalg.norm(vector)
        if towards is not None:
            vector = (1 - mix) * vector + mix * towards.embeddings[name]
            vector /= np.linalg.norm(vector)
        embeddings[name] = vector
    return VoicePrint(embeddings, pitch_hz)


BASE = {label: _print(100 + k, 110.0 + 40 * k) for k, label in enumerate(LABELS)}


def test_a_voice_is_close_to_itself_and_not_to_another():
    assert is_close(BASE[LABELS[0]], BASE[LABELS[0]])
    assert not is_close(BASE[LABELS[0]], BASE[LABELS[1]])


def test_every_speaker_close_to_a_base_voice_is_kept_off_it_whatever_the_secret():
    speakers = {f"S{k}": _print(k, 150.0, BASE[LABELS[k % 4]], 0.95) for k in range(3)}
    for k in range(100):
        voices = speaker_voices(f"s-{k}".encode(), list(speakers), "en", speakers, BASE)
        for index, (speaker, voice) in enumerate(sorted(voices.items())):
            assert voice.base.label != LABELS[index % 4]
        assert len({v.base for v in voices.values()}) == 3


def test_a_speaker_close_to_every_base_voice_gets_the_least_close():
    embeddings = {}
    for name in CLOSE_SIMILARITY:  # a blend of three base voices: the fourth is the least like them
        blend = sum(BASE[label].embeddings[name] for label in (LABELS[0], LABELS[1], LABELS[3]))
        embeddings[name] = blend / np.linalg.norm(blend)
    everything_close = {name: -1.0 for name in CLOSE_SIMILARITY}
    for k in range(20):
        voices = speaker_voices(f"c-{k}".encode(), ["S"], "en", {"S": VoicePrint(embeddings, 150.0)}, BASE, everything_close)
        assert voices["S"].base.label == LABELS[2]


def test_without_prints_the_draw_is_the_secrets_alone():
    assert speaker_voices(b"k", ["A", "B"]) == speaker_voices(b"k", ["A", "B"], "en", {}, {})


def test_under_a_second_of_speech_gives_no_print_so_nothing_is_excluded():
    assert VoicePrinter({}).voice_print(np.full(12000, 0.1, np.float32)) is None
    assert VoicePrinter({}).voice_print(np.zeros(32000, np.float32)) is None


def test_nothing_but_the_exclusion_follows_from_the_speakers_voice():
    # S sounds like base voice 2 and sits between the base voices' pitches. Before, the voice after the excluded one
    # came up twice as often and the pitch offset always pointed away from S's own pitch: an attacker drawing its own
    # copy knew which way the note's voice had moved. Now the three allowed voices come up evenly, either direction.
    speaker = {"S": _print(7, 170.0, BASE[LABELS[2]], 0.95)}
    counts = {label: 0 for label in LABELS}
    directions: dict[str, set] = {label: set() for label in LABELS}
    draws = 600
    for k in range(draws):
        voice = speaker_voices(f"even-{k}".encode(), ["S"], "en", speaker, BASE)["S"]
        counts[voice.base.label] += 1
        directions[voice.base.label].add(voice.pitch_semitones > 0)
    assert counts[LABELS[2]] == 0
    for label in (LABELS[0], LABELS[1], LABELS[3]):
        assert 0.25 * draws < counts[label] < 0.42 * draws, counts
        assert directions[label] == {True, False}, (label, directions)


def test_no_speaker_is_given_a_voice_close_to_a_removed_participant():
    removed = _print(11, 120.0, BASE[LABELS[1]], 0.95)  # a removed participant who sounds like base voice 1
    speakers = {f"S{k}": _print(20 + k, 150.0) for k in range(3)}
    for k in range(100):
        voices = speaker_voices(f"r-{k}".encode(), list(speakers), "en", speakers, BASE, avoid_prints=[removed])
        assert LABELS[1] not in {v.base.label for v in voices.values()}
        assert len({v.base for v in voices.values()}) == 3
