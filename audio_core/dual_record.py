"""Recording the microphone and what the computer plays together, as two channels kept in step.

The two come from different devices, so from different clocks: a USB headset
and the built-in speakers drift apart by tens of parts per million, a second
or so per hour. One clock rules: the monotonic time each device's samples
arrived. Both streams start at the same moment (the earlier one's head is
cut), and each device's lead over that clock is followed; when the computer
side's lead over the microphone's drifts by more than ``tolerance_s``, single
samples of the computer side are dropped or repeated until it is back in step.
Measured on the test daemon, the lead's median over 10 s moves by about 1 ms.
Channel 0 is the microphone, channel 1 the computer.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.monitor_capture import MonitorRecorder
from audio_core.record import Level, Recorder, RecorderOptions, measure_level
from audio_core.sound_server import OutputMonitor, default_output_monitor

MIC, SYSTEM = 0, 1


@dataclass(frozen=True)
class AlignOptions:
    """How the two streams are kept in step.

    tolerance_s: drift allowed before the computer side is corrected (10 ms:
        below what word timing or echo matching notices, above the devices'
        scheduling jitter).
    window_reads: how many reads the lead is taken over (its median: a read
        delayed by a busy CPU is an outlier, not drift); the first window is the baseline.
    max_step_samples: samples dropped or repeated per read at most (1 per 0.1 s read: up to 625 ppm, far
        beyond real devices' tens of ppm, and a single sample at a time is inaudible).
    max_stall_s: the computer side delivering nothing for this long is filled with silence so the microphone is
        not held back (the sound server suspends an output that plays nothing, and its monitor then goes quiet).
    max_mic_late_s: the microphone is waited for this long before it is filled. An open microphone stream does not
        pause; when its blocks stop coming, a busy CPU is delaying them (seen: 0.56 s on a loaded 2-core machine)
        and they arrive in a burst. Filled after 0.5 s, the late speech was pushed apart by the silence (a pause
        inserted mid-word) and the computer side then padded to match.
    """

    tolerance_s: float = 0.010
    window_reads: int = 100
    max_step_samples: int = 1
    max_stall_s: float = 0.5
    max_mic_late_s: float = 5.0


@dataclass
class StepAligner:
    """Turns two 16 kHz streams and their devices' clocks into one (n, 2) stream in step."""

    options: AlignOptions = field(default_factory=AlignOptions)
    rate: int = SAMPLE_RATE

    def __post_init__(self) -> None:
        self._fifo = [np.zeros(0, np.float32), np.zeros(0, np.float32)]
        self._start_s: list[float | None] = [None, None]
        self._head_cut = False
        self._leads: deque[float] = deque(maxlen=self.options.window_reads)
        self._baseline_s: float | None = None
        self._pending_correction = 0  # > 0: samples of the computer side to drop; < 0: to repeat
        self.corrected_samples = 0

    def push(self, mic: np.ndarray, system: np.ndarray, mic_clock: tuple[float, float] | None = None,
             system_clock: tuple[float, float] | None = None) -> np.ndarray:
        """Returns the frames now in step on both sides, shape (n, 2).

        ``mic_clock`` / ``system_clock``: (seconds the device delivered so far,
        monotonic time the last of them arrived), or None while a device has delivered nothing.
        """
        for side, audio in ((MIC, mic), (SYSTEM, system)):
            if audio.size:
                self._fifo[side] = np.concatenate([self._fifo[side], np.asarray(audio, np.float32)])
        for side, clock in ((MIC, mic_clock), (SYSTEM, system_clock)):
            if clock is not None and clock[0] > 0 and self._start_s[side] is None:
                self._start_s[side] = clock[1] - clock[0]
        if not self._head_cut:
            self._cut_head()
        if mic_clock and system_clock and mic_clock[0] > 0 and system_clock[0] > 0:
            self._follow_drift((system_clock[0] - system_clock[1]) - (mic_clock[0] - mic_clock[1]))
        self._correct()
        self._fill_stall()
        return self._take(min(len(self._fifo[MIC]), len(self._fifo[SYSTEM])))

    def flush(self) -> np.ndarray:
        """Returns everything left, the shorter side filled with silence, shape (n, 2)."""
        longest = max(len(f) for f in self._fifo)
        for side in (MIC, SYSTEM):
            self._fifo[side] = np.concatenate([self._fifo[side], np.zeros(longest - len(self._fifo[side]), np.float32)])
        return self._take(longest)

    def _cut_head(self) -> None:
        """Drops the head of the side that started first, so both begin at the same moment."""
        if None in self._start_s:
            return
        early = MIC if self._start_s[MIC] < self._start_s[SYSTEM] else SYSTEM
        cut = int(round(abs(self._start_s[MIC] - self._start_s[SYSTEM]) * self.rate))
        if len(self._fifo[early]) < cut:
            return  # the rest of the head has not arrived yet
        self._fifo[early] = self._fifo[early][cut:]
        self._head_cut = True

    def _follow_drift(self, lead_s: float) -> None:
        self._leads.append(lead_s)
        if len(self._leads) < self._leads.maxlen or not self._head_cut:
            return
        lead_s = float(np.median(self._leads))
        self._leads.clear()
        if self._baseline_s is None:
            self._baseline_s = lead_s
            return
        drift_s = lead_s - self._baseline_s
        if abs(drift_s) > self.options.tolerance_s:
            self._pending_correction += int(round(drift_s * self.rate))
            self._baseline_s = lead_s

    def _correct(self) -> None:
        step = max(-self.options.max_step_samples, min(self.options.max_step_samples, self._pending_correction))
        fifo = self._fifo[SYSTEM]
        if step == 0 or len(fifo) < 2:
            return
        middle = len(fifo) // 2
        if step > 0:  # the computer's clock runs fast: drop samples
            fifo = np.delete(fifo, np.arange(middle, middle + step))
        else:
            fifo = np.insert(fifo, middle, np.repeat(fifo[middle], -step))
        self._fifo[SYSTEM] = fifo
        self._pending_correction -= step
        self.corrected_samples += abs(step)

    def _fill_stall(self) -> None:
        for side, other in ((MIC, SYSTEM), (SYSTEM, MIC)):
            limit = int((self.options.max_mic_late_s if side == MIC else self.options.max_stall_s) * self.rate)
            gap = len(self._fifo[other]) - len(self._fifo[side])
            if gap > limit:
                self._fifo[side] = np.concatenate([self._fifo[side], np.zeros(gap - limit // 2, np.float32)])
                self._head_cut = True

    def _take(self, n: int) -> np.ndarray:
        if not self._head_cut or n <= 0:
            return np.zeros((0, 2), np.float32)
        frames = np.stack([self._fifo[MIC][:n], self._fifo[SYSTEM][:n]], axis=1)
        self._fifo = [self._fifo[MIC][n:], self._fifo[SYSTEM][n:]]
        return frames


class DualRecorder:
    """Records the microphone (PortAudio) and the default output's monitor (the sound server) in step.

    The same interface as :class:`audio_core.record.Recorder`, but :meth:`read`
    returns (n, 2) frames: channel 0 the microphone, channel 1 the computer.
    Raises DeviceError (microphone) or SoundServerError (no server, no output) when it cannot start.
    """

    channels = 2

    def __init__(self, options: RecorderOptions = RecorderOptions(), monitor: OutputMonitor | None = None,
                 align: AlignOptions = AlignOptions()) -> None:
        self.monitor = monitor or default_output_monitor()
        self.mic = Recorder(options)
        self.system = MonitorRecorder(self.monitor.name)
        self.device = self.mic.device
        self.device_rate = self.mic.device_rate
        self._aligner = StepAligner(align)
        self._paused = False
        self.system_level = Level()

    @property
    def level(self) -> Level:
        """Returns the louder side's level of the latest block."""
        mic = self.mic.level
        return mic if mic.rms_dbfs >= self.system_level.rms_dbfs else self.system_level

    @property
    def mic_level(self) -> Level:
        """Returns the microphone's level of the latest block."""
        return self.mic.level

    @property
    def paused(self) -> bool:
        """Returns True while captured audio is being discarded."""
        return self._paused

    def pause(self) -> None:
        """Returns None; audio from now on is discarded on both sides (still in step) until :meth:`resume`."""
        self._paused = True

    def resume(self) -> None:
        """Returns None; audio is kept again."""
        self._paused = False

    def start(self) -> None:
        """Returns once both are capturing; raises SoundServerError or DeviceError."""
        self.system.start()
        try:
            self.mic.start()
        except BaseException:
            self.system.stop()
            raise

    def read(self, timeout_s: float = 0.5) -> np.ndarray:
        """Returns the (n, 2) frames in step since the last call (waits up to ``timeout_s`` for the microphone)."""
        mic = self.mic.read(timeout_s)
        system = self.system.read()
        if system.size:
            self.system_level = measure_level(system[-1600:])
        frames = self._aligner.push(mic, system, self._clock(self.mic.capture_stamp, self.device_rate),
                                    self._clock(self.system.capture_stamp, SAMPLE_RATE))
        return np.zeros((0, 2), np.float32) if self._paused else frames

    @staticmethod
    def _clock(stamp: tuple[int, float], rate: int) -> tuple[float, float] | None:
        return (stamp[0] / rate, stamp[1]) if stamp[0] else None

    def stop(self) -> np.ndarray:
        """Returns the frames still pending on both sides once both stopped; idempotent."""
        mic_tail = self.mic.stop()
        system_tail = self.system.stop()
        frames = self._aligner.push(mic_tail, system_tail)
        rest = self._aligner.flush()
        frames = np.concatenate([frames, rest]) if rest.size else frames
        return np.zeros((0, 2), np.float32) if self._paused else frames

    @property
    def corrected_samples(self) -> int:
        """Returns how many samples of the computer side were dropped or repeated to keep it in step."""
        return self._aligner.corrected_samples

    def __enter__(self) -> DualRecorder:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
