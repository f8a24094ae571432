"""The live transcript in a terminal, fed by the recording session's progress hook.

On a terminal, the last line is redrawn in place: elapsed time, level meter,
the words committed on this line, then the tentative tail dimmed; personal
data is shown in reverse video. Elsewhere (a pipe, a log) each pass's newly
committed words are printed as one plain line, and the recording time every
``quiet_interval_s`` seconds on stderr. In a two-sided recording a word that
starts a new side's turn is preceded by its side's name ("Me:", "Remote:"); in a one-microphone
recording, a word that starts a provisional speaker's turn by "Speaker 2 (provisional):".
"""
from __future__ import annotations

import shutil
import sys
import time
from typing import Any, TextIO

from app.recording import LiveTranscript

DIM, REVERSE, RESET, CLEAR_LINE = "\033[2m", "\033[7m", "\033[0m", "\r\033[K"
METER_DB = (-60.0, 0.0)
METER_WIDTH = 8


def format_clock(seconds: float) -> str:
    """Returns ``seconds`` as M:SS (or H:MM:SS)."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def level_meter(rms_dbfs: float) -> str:
    """Returns a fixed-width bar for a level in dBFS (-60 dB empty, 0 dB full)."""
    low, high = METER_DB
    filled = round(METER_WIDTH * min(1.0, max(0.0, (rms_dbfs - low) / (high - low))))
    return "|" * filled + "." * (METER_WIDTH - filled)


class LiveView:
    """A progress hook that shows recording time, level and the live transcript."""

    def __init__(self, stream: TextIO | None = None, status: TextIO | None = None, quiet_interval_s: float = 10.0):
        self.stream = stream or sys.stdout
        self.status = status or sys.stderr
        self.interactive = self.stream.isatty()
        self.quiet_interval_s = quiet_interval_s
        self.recorded_s = 0.0
        self.rms_dbfs = -120.0
        self._line_words: list[str] = []
        self._committed = 0
        self._tentative = ""
        self._last_status = time.monotonic()
        self.started = False
        self._side: str | None = None

    def __call__(self, step: str, artifact: Any = None, *, completed: float | None = None, total: float | None = None) -> None:
        if step == "record":
            self.recorded_s = completed or 0.0
            self.rms_dbfs = getattr(artifact, "rms_dbfs", self.rms_dbfs)
            self._on_record()
        elif step == "live" and isinstance(artifact, LiveTranscript):
            self._on_live(artifact)
        elif step == "final" and completed == 0.0:
            self.end_line()
            print("hushnote: recording stopped; full-quality pass…", file=self.status, flush=True)

    def _on_record(self) -> None:
        now = time.monotonic()
        if self.interactive:
            if now - self._last_status >= 0.2:
                self._last_status = now
                self._redraw()
        elif now - self._last_status >= self.quiet_interval_s:
            self._last_status = now
            print(f"hushnote: recording {format_clock(self.recorded_s)}", file=self.status, flush=True)

    def _on_live(self, live: LiveTranscript) -> None:
        new = live.committed[self._committed :]
        start = self._committed
        self._committed = len(live.committed)
        if not self.interactive:
            if new:
                print(" ".join(self._labelled(w, live, w.text) for w in new), file=self.stream, flush=True)
            return
        for offset, word in enumerate(new):
            text = f"{REVERSE}{word.text}{RESET}" if (start + offset) in live.pii else word.text
            self._line_words.append(self._labelled(word, live, text))
        tentative = []
        for offset, word in enumerate(live.tentative):
            tentative.append(f"{REVERSE}{word.text}{RESET}{DIM}" if (self._committed + offset) in live.pii else word.text)
        self._tentative = " ".join(tentative)
        self._wrap()
        self._redraw()

    def _labelled(self, word, live: LiveTranscript, text: str) -> str:
        """Returns ``text`` after its side's (or provisional speaker's) name when the word starts a new turn."""
        if not live.speaker_names or word.speaker_id is None or word.speaker_id == self._side:
            return text
        self._side = word.speaker_id
        name = live.speaker_names.get(word.speaker_id, word.speaker_id)
        return f"{name} (provisional): {text}" if live.provisional_speakers else f"{name}: {text}"

    def _prefix(self) -> str:
        return f"[{format_clock(self.recorded_s)} {level_meter(self.rms_dbfs)}] "

    def _wrap(self) -> None:
        """Moves committed words onto finished lines once the current line is full."""
        width = shutil.get_terminal_size((100, 24)).columns - len(self._prefix()) - 1
        while self._line_words and _visible_len(" ".join(self._line_words)) > width:
            cut = len(self._line_words) - 1
            while cut > 1 and _visible_len(" ".join(self._line_words[:cut])) > width:
                cut -= 1
            self.stream.write(CLEAR_LINE + " " * len(self._prefix()) + " ".join(self._line_words[:cut]) + "\n")
            self._line_words = self._line_words[cut:]

    def _redraw(self) -> None:
        width = shutil.get_terminal_size((100, 24)).columns - 1
        committed = " ".join(self._line_words)
        room = width - len(self._prefix()) - _visible_len(committed) - 1
        tentative = self._tentative
        if _visible_len(tentative) > max(0, room):
            tentative = _tail(tentative, room)  # keep the newest words: they are what is being said
        self.stream.write(CLEAR_LINE + self._prefix() + committed + (f" {DIM}{tentative}{RESET}" if tentative else ""))
        self.stream.flush()

    def end_line(self) -> None:
        """Returns None after finishing the live line so later output starts on a fresh line."""
        if self.interactive:
            self._tentative = ""
            self._redraw()
            self.stream.write("\n")
            self.stream.flush()


def _visible_len(text: str) -> int:
    for code in (DIM, REVERSE, RESET):
        text = text.replace(code, "")
    return len(text)


def _tail(text: str, room: int) -> str:
    """Returns the last words of ``text`` that fit in ``room`` visible characters, after an ellipsis."""
    words = text.split(" ")
    kept: list[str] = []
    while words and _visible_len(" ".join([words[-1], *kept])) + 2 <= room:
        kept.insert(0, words.pop())
    return "… " + " ".join(kept) if kept else ""
