"""How fast each Whisper model runs on this machine, and which one to recommend.

Speeds are kept as real-time factors (processing seconds per audio second)
and shown as the progress bar shows speed ("12.5x real time"). A model measured here (``hushnote models list --measure``) shows its
measured figure; the others show an estimate scaled from the measured one
closest in cost by their relative decoding cost, labelled as an estimate.
"""
from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

from app import paths
from app.models_registry import KNOWN_MODELS, KnownModel

SAMPLE_AUDIO = Path(__file__).resolve().parents[1] / "assets" / "sample" / "meeting.wav"
MEASURE_SECONDS = 20.0
ENGLISH = ("en", "english", "")


@dataclass(frozen=True)
class SpeedEstimate:
    """A real-time factor on this machine; ``measured`` False means scaled from ``basis``."""

    rtf: float
    measured: bool
    basis: str

    def describe(self) -> str:
        """Returns the speed as the progress bar shows it (audio seconds per second), e.g.
        "12.5x real time (measured)" or "~2.1x real time (estimate from base)"."""
        if self.measured:
            return f"{1 / self.rtf:.1f}x real time (measured)"
        return f"~{1 / self.rtf:.1f}x real time (estimate from {self.basis})"


def speed_file() -> Path:
    """Returns the file holding measured real-time factors (model timings only, no audio or text)."""
    return paths.models_dir() / "speed.json"


def measured_speeds() -> dict[str, float]:
    """Returns {model name: measured real-time factor} for the models measured on this machine."""
    path = speed_file()
    if not path.is_file():
        return {}
    try:
        return {name: float(entry["rtf"]) for name, entry in json.loads(path.read_text()).items()}
    except (ValueError, KeyError, TypeError):
        return {}


def estimate_speed(model: KnownModel, measured: dict[str, float]) -> SpeedEstimate | None:
    """Returns the model's measured speed, or one scaled from the measured model closest in cost; None if none is measured."""
    if model.name in measured:
        return SpeedEstimate(measured[model.name], True, model.name)
    known = [name for name in measured if name in KNOWN_MODELS]
    if not known:
        return None
    # The measured model closest in cost scales best (base for small, not tiny).
    basis = min(known, key=lambda name: abs(math.log(model.relative_cost / KNOWN_MODELS[name].relative_cost)))
    scale = model.relative_cost / KNOWN_MODELS[basis].relative_cost
    return SpeedEstimate(measured[basis] * scale, False, basis)


def measure_speed(name: str, device: str = "cpu") -> float:
    """Transcribes the first 20 s of the bundled sample with model ``name``; returns and records its real-time factor.

    Raises ModelError when the model is not installed or cannot be loaded.
    """
    from app.engines import EngineSettings, Engines
    from audio_core.decode import decode_audio
    from audio_core.transcribe import AsrOptions, transcribe_array

    audio = decode_audio(SAMPLE_AUDIO)[: int(MEASURE_SECONDS * 16_000)]
    recognizer = Engines(EngineSettings(model=name, device=device)).recognizer
    options = AsrOptions(language=recognizer.check_language("en"))
    started = time.perf_counter()
    for _ in transcribe_array(recognizer, audio, options):
        pass
    rtf = (time.perf_counter() - started) / MEASURE_SECONDS
    _record(name, rtf, recognizer.device.device)
    return rtf


def _record(name: str, rtf: float, device: str) -> None:
    path = speed_file()
    entries = json.loads(path.read_text()) if path.is_file() else {}
    entries[name] = {"rtf": round(rtf, 4), "device": device, "measured_at": time.strftime("%Y-%m-%d")}
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(entries, indent=2))
    os.replace(partial, path)


@dataclass(frozen=True)
class Recommendation:
    """The model suggested for this machine and why."""

    model: str
    reason: str


def has_cuda() -> bool:
    """Returns True when CTranslate2 sees a CUDA GPU."""
    try:
        import ctranslate2

        return ctranslate2.get_cuda_device_count() > 0
    except (ImportError, RuntimeError):
        return False


def recommend_model(cuda: bool, cpu_cores: int, language: str | None = None) -> Recommendation:
    """Returns the model to suggest: large-v3-turbo on a CUDA GPU; on a CPU small (8+ cores) or base.

    English-only speech on a CPU with 8+ cores gets small.en, which is a little
    more accurate on English than the multilingual small at the same cost.
    """
    if cuda:
        return Recommendation("large-v3-turbo", "a CUDA GPU was found: large-v3-turbo is close to large-v3 in accuracy at a fraction of its cost")
    english = (language or "").lower() in ENGLISH
    if cpu_cores >= 8:
        model = "small.en" if english and language else "small"
        return Recommendation(model, f"{cpu_cores} CPU cores and no GPU: small is the largest model that keeps up comfortably")
    return Recommendation("base", f"{cpu_cores} CPU cores and no GPU: bigger models than base run slowly here")


def recommend_for_this_machine(language: str | None = None) -> Recommendation:
    """Returns :func:`recommend_model` for this machine's GPU and the cores this process may use."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return recommend_model(has_cuda(), cores, language)
