"""Resemblyzer's speaker encoder (GE2E, 3-layer LSTM) in numpy, on the weights its wheel ships.

The same network and the same API as ``resemblyzer.VoiceEncoder`` (``embed_utterance``,
``embed_speaker``, ``compute_partial_slices``), without torch: importing torch
holds the interpreter lock for about half a second, long enough to freeze the
app's window when the encoder loads in the background, and costs ~300 MB.
"""
from __future__ import annotations

import importlib.util
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from audio_core.errors import ModelError
from audio_core.voice_encoder.checkpoint import load_checkpoint
from audio_core.voice_encoder.lstm import LstmLayer, hidden_states_at, layer_from_torch
from audio_core.voice_encoder.mel import HOP_N, SAMPLE_RATE, mel_spectrogram

PARTIAL_FRAMES = 160  # 1.6 s: the length of the partial utterances Resemblyzer was trained on
EMBEDDING_SIZE = 256
LAYERS = 3


def bundled_weights_path() -> Path:
    """Returns the path of ``pretrained.pt`` inside the installed Resemblyzer package (not imported).

    Raises ModelError when Resemblyzer is not installed or its weights are missing.
    """
    spec = importlib.util.find_spec("resemblyzer")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("speaker embeddings need the 'resemblyzer' package (its weights file)")
    path = Path(next(iter(spec.submodule_search_locations))) / "pretrained.pt"
    if not path.is_file():
        raise ModelError(f"Resemblyzer's weights are missing: {path}")
    return path


def _blas_threads(count: int | None):
    if not count:
        return nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(count, user_api="blas")


class VoiceEncoder:
    """Maps mel spectrograms of speech to unit 256-d speaker embeddings (non-negative, L2-normed)."""

    device = "cpu"

    def __init__(self, weights_path: str | Path | None = None, threads: int | None = 1, quantized: bool = False):
        """Loads the weights (Resemblyzer's bundled ones by default). ``threads``: BLAS threads for a forward
        pass unless a call says otherwise (None: the process's setting). One is the default: on two cores
        shared with recognition, a second thread spins more than it helps (tests/bench/bench_voice_encoder.py).
        ``quantized``: run the LSTM with its upper layers in int8 (:mod:`audio_core.voice_encoder.quantized`,
        built from the bundled weights; about 2.3x faster, cosine 0.9995 to the float embeddings on average).

        Raises ModelError when a file is missing, unreadable or not a voice encoder, or when ``quantized``
        is asked of other weights than the bundled ones.
        """
        self.threads = threads
        if quantized and weights_path:
            raise ModelError("the int8 voice encoder is built from Resemblyzer's bundled weights only")
        path = Path(weights_path) if weights_path else bundled_weights_path()
        checkpoint = load_checkpoint(path)
        state = checkpoint.get("model_state", checkpoint) if isinstance(checkpoint, dict) else None
        try:
            self.layers: list[LstmLayer] = [
                layer_from_torch(*(state[f"lstm.{name}_l{k}"] for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")))
                for k in range(LAYERS)
            ]
            self.linear_weights = np.ascontiguousarray(state["linear.weight"].T, np.float32)
            self.linear_bias = np.asarray(state["linear.bias"], np.float32)
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{path.name} does not hold Resemblyzer's voice encoder ({exc})") from None
        self._quantized = None
        if quantized:
            from audio_core.voice_encoder.quantized import QuantizedLstm

            self._quantized = QuantizedLstm(threads=threads or 1)

    @property
    def quantized(self) -> bool:
        """Returns whether the LSTM runs with int8 layers."""
        return self._quantized is not None

    def embed_frames(self, mels: np.ndarray, batch_size: int = 64, threads: int | None = None) -> np.ndarray:
        """Returns unit embeddings (n, 256) float32 of ``mels`` (n, frames, 40), equal-length mel windows,
        run ``batch_size`` windows at a time with ``threads`` BLAS threads (None: the encoder's setting)."""
        mels = np.asarray(mels, np.float32)
        if len(mels) == 0:
            return np.zeros((0, EMBEDDING_SIZE), np.float32)
        return self.embed_prefixes(mels, [mels.shape[1]], batch_size, threads)[0]

    def embed_prefixes(self, mels: np.ndarray, lengths: list[int], batch_size: int = 64, threads: int | None = None) -> np.ndarray:
        """Returns unit embeddings (len(lengths), n, 256) float32 of the first ``lengths[k]`` frames of each of
        ``mels`` (n, frames, 40): windows that start together, embedded in one pass of the LSTM.

        Raises ValueError for a length outside 1..frames.
        """
        mels = np.asarray(mels, np.float32)
        out = np.empty((len(lengths), len(mels), EMBEDDING_SIZE), np.float32)
        with _blas_threads(threads or self.threads):
            for lo in range(0, len(mels), max(1, batch_size)):
                if self._quantized is not None:
                    hidden = self._quantized.hidden_states_at(mels[lo : lo + batch_size], lengths)
                else:
                    hidden = hidden_states_at(self.layers, mels[lo : lo + batch_size], lengths)
                raw = np.maximum(hidden @ self.linear_weights + self.linear_bias, 0.0)
                norms = np.linalg.norm(raw, axis=-1, keepdims=True)
                out[:, lo : lo + raw.shape[1]] = raw / np.where(norms > 0, norms, 1.0)
        return out

    __call__ = embed_frames

    @staticmethod
    def compute_partial_slices(n_samples: int, rate: float = 1.3, min_coverage: float = 0.75):
        """Returns (wav_slices, mel_slices): where Resemblyzer cuts an utterance of ``n_samples`` into
        1.6 s partials, ``rate`` per second; a last partial covering less than ``min_coverage`` is dropped
        unless it is the only one. Slices may reach past the end: pad the audio to ``wav_slices[-1].stop``.

        Raises ValueError when ``rate`` or ``min_coverage`` is out of range.
        """
        if not 0 < min_coverage <= 1:
            raise ValueError(f"min_coverage must be in (0, 1], not {min_coverage}")
        n_frames = int(np.ceil((n_samples + 1) / HOP_N))
        frame_step = int(np.round((SAMPLE_RATE / rate) / HOP_N))
        if not 0 < frame_step <= PARTIAL_FRAMES:
            raise ValueError(f"rate {rate} is out of range ({SAMPLE_RATE / (HOP_N * PARTIAL_FRAMES):.3f} or more per second)")
        wav_slices, mel_slices = [], []
        steps = max(1, n_frames - PARTIAL_FRAMES + frame_step + 1)
        for i in range(0, steps, frame_step):
            mel_slices.append(slice(i, i + PARTIAL_FRAMES))
            wav_slices.append(slice(i * HOP_N, (i + PARTIAL_FRAMES) * HOP_N))
        last = wav_slices[-1]
        coverage = (n_samples - last.start) / (last.stop - last.start)
        if coverage < min_coverage and len(mel_slices) > 1:
            mel_slices, wav_slices = mel_slices[:-1], wav_slices[:-1]
        return wav_slices, mel_slices

    def embed_utterance(self, wav: np.ndarray, return_partials: bool = False, rate: float = 1.3, min_coverage: float = 0.75):
        """Returns the unit embedding (256,) of 16 kHz ``wav``: the normed mean of its 1.6 s partials'
        embeddings, all computed in one batch; with ``return_partials``, also the partials' embeddings
        and their wav slices.

        Raises ValueError when ``rate`` or ``min_coverage`` is out of range.
        """
        wav = np.asarray(wav, np.float32)
        wav_slices, mel_slices = self.compute_partial_slices(len(wav), rate, min_coverage)
        if wav_slices[-1].stop >= len(wav):
            wav = np.pad(wav, (0, wav_slices[-1].stop - len(wav)))
        mel = mel_spectrogram(wav)
        partials = self.embed_frames(np.stack([mel[s] for s in mel_slices]), batch_size=len(mel_slices))
        raw = partials.mean(axis=0)
        embedding = raw / np.linalg.norm(raw)
        if return_partials:
            return embedding, partials, wav_slices
        return embedding

    def embed_speaker(self, wavs: list[np.ndarray], **kwargs) -> np.ndarray:
        """Returns the unit mean (256,) of ``embed_utterance`` over ``wavs`` (one speaker's utterances).

        Raises ValueError as :meth:`embed_utterance` does.
        """
        raw = np.mean([self.embed_utterance(wav, **kwargs) for wav in wavs], axis=0)
        return raw / np.linalg.norm(raw)
