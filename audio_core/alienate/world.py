"""Voice conversion with the WORLD vocoder (pyworld): a new pitch contour and a warped spectral envelope.

WORLD splits speech into a pitch contour (F0), a smooth spectral envelope
and an aperiodicity, and synthesises speech back from the three. Praat's
PSOLA changes a voice by cutting and re-spacing pitch periods, which smears
some words; WORLD instead lets each part be replaced outright:

- the pitch contour is re-drawn around a secret target: the speaker's own
  mean and range of log-F0 are removed (not just shifted), so only the
  shape of the intonation is kept;
- the spectral envelope is frequency-warped (piecewise linear) so the
  speaker's measured formant spacing lands on a secret target spacing
  (a vocal-tract length change);
- the speaker's long-term envelope (what every frame shares: tilt, mean
  formant pattern, the microphone) is replaced by one common shape plus a
  secret smooth colouring (``random_eq``); what each frame says beyond its
  speaker's average, the words, is kept;
- the aperiodicity (breathiness, noise) is kept.

Each speaker is measured once per note (:func:`measure_world_voice`) and
every run of theirs is converted the same way (:func:`convert_voice`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE

FRAME_PERIOD_MS = 5.0
PROFILE_FRAME_PERIOD_MS = 10.0  # a speaker's statistics need fewer frames than their synthesis
# DIO's tolerance between F0 candidates: its default (0.1) leaves many frames of noisy real speech unvoiced, and
# unvoiced frames are synthesised as noise, which whispers those words (tune set, tests/bench/tune_alienation.py)
DIO_ALLOWED_RANGE = 0.3
F0_FLOOR_HZ = 60.0
F0_CEILING_HZ = 500.0
FFT_SIZE = 1024  # WORLD's CheapTrick size at 16 kHz: 513 envelope bins
MIN_SAMPLES_S = 0.1  # shorter audio has too few frames for an analysis: it comes back unchanged
MIN_VOICED_FRAMES = 10  # fewer voiced frames than this leave the pitch statistics unmeasured
WARP_LIMITS = (0.8, 1.25)  # beyond this the warped envelope starts to smear vowels
WARP_KNEE = 0.85  # the warp is linear up to this fraction of Nyquist, then joins Nyquist to Nyquist
MEAN_ENVELOPE_LIMIT_DB = 15.0  # the long-term correction is clipped, so a silent band is not blown up


@dataclass(frozen=True)
class WorldVoice:
    """One speaker's voice as WORLD and Praat measured it over all their speech in a note.

    log_f0_mean, log_f0_std: mean and standard deviation of natural-log F0 over voiced frames (0 when unmeasured).
    formant_spacing_hz: mean spacing of F1..F4 (``normalise.measure_voice``; 0 when unmeasured).
    mean_envelope_db: the speaker's average log spectral envelope over voiced frames, smoothed,
        FFT_SIZE // 2 + 1 bins (all zeros when unmeasured).
    """

    log_f0_mean: float
    log_f0_std: float
    formant_spacing_hz: float
    mean_envelope_db: np.ndarray


@dataclass(frozen=True)
class WorldPlan:
    """How one speaker's speech is converted.

    target_log_f0_mean, target_log_f0_std: the new pitch statistics (natural log of hertz); a mean of 0 keeps F0.
    pitch_pull: 0..1, how far the pitch statistics move from the speaker's own to the target.
    warp_ratio: the envelope's frequency warp (above 1 moves formants up).
    envelope_gain_db: per-bin gain added to every frame's log envelope (FFT_SIZE // 2 + 1 bins).
    """

    target_log_f0_mean: float
    target_log_f0_std: float
    pitch_pull: float
    warp_ratio: float
    envelope_gain_db: np.ndarray


def _analyse(audio: np.ndarray, sample_rate: int, with_aperiodicity: bool = True, frame_period_ms: float | None = None):
    """Returns (f0, envelope, aperiodicity or None) of ``audio`` (float64), one row per WORLD frame."""
    import pyworld

    f0, times = pyworld.dio(audio, sample_rate, f0_floor=F0_FLOOR_HZ, f0_ceil=F0_CEILING_HZ,
                            frame_period=frame_period_ms or FRAME_PERIOD_MS, allowed_range=DIO_ALLOWED_RANGE)
    f0 = pyworld.stonemask(audio, f0, times, sample_rate)
    envelope = pyworld.cheaptrick(audio, f0, times, sample_rate, fft_size=FFT_SIZE)
    aperiodicity = pyworld.d4c(audio, f0, times, sample_rate, fft_size=FFT_SIZE) if with_aperiodicity else None
    return f0, envelope, aperiodicity


def _log_envelope_db(envelope: np.ndarray) -> np.ndarray:
    return 10.0 * np.log10(np.maximum(envelope, 1e-16))


def smooth_over_frequency(values_db: np.ndarray, width_bins: int) -> np.ndarray:
    """Returns ``values_db`` smoothed along its last axis by a Hann window of ``width_bins`` (edges held)."""
    if width_bins < 2:
        return values_db
    kernel = np.hanning(width_bins + 2)[1:-1]
    kernel /= kernel.sum()
    half = width_bins // 2
    padded = np.pad(values_db, half, mode="edge")
    return np.convolve(padded, kernel, mode="same")[half : half + values_db.size]


def measure_world_voice(audio: np.ndarray, sample_rate: int = SAMPLE_RATE, smoothing_hz: float = 300.0) -> WorldVoice:
    """Returns the pitch statistics, formant spacing and mean envelope of ``audio`` (one speaker).

    Values that cannot be measured (silence, too short) come back as 0.
    ``smoothing_hz`` is the width over which the mean envelope is smoothed.
    Raises ValueError for a non-mono array or a rate other than 16 kHz.
    """
    from audio_core.alienate.normalise import measure_voice

    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("measure_world_voice expects mono audio (one dimension)")
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"measure_world_voice needs {SAMPLE_RATE} Hz audio")
    unmeasured = WorldVoice(0.0, 0.0, 0.0, np.zeros(FFT_SIZE // 2 + 1))
    if audio.size < MIN_SAMPLES_S * sample_rate or not np.any(audio):
        return unmeasured
    f0, envelope, _ = _analyse(audio, sample_rate, with_aperiodicity=False, frame_period_ms=PROFILE_FRAME_PERIOD_MS)
    voiced = f0 > 0
    if voiced.sum() < MIN_VOICED_FRAMES:
        return unmeasured
    log_f0 = np.log(f0[voiced])
    mean_db = _log_envelope_db(envelope[voiced]).mean(axis=0)
    width = int(round(smoothing_hz / (sample_rate / FFT_SIZE)))
    spacing = measure_voice(audio.astype(np.float32), sample_rate).formant_spacing_hz
    return WorldVoice(float(log_f0.mean()), float(log_f0.std()), spacing, smooth_over_frequency(mean_db, width))


def warp_envelope(envelope_db: np.ndarray, ratio: float) -> np.ndarray:
    """Returns the log envelopes (frames × bins) with every frequency below the knee moved by ``ratio``.

    The warp is piecewise linear: f → ratio·f up to WARP_KNEE of Nyquist (or
    where that lands), then a straight line to Nyquist, so the whole band is
    kept. Raises ValueError for a ratio outside WARP_LIMITS.
    """
    if not WARP_LIMITS[0] - 1e-9 <= ratio <= WARP_LIMITS[1] + 1e-9:
        raise ValueError(f"warp ratio must be in {WARP_LIMITS[0]}..{WARP_LIMITS[1]}, got {ratio}")
    bins = envelope_db.shape[-1]
    out_axis = np.linspace(0.0, 1.0, bins)
    knee_out = min(WARP_KNEE * ratio, 0.98)
    knee_in = knee_out / ratio
    # the source frequency each output bin reads from
    source = np.where(out_axis <= knee_out, out_axis / ratio,
                      knee_in + (out_axis - knee_out) * (1.0 - knee_in) / (1.0 - knee_out))
    position = source * (bins - 1)
    lo = np.clip(np.floor(position).astype(int), 0, bins - 2)
    frac = position - lo
    return envelope_db[..., lo] * (1.0 - frac) + envelope_db[..., lo + 1] * frac


def plan_world_conversion(voice: WorldVoice, target_pitch_hz: float, target_range_semitones: float,
                          target_spacing_hz: float, target_envelope_db: np.ndarray, pull: float = 1.0,
                          colouring_db: np.ndarray | None = None, warp_pull: float | None = None,
                          envelope_pull: float | None = None) -> WorldPlan:
    """Returns the conversion that moves ``voice`` to the target (``pull`` 0..1 of the way).

    ``warp_pull`` and ``envelope_pull`` (default ``pull``) set the formant warp's and the long-term envelope's
    own share of the way apart from the pitch's.
    ``target_envelope_db`` is the long-term envelope every speaker is given (FFT_SIZE // 2 + 1 bins, any mean);
    ``colouring_db`` an extra per-bin gain on top (a secret colouring). Unmeasured parts of the voice are kept.
    """
    bins = FFT_SIZE // 2 + 1
    warp_pull = pull if warp_pull is None else warp_pull
    envelope_pull = pull if envelope_pull is None else envelope_pull
    warp = 1.0
    if voice.formant_spacing_hz > 0:
        warp = float(np.clip((target_spacing_hz / voice.formant_spacing_hz) ** warp_pull, *WARP_LIMITS))
    gain = np.zeros(bins)
    if np.any(voice.mean_envelope_db):
        warped_mean = warp_envelope(voice.mean_envelope_db[None, :], warp)[0]
        difference = target_envelope_db - warped_mean
        gain = envelope_pull * np.clip(difference - difference.mean(), -MEAN_ENVELOPE_LIMIT_DB, MEAN_ENVELOPE_LIMIT_DB)
    if colouring_db is not None:
        gain = gain + colouring_db
    target_mean = float(np.log(target_pitch_hz)) if voice.log_f0_mean else 0.0
    target_std = target_range_semitones * np.log(2.0) / 12.0
    return WorldPlan(target_mean, float(target_std), float(pull), warp, gain)


def map_pitch(f0: np.ndarray, voice: WorldVoice, plan: WorldPlan) -> np.ndarray:
    """Returns ``f0`` (Hz, 0 = unvoiced) with the speaker's log-F0 mean and range replaced by the plan's."""
    if plan.target_log_f0_mean == 0.0 or voice.log_f0_mean == 0.0:
        return f0
    voiced = f0 > 0
    out = np.zeros_like(f0)
    standard = (np.log(f0[voiced]) - voice.log_f0_mean) / max(voice.log_f0_std, 1e-3)
    own = voice.log_f0_mean + standard * voice.log_f0_std
    target = plan.target_log_f0_mean + standard * plan.target_log_f0_std
    out[voiced] = np.exp((1.0 - plan.pitch_pull) * own + plan.pitch_pull * target)
    return np.clip(out, F0_FLOOR_HZ, 2 * F0_CEILING_HZ) * voiced


def convert_voice(audio: np.ndarray, voice: WorldVoice, plan: WorldPlan, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns ``audio`` converted by ``plan`` (mono float32, the input's length and level).

    Audio shorter than MIN_SAMPLES_S or silent comes back unchanged.
    Raises ValueError for a non-mono array or a rate other than 16 kHz.
    """
    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim != 1:
        raise ValueError("convert_voice expects mono audio (one dimension)")
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"convert_voice needs {SAMPLE_RATE} Hz audio")
    if audio.size < MIN_SAMPLES_S * sample_rate or not np.any(audio):
        return audio.astype(np.float32)
    f0, envelope, aperiodicity = _analyse(audio, sample_rate)
    envelope_db = warp_envelope(_log_envelope_db(envelope), plan.warp_ratio) + plan.envelope_gain_db
    return synthesise_like(audio, map_pitch(f0, voice, plan), envelope_db, aperiodicity, sample_rate)


def synthesise_like(audio: np.ndarray, f0: np.ndarray, envelope_db: np.ndarray, aperiodicity: np.ndarray,
                    sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Returns WORLD's synthesis of ``f0``, the envelope ``envelope_db`` (power, dB) and ``aperiodicity``, cut or
    padded to the length of ``audio`` and scaled to its RMS level (float32, clipped to [-1, 1])."""
    import pyworld

    out = pyworld.synthesize(np.ascontiguousarray(f0), np.ascontiguousarray(10.0 ** (envelope_db / 10.0)),
                             np.ascontiguousarray(aperiodicity), sample_rate, FRAME_PERIOD_MS)
    out = np.nan_to_num(out[: audio.size], nan=0.0, posinf=0.0, neginf=0.0)
    if out.size < audio.size:
        out = np.pad(out, (0, audio.size - out.size))
    in_rms = np.sqrt(np.mean(audio**2)) + 1e-12
    out_rms = np.sqrt(np.mean(out**2)) + 1e-12
    return np.clip(out * in_rms / out_rms, -1.0, 1.0).astype(np.float32)
