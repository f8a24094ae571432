"""How close a speaker's own voice is to each resynthesis base voice, so none speaks a person in their own voice.

Each base voice is measured once per process on a fixed reference text
(kept in memory only); each speaker is measured on their own speech in the
recording. A voice print holds one embedding per speaker encoder (the two
the benchmark's attackers use: Resemblyzer and the d-vector encoder) and
the median pitch. A base voice is *close* to a speaker when either
encoder's cosine similarity reaches its CLOSE_SIMILARITY, the similarity at
which an attacker holding the original voice would already call them the
same person (chosen on the benchmark's tune speakers only:
tests/bench/bench_resynth_coincidence.py).
"""
from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.tts import Synthesizer, TtsVoice

# each encoder's equal-error threshold on the tune speakers' original pieces (same person vs another: EER 9.1 % / 5.0 %
# at 0.803 / 0.780): at or above it an attacker holding the original would call the two voices one person
CLOSE_SIMILARITY = {"resemblyzer": 0.80, "dvector": 0.78}
MIN_SPEECH_S = 1.0  # less of a speaker's speech than this gives no reliable print: nothing is excluded
MAX_SPEECH_S = 60.0  # a minute of a speaker's speech is enough for their print
REFERENCE_TEXT = ("The budget review moved to Thursday because the finance team is still collecting numbers. "
                  "Please send the draft agenda to everyone before the end of the afternoon.")


@dataclass(frozen=True)
class VoicePrint:
    """A voice as the attackers see it: unit embeddings by encoder name, and the median pitch (Hz, 0 if unvoiced)."""

    embeddings: Mapping[str, np.ndarray]
    median_pitch_hz: float


class VoicePrinter:
    """Measures voice prints with the given encoders (name → object with ``embed_utterance(wav)``)."""

    def __init__(self, encoders: Mapping[str, object]) -> None:
        self.encoders = dict(encoders)
        self._base: dict[str, VoicePrint] = {}
        self._lock = threading.Lock()

    def voice_print(self, audio: np.ndarray) -> VoicePrint | None:
        """Returns the print of 16 kHz mono speech ``audio``; None when it holds under MIN_SPEECH_S."""
        audio = np.asarray(audio, np.float32)[: int(MAX_SPEECH_S * SAMPLE_RATE)]
        if audio.size < MIN_SPEECH_S * SAMPLE_RATE or not np.any(audio):
            return None
        embeddings = {}
        for name, encoder in self.encoders.items():
            vector = np.asarray(encoder.embed_utterance(audio), np.float64)
            embeddings[name] = vector / max(np.linalg.norm(vector), 1e-12)
        return VoicePrint(embeddings, median_pitch_hz(audio))

    def base_prints(self, voices: Sequence[TtsVoice], synthesizer: Synthesizer) -> dict[str, VoicePrint]:
        """Returns each base voice's print (by label), measured on REFERENCE_TEXT once per process.

        Raises ModelError when a TTS engine is missing.
        """
        with self._lock:
            for voice in voices:
                if voice.label not in self._base:
                    self._base[voice.label] = self.voice_print(synthesizer.speak(voice, REFERENCE_TEXT))
            return {v.label: self._base[v.label] for v in voices if self._base[v.label] is not None}


def similarity(a: VoicePrint, b: VoicePrint) -> dict[str, float]:
    """Returns the cosine similarity of two prints for each encoder both carry."""
    return {name: float(np.dot(a.embeddings[name], b.embeddings[name])) for name in a.embeddings if name in b.embeddings}


def is_close(speaker: VoicePrint, base: VoicePrint, thresholds: Mapping[str, float] = CLOSE_SIMILARITY) -> bool:
    """Returns whether any encoder would call ``speaker`` and ``base`` one person (similarity ≥ its threshold)."""
    return any(value >= thresholds[name] for name, value in similarity(speaker, base).items() if name in thresholds)


def closeness(speaker: VoicePrint, base: VoicePrint, thresholds: Mapping[str, float] = CLOSE_SIMILARITY) -> float:
    """Returns how far past its threshold the nearer encoder is (positive: close; larger: closer)."""
    margins = [value - thresholds[name] for name, value in similarity(speaker, base).items() if name in thresholds]
    return max(margins) if margins else float("-inf")


def median_pitch_hz(audio: np.ndarray) -> float:
    """Returns the median pitch of 16 kHz ``audio`` in Hz (Praat, 75–600 Hz), 0 when nothing is voiced."""
    import parselmouth

    sound = parselmouth.Sound(np.asarray(audio, np.float64), sampling_frequency=SAMPLE_RATE)
    frequency = sound.to_pitch(pitch_floor=75.0, pitch_ceiling=600.0).selected_array["frequency"]
    voiced = frequency[frequency > 0]
    return float(np.median(voiced)) if voiced.size else 0.0


_DEFAULT: VoicePrinter | None = None


def default_printer() -> VoicePrinter:
    """Returns the process's shared printer with Resemblyzer's and the d-vector encoders (loaded once).

    Raises ModelError when either encoder's weights are not installed.
    """
    global _DEFAULT
    if _DEFAULT is None:
        from audio_core.dvector import DVectorEncoder
        from audio_core.voice_encoder import VoiceEncoder

        _DEFAULT = VoicePrinter({"resemblyzer": VoiceEncoder(), "dvector": DVectorEncoder()})
    return _DEFAULT
