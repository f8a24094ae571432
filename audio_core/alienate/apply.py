"""Alienating a whole recording, each speaker with their own parameters.

Every sample belongs to the speaker of the nearest turn, so speech the
recogniser missed (between turns) is alienated too and no stretch of the
original voice survives. Runs of one speaker are processed with a little
context and joined with short linear cross-fades. "normalise" and
"normalise_random", "world" and "cepstral" measure each speaker's voice once over all their runs,
so every run moves the same way.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.drift import drifted
from audio_core.alienate.cepstral_vc import VoiceStatistics, measure_voice_statistics
from audio_core.alienate.mcadams import alienate_mcadams
from audio_core.alienate.normalise import (VoiceMeasurement, formant_offset_away, measure_voice, normalise_voice,
                                          plan_normalisation)
from audio_core.alienate import options as alienate_options
from audio_core.alienate.options import AlienationOptions, VoiceParameters, speaker_parameters
from audio_core.alienate.pitch_formant import alienate_pitch_formant
from audio_core.alienate.world import WorldVoice, measure_world_voice
from audio_core.alienate.random_eq import eq_curve_db
from audio_core.alienate.world_voice import alienate_world

DEFAULT_SPEAKER = "speaker"
CROSSFADE_S = 0.02
CONTEXT_S = 0.1
NORMALISING_METHODS = ("normalise", "normalise_random", "world", "cepstral")  # these measure each speaker's voice first
MIN_RUN_S = 0.5  # shorter runs join a neighbour: too short for a stable pitch analysis


@dataclass(frozen=True)
class LabelledTurn:
    """A stretch of the recording labelled with the transcript's speaker id (times in seconds).

    text: what is said in the turn, already redacted, for methods that speak the words again ("" when unknown).
    words: the turn's words with their times (``audio_core.model.Word``), so "resynth" can follow the
        original's timing within a long turn; only their times are used, the words spoken come from ``text``.
    """

    start_s: float
    end_s: float
    speaker_id: str | None = None
    text: str = ""
    words: tuple = ()


def alienate_voice(
    audio: np.ndarray,
    parameters: VoiceParameters,
    sample_rate: int = SAMPLE_RATE,
    profile: VoiceMeasurement | WorldVoice | VoiceStatistics | None = None,
) -> np.ndarray:
    """Returns ``audio`` alienated with one speaker's ``parameters``, at the input's length and rate.

    ``profile`` (used by the normalising methods only) is the speaker's measured voice;
    without it ``audio`` itself is measured. Raises ValueError for an
    unknown method or out-of-range parameters.
    """
    if parameters.method == "world":
        return alienate_world(audio, parameters, sample_rate, profile)
    if parameters.method == "cepstral":
        from audio_core.alienate.cepstral_voice import alienate_cepstral

        return alienate_cepstral(audio, parameters, sample_rate, profile)
    if parameters.method in NORMALISING_METHODS:
        profile = profile if profile is not None else measure_voice(audio, sample_rate)
        formant_offset = parameters.formant_offset
        if parameters.formant_away:
            formant_offset = formant_offset_away(profile, formant_offset)
        formant_offset *= parameters.formant_scale
        plan = plan_normalisation(profile, parameters.pitch_offset_semitones, formant_offset,
                                  parameters.normalise_pull, parameters.shift_hz, parameters.highpass_hz)
        plan = replace(plan, envelope_cutoff_hz=parameters.envelope_cutoff_hz,
                       envelope_width_hz=parameters.envelope_width_hz)
        if parameters.eq_rms_db:
            plan = replace(plan, gain_db=plan.gain_db + eq_curve_db(parameters.eq_coefficients, parameters.eq_rms_db))
        return normalise_voice(audio, plan, sample_rate)
    if parameters.method == "mcadams":
        return alienate_mcadams(audio, parameters.alpha, sample_rate)
    if parameters.method == "pitch_formant":
        return alienate_pitch_formant(audio, parameters.pitch_ratio, parameters.formant_ratio, sample_rate)
    if parameters.method == "resynth":
        raise ValueError("resynth speaks a transcript again: use alienate_recording with turns that carry their text")
    if parameters.method == "combined":
        warped = alienate_mcadams(audio, parameters.alpha, sample_rate)
        return alienate_pitch_formant(warped, parameters.pitch_ratio, parameters.formant_ratio, sample_rate)
    raise ValueError(f"unknown alienation method {parameters.method!r}")


def _speaker_runs(turns: Sequence[LabelledTurn], n_samples: int, sample_rate: int) -> list[tuple[int, int, str]]:
    """Returns (start, end, speaker) sample runs covering the whole recording."""
    turns = sorted((t for t in turns if t.end_s > t.start_s), key=lambda t: t.start_s)
    if not turns:
        return [(0, n_samples, DEFAULT_SPEAKER)]
    # boundaries: half-way through each gap (or overlap) between consecutive turns
    runs: list[list] = []
    for index, turn in enumerate(turns):
        speaker = turn.speaker_id or DEFAULT_SPEAKER
        start = 0 if index == 0 else runs[-1][1]
        if index + 1 < len(turns):
            end = int(round((turn.end_s + turns[index + 1].start_s) / 2 * sample_rate))
            end = min(max(end, start), n_samples)
        else:
            end = n_samples
        if runs and runs[-1][2] == speaker:
            runs[-1][1] = end
        else:
            runs.append([start, end, speaker])
    merged: list[list] = []
    min_run = int(MIN_RUN_S * sample_rate)
    for run in runs:
        if run[1] <= run[0]:
            continue
        if merged and (run[1] - run[0] < min_run or merged[-1][2] == run[2]):
            merged[-1][1] = run[1]
        else:
            merged.append(run)
    if len(merged) > 1 and merged[0][1] - merged[0][0] < min_run:
        merged[1][0] = merged[0][0]
        merged.pop(0)
    return [tuple(run) for run in merged]


def alienate_recording(
    audio: np.ndarray,
    turns: Sequence[LabelledTurn],
    options: AlienationOptions,
    note_secret: bytes,
    sample_rate: int = SAMPLE_RATE,
    language: str = "en",
) -> np.ndarray:
    """Returns the whole recording alienated speaker by speaker, at the input's length.

    Speakers' parameters come from ``note_secret`` (see
    :func:`speaker_parameters`); without turns the recording is treated as
    one speaker. "resynth" speaks the turns' text again in ``language`` (see
    :func:`audio_core.alienate.resynth.resynthesise_recording`): without
    turns the result is silence. Raises ValueError for a non-mono array or an
    empty secret; ModelError when a TTS engine is missing.
    """
    if options.method == "resynth":
        from audio_core.alienate.resynth import resynthesise_recording

        return resynthesise_recording(audio, turns, note_secret, sample_rate, language)
    audio = np.asarray(audio, dtype=np.float32)
    if audio.ndim != 1:
        raise ValueError("alienate_recording expects mono audio (one dimension)")
    if audio.size == 0:
        return audio.copy()
    runs = _speaker_runs(turns, audio.size, sample_rate)
    fade = int(CROSSFADE_S * sample_rate)
    context = int(CONTEXT_S * sample_rate)
    output = np.zeros(audio.size, dtype=np.float64)
    cache: dict[str, VoiceParameters] = {}
    if options.method == "cepstral":
        from audio_core.alienate.cepstral_voice import note_parameters

        cache = note_parameters(options, note_secret, [speaker for _, _, speaker in runs])
    profiles: dict[str, VoiceMeasurement | None] = {}
    for run_start, run_end, speaker in runs:
        parameters = cache.setdefault(speaker, speaker_parameters(options, note_secret, speaker))
        if speaker not in profiles:
            profiles[speaker] = _speaker_profile(audio, runs, speaker, sample_rate, parameters.method) if parameters.method in NORMALISING_METHODS else None
        for start, end in _blocks(run_start, run_end, parameters, sample_rate):
            lo = max(0, start - fade - context)
            hi = min(audio.size, end + fade + context)
            block_parameters = drifted(parameters, (start + end) / 2 / sample_rate)
            processed = alienate_voice(audio[lo:hi], block_parameters, sample_rate, profiles[speaker]).astype(np.float64)
            w_lo, weight = _trapezoid(audio.size, start, end, fade)
            output[w_lo : w_lo + weight.size] += processed[w_lo - lo : w_lo - lo + weight.size] * weight
    return np.clip(output, -1.0, 1.0).astype(np.float32)


def _blocks(start: int, end: int, parameters: VoiceParameters, sample_rate: int) -> list[tuple[int, int]]:
    """Returns the run [start, end) cut into equal blocks of about DRIFT_BLOCK_S when the voice drifts, else whole."""
    if parameters.pitch_drift is None and parameters.formant_drift is None:
        return [(start, end)]
    count = max(1, int(round((end - start) / (alienate_options.DRIFT_BLOCK_S * sample_rate))))
    edges = np.linspace(start, end, count + 1).round().astype(int)
    return list(zip(edges[:-1].tolist(), edges[1:].tolist()))


def _speaker_profile(audio: np.ndarray, runs: Sequence[tuple[int, int, str]], speaker: str, sample_rate: int,
                     method: str) -> VoiceMeasurement | WorldVoice | VoiceStatistics:
    """Returns ``speaker``'s voice measured over all their runs, as ``method`` needs it."""
    speech = np.concatenate([audio[start:end] for start, end, who in runs if who == speaker])
    if method == "world":
        return measure_world_voice(speech, sample_rate, alienate_options.WORLD_SMOOTHING_HZ)
    if method == "cepstral":
        return measure_voice_statistics(speech, sample_rate)
    return measure_voice(speech, sample_rate)


def _trapezoid(n: int, start: int, end: int, fade: int) -> tuple[int, np.ndarray]:
    """Returns (first index, weights) that are 1 inside [start, end) and ramp over ±fade at inner boundaries.

    Neighbouring runs' ramps sum to exactly 1, so cross-fades keep the level.
    """
    lo = start - fade if start > 0 else 0
    hi = end + fade if end < n else n
    weight = np.ones(hi - lo)
    if start > 0:
        weight[: 2 * fade] = (np.arange(2 * fade) + 0.5) / (2 * fade)
    if end < n:
        weight[-2 * fade :] = 1.0 - (np.arange(2 * fade) + 0.5) / (2 * fade)
    return lo, weight
