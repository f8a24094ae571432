"""Decoding any audio or video file into 16 kHz mono float32, in chunks, where a crash cannot hurt.

FFmpeg (through PyAV) reads whatever file a user hands over, and a native
crash in it would take the whole app down with it. So the decoding itself
runs in a child process (:mod:`audio_core.decode_child`) that streams the
decoded chunks back over a pipe: a segfault, an abort or a hang there becomes
one InputError for that file. Memory stays flat however long the file is.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.decode_native import AudioInfo
from audio_core.decode_child import CHILD_FLAG
from audio_core.decode_pipe import ALIVE, AUDIO, DONE, ERROR, INFO, PipeClosed, PipeSilent, receive
from audio_core.errors import InputError

__all__ = ["AudioInfo", "DecodeReport", "probe_audio", "inspect_audio", "measure_duration", "iter_audio_chunks", "decode_audio"]

logger = logging.getLogger(__name__)

# The child sends a message at least every second while it works; this much
# silence means it hangs.
SILENCE_LIMIT_S = 60.0
# A share of clipped samples worth a warning (a peak-normalised file has a few).
CLIPPING_WARNING_FRACTION = 0.001
_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)
_STDERR_KEPT = 4096


@dataclass
class DecodeReport:
    """What decoding found: length, source format, and damage that was repaired or is audible."""

    duration_s: float = 0.0
    channels: int = 0
    source_rate: int = 0
    samples: int = 0
    clipped: int = 0
    nonfinite: int = 0

    @property
    def clipped_fraction(self) -> float:
        """Returns the share of source samples at or beyond full scale (0–1)."""
        return self.clipped / self.samples if self.samples else 0.0

    def warnings(self, name: str) -> list[str]:
        """Returns one line per problem the user should know of (clipping, invalid samples) for file ``name``."""
        lines = []
        if self.clipped_fraction >= CLIPPING_WARNING_FRACTION:
            lines.append(f"{name}: {self.clipped_fraction:.1%} of the samples are clipped; words may be missed")
        if self.nonfinite:
            lines.append(f"{name}: {self.nonfinite} invalid samples (NaN or infinite) were replaced by silence")
        return lines


class _StderrTail(threading.Thread):
    """Drains the child's stderr (so it never blocks on a full pipe), keeping its last bytes."""

    def __init__(self, stream) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.tail = b""

    def run(self) -> None:
        for line in iter(lambda: self.stream.read(512), b""):
            self.tail = (self.tail + line)[-_STDERR_KEPT:]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PROJECT_ROOT, env.get("PYTHONPATH", "")) if p)
    return env


def _child_program() -> list[str]:
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: its entry point runs the child on this flag
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-m", "audio_core.decode_child"]


def _crash_message(path: Path, returncode: int | None, stderr_tail: bytes) -> str:
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"could not decode {path}: the decoder crashed ({name})"
    last = stderr_tail.decode("utf-8", "replace").strip().splitlines()
    detail = last[-1][:200] if last else f"exit status {returncode}"
    return f"could not decode {path}: the decoder failed ({detail})"


def _messages(path: Path, job: dict) -> Iterator[tuple[bytes, bytes]]:
    """Runs the child on ``job``; yields its messages until DONE or INFO, raising InputError for the rest."""
    command = [*_child_program(), json.dumps({**job, "path": str(path)})]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_child_env()
    )
    stderr = _StderrTail(process.stderr)
    stderr.start()
    try:
        while True:
            try:
                kind, payload = receive(process.stdout.fileno(), SILENCE_LIMIT_S)
            except PipeSilent:
                raise InputError(f"could not decode {path}: the decoder stopped responding") from None
            except PipeClosed:
                process.wait()
                stderr.join(timeout=5)
                logger.debug("decoder child for %s ended: %s", path, stderr.tail.decode("utf-8", "replace"))
                raise InputError(_crash_message(path, process.returncode, stderr.tail)) from None
            if kind == ERROR:
                raise InputError(payload.decode("utf-8", "replace"))
            if kind != ALIVE:
                yield kind, payload
            if kind in (DONE, INFO):
                return
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()


def probe_audio(path: str | Path) -> AudioInfo:
    """Returns the container's description of ``path``'s first audio track.

    Raises InputError for a missing, empty, non-audio or audio-less file, or
    when the decoder crashes on it.
    """
    path = Path(path)
    for _, payload in _messages(path, {"mode": "probe"}):
        data = json.loads(payload)
        return AudioInfo(**{**data, "path": path})
    raise InputError(f"could not decode {path}: the decoder sent nothing")


def inspect_audio(path: str | Path, channel: int | None = None) -> DecodeReport:
    """Decodes all of ``path`` (faster than real time, keeping nothing) and returns what it found.

    ``channel`` (1-based) looks at that channel alone; None at the mix of all.
    Logs a warning for clipping or invalid samples. Raises InputError for
    every kind of unreadable input, including a truncated or damaged file, a
    channel the file lacks, and a decoder crash or hang.
    """
    path = Path(path)
    for _, payload in _messages(path, {"mode": "inspect", "channel": channel}):
        report = DecodeReport(**json.loads(payload))
        for line in report.warnings(path.name):
            logger.warning("%s", line)
        return report
    raise InputError(f"could not decode {path}: the decoder sent nothing")


def measure_duration(path: str | Path, channel: int | None = None) -> float:
    """Returns the exact decodable duration of ``path`` in seconds.

    Raises InputError as :func:`inspect_audio` does.
    """
    return inspect_audio(path, channel).duration_s


def iter_audio_chunks(
    path: str | Path,
    sample_rate: int = SAMPLE_RATE,
    chunk_s: float = 30.0,
    *,
    channel: int | None = None,
    report: DecodeReport | None = None,
) -> Iterator[np.ndarray]:
    """Yields ``path``'s audio as mono float32 chunks of about ``chunk_s`` seconds at ``sample_rate``.

    All channels are averaged, or only 1-based ``channel`` is kept; NaN and
    infinite samples become silence. The last chunk may be shorter; when the
    iterator is exhausted ``report`` (if given) holds what decoding found.
    Raises InputError for unreadable input or a decoder crash; for a
    truncated or damaged file the error comes after the readable chunks.
    """
    path = Path(path)
    job = {"mode": "chunks", "sample_rate": sample_rate, "chunk_s": chunk_s, "channel": channel}
    for kind, payload in _messages(path, job):
        if kind == AUDIO:
            yield np.frombuffer(payload, dtype="<f4").astype(np.float32, copy=False)
        elif kind == DONE and report is not None:
            for name, value in json.loads(payload).items():
                setattr(report, name, value)


def decode_audio(path: str | Path, sample_rate: int = SAMPLE_RATE, channel: int | None = None) -> np.ndarray:
    """Returns the whole of ``path``'s audio as one mono float32 array at ``sample_rate``.

    Raises InputError for missing, empty, non-audio, audio-less, damaged or
    truncated files, a channel the file lacks, and a decoder crash.
    """
    chunks = list(iter_audio_chunks(path, sample_rate, channel=channel))
    return np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
