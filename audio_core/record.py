"""Recording from an input device with sounddevice (PortAudio), delivered as 16 kHz mono.

The device records at a rate it supports (its own default when possible, so
PortAudio does no hidden conversion); blocks go from the audio callback into a
queue, and the reading thread resamples them with soxr. The callback only
copies and measures, so a slow consumer never makes the device drop audio.
"""
from __future__ import annotations

import logging
import math
import queue
import threading
import time
from dataclasses import dataclass

import numpy as np

from audio_core.errors import HushnoteError
from audio_core import SAMPLE_RATE
from audio_core.resample import StreamResampler

logger = logging.getLogger(__name__)

FALLBACK_RATES = (48_000, 44_100, 32_000, 22_050, 16_000, 96_000, 8_000)
SILENCE_DBFS = -120.0


class DeviceError(HushnoteError):
    """No input device exists, the chosen one is unknown, or it cannot be opened."""


@dataclass(frozen=True)
class InputDevice:
    """An audio input as PortAudio sees it."""

    index: int
    name: str
    host_api: str
    max_input_channels: int
    default_sample_rate: int
    is_default: bool = False


@dataclass(frozen=True)
class Level:
    """The loudness of the latest block, in dBFS (0 is full scale; ``SILENCE_DBFS`` for digital silence)."""

    rms_dbfs: float = SILENCE_DBFS
    peak_dbfs: float = SILENCE_DBFS


@dataclass(frozen=True)
class RecorderOptions:
    """How to record.

    device: an index, a case-insensitive part of the device name, or None for
        the system's default input.
    sample_rate: the device rate to ask for; None picks the device's default
        rate, or the first of ``FALLBACK_RATES`` it accepts.
    block_s: length of one callback block (0.1 s: fine-grained levels, small
        enough that a crash loses little).
    output_rate: the rate :meth:`Recorder.read` returns (16 kHz for Whisper).
    """

    device: int | str | None = None
    sample_rate: int | None = None
    block_s: float = 0.1
    output_rate: int = SAMPLE_RATE


def _sounddevice():
    """Returns the sounddevice module; raises DeviceError when PortAudio is missing."""
    try:
        import sounddevice
    except (ImportError, OSError) as exc:
        raise DeviceError(f"recording needs PortAudio (Debian package libportaudio2): {exc}") from None
    return sounddevice


def rescan_devices() -> None:
    """Returns None after making PortAudio enumerate devices again (for a sound server started later).

    Must not be called while a stream is open.
    """
    sd = _sounddevice()
    sd._terminate()
    sd._initialize()


def list_input_devices() -> list[InputDevice]:
    """Returns every device with at least one input channel (an empty list when there is none)."""
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        host_apis = sd.query_hostapis()
        default_in = sd.default.device[0]
    except sd.PortAudioError as exc:
        raise DeviceError(f"cannot list audio devices: {exc}") from None
    if default_in is None or default_in < 0:
        default_in = next((api["default_input_device"] for api in host_apis if api["default_input_device"] >= 0), -1)
    return [
        InputDevice(
            index=int(d["index"]),
            name=str(d["name"]),
            host_api=str(host_apis[d["hostapi"]]["name"]),
            max_input_channels=int(d["max_input_channels"]),
            default_sample_rate=int(round(d["default_samplerate"])),
            is_default=int(d["index"]) == default_in,
        )
        for d in devices
        if d["max_input_channels"] > 0
    ]


def choose_input_device(spec: int | str | None = None) -> InputDevice:
    """Returns the input device for ``spec`` (index, name part, or None for the default).

    Raises DeviceError when there is no input device or none matches ``spec``.
    """
    devices = list_input_devices()
    if not devices:
        raise DeviceError("no audio input device found (is a microphone connected and a sound server running?)")
    if spec is None or spec == "":
        return next((d for d in devices if d.is_default), devices[0])
    if isinstance(spec, int) or (isinstance(spec, str) and spec.isdigit()):
        index = int(spec)
        match = [d for d in devices if d.index == index]
    else:
        match = [d for d in devices if spec.lower() in d.name.lower()]
        exact = [d for d in match if d.name.lower() == spec.lower()]
        match = exact or match
    if not match:
        known = ", ".join(f"{d.index}: {d.name}" for d in devices)
        raise DeviceError(f"no input device matches {spec!r}; inputs are {known}")
    return match[0]


def negotiate_sample_rate(device: InputDevice, wanted: int | None = None) -> int:
    """Returns a sample rate ``device`` accepts for mono float32 input.

    Tries ``wanted`` (if given), then the device's default rate, then ``FALLBACK_RATES``.
    Raises DeviceError when the device accepts none of them.
    """
    sd = _sounddevice()
    candidates = [r for r in (wanted, device.default_sample_rate, *FALLBACK_RATES) if r]
    for rate in dict.fromkeys(candidates):
        try:
            sd.check_input_settings(device=device.index, channels=1, dtype="float32", samplerate=rate)
            return int(rate)
        except (sd.PortAudioError, ValueError):
            continue
    raise DeviceError(f"the input device {device.name!r} accepts none of the sample rates {candidates}")


def measure_level(block: np.ndarray) -> Level:
    """Returns the RMS and peak level of ``block`` (float samples in [-1, 1]) in dBFS."""
    if block.size == 0:
        return Level()
    block = block.astype(np.float64, copy=False)
    rms = math.sqrt(float(np.mean(block * block)))
    peak = float(np.max(np.abs(block)))
    return Level(_dbfs(rms), _dbfs(peak))


def _dbfs(amplitude: float) -> float:
    return round(max(SILENCE_DBFS, 20.0 * math.log10(amplitude)) if amplitude > 0 else SILENCE_DBFS, 1)


class Recorder:
    """Records one input device; :meth:`read` returns what arrived since the last call, at ``output_rate``.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(self, options: RecorderOptions = RecorderOptions()) -> None:
        self.options = options
        self.device = choose_input_device(options.device)
        self.device_rate = negotiate_sample_rate(self.device, options.sample_rate)
        self._resampler = StreamResampler(self.device_rate, options.output_rate)
        self._blocks: queue.Queue[np.ndarray] = queue.Queue()
        self._paused = threading.Event()
        self._level = Level()
        self._stream = None
        self._flushed = False
        self.overflows = 0
        self.frames_captured = 0
        #: (frames the device delivered so far, monotonic time the last of them arrived): the device's clock
        self.capture_stamp: tuple[int, float] = (0, 0.0)

    @property
    def level(self) -> Level:
        """Returns the level of the latest captured block."""
        return self._level

    @property
    def paused(self) -> bool:
        """Returns True while captured audio is being discarded."""
        return self._paused.is_set()

    def start(self) -> None:
        """Returns once the device is capturing; raises DeviceError when it cannot be opened."""
        sd = _sounddevice()
        try:
            self._stream = sd.InputStream(
                device=self.device.index,
                samplerate=self.device_rate,
                channels=1,
                dtype="float32",
                blocksize=max(1, int(self.options.block_s * self.device_rate)),
                callback=self._on_block,
            )
            self._stream.start()
        except sd.PortAudioError as exc:
            self._stream = None
            raise DeviceError(f"cannot record from {self.device.name!r} at {self.device_rate} Hz: {exc}") from None
        logger.info("recording from %s (%s) at %d Hz", self.device.name, self.device.host_api, self.device_rate)

    def _on_block(self, indata, frames, time_info, status) -> None:
        # PortAudio's thread: copy and measure only; never block here.
        if status.input_overflow:
            self.overflows += 1
        block = indata[:, 0].copy()
        self._level = measure_level(block)
        self.capture_stamp = (self.capture_stamp[0] + frames, time.monotonic())
        if not self._paused.is_set():
            self.frames_captured += frames
            self._blocks.put_nowait(block)

    def pause(self) -> None:
        """Returns None; audio captured from now on is discarded until :meth:`resume`."""
        self._paused.set()

    def resume(self) -> None:
        """Returns None; captured audio is kept again."""
        self._paused.clear()

    def read(self, timeout_s: float = 0.5) -> np.ndarray:
        """Returns the audio captured since the last call (mono float32 at ``output_rate``).

        Waits up to ``timeout_s`` for the first block; returns an empty array when none came.
        """
        blocks = []
        try:
            blocks.append(self._blocks.get(timeout=timeout_s))
            while True:
                blocks.append(self._blocks.get_nowait())
        except queue.Empty:
            pass
        if not blocks:
            return np.zeros(0, np.float32)
        return self._resampler.push(np.concatenate(blocks))

    def stop(self) -> np.ndarray:
        """Returns the audio still queued when the device stopped (resampler flushed); idempotent."""
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            finally:
                self._stream = None
        blocks = []
        while True:
            try:
                blocks.append(self._blocks.get_nowait())
            except queue.Empty:
                break
        tail = np.concatenate(blocks) if blocks else np.zeros(0, np.float32)
        if self._flushed:
            return tail
        self._flushed = True
        return self._resampler.push(tail, last=True)

    def __enter__(self) -> Recorder:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
