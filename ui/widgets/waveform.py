"""A waveform overview of the whole note, coloured by speaker, with a playhead; click to seek.

Stretches where two people talk at once (the transcript's overlaps) are hatched.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.export.timecode import clock
from audio_core.model import Transcript

SPEAKER_COLOURS = ("#4f6df5", "#e8833a", "#2f9e77", "#c2417d", "#8a63d2", "#d4a72c", "#3aa0c8")
NO_SPEECH = "#9aa0b0"


def peaks(audio: np.ndarray, columns: int) -> np.ndarray:
    """Returns the peak absolute amplitude of ``audio`` in each of ``columns`` equal slices (0–1)."""
    if columns <= 0 or not len(audio):
        return np.zeros(max(columns, 0), np.float32)
    edges = np.linspace(0, len(audio), columns + 1).astype(int)
    out = np.zeros(columns, np.float32)
    for i in range(columns):
        piece = audio[edges[i] : max(edges[i + 1], edges[i] + 1)]
        out[i] = float(np.abs(piece).max()) if len(piece) else 0.0
    top = out.max()
    return out / top if top > 0 else out


def speaker_colours(transcript: Transcript) -> dict[str, QColor]:
    """Returns {speaker id: colour}, by the order in which the speakers first talk (one pass over the segments)."""
    ids = [sid for sid in dict.fromkeys(s.speaker_id for s in transcript.segments) if sid is not None]
    return {sid: QColor(SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)]) for i, sid in enumerate(ids)}


def speaker_colour(transcript: Transcript, speaker_id: str | None, colours: dict[str, QColor] | None = None) -> QColor:
    """Returns the colour of ``speaker_id`` (by its order among the transcript's speakers); a turn of nobody's (one
    removed at a participant's request) is grey, not in the first speaker's colour.

    ``colours`` (from :func:`speaker_colours`) saves a pass over a long note's segments for each call.
    """
    if speaker_id is None:
        return QColor(NO_SPEECH)
    colours = speaker_colours(transcript) if colours is None else colours
    return QColor(colours.get(speaker_id, SPEAKER_COLOURS[0]))


class WaveformOverview(QWidget):
    """Paints the waveform in speaker colours; emits ``seek_requested(seconds)`` on click."""

    seek_requested = Signal(float)
    COLUMNS = 600

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setCursor(Qt.PointingHandCursor)
        self._peaks = np.zeros(0, np.float32)
        self._duration_s = 0.0
        self._transcript = Transcript()
        self._playhead_s = 0.0
        self._column_colours: list[QColor] | None = None  # per column, worked out once per transcript and width

    def set_audio(self, audio: np.ndarray | None, duration_s: float, transcript: Transcript) -> None:
        """Shows ``audio`` (None: the speaker timeline only) for a note of ``duration_s`` seconds."""
        self._peaks = peaks(audio, self.COLUMNS) if audio is not None else np.zeros(0, np.float32)
        self._duration_s = duration_s
        self._transcript = transcript
        self._column_colours = None
        self.update()

    def set_transcript(self, transcript: Transcript) -> None:
        """Recolours by ``transcript``'s speakers."""
        self._transcript = transcript
        self._column_colours = None
        self.update()

    def set_playhead(self, position_s: float) -> None:
        """Moves the playhead line to ``position_s``."""
        self._playhead_s = position_s
        self.update()

    def _colours(self, columns: int) -> list[QColor]:
        """Returns each column's colour: its speaker's where a segment covers its middle, else the no-speech grey.

        Painted on every playhead move, so worked out once (segments in time order: one pass), not per column.
        """
        if self._column_colours is not None and len(self._column_colours) == columns:
            return self._column_colours
        colours = speaker_colours(self._transcript)
        silence = QColor(NO_SPEECH)
        segments = sorted(self._transcript.segments, key=lambda s: s.start_s)
        out, first, open_segments = [], 0, []
        for i in range(columns):
            time_s = (i + 0.5) / columns * self._duration_s
            while first < len(segments) and segments[first].start_s <= time_s:
                open_segments.append(segments[first])
                first += 1
            open_segments = [s for s in open_segments if s.end_s >= time_s]
            # the earliest-starting segment still covering this time, as the old first-match scan chose
            speaker = open_segments[0].speaker_id if open_segments else None
            out.append(speaker_colour(self._transcript, speaker, colours) if open_segments else silence)
        self._column_colours = out
        return out

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(Qt.NoPen)
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect, 6, 6)
        if self._duration_s <= 0:
            return
        middle = rect.center().y()
        half = rect.height() / 2 - 6
        n = len(self._peaks) or self.COLUMNS
        width = rect.width() / n
        colours = self._colours(n)
        for i in range(n):
            height = max(1.5, (self._peaks[i] if len(self._peaks) else 0.35) * half)
            painter.setBrush(colours[i])
            painter.drawRect(QRectF(rect.left() + i * width, middle - height, max(width - 0.4, 0.6), 2 * height))
        self._paint_overlaps(painter, rect)
        x = rect.left() + rect.width() * min(self._playhead_s / self._duration_s, 1.0)
        painter.setPen(QPen(self.palette().text().color(), 2))
        painter.drawLine(int(x), int(rect.top()), int(x), int(rect.bottom()))

    def _paint_overlaps(self, painter: QPainter, rect: QRectF) -> None:
        """Hatches, over the full height, each stretch where two or more speakers talk at once."""
        ink = QColor(self.palette().text().color())
        ink.setAlpha(170)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QBrush(ink, Qt.BDiagPattern))
        for overlap in self._transcript.overlaps:
            left = rect.left() + rect.width() * min(max(overlap.start_s / self._duration_s, 0.0), 1.0)
            right = rect.left() + rect.width() * min(max(overlap.end_s / self._duration_s, 0.0), 1.0)
            if right > left:
                painter.drawRect(QRectF(left, rect.top(), max(right - left, 2.0), rect.height()))

    def overlap_note_at(self, x: float) -> str:
        """Returns who talks at once at widget position ``x`` ("Speaker 1 and Speaker 2 talk at once, 0:00:05–0:00:06"),
        or "" where nobody overlaps."""
        if self._duration_s <= 0:
            return ""
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        time_s = (x - rect.left()) / max(rect.width(), 1.0) * self._duration_s
        for overlap in self._transcript.overlaps:
            if overlap.start_s <= time_s <= overlap.end_s:
                names = [self._transcript.speaker_name(sid) for sid in overlap.speaker_ids]
                who = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
                return f"{who} talk at once, {clock(overlap.start_s)}–{clock(overlap.end_s)}"
        return ""

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            note = self.overlap_note_at(event.position().x() if hasattr(event, "position") else event.pos().x())
            if note:
                QToolTip.showText(event.globalPos(), note, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        if self._duration_s > 0 and event.button() == Qt.LeftButton:
            fraction = min(max(event.position().x() / max(self.width(), 1), 0.0), 1.0)
            self.seek_requested.emit(fraction * self._duration_s)
