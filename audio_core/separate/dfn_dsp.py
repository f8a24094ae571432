"""DeepFilterNet3's signal processing around its three ONNX networks, in numpy.

A vectorised port of libDF (the Rust library the model was trained with):
its 48 kHz STFT (960-point Vorbis window, 480 hop, analysis normalised by
1/960), the ERB and complex input features with their exponential
normalisation, the ERB gain mask and the deep filter (order 5, two frames of
look-ahead). Whole blocks of frames are handled per call instead of one
10 ms frame at a time; the normalisation states are carried between blocks
exactly, so block boundaries do not change the features.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import lfilter

SAMPLE_RATE = 48_000
FFT_N = 960
HOP_N = 480
FREQ_N = FFT_N // 2 + 1
ERB_BANDS = 32
MIN_BINS_PER_ERB = 2
DF_BINS = 96
DF_ORDER = 5
DF_LOOKAHEAD = 2
CONV_LOOKAHEAD = 2  # the encoder's output for frame t needs the features of t + 2
NORM_ALPHA = 0.99  # exp(-hop / (sample_rate * tau)) with tau = 1 s, rounded as libDF does
ERB_NORM_INIT_DB = (-60.0, -90.0)
UNIT_NORM_INIT = (0.001, 0.0001)
# a bin whose mean power over a block is this far below the block's loudest bin holds nothing: the
# band above the Nyquist frequency of a source recorded at a lower rate (resamplers stop it 90+ dB down)
EMPTY_BIN_DB = -70.0
# the faint noise floor the network's input gets in such bins, relative to the block's mean bin power
NOISE_FLOOR_DB = -20.0
NOISE_FLOOR_PERIOD_FRAMES = 1009  # the floor repeats every ~10 s; fixed per absolute frame, so chunking cannot change it


def _vorbis_window() -> np.ndarray:
    half = FFT_N // 2
    inner = np.sin(0.5 * np.pi * (np.arange(FFT_N) + 0.5) / half)
    return np.sin(0.5 * np.pi * inner**2).astype(np.float32)


WINDOW = _vorbis_window()
# libDF normalises in the analysis only: 1 / sum(w^2) * hop / fft = 1 / FFT_N for this window
ANALYSIS_NORM = np.float32(1.0 / float(np.sum(WINDOW.astype(np.float64) ** 2)) * HOP_N / FFT_N)


def erb_band_sizes(sample_rate: int = SAMPLE_RATE, fft_n: int = FFT_N, bands: int = ERB_BANDS, min_bins: int = MIN_BINS_PER_ERB) -> np.ndarray:
    """Returns how many FFT bins each ERB band spans (libDF's ``erb_fb``); they add up to fft_n / 2 + 1."""

    def freq2erb(freq_hz: float) -> float:
        return 9.265 * np.log1p(freq_hz / (24.7 * 9.265))

    def erb2freq(n_erb: float) -> float:
        return 24.7 * 9.265 * (np.exp(n_erb / 9.265) - 1.0)

    bin_hz = sample_rate / fft_n
    step = (freq2erb(sample_rate // 2) - freq2erb(0.0)) / bands
    sizes, previous_bin, over = [], 0, 0
    for band in range(1, bands + 1):
        top_bin = int(np.floor(erb2freq(band * step) / bin_hz + 0.5))
        size = top_bin - previous_bin - over
        if size < min_bins:
            over, size = min_bins - size, min_bins
        else:
            over = 0
        sizes.append(size)
        previous_bin = top_bin
    sizes[-1] += 1
    sizes[-1] -= sum(sizes) - (fft_n // 2 + 1)
    return np.array(sizes, dtype=np.int64)


ERB_SIZES = erb_band_sizes()
# (FREQ_N, ERB_BANDS): averages the power of each band's bins
ERB_MEAN = np.zeros((FREQ_N, ERB_BANDS), np.float32)
ERB_MEAN[np.arange(FREQ_N), np.repeat(np.arange(ERB_BANDS), ERB_SIZES)] = np.repeat(1.0 / ERB_SIZES, ERB_SIZES)


@dataclass
class NormState:
    """The running means of the two feature normalisations: per ERB band (dB) and per low bin.

    One row per frame when returned by :func:`features`; a single row when
    starting a block.
    """

    erb_db: np.ndarray
    unit: np.ndarray

    def at(self, frame: int) -> "NormState":
        """Returns the state after ``frame`` (a row of a per-frame state)."""
        return NormState(self.erb_db[frame].copy(), self.unit[frame].copy())

    @classmethod
    def initial(cls) -> "NormState":
        """Returns libDF's starting state."""
        return cls(
            erb_db=np.linspace(*ERB_NORM_INIT_DB, ERB_BANDS, dtype=np.float32),
            unit=np.linspace(*UNIT_NORM_INIT, DF_BINS, dtype=np.float32),
        )


def analyse(samples: np.ndarray) -> np.ndarray:
    """Returns the complex spectra (frames, FREQ_N) of ``samples``, one frame per hop.

    Frame ``k`` covers ``samples[k * HOP_N : k * HOP_N + FFT_N]``; the input
    length must be a multiple of HOP_N and at least FFT_N.
    """
    frames = np.lib.stride_tricks.sliding_window_view(samples, FFT_N)[::HOP_N]
    return (np.fft.rfft(frames * WINDOW, axis=1) * ANALYSIS_NORM).astype(np.complex64)


def synthesise(spectra: np.ndarray) -> np.ndarray:
    """Returns the overlap-added signal of ``spectra``: (frames + 1) * HOP_N samples.

    The inverse of :func:`analyse` where frames overlap on both sides, so the
    first and last HOP_N samples are only half reconstructed.
    """
    # numpy's inverse FFT divides by FFT_N, libDF's does not
    frames = (np.fft.irfft(spectra, FFT_N, axis=1) * (FFT_N * WINDOW)).astype(np.float32)
    out = np.zeros((spectra.shape[0] + 1) * HOP_N, np.float32)
    out[: spectra.shape[0] * HOP_N] += frames[:, :HOP_N].reshape(-1)
    out[HOP_N:] += frames[:, HOP_N:].reshape(-1)
    return out


def _smooth(values: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """Returns s[t] = alpha * s[t-1] + (1 - alpha) * values[t] along axis 0, starting from ``previous``."""
    smoothed, _ = lfilter([1.0 - NORM_ALPHA], [1.0, -NORM_ALPHA], values, axis=0, zi=(NORM_ALPHA * previous)[None, :])
    return smoothed.astype(np.float32)


def features(spectra: np.ndarray, state: NormState) -> tuple[np.ndarray, np.ndarray, NormState]:
    """Returns the encoder inputs for ``spectra`` and the normalisation state after each frame.

    ``feat_erb`` has shape (1, 1, frames, 32), ``feat_spec`` (1, 2, frames,
    96); ``state`` is the state before the first frame. The per-frame states
    let the next block continue from any frame of this one.
    """
    power = spectra.real**2 + spectra.imag**2
    erb_db = 10.0 * np.log10(power @ ERB_MEAN + 1e-10)
    erb_mean = _smooth(erb_db, state.erb_db)
    feat_erb = ((erb_db - erb_mean) / 40.0).astype(np.float32)
    low = spectra[:, :DF_BINS]
    unit_mean = _smooth(np.abs(low), state.unit)
    feat_low = low / np.sqrt(unit_mean)
    feat_spec = np.stack([feat_low.real, feat_low.imag]).astype(np.float32)
    return feat_erb[None, None], feat_spec[None], NormState(erb_mean, unit_mean)


_noise_floor_table: np.ndarray | None = None


def _noise_floor_frames(first_frame: int, frames: int) -> np.ndarray:
    """Returns unit-power complex Gaussian noise (frames, FREQ_N) for absolute frames ``first_frame`` onwards."""
    global _noise_floor_table
    if _noise_floor_table is None:
        values = np.random.default_rng(0).standard_normal((NOISE_FLOOR_PERIOD_FRAMES, FREQ_N, 2)) / np.sqrt(2.0)
        _noise_floor_table = (values[..., 0] + 1j * values[..., 1]).astype(np.complex64)
    return _noise_floor_table[(first_frame + np.arange(frames)) % NOISE_FLOOR_PERIOD_FRAMES]


def with_noise_floor(spectra: np.ndarray, first_frame: int) -> np.ndarray:
    """Returns ``spectra`` with a faint noise floor in the bins that are empty over the whole block.

    Audio recorded at 16 kHz and resampled to 48 kHz has nothing above
    8 kHz, which the network (trained on full-band recordings, where some
    noise is always there) never saw; digital silence there makes it
    suppress the speech below more (about 0.4 dB SI-SDR lost on speech in
    noise, tests/bench/bench_separation.py). Only the network's input gets
    the floor; the gains are applied to the unchanged spectra. ``first_frame``
    is the absolute index of the block's first frame, so the same frame
    always gets the same noise. Returns ``spectra`` itself when no bin is
    empty (full-band audio) or the block is silent.
    """
    bin_power = np.mean(spectra.real**2 + spectra.imag**2, axis=0)
    level = float(np.mean(bin_power))
    empty = bin_power < float(np.max(bin_power)) * 10.0 ** (EMPTY_BIN_DB / 10.0)
    if level <= 0.0 or not empty.any():
        return spectra
    filled = spectra.copy()
    noise = _noise_floor_frames(first_frame, spectra.shape[0])
    filled[:, empty] = noise[:, empty] * np.float32(np.sqrt(level * 10.0 ** (NOISE_FLOOR_DB / 10.0)))
    return filled


def enhance_spectra(spectra: np.ndarray, erb_gains: np.ndarray, df_coefs: np.ndarray) -> np.ndarray:
    """Returns the enhanced spectra: ERB gains on all bins, the deep filter on the lowest 96.

    ``erb_gains`` (frames, 32) and ``df_coefs`` (frames, 96, DF_ORDER, 2) are
    the decoders' outputs already aligned with ``spectra`` (frames, FREQ_N).
    Frame t is filtered with the noisy frames t - 2 .. t + 2; frames beyond
    the block count as silence.
    """
    frames = spectra.shape[0]
    enhanced = spectra * np.repeat(erb_gains, ERB_SIZES, axis=1)
    coefs = df_coefs[..., 0] + 1j * df_coefs[..., 1]  # (frames, 96, order)
    padded = np.zeros((frames + DF_ORDER - 1, DF_BINS), np.complex64)
    padded[DF_ORDER - 1 - DF_LOOKAHEAD : DF_ORDER - 1 - DF_LOOKAHEAD + frames] = spectra[:, :DF_BINS]
    filtered = np.zeros((frames, DF_BINS), np.complex64)
    for k in range(DF_ORDER):
        filtered += padded[k : k + frames] * coefs[:, :, k]
    enhanced[:, :DF_BINS] = filtered
    return enhanced
