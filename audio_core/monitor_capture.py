"""Recording what the computer plays: an output's monitor, read through libpulse-simple.

PortAudio reaches PulseAudio/PipeWire only through ALSA's ``pulse`` device,
which records the default source, never a chosen monitor; libpulse's simple
API (libpulse0, already needed by that ALSA plugin) records any source by name.
The server converts to 16 kHz mono float32; a reader thread moves blocks of
``block_s`` into a queue, stamped with the monotonic time they arrived.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import queue
import threading
import time

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.sound_server import NO_SERVER, SoundServerError

logger = logging.getLogger(__name__)

_PA_SAMPLE_FLOAT32LE = 5
_PA_STREAM_RECORD = 2


class _SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]


class _BufferAttr(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint32) for name in ("maxlength", "tlength", "prebuf", "minreq", "fragsize")]


def _libraries():
    """Returns (libpulse-simple, libpulse); raises SoundServerError when they are not installed."""
    try:
        simple = ctypes.CDLL(ctypes.util.find_library("pulse-simple") or "libpulse-simple.so.0")
        pulse = ctypes.CDLL(ctypes.util.find_library("pulse") or "libpulse.so.0")
    except OSError:
        raise SoundServerError(f"{NO_SERVER} (libpulse, Debian package libpulse0, is not installed)") from None
    simple.pa_simple_new.restype = ctypes.c_void_p
    simple.pa_simple_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_char_p,
                                     ctypes.POINTER(_SampleSpec), ctypes.c_void_p, ctypes.POINTER(_BufferAttr),
                                     ctypes.POINTER(ctypes.c_int)]
    simple.pa_simple_read.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_int)]
    simple.pa_simple_free.argtypes = [ctypes.c_void_p]
    pulse.pa_strerror.restype = ctypes.c_char_p
    pulse.pa_strerror.argtypes = [ctypes.c_int]
    return simple, pulse


class MonitorRecorder:
    """Records one source of the sound server (an output's monitor) as 16 kHz mono float32.

    :meth:`start` opens it, :meth:`read` returns what arrived since the last
    call, :meth:`stop` ends it; ``capture_stamp`` tells the output's clock.
    """

    def __init__(self, source: str, block_s: float = 0.05) -> None:
        self.source = source
        self.block_s = block_s
        self._blocks: queue.Queue[tuple[np.ndarray, float]] = queue.Queue()
        self._running = threading.Event()
        self._thread: threading.Thread | None = None
        self._handle = None
        self.error: str | None = None
        #: (samples the server delivered so far, monotonic time the last of them arrived): the output's clock
        self.capture_stamp: tuple[int, float] = (0, 0.0)

    def start(self) -> None:
        """Returns once the source is being read; raises SoundServerError when the server refuses."""
        simple, pulse = _libraries()
        spec = _SampleSpec(_PA_SAMPLE_FLOAT32LE, SAMPLE_RATE, 1)
        block_bytes = int(self.block_s * SAMPLE_RATE) * 4
        # fragsize: the server's default is about 2 s per fragment, far too late for a live transcript.
        attr = _BufferAttr(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, block_bytes)
        error = ctypes.c_int(0)
        handle = simple.pa_simple_new(None, b"Hushnote", _PA_STREAM_RECORD, self.source.encode(),
                                      b"computer audio", ctypes.byref(spec), None, ctypes.byref(attr),
                                      ctypes.byref(error))
        if not handle:
            reason = pulse.pa_strerror(error.value).decode(errors="replace")
            if "refused" in reason.lower() or "connection" in reason.lower() or "access" in reason.lower():
                raise SoundServerError(f"{NO_SERVER} ({reason})")
            raise SoundServerError(f"cannot record the computer's audio from {self.source!r}: {reason}")
        self._handle = handle
        self._running.set()
        self._thread = threading.Thread(target=self._read_loop, args=(simple, pulse, block_bytes),
                                        name="monitor-capture", daemon=True)
        self._thread.start()
        logger.info("recording the computer's audio from %s", self.source)

    def _read_loop(self, simple, pulse, block_bytes: int) -> None:
        buffer = ctypes.create_string_buffer(block_bytes)
        error = ctypes.c_int(0)
        while self._running.is_set():
            if simple.pa_simple_read(self._handle, buffer, block_bytes, ctypes.byref(error)) < 0:
                self.error = pulse.pa_strerror(error.value).decode(errors="replace")
                logger.warning("the computer's audio stopped: %s", self.error)
                break
            block = np.frombuffer(buffer.raw, dtype="<f4").astype(np.float32)
            arrived = time.monotonic()
            self.capture_stamp = (self.capture_stamp[0] + block.size, arrived)
            self._blocks.put((block, arrived))
        simple.pa_simple_free(self._handle)
        self._handle = None

    def read(self, timeout_s: float = 0.0) -> np.ndarray:
        """Returns the audio that arrived since the last call (waits up to ``timeout_s`` for a first block)."""
        blocks = []
        try:
            blocks.append(self._blocks.get(timeout=timeout_s)[0] if timeout_s > 0 else self._blocks.get_nowait()[0])
            while True:
                blocks.append(self._blocks.get_nowait()[0])
        except queue.Empty:
            pass
        return np.concatenate(blocks) if blocks else np.zeros(0, np.float32)

    def stop(self) -> np.ndarray:
        """Returns what was still queued once reading stopped; idempotent."""
        self._running.clear()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None
        return self.read()
