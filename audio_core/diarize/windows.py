"""The first pass of the overlap-aware diarizer: sliding 10 s windows through the
segmentation model, and one voice embedding per (window, local speaker).

Audio arrives block by block and only the next batch of windows' worth is kept
(8 windows: 27.5 s), so memory stays flat with the recording's length; what is
kept per window is its local activity (589 frames x 3 speakers) and three 256-d
embeddings.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.diarize.embeddings import MEL_STEP_S, _loudness_gain, embed_frames, mel_frames
from audio_core.diarize.powerset import OverlapDetection
from audio_core.diarize.segmentation import (
    FRAME_SPAN_S,
    FRAME_STEP_S,
    FRAMES_PER_WINDOW,
    LOCAL_SPEAKERS,
    WINDOW_N,
    SegmentationModel,
)

FRAME_STEP_N = 270
EMBEDDING_DIM = 256


@dataclass(frozen=True)
class WindowOptions:
    """How windows are cut and their local speakers embedded.

    embed: embed the pieces (off when another diarizer names the speakers).
    step_s: hop between 10 s windows (rounded to whole model frames); shorter is
        steadier at turn edges and slower (one model call per step).
    min_clean_s: a local speaker with less speech alone than this is embedded from all
        its frames, overlap included (as pyannote does).
    min_embed_s: a local speaker with less speech than this gets no embedding (its
        activity still counts speakers, but is given to nobody).
    partial_s / partial_hop_s: the encoder's windows over the selected speech
        (Resemblyzer was trained on 1.6 s partials).
    split_gap_s: a local speaker's pauses longer than this split it into pieces embedded apart.
    batch_windows: windows per model call.
    torch_threads: the voice encoder's BLAS threads (see EmbeddingOptions).
    overlap: when a second local speaker is labelled beyond the model's most likely class
        (audio_core.diarize.powerset.OverlapDetection; None: the most likely class alone). Off: on the
        tune split it raised overlap recall (synthetic 73 -> 96 %; DER meetings 28.1 -> 26.4 %,
        synthetic 9.5 -> 8.1 %, but pool 19.9 -> 21.4 %), and on the report split it did not carry over
        (phone call 6.5 -> 13.4 % through false alarm, synthetic 8.9 -> 10.3 %, pool 13.7 -> 16.4 %).
    """

    embed: bool = True
    step_s: float = 2.5
    min_clean_s: float = 1.0
    min_embed_s: float = 0.4
    split_gap_s: float = 0.25
    partial_s: float = 1.6
    partial_hop_s: float = 0.8
    batch_windows: int = 8
    torch_threads: int = 1
    overlap: OverlapDetection | None = None

    @property
    def step_n(self) -> int:
        """Returns the hop in samples, a whole number of model frames."""
        return max(1, int(round(self.step_s * SAMPLE_RATE / FRAME_STEP_N))) * FRAME_STEP_N


@dataclass
class WindowEvidence:
    """Per window: ``first_frames`` (n,) its first frame on the recording's frame grid and
    ``activity`` (n, 589, 3) its local speakers' 0/1 activity. Per piece (one local speaker's
    stretch between pauses): ``pieces`` (m, 4) window, local speaker, first and end frame
    in the window; ``vectors`` (m, 256) unit embeddings; ``embedded`` (m,) which have one.
    ``duration_s``: the audio's length."""

    first_frames: np.ndarray
    activity: np.ndarray
    pieces: np.ndarray
    vectors: np.ndarray
    embedded: np.ndarray
    duration_s: float

    def __len__(self) -> int:
        return len(self.first_frames)

    @property
    def frame_count(self) -> int:
        """Returns the number of model frames that cover the audio."""
        return int(np.ceil(self.duration_s / FRAME_STEP_S))


def _mel_mask(frames: np.ndarray, mel_count: int) -> np.ndarray:
    """Returns which mel frames (10 ms, centred) fall in the selected model frames."""
    centres_s = np.arange(mel_count) * MEL_STEP_S
    index = np.clip(np.round((centres_s - FRAME_SPAN_S / 2) / FRAME_STEP_S).astype(int), 0, len(frames) - 1)
    return frames[index]


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()))


def speaker_pieces(activity: np.ndarray, speaker: int, split_gap_s: float) -> list[tuple[int, int]]:
    """Returns the (first, end) frames of local ``speaker``'s stretches, split at pauses longer than ``split_gap_s``."""
    active = activity[:, speaker].astype(bool)
    limit = int(round(split_gap_s / FRAME_STEP_S))
    pieces: list[tuple[int, int]] = []
    for first, end in _runs(active):
        if pieces and first - pieces[-1][1] <= limit:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((first, end))
    return pieces


def _piece_frames(activity: np.ndarray, speaker: int, first: int, end: int, options: WindowOptions) -> np.ndarray | None:
    """Returns the frames to embed a piece from (its clean ones if enough), or None when it is too short."""
    active = np.zeros(len(activity), bool)
    active[first:end] = activity[first:end, speaker].astype(bool)
    if active.sum() * FRAME_STEP_S < options.min_embed_s:
        return None
    clean = active & (activity.sum(axis=1) == 1)
    return clean if clean.sum() * FRAME_STEP_S >= options.min_clean_s else active


def _partials(mels: np.ndarray, options: WindowOptions) -> list[np.ndarray]:
    size = int(round(options.partial_s / MEL_STEP_S))
    hop = max(1, int(round(options.partial_hop_s / MEL_STEP_S)))
    if len(mels) <= size:
        return [mels]
    starts = list(range(0, len(mels) - size + 1, hop))
    if starts[-1] + size < len(mels):
        starts.append(len(mels) - size)
    return [mels[s : s + size] for s in starts]


def embed_pieces(encoder, windows: np.ndarray, activity: np.ndarray, options: WindowOptions):
    """Returns (pieces (m, 4): window, local speaker, first frame, end frame; vectors (m, 256); embedded (m,))
    for ``windows`` (n, samples) and their ``activity``.

    A piece is one local speaker's stretch between pauses (the model sometimes
    keeps one local label across a change of voice after a pause). Its selected
    mel frames are joined and cut into partials; its embedding is the unit
    mean of their encodings.
    """
    pieces: list[tuple[int, int, int, int]] = []
    by_length: dict[int, list[tuple[int, np.ndarray]]] = {}
    for w in range(len(windows)):
        mels = None
        for speaker in range(LOCAL_SPEAKERS):
            for first, end in speaker_pieces(activity[w], speaker, options.split_gap_s):
                pieces.append((w, speaker, first, end))
                frames = _piece_frames(activity[w], speaker, first, end, options) if options.embed else None
                if frames is None:
                    continue
                if mels is None:
                    mels = mel_frames(windows[w] * _loudness_gain(windows[w]))
                selected = mels[_mel_mask(frames, len(mels))]
                for partial in _partials(selected, options):
                    by_length.setdefault(len(partial), []).append((len(pieces) - 1, partial))
    sums = np.zeros((len(pieces), EMBEDDING_DIM), np.float32)
    embedded = np.zeros(len(pieces), bool)
    for items in by_length.values():
        encoded = embed_frames(encoder, np.stack([p for _, p in items]), 256, options.torch_threads)
        for (index, _), vector in zip(items, encoded):
            sums[index] += vector
            embedded[index] = True
    norms = np.linalg.norm(sums, axis=-1, keepdims=True)
    vectors = np.where(norms > 0, sums / np.maximum(norms, 1e-9), 0.0).astype(np.float32)
    return np.array(pieces, int).reshape(-1, 4), vectors, embedded


def _window_starts(total_n: int, next_n: int, step_n: int) -> list[int]:
    starts = []
    while next_n + WINDOW_N <= total_n:
        starts.append(next_n)
        next_n += step_n
    return starts


class WindowCollector:
    """Collects the windows' local activity and embeddings of audio fed to it block by block (16 kHz mono).

    Call :meth:`feed` with each block in order, then :meth:`finish` once. Only
    the audio of the next batch of windows is kept, so memory stays flat with length; the
    evidence is the same whatever blocks the audio comes in.
    """

    def __init__(self, model: SegmentationModel, encoder, options: WindowOptions = WindowOptions()):
        self.model = model
        self.encoder = encoder
        self.options = options
        self._buffer = np.zeros(0, np.float32)
        self._buffer_start_n = self._next_n = self._total_n = self._covered_n = 0
        self._parts: list[tuple[np.ndarray, ...]] = []
        self._windows_done = 0

    @property
    def end_s(self) -> float:
        """Returns the end time of the audio fed so far."""
        return self._total_n / SAMPLE_RATE

    def feed(self, block: np.ndarray) -> None:
        """Returns None after running every whole batch of windows that the audio fed so far completes."""
        self._buffer = np.concatenate([self._buffer, np.asarray(block, np.float32)])
        self._total_n += block.size
        starts = _window_starts(self._total_n, self._next_n, self.options.step_n)
        # Batches are formed by window number, never by what one block completes: the int8 encoder
        # quantises each run on its own range, so a window's embedding depends on its batch.
        self._run(starts[: len(starts) // self.options.batch_windows * self.options.batch_windows])

    def finish(self) -> WindowEvidence:
        """Returns the evidence of everything fed; the last window is padded with silence where the audio ends
        inside it (also when the whole recording is shorter than one window)."""
        self._run(_window_starts(self._total_n, self._next_n, self.options.step_n))
        if self._total_n and self._covered_n < self._total_n:
            self._process([self._next_n])
            self._covered_n = self._total_n
        return _joined(self._parts, self._total_n / SAMPLE_RATE)

    def _run(self, starts: list[int]) -> None:
        if not starts:
            return
        self._process(starts)
        self._next_n = starts[-1] + self.options.step_n
        self._covered_n = starts[-1] + WINDOW_N
        self._buffer = self._buffer[self._next_n - self._buffer_start_n :]
        self._buffer_start_n = self._next_n

    def _process(self, starts: list[int]) -> None:
        for i in range(0, len(starts), self.options.batch_windows):
            batch = starts[i : i + self.options.batch_windows]
            offset = self._buffer_start_n
            windows = np.stack([_padded(self._buffer[s - offset : s - offset + WINDOW_N]) for s in batch])
            activity = self.model.activity(windows, self.options.overlap)
            pieces, vectors, embedded = embed_pieces(self.encoder, windows, activity, self.options)
            pieces[:, 0] += self._windows_done
            self._windows_done += len(batch)
            self._parts.append((np.array(batch) // FRAME_STEP_N, activity, pieces, vectors, embedded))


def collect_windows(
    model: SegmentationModel,
    encoder,
    blocks: Iterable[tuple[float, np.ndarray]],
    options: WindowOptions = WindowOptions(),
    on_block: Callable[[float], None] = lambda end_s: None,
) -> WindowEvidence:
    """Returns the windows' local activity and embeddings of contiguous ``(offset_s, block)`` pairs (16 kHz mono).

    The last window is padded with silence where the audio ends inside it
    (also when the whole recording is shorter than one window).
    ``on_block`` is called with the end time of each block processed.
    """
    collector = WindowCollector(model, encoder, options)
    for _, block in blocks:
        collector.feed(block)
        on_block(collector.end_s)
    return collector.finish()


def _padded(window: np.ndarray) -> np.ndarray:
    return window if window.size == WINDOW_N else np.pad(window, (0, WINDOW_N - window.size))


def _joined(parts, duration_s: float) -> WindowEvidence:
    if not parts:
        return WindowEvidence(
            np.zeros(0, int),
            np.zeros((0, FRAMES_PER_WINDOW, LOCAL_SPEAKERS), np.uint8),
            np.zeros((0, 4), int),
            np.zeros((0, EMBEDDING_DIM), np.float32),
            np.zeros(0, bool),
            duration_s,
        )
    return WindowEvidence(*(np.concatenate([p[i] for p in parts]) for i in range(5)), duration_s)
