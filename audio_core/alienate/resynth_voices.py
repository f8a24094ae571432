"""Which TTS voice speaks for each speaker of a note, drawn from the note's secret.

Each speaker gets a public base voice (piper, flite or espeak-ng) and a
secret offset of pitch, formant spacing and speaking rate, drawn from an
HMAC of the note secret and the speaker id, so re-exports of a note give
the same voices and nobody without the secret can predict them. Where the
speakers' voice prints are given (``voice_coincidence``), no speaker is
given a base voice close to their own (one an attacker holding the
original would call the same person), nor one close to a participant
removed at their request. Beyond that exclusion nothing in the draw
depends on the speaker's voice: the base voice is drawn evenly among the
allowed ones and the offset's direction and size come from the secret
alone (a direction chosen from the speaker's own pitch told an attacker
who draws its own copy which way the note's voice had moved). Within one
note two speakers never share a voice: a speaker draws among the free
allowed base voices, and once every one is taken, shares one at a pitch
offset at least SLOT_SEMITONES from the others'.
"""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from audio_core.alienate.tts import TtsVoice
from audio_core.alienate.voice_coincidence import CLOSE_SIMILARITY, VoicePrint, closeness, is_close

# English: the voices that ship here that tiny.en understands about as well as the original speech. Measured on the
# synthetic meeting's text (dev), WER over two secret draws: rms 1.2 %, piper joe 2.4–6.0 %, kal16 3.6–6.0 %,
# slt 4.8 %; left out: flite awb 5.4–16.7 %, espeak-ng en-us 11–14 % (original audio: 3.6 %).
ENGLISH_VOICES = (
    TtsVoice("piper", "en_US-joe-medium"),
    TtsVoice("flite", "slt"),
    TtsVoice("flite", "rms"),
    TtsVoice("flite", "kal16"),
)
# Other languages: espeak-ng's voice for the language with its male and female variants.
ESPEAK_VARIANTS = ("m3", "f3", "m1", "f4", "m7")
ESPEAK_LANGUAGES = {"de": "de", "fr": "fr-fr", "es": "es", "it": "it", "nl": "nl", "pt": "pt", "sv": "sv", "pl": "pl",
                    "da": "da", "fi": "fi", "nb": "nb", "no": "nb", "cs": "cs", "ru": "ru", "tr": "tr", "el": "el"}

PITCH_JITTER_SEMITONES = (0.5, 2.0)  # each speaker's secret pitch offset from its base voice (up or down)
FORMANT_JITTER = (0.02, 0.08)  # formant ratio 1 ± this, in the pitch's direction
RATE_JITTER = 0.08  # speaking rate × (1 ± up to this)
AVOID_OWN_VOICE = True  # False only in the benchmark: the draw that never looked at the speakers' voices
SLOT_SEMITONES = 4.0  # speakers sharing a base voice sit this far apart in pitch (at least 2.5 semitones with jitter)


@dataclass(frozen=True)
class ResynthVoice:
    """One speaker's voice in one note: a public base voice and a secret offset from it."""

    base: TtsVoice
    pitch_semitones: float
    formant_ratio: float
    rate: float

    @property
    def pitch_ratio(self) -> float:
        """Returns the pitch multiplier of ``pitch_semitones``."""
        return float(2.0 ** (self.pitch_semitones / 12.0))


def base_voices(language: str) -> tuple[TtsVoice, ...]:
    """Returns the base voices for ``language`` (ISO 639-1, "en" when empty); raises ValueError when none speaks it."""
    code = (language or "en").lower().split("-")[0].split("_")[0]
    if code == "en":
        return ENGLISH_VOICES
    espeak = ESPEAK_LANGUAGES.get(code)
    if espeak is None:
        raise ValueError(f"no resynthesis voice speaks {language!r}: choose another alienation method")
    return tuple(TtsVoice("espeak-ng", f"{espeak}+{variant}", code) for variant in ESPEAK_VARIANTS)


def speaker_voices(
    note_secret: bytes,
    speaker_ids: Sequence[str],
    language: str = "en",
    speaker_prints: Mapping[str, VoicePrint | None] | None = None,
    base_prints: Mapping[str, VoicePrint] | None = None,
    close_similarity: Mapping[str, float] = CLOSE_SIMILARITY,
    avoid_prints: Sequence[VoicePrint] = (),
) -> dict[str, ResynthVoice]:
    """Returns each speaker's voice in the note whose secret is ``note_secret``; no two speakers share one.

    ``speaker_prints`` (by speaker id) and ``base_prints`` (by base voice
    label) are the original voices' and the base voices' prints: a base
    voice close to a speaker's own, or to any of ``avoid_prints`` (the
    voices of participants removed at their request), is never theirs
    (unless every base voice is, then the least close); ``close_similarity``
    is each encoder's threshold of "close" (see ``voice_coincidence``).
    The rest of the draw depends on the secret alone. The same secret,
    speakers, prints and language always give the same voices.
    Raises ValueError for an empty secret or a language no voice speaks.
    """
    if not note_secret:
        raise ValueError("a note secret is needed to draw resynthesis voices")
    pool = base_voices(language)
    speaker_prints = (speaker_prints or {}) if AVOID_OWN_VOICE else {}
    base_prints = (base_prints or {}) if AVOID_OWN_VOICE else {}
    avoid_prints = [p for p in avoid_prints if p is not None] if AVOID_OWN_VOICE else []
    # speakers claim voices in a secret order, so which speaker is "first" tells nothing
    order = sorted(dict.fromkeys(speaker_ids), key=lambda s: _digest(note_secret, "order", s))
    taken: dict[int, int] = {}  # base voice index -> speakers on it
    voices: dict[str, ResynthVoice] = {}
    for speaker in order:
        rng = np.random.default_rng(int.from_bytes(_digest(note_secret, "voice", speaker)[:8], "big"))
        own = speaker_prints.get(speaker)
        allowed = _allowed_voices(pool, [own, *avoid_prints] if own is not None else avoid_prints, base_prints,
                                  close_similarity)
        fewest = min(taken.get(k, 0) for k in allowed)
        # evenly among the allowed voices shared by the fewest speakers (free ones first): taking "the next free one"
        # after an excluded voice would make that one twice as likely, a cue to the speaker's own voice
        choices = [k for k in allowed if taken.get(k, 0) == fewest]
        index = choices[int(rng.integers(len(choices)))]
        slot = taken.get(index, 0)
        taken[index] = slot + 1
        # slot 0, 1, 2, 3, 4... sits at 0, +4, -4, +8, -8 semitones, its jitter pointing away from slot 0's
        centre = SLOT_SEMITONES * ((slot + 1) // 2) * (1 if slot % 2 else -1)
        direction = (1.0 if rng.random() < 0.5 else -1.0) if centre == 0 else float(np.sign(centre))
        semitones = centre + direction * rng.uniform(*PITCH_JITTER_SEMITONES)
        voices[speaker] = ResynthVoice(
            base=pool[index],
            pitch_semitones=round(semitones, 3),
            formant_ratio=round(1.0 + direction * rng.uniform(*FORMANT_JITTER), 4),
            rate=round(1.0 + rng.uniform(-RATE_JITTER, RATE_JITTER), 4),
        )
    return voices


def _allowed_voices(pool: Sequence[TtsVoice], kept_off: Sequence[VoicePrint], base_prints: Mapping[str, VoicePrint],
                    thresholds: Mapping[str, float]) -> list[int]:
    """Returns the indices of the base voices close to none of ``kept_off``; the least close one when all are."""
    def nearest(k: int) -> float:  # how close the base voice comes to any of them (positive: close)
        base = base_prints.get(pool[k].label)
        return max((closeness(v, base, thresholds) for v in kept_off), default=float("-inf")) if base else float("-inf")

    close = {k for k in range(len(pool)) if any(is_close(v, base_prints[pool[k].label], thresholds)
                                                for v in kept_off if pool[k].label in base_prints)}
    allowed = [k for k in range(len(pool)) if k not in close]
    return allowed or [min(close, key=lambda k: (nearest(k), k))]


def _digest(note_secret: bytes, purpose: str, speaker_id: str) -> bytes:
    return hmac.new(note_secret, f"resynth:{purpose}:{speaker_id}".encode(), hashlib.sha256).digest()
