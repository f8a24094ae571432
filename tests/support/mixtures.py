"""Interferers made in code, and mixing them with real speech at a set SNR.

Music: a chord progression with a melody, every note a stack of decaying
harmonics, over a drum loop (kick, snare, hi-hat). Noise: pink, brown and a
babble-like noise (speech-shaped noise with syllable-rate level changes).
And the synthetic meeting's opening under music, for clean-up before ASR.
Deterministic for a given seed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LEAD_IN_S = 2.0  # silence before the speech in the separation exports' meeting, so a stem's start can be checked

from audio_core.decode import decode_audio

BPM = 110
CHORDS_HZ = ((220.0, 277.2, 329.6), (196.0, 246.9, 293.7), (174.6, 220.0, 261.6), (196.0, 246.9, 311.1))
MELODY_HZ = (659.3, 587.3, 523.3, 587.3, 659.3, 784.0, 659.3, 587.3)


def _note(freq_hz: float, n: int, sample_rate: int, harmonics: int = 6, decay_s: float = 0.6) -> np.ndarray:
    t = np.arange(n) / sample_rate
    tone = sum(np.sin(2 * np.pi * freq_hz * k * t) / k for k in range(1, harmonics + 1) if freq_hz * k < sample_rate / 2)
    return tone * np.exp(-t / decay_s) * np.minimum(1.0, t / 0.005)


def make_music(duration_s: float, sample_rate: int, seed: int = 0) -> np.ndarray:
    """Returns ``duration_s`` of synthetic band music (chords, melody, drums), float32, RMS 0.1."""
    rng = np.random.default_rng(seed)
    n = int(duration_s * sample_rate)
    out = np.zeros(n + sample_rate * 2)
    beat = int(60 / BPM * sample_rate)
    for index, start in enumerate(range(0, n, beat)):
        chord = CHORDS_HZ[(index // 4) % len(CHORDS_HZ)]
        if index % 2 == 0:
            for freq in chord:
                out[start : start + 2 * beat] += 0.3 * _note(freq, 2 * beat, sample_rate, decay_s=0.8)
        out[start : start + beat] += 0.5 * _note(MELODY_HZ[index % len(MELODY_HZ)], beat, sample_rate, 8, 0.3)
        t = np.arange(beat // 2) / sample_rate
        if index % 2 == 0:  # kick: a falling sine
            out[start : start + t.size] += 0.9 * np.sin(2 * np.pi * (50 + 100 * np.exp(-t / 0.03)) * t) * np.exp(-t / 0.12)
        else:  # snare: a noise burst with a body
            burst = rng.standard_normal(t.size) * np.exp(-t / 0.05) * 0.5 + np.sin(2 * np.pi * 190 * t) * np.exp(-t / 0.04) * 0.4
            out[start : start + t.size] += burst
        for half in (0, beat // 2):  # hi-hat: differentiated (bright) noise, very short
            hat = np.diff(rng.standard_normal(int(0.05 * sample_rate) + 1)) * np.exp(-np.arange(int(0.05 * sample_rate)) / (0.01 * sample_rate))
            out[start + half : start + half + hat.size] += 0.15 * hat
    return _at_rms(out[:n], 0.1)


def _shaped_noise(n: int, sample_rate: int, gain_of_hz, rng: np.random.Generator) -> np.ndarray:
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs_hz = np.fft.rfftfreq(n, 1 / sample_rate)
    return np.fft.irfft(spectrum * gain_of_hz(np.maximum(freqs_hz, 20.0)), n)


def make_noise(kind: str, duration_s: float, sample_rate: int, seed: int = 0) -> np.ndarray:
    """Returns ``duration_s`` of "pink", "brown" or "babble" noise, float32, RMS 0.1.

    Raises ValueError for another kind.
    """
    rng = np.random.default_rng(seed)
    n = int(duration_s * sample_rate)
    if kind == "pink":
        noise = _shaped_noise(n, sample_rate, lambda f: 1 / np.sqrt(f), rng)
    elif kind == "brown":
        noise = _shaped_noise(n, sample_rate, lambda f: 1 / f, rng)
    elif kind == "babble":
        # long-term speech spectrum: a peak around 500 Hz, -6 dB/octave above
        noise = _shaped_noise(n, sample_rate, lambda f: (f / 500) / (1 + (f / 500) ** 2), rng)
        step = sample_rate // 4  # about four syllables a second
        levels = rng.uniform(0.3, 1.0, n // step + 2)
        noise *= np.interp(np.arange(n), np.arange(levels.size) * step, levels)
    else:
        raise ValueError(f"unknown noise kind {kind!r}")
    return _at_rms(noise, 0.1)


def _at_rms(signal: np.ndarray, rms: float) -> np.ndarray:
    return (signal * rms / (np.sqrt(np.mean(signal**2)) + 1e-12)).astype(np.float32)


def mix_at_snr(speech: np.ndarray, interferer: np.ndarray, snr_db: float) -> tuple[np.ndarray, np.ndarray]:
    """Returns (mixture, scaled interferer) with speech-to-interferer power ratio ``snr_db``.

    The interferer is tiled or cut to the speech's length; the mixture is
    scaled down together with both parts if it would clip.
    """
    interferer = np.resize(interferer, speech.size)
    scale = np.sqrt(np.mean(speech**2) / (np.mean(interferer**2) * 10 ** (snr_db / 10)))
    interferer = (interferer * scale).astype(np.float32)
    mixture = speech + interferer
    return mixture.astype(np.float32), interferer


def si_sdr_db(estimate: np.ndarray, reference: np.ndarray) -> float:
    """Returns the scale-invariant signal-to-distortion ratio of ``estimate`` against ``reference`` in dB."""
    estimate = estimate.astype(np.float64) - estimate.mean()
    reference = reference.astype(np.float64) - reference.mean()
    target = np.dot(estimate, reference) / np.dot(reference, reference) * reference
    error = estimate - target
    return float(10 * np.log10(np.dot(target, target) / max(np.dot(error, error), 1e-20)))


@dataclass(frozen=True)
class MeetingOverMusic:
    """The synthetic meeting's opening under band music, with its parts (16 kHz) and its turns."""

    mixture: np.ndarray
    speech: np.ndarray
    music: np.ndarray  # as scaled into the mixture
    turns: list[dict]  # meeting.json's turns kept: start, end, speaker, text

    @property
    def reference(self) -> str:
        """The words said, for WER."""
        return " ".join(t["text"] for t in self.turns)


def meeting_over_music(testdata: Path, turns: int | None = 3, snr_db: float = 0.0, seed: int = 2) -> MeetingOverMusic:
    """Returns the synthetic meeting's first ``turns`` turns (None: all) under band music at ``snr_db``."""
    meeting = json.loads((testdata / "synthetic" / "meeting.json").read_text())
    kept = meeting["turns"][:turns]
    speech = decode_audio(testdata / "synthetic" / "meeting.wav")[: int((kept[-1]["end"] + 0.3) * 16_000)]
    mixture, music = mix_at_snr(speech, make_music(speech.size / 16_000, 16_000, seed=seed), snr_db)
    return MeetingOverMusic(mixture, speech, music, kept)
