"""A terminal progress bar fed by the pipeline's progress hook."""
from __future__ import annotations

import sys
import time
from typing import Any, TextIO

WIDTH = 28
# Steps whose completed/total are audio seconds; the others are item counts.
AUDIO_STEPS = {"decode", "transcribe", "diarize", "denoise", "separate", "record"}


class ProgressBar:
    """Shows "name [####....] done/total s  N.Nx real time" for one file on stderr.

    On a terminal the line is redrawn in place; otherwise a line is printed at
    most every ``quiet_interval_s`` seconds, and once at the end.
    """

    def __init__(self, label: str, stream: TextIO | None = None, quiet_interval_s: float = 10.0):
        self.label = label
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.quiet_interval_s = quiet_interval_s
        self.started = time.monotonic()
        self._last_print = 0.0
        self._step = ""

    def __call__(self, step: str, artifact: Any = None, *, completed: float | None = None, total: float | None = None) -> None:
        if completed is None or not total:
            return
        now = time.monotonic()
        finished = completed >= total
        if not self.interactive and not finished and now - self._last_print < self.quiet_interval_s:
            return
        if not self.interactive and finished and self._step == step:
            return
        self._last_print = now
        self._step = step if finished else ""
        elapsed = max(now - self.started, 1e-6)
        fraction = min(1.0, completed / total)
        bar = "#" * int(fraction * WIDTH) + "." * (WIDTH - int(fraction * WIDTH))
        if step in AUDIO_STEPS:
            amount = f"{completed:6.1f}/{total:.1f} s  {completed / elapsed:5.1f}x real time"
        else:
            amount = f"{fraction:6.0%}"
        line = f"{self.label} {step:<10} [{bar}] {amount}"
        if self.interactive:
            self.stream.write("\r" + line + ("\n" if finished and step == "transcribe" else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
