"""Playing a note's audio through sounddevice (PortAudio), with a position the view polls.

The audio callback only copies samples and advances a frame counter, so the
UI thread never waits on the device.
"""
from __future__ import annotations

import threading

import numpy as np

from app.errors import HushnoteError
from audio_core import SAMPLE_RATE


class PlaybackError(HushnoteError):
    """No output device, or it cannot be opened."""


class Player:
    """Plays mono float32 ``audio`` at ``sample_rate``; seek, play and pause from the UI thread."""

    def __init__(self, audio: np.ndarray | None = None, sample_rate: int = SAMPLE_RATE):
        self.sample_rate = sample_rate
        self._audio = np.zeros(0, np.float32) if audio is None else np.asarray(audio, np.float32)
        self._frame = 0
        self._lock = threading.Lock()
        self._stream = None

    @property
    def duration_s(self) -> float:
        return len(self._audio) / self.sample_rate

    @property
    def position_s(self) -> float:
        """Returns the playhead in seconds."""
        return self._frame / self.sample_rate

    @property
    def playing(self) -> bool:
        return self._stream is not None and self._stream.active

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

            self.close()
            self._stream = sounddevice.OutputStream(
                samplerate=self.sample_rate, channels=1, dtype="float32", callback=self._fill, finished_callback=None
            )
            self._stream.start()
        except Exception as exc:  # PortAudioError or a missing PortAudio library
            self._stream = None
            raise PlaybackError(f"cannot play audio: no usable output device ({exc})") from None

    def pause(self) -> None:
        """Stops playback, keeping the playhead."""
        self.close()

    def toggle(self) -> None:
        """Plays when paused, pauses when playing."""
        self.pause() if self.playing else self.play()

    def close(self) -> None:
        """Releases the output device."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()

    def _fill(self, outdata, frames, time_info, status) -> None:
        import sounddevice

        with self._lock:
            chunk = self._audio[self._frame : self._frame + frames]
            self._frame += len(chunk)
        outdata[: len(chunk), 0] = chunk
        if len(chunk) < frames:
            outdata[len(chunk) :, 0] = 0.0
            raise sounddevice.CallbackStop
