"""Speaker embeddings of short overlapping windows, with Resemblyzer's voice encoder
(``audio_core.voice_encoder``, numpy: no torch).

The mel spectrogram of a speech region is computed once and sliced into
windows, which go through the encoder's LSTM in batches: much faster than
``embed_utterance`` per window, and no webrtcvad trimming (Silero already
found the speech).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE

MEL_STEP_S = 0.01  # Resemblyzer's mel frames are 10 ms apart
TARGET_DBFS = -30.0  # the loudness Resemblyzer was trained on


@dataclass(frozen=True)
class EmbeddingOptions:
    """How speech is cut into windows for embedding.

    window_s: window length (Resemblyzer was trained on 1.6 s partials).
    hop_s: step between windows; overlap lets short turns be attributed.
    min_window_s: regions shorter than this are not embedded at all.
    batch_size: windows per forward pass.
    torch_threads: the encoder's BLAS threads during the forward pass (restored
        afterwards; the name predates the numpy encoder). One thread measured
        5x faster than two on a 2-core machine shared with other jobs (spinning
        threads starve each other; tests/bench/bench_diarization.py: 0.056 vs
        0.29 RTF at load 5.7) and still meets the speed target alone, leaving a
        core to the rest.
    """

    window_s: float = 1.5
    hop_s: float = 0.25
    min_window_s: float = 0.4
    batch_size: int = 512
    torch_threads: int = 1


@dataclass
class WindowEmbeddings:
    """Embeddings of windows: ``starts_s``/``ends_s`` (n,) and unit ``vectors`` (n, 256)."""

    starts_s: np.ndarray
    ends_s: np.ndarray
    vectors: np.ndarray

    def __len__(self) -> int:
        return len(self.starts_s)


def _loudness_gain(audio: np.ndarray, target_dbfs: float = TARGET_DBFS) -> float:
    """Returns the factor that brings ``audio``'s RMS to ``target_dbfs`` (1.0 for silence)."""
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if audio.size else 0.0
    return 10 ** (target_dbfs / 20) / rms if rms > 1e-6 else 1.0


def mel_frames(audio: np.ndarray) -> np.ndarray:
    """Returns Resemblyzer's (n_frames, 40) mel spectrogram of 16 kHz ``audio``."""
    from audio_core.voice_encoder.mel import mel_spectrogram

    return mel_spectrogram(audio)


def _window_bounds(n_frames: int, window_n: int, hop_n: int, min_n: int) -> list[tuple[int, int]]:
    if n_frames < min_n:
        return []
    if n_frames <= window_n:
        return [(0, n_frames)]
    starts = list(range(0, n_frames - window_n + 1, hop_n))
    if starts[-1] + window_n < n_frames:
        starts.append(n_frames - window_n)
    return [(s, s + window_n) for s in starts]


def _set_bounds(n_frames: int, options: EmbeddingOptions) -> list[tuple[int, int]]:
    window_n = int(round(options.window_s / MEL_STEP_S))
    hop_n = max(1, int(round(options.hop_s / MEL_STEP_S)))
    return _window_bounds(n_frames, window_n, hop_n, int(round(options.min_window_s / MEL_STEP_S)))


def embed_frames(encoder, mels: np.ndarray, batch_size: int = 64, threads: int | None = None) -> np.ndarray:
    """Returns unit embeddings (n, 256) of a batch of equal-length mel windows (n, frames, 40),
    computed with ``threads`` BLAS threads (None: the encoder's setting)."""
    return encoder.embed_frames(mels, batch_size, threads)


def embed_window_sets(
    encoder,
    audio: np.ndarray,
    regions: list[tuple[float, float]],
    option_sets: list[EmbeddingOptions],
    sample_rate: int = SAMPLE_RATE,
    first_set_kept: Callable[[int], np.ndarray] | None = None,
) -> list[WindowEmbeddings]:
    """Returns, for each of ``option_sets``, embeddings of overlapping windows inside each (start_s, end_s)
    region of ``audio``; each region's mel spectrogram is computed once for all the sets.

    ``encoder`` is an :class:`audio_core.voice_encoder.VoiceEncoder`. Regions shorter than
    ``min_window_s`` get no window; shorter than ``window_s``, one window.
    ``first_set_kept``: given how many windows the first set has here, returns which of them (a bool
    mask in time order) to embed; the others are left out, never run through the encoder.
    Raises ValueError when ``sample_rate`` is not 16 kHz.
    """
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"embeddings need {SAMPLE_RATE} Hz audio, not {sample_rate}")
    speech = [audio[int(s * sample_rate) : int(e * sample_rate)] for s, e in regions]
    gain = _loudness_gain(np.concatenate(speech)) if speech else 1.0
    shortest_n = min(int(round(o.min_window_s / MEL_STEP_S)) for o in option_sets) if option_sets else 0
    # Windows that start at the same frame of a region differ only in length, and an LSTM's state after
    # k frames is the state of the window k frames long: each start is run once, to its longest window.
    # Starts are grouped by the lengths they need, so each group is one stack of equal-length batches.
    by_lengths: dict[tuple[int, ...], list[tuple[float, np.ndarray, dict[int, list[int]]]]] = {}
    cut = []  # (start_s, mels, bounds per set) of each region long enough
    for (start_s, _), samples in zip(regions, speech):
        if samples.size < shortest_n * MEL_STEP_S * sample_rate:
            continue
        mels = mel_frames(samples * gain)
        cut.append((start_s, mels, [_set_bounds(len(mels), options) for options in option_sets]))
    if first_set_kept is not None and option_sets:
        kept = iter(first_set_kept(sum(len(bounds[0]) for _, _, bounds in cut)).tolist())
        cut = [(start_s, mels, [[b for b in bounds[0] if next(kept)]] + bounds[1:]) for start_s, mels, bounds in cut]
    for start_s, mels, bounds in cut:
        sets_at: dict[int, dict[int, list[int]]] = {}  # start frame -> length -> the sets wanting it
        for set_index, set_bounds in enumerate(bounds):
            for lo, hi in set_bounds:
                sets_at.setdefault(lo, {}).setdefault(hi - lo, []).append(set_index)
        for lo, wanted in sets_at.items():
            lengths = tuple(sorted(wanted))
            by_lengths.setdefault(lengths, []).append((start_s + lo * MEL_STEP_S, mels[lo : lo + lengths[-1]], wanted))
    sets: list[tuple[list[float], list[float], list[np.ndarray]]] = [([], [], []) for _ in option_sets]
    batch_size = max((o.batch_size for o in option_sets), default=1)
    threads = max((o.torch_threads for o in option_sets), default=1)
    for lengths, items in by_lengths.items():
        vectors = encoder.embed_prefixes(np.stack([m for _, m, _ in items]), list(lengths), batch_size, threads)
        for k, length in enumerate(lengths):
            for (start_s, _, wanted), vector in zip(items, vectors[k]):
                for set_index in wanted[length]:
                    starts, ends, kept = sets[set_index]
                    starts.append(start_s)
                    ends.append(start_s + length * MEL_STEP_S)
                    kept.append(vector)
    out = []
    for starts, ends, kept in sets:
        if not starts:
            out.append(WindowEmbeddings(np.zeros(0), np.zeros(0), np.zeros((0, 256), np.float32)))
            continue
        order = np.argsort(starts, kind="stable")
        out.append(WindowEmbeddings(np.asarray(starts)[order], np.asarray(ends)[order], np.stack(kept)[order]))
    return out


def embed_windows(
    encoder,
    audio: np.ndarray,
    regions: list[tuple[float, float]],
    options: EmbeddingOptions = EmbeddingOptions(),
    sample_rate: int = SAMPLE_RATE,
) -> WindowEmbeddings:
    """Returns embeddings of overlapping windows inside each (start_s, end_s) region of ``audio``.

    ``encoder`` is an :class:`audio_core.voice_encoder.VoiceEncoder`. Regions shorter than
    ``min_window_s`` get no window; shorter than ``window_s``, one window.
    Raises ValueError when ``sample_rate`` is not 16 kHz.
    """
    return embed_window_sets(encoder, audio, regions, [options], sample_rate)[0]
