"""Playing a note's audio through sounddevice (PortAudio), with a position the view polls.

A small playback thread writes blocks to a blocking output stream (no audio
callback into Python), so the UI thread never waits on the device.
"""
from __future__ import annotations

import threading

import numpy as np

from audio_core.errors import HushnoteError
from audio_core import SAMPLE_RATE

BLOCK_FRAMES = 1024


class PlaybackError(HushnoteError):
    """No output device, or it cannot be opened."""


def output_devices() -> list[str]:
    """Returns the names of the output devices PortAudio sees ([] when there are none or no PortAudio)."""
    try:
        import sounddevice

        return [d["name"] for d in sounddevice.query_devices() if d["max_output_channels"] > 0]
    except Exception:  # no PortAudio library, or no audio system at all: nothing to choose from
        return []


class Player:
    """Plays mono float32 ``audio`` at ``sample_rate``; seek, play and pause from the UI thread."""

    def __init__(self, audio: np.ndarray | None = None, sample_rate: int = SAMPLE_RATE, device: str = ""):
        self.sample_rate = sample_rate
        self.device = device  # a PortAudio output device's name; "" is the system's default
        self._audio = np.zeros(0, np.float32) if audio is None else np.ascontiguousarray(audio, np.float32)
        self._frame = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def duration_s(self) -> float:
        """Returns the length of the audio in seconds."""
        return len(self._audio) / self.sample_rate

    @property
    def position_s(self) -> float:
        """Returns the playhead in seconds."""
        return self._frame / self.sample_rate

    @property
    def playing(self) -> bool:
        """Returns True while audio is being played."""
        return self._thread is not None and self._thread.is_alive()

    def seek(self, position_s: float) -> None:
        """Moves the playhead to ``position_s`` (clamped to the audio)."""
        with self._lock:
            self._frame = int(max(0.0, min(position_s, self.duration_s)) * self.sample_rate)

    def play(self) -> None:
        """Starts or resumes playback; raises PlaybackError when no output device can be opened."""
        if self.playing or not len(self._audio):
            return
        if self._frame >= len(self._audio):
            self._frame = 0
        try:
            import sounddevice

            stream = sounddevice.OutputStream(samplerate=self.sample_rate, channels=1, dtype="float32", blocksize=BLOCK_FRAMES,
                                              device=self.device or None)
            stream.start()
        except Exception as exc:  # PortAudioError, or no PortAudio library at all
            where = f"“{self.device}”" if self.device else "the default output device"
            raise PlaybackError(f"cannot play audio through {where}: {exc}") from None
        self._stop.clear()
        self._thread = threading.Thread(target=self._write, args=(stream,), name="playback", daemon=True)
        self._thread.start()

    def _write(self, stream) -> None:
        try:
            while not self._stop.is_set():
                with self._lock:
                    block = self._audio[self._frame : self._frame + BLOCK_FRAMES]
                    self._frame += len(block)
                if not len(block):
                    break
                stream.write(block.reshape(-1, 1))
        finally:
            stream.stop()
            stream.close()

    def pause(self) -> None:
        """Stops playback, keeping the playhead."""
        self.close()

    def toggle(self) -> None:
        """Plays when paused, pauses when playing."""
        self.pause() if self.playing else self.play()

    def close(self) -> None:
        """Stops and releases the output device."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None
