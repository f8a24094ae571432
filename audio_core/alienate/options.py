"""Which alienation to apply, and each speaker's parameters for one note.

Parameters are random but consistent within a note: they are drawn from an
HMAC of the note's secret and the speaker id, so the same speaker sounds
the same throughout a note (and across re-exports of it) while nobody
without the secret can tell which parameters were used. They never derive
from the voice itself.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

import numpy as np

from audio_core.alienate.drift import DriftCurve, draw_drift_curve
from audio_core.errors import OptionError

METHODS = ("mcadams", "pitch_formant", "combined", "normalise", "normalise_random", "world", "cepstral", "resynth")
NOTE_SECRET_BYTES = 16
# The one source of every default: resynthesis where it was measured (English notes with transcript text),
# otherwise the signal method (``default_method.default_alienation``). An explicitly chosen method always wins.
DEFAULT_METHOD = "resynth"
FALLBACK_METHOD = "normalise_random"
DEFAULT_STRENGTH = 0.8
RESYNTH_MEASURED_LANGUAGES = ("en",)  # espeak-ng speaks the others, far less intelligibly, and was never measured


@dataclass(frozen=True)
class AlienationOptions:
    """How exported voices are alienated.

    method: "mcadams" (LPC pole-angle warping; numpy/scipy),
        "pitch_formant" (Praat pitch + formant shifting), "combined"
        (McAdams, then pitch + formant, each with its own draw),
        "normalise" (every speaker moved to one common target voice, then
        frequency-shifted; see ``normalise``), or "normalise_random"
        (normalised, then moved to a secret per-speaker pitch and formant
        offset, coloured by a secret per-speaker EQ curve (``random_eq``)
        and frequency-shifted), or "world" (WORLD vocoder: the common voice
        with a secret pitch target, formant warp and colouring; ``world``),
        or "cepstral" (each speaker's mel-cepstral envelope and pitch
        statistics replaced by a secret TTS voice's; ``cepstral_vc``).
    strength: 0..1; 0 leaves voices as they are, 1 is the strongest change.

    Default "resynth" for English notes with transcript text, "normalise_random" at 0.8 for anything else
    (``default_method.default_alienation``). "normalise_random" at 0.8, on tests/bench/bench_alienation.py's
    report speakers (17 of 33, never tuned on; 1072 trials per attacker), over 10 secret draws, mean (worst
    draw), Resemblyzer / d-vector:
    EER 45 / 46 % (43 / 42 %) against an ignorant attacker, 39 / 35 % (31 / 29 %) lazy-informed, 30 / 23 %
    (23 / 21 %) semi-informed (an LDA projection learned on alienated tune speakers); WER +11.7 (+15.5) points
    on real speech and +5.6 (+9.4) on synthetic voices; RTF 0.019. Targets (45 / 35 / 30 %, 5 points) are
    missed by the worst draws and by the semi-informed and WER means. "mcadams" (2 draws) gave 30 / 27 %,
    18 / 16 %, 16 / 10 %, +24, +19; "combined" 35 / 34 %, 33 / 39 %, 20 / 23 %, +40, +17. The figures of earlier
    versions (44 % / 32 %) came from the voices the method was tuned on and a weaker attacker.

    "resynth" (the note's own tiny.en text spoken again by secret TTS voices) on the same report speakers, 10
    draws, mean (worst draw), Resemblyzer / d-vector: ignorant 48 / 48 % (45 / 44 %), lazy-informed 48 / 48 %
    (36 / 36 %), semi-informed 43 / 46 % (30 / 30 %); WER +5.7 (+9.0) real, +3.2 (+5.7) synthetic; RTF 0.022.
    Stronger than the default against every attacker and cheaper in words, but its worst draws miss the targets
    narrowly (semi-informed 29.8 %, real WER +9.0): a public voice pool of four means an attacker's own draw
    sometimes gives a speaker the note's voice. Its ignorant figures are those of chance with 66 same-speaker
    trials (a method that leaks nothing has a median worst-of-10 EER of 45.5 % there). The default where it applies:
    better than "normalise_random" on every privacy figure, at half its cost in words.

    "world" (WORLD vocoder: the pitch contour re-drawn around a secret target, the envelope warped to a secret
    formant spacing and its long-term shape replaced by a common one plus a secret colouring) on the same report
    speakers, 6 draws, in the same runs as 3 draws of the default, mean (worst draw), Resemblyzer / d-vector:
    ignorant 37 / 35 % (33 / 32 %), lazy-informed 32 / 30 % (31 / 24 %), semi-informed 27 / 21 % (23 / 16 %);
    WER +17.4 (+26.3) real, +4.6 (+6.9) synthetic; RTF 0.080. Weaker than the default against every attacker
    and dearer in words on real speech (cheaper on synthetic voices): selectable, not the default.

    "cepstral" (each speaker's mel-cepstral statistics and pitch mean and range replaced by those of a secret TTS
    voice, piper joe or a flite voice) on the same report speakers, 3 draws beside 3 of the default (46 / 46 %,
    38 / 34 %, 27 / 23 %, +10.8 / +7.6), mean (worst draw), Resemblyzer / d-vector: ignorant 21 / 22 % (19 / 21 %),
    lazy-informed 22 / 25 % (22 / 22 %), semi-informed 13 / 22 % (11 / 20 %); WER +14.3 (+15.5) real, -1.1 (+0.0)
    synthetic; RTF 0.068. The fewest words lost on synthetic voices of any method here and stronger lazy and
    semi-informed d-vector figures than "normalise", "mcadams" or "pitch_formant", but far weaker than the default
    against every attacker (synthetic voices, whose timing and intonation are fixed by their engine, fall to about
    10 % semi-informed): what is left of a speaker (the shape of their spectral movements, intonation, timing,
    breathiness) is enough for both encoders. Selectable, not the default. With full covariances
    (``cepstral_vc.FULL_COVARIANCE``, off; 2 draws): ignorant 33 / 34 % (33 / 33 %), lazy-informed 40 / 44 %
    (39 / 43 %), semi-informed 24 / 33 % (24 / 33 %) -- the lazy and semi-informed d-vector targets met on both
    draws -- but WER +27.2 (+29.1) real, +11.7 (+14.4) synthetic, RTF 0.091.

    Above 0.8, "normalise_random" pulls each voice past the common target,
    away from where it started (mirrored through it at 1.0). At strength 1.0
    it gave EER 50 % (48 %) and 34 % (35 %) at a cost of +11 WER points on
    LibriVox (+9) and +13 over 317 words (+14).
    """

    method: str = DEFAULT_METHOD
    strength: float = DEFAULT_STRENGTH

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise OptionError(f"unknown alienation method {self.method!r}: choose from {', '.join(METHODS)}")
        if not 0.0 <= self.strength <= 1.0:
            raise OptionError(f"alienation strength must be between 0 and 1, got {self.strength}")


@dataclass(frozen=True)
class VoiceParameters:
    """One speaker's alienation in one note.

    alpha: McAdams coefficient (1 = unchanged), used by "mcadams" and "combined".
    pitch_ratio, formant_ratio: multipliers (1 = unchanged), used by "pitch_formant" and "combined".
    normalise_pull: how far the normalising methods move the voice to the common target (1 = all the way;
        above 1, "normalise_random" at strengths over 0.8 only, past it, away from the original voice).
    pitch_offset_semitones, formant_offset: this speaker's offset from the common target ("normalise").
    shift_hz: upward frequency shift after normalising ("normalise", "normalise_random").
    eq_coefficients, eq_rms_db: this speaker's random EQ curve (see ``random_eq``), "normalise_random" only.
    formant_away: the formant offset's sign is set from the measured voice, away from the speaker's own
        side of the target ("normalise_random"); the drawn sign is ignored.
    highpass_hz: cut-off of a high-pass on the alienated voice (0 = none), "normalise_random" only.
    pitch_range_semitones: the standard deviation of the new pitch contour ("world"; 0 keeps the speaker's own).
    target_voice: the TTS voice whose statistics replace the speaker's ("cepstral"; a ``target_voices.POOL_VOICES``
        label), set per note by ``cepstral_voice.assign_target_voices`` so two speakers never share one while one is free.
    drift_semitones, drift_formant: how far the pitch offset (semitones) and the formant offset (a fraction)
        wander over time along ``pitch_drift`` and ``formant_drift`` (``drift``), "normalise_random" only;
        0 or no curves keep the offsets fixed. ``formant_scale`` is the drift's formant factor at one moment
        (set by ``drift.drifted`` for one block; 1 = none).
    """

    method: str
    alpha: float = 1.0
    pitch_ratio: float = 1.0
    formant_ratio: float = 1.0
    normalise_pull: float = 0.0
    pitch_offset_semitones: float = 0.0
    formant_offset: float = 1.0
    shift_hz: float = 0.0
    eq_coefficients: tuple[float, ...] = ()
    eq_rms_db: float = 0.0
    formant_away: bool = False
    highpass_hz: float = 0.0
    envelope_cutoff_hz: float = 0.0
    envelope_width_hz: float = 0.0
    drift_semitones: float = 0.0
    drift_formant: float = 0.0
    pitch_drift: DriftCurve | None = None
    formant_drift: DriftCurve | None = None
    formant_scale: float = 1.0
    pitch_range_semitones: float = 0.0
    target_voice: str = ""


# Ranges at strength 1; a strength s scales the distance from "unchanged".
MCADAMS_ALPHA_DROP = (0.25, 0.40)  # alpha = 1 - s * U(lo, hi)
PITCH_SEMITONES = (3.0, 6.0)  # up or down, chosen per speaker
FORMANT_CHANGE = (0.12, 0.20)  # formant ratio 1 ± s * U(lo, hi), same direction as pitch
# "normalise": full pull to the target from this strength up; offsets and shift scale with s
NORMALISE_FULL_PULL_AT = 0.8
TARGET_PITCH_OFFSET_SEMITONES = 2.5  # ± s * this around the target pitch
TARGET_FORMANT_OFFSET = 0.05  # formant target × (1 ± s * this)
SHIFT_HZ = (150.0, 275.0)  # shift = s * U(lo, hi)
# "normalise_random": normalise, then a large random per-speaker offset and EQ (all scale with s)
RANDOM_PITCH_SEMITONES = (1.875, 4.375)  # target pitch moved up or down by s * U(lo, hi)
RANDOM_FORMANT_CHANGE = (0.05, 0.125)  # formant target × (1 ± s * U(lo, hi)), away from the speaker's own side
RANDOM_EQ_RMS_DB = 15.0  # s * this dB RMS of smooth random colouring: the main defence against a lazy-informed attacker
RANDOM_SHIFT_HZ = (87.5, 162.5)  # shift = s * U(lo, hi); more breaks an ignorant attacker but costs words
# above the default strength the pull goes past the target (2 = mirrored through it): much harder to
# match against the original voice, at a cost in words (see AlienationOptions)
RANDOM_OVERPULL_FROM = NORMALISE_FULL_PULL_AT  # where the pull reaches 1
RANDOM_OVERPULL_AT_FULL = 2.0
# the voice below this is cut (full cut-off from NORMALISE_FULL_PULL_AT up): the band of the fundamental and
# first harmonics carries much of what is left of the speaker after normalising, and little of the words
RANDOM_HIGHPASS_HZ = 450.0
# the spectral envelope above the cut-off is smoothed over the width (scaled by s): the high formants say who
# speaks, the words live below (see envelope_smoothing); a width of 0 keeps the envelope
ENVELOPE_CUTOFF_HZ = 2500.0
ENVELOPE_WIDTH_HZ = 0.0
# time-varying offsets (``drift``): at strength s the pitch offset wanders by up to ± s * this (semitones) and
# the formant offset by ± s * this (a fraction), along secret slow curves; 0 keeps each speaker's offsets fixed.
# Off: on the tune speakers (tests/bench/tune_alienation.py, 2 draws) 4.0 / 0.125 lifted the worst attacker from
# 22.6 % to 26.3 % EER but cost +15.2 / +14.3 WER points (real / synthetic) against +13.8 / +8.5
DRIFT_SEMITONES = 0.0
DRIFT_FORMANT = 0.0
DRIFT_BLOCK_S = 1.0  # the drift is applied block by block (cross-faded): each block hears one value
# "world" (WORLD vocoder, ``world``): the pitch contour is re-drawn around the common target moved by a secret
# s * U(lo, hi) semitones up or down, with a secret range (standard deviation, semitones); the envelope is warped
# to the common formant spacing moved by s * U(lo, hi), away from the speaker's own side; the long-term envelope
# is replaced by the common one plus a secret colouring of s * this dB RMS; then an optional shift and high-pass
WORLD_PITCH_SEMITONES = (1.875, 4.375)
WORLD_PITCH_RANGE_SEMITONES = (1.5, 2.5)
WORLD_WARP_CHANGE = (0.05, 0.125)
WORLD_EQ_RMS_DB = 7.5
WORLD_SHIFT_HZ = (0.0, 0.0)
WORLD_HIGHPASS_HZ = 0.0
WORLD_SMOOTHING_HZ = 300.0  # the speaker's long-term envelope is measured this smooth: finer detail stays theirs

# "cepstral" (a secret TTS voice's mel-cepstral and pitch statistics, ``cepstral_vc``): each speaker's pitch sits
# s * U(lo, hi) semitones up or down from their target voice's own; envelope and pitch move all the way from 0.8 up
CEPSTRAL_PITCH_SEMITONES = (0.0, 1.5)
CEPSTRAL_SHIFT_HZ = (0.0, 0.0)  # then every frequency moved up by s * U(lo, hi) (``frequency_shift``); 0 = none


def new_note_secret() -> bytes:
    """Returns a fresh random secret to store with a note (never exported)."""
    return secrets.token_bytes(NOTE_SECRET_BYTES)


def speaker_parameters(options: AlienationOptions, note_secret: bytes, speaker_id: str) -> VoiceParameters:
    """Returns ``speaker_id``'s parameters in the note whose secret is ``note_secret``.

    The same inputs always give the same parameters. Raises ValueError for
    an empty secret.
    """
    if not note_secret:
        raise ValueError("a note secret is needed to draw alienation parameters")
    digest = hmac.new(note_secret, f"{options.method}:{speaker_id}".encode(), hashlib.sha256).digest()
    rng = np.random.default_rng(int.from_bytes(digest[:8], "big"))
    s = options.strength
    alpha = round(1.0 - s * rng.uniform(*MCADAMS_ALPHA_DROP), 4)
    direction = 1.0 if rng.random() < 0.5 else -1.0
    semitones = direction * s * rng.uniform(*PITCH_SEMITONES)
    pitch_ratio = round(2.0 ** (semitones / 12.0), 4)
    formant_ratio = round(1.0 + direction * s * rng.uniform(*FORMANT_CHANGE), 4)
    if options.method == "mcadams":
        return VoiceParameters("mcadams", alpha=alpha)
    if options.method == "resynth":
        return VoiceParameters("resynth")  # its voices are drawn by resynth_voices.speaker_voices
    if options.method == "pitch_formant":
        return VoiceParameters("pitch_formant", pitch_ratio=pitch_ratio, formant_ratio=formant_ratio)
    if options.method == "normalise":
        return VoiceParameters(
            "normalise",
            normalise_pull=round(min(1.0, s / NORMALISE_FULL_PULL_AT), 4),
            pitch_offset_semitones=round(s * rng.uniform(-1.0, 1.0) * TARGET_PITCH_OFFSET_SEMITONES, 3),
            formant_offset=round(1.0 + s * rng.uniform(-1.0, 1.0) * TARGET_FORMANT_OFFSET, 4),
            shift_hz=round(s * rng.uniform(*SHIFT_HZ), 1),
        )
    if options.method == "normalise_random":
        return _random_offset_parameters(s, rng)
    if options.method == "world":
        return _world_parameters(s, rng)
    if options.method == "cepstral":
        direction = 1.0 if rng.random() < 0.5 else -1.0
        return VoiceParameters("cepstral", normalise_pull=round(min(1.0, s / NORMALISE_FULL_PULL_AT), 4),
                               pitch_offset_semitones=round(direction * s * rng.uniform(*CEPSTRAL_PITCH_SEMITONES), 3),
                               shift_hz=round(s * rng.uniform(*CEPSTRAL_SHIFT_HZ), 1))
    return VoiceParameters("combined", alpha=alpha, pitch_ratio=pitch_ratio, formant_ratio=formant_ratio)


def _random_offset_parameters(s: float, rng: np.random.Generator) -> VoiceParameters:
    """Returns "normalise_random" parameters at strength ``s`` drawn from ``rng``."""
    from audio_core.alienate.random_eq import draw_eq_coefficients

    # the formant direction is drawn only to keep the draws after it unchanged: it is replaced by "away" when
    # planned (normalise.formant_offset_away), which needs the measured voice
    pitch_direction = 1.0 if rng.random() < 0.5 else -1.0
    pitch_offset = pitch_direction * s * rng.uniform(*RANDOM_PITCH_SEMITONES)
    formant_direction = 1.0 if rng.random() < 0.5 else -1.0
    formant_offset = round(1.0 + formant_direction * s * rng.uniform(*RANDOM_FORMANT_CHANGE), 4)
    shift_hz = round(s * rng.uniform(*RANDOM_SHIFT_HZ), 1)
    eq_coefficients = draw_eq_coefficients(rng)
    # drawn after everything else, so the other parameters are the same with the drift on or off
    pitch_drift, formant_drift = draw_drift_curve(rng), draw_drift_curve(rng)
    drifting = s > 0 and (DRIFT_SEMITONES > 0 or DRIFT_FORMANT > 0)
    return VoiceParameters(
        "normalise_random",
        normalise_pull=round(_random_pull(s), 4),
        pitch_offset_semitones=round(pitch_offset, 3),
        formant_offset=formant_offset,
        shift_hz=shift_hz,
        eq_coefficients=eq_coefficients,
        eq_rms_db=round(s * RANDOM_EQ_RMS_DB, 3),
        formant_away=s > 0,
        highpass_hz=round(_random_highpass_hz(s), 1),
        envelope_cutoff_hz=ENVELOPE_CUTOFF_HZ,
        envelope_width_hz=round(s / NORMALISE_FULL_PULL_AT * ENVELOPE_WIDTH_HZ, 1) if s > 0 else 0.0,
        drift_semitones=round(s * DRIFT_SEMITONES, 3) if drifting else 0.0,
        drift_formant=round(s * DRIFT_FORMANT, 4) if drifting else 0.0,
        pitch_drift=pitch_drift if drifting else None,
        formant_drift=formant_drift if drifting else None,
    )


def _world_parameters(s: float, rng: np.random.Generator) -> VoiceParameters:
    """Returns "world" parameters at strength ``s`` drawn from ``rng`` (``world``)."""
    from audio_core.alienate.random_eq import draw_eq_coefficients

    pitch_direction = 1.0 if rng.random() < 0.5 else -1.0
    pitch_offset = pitch_direction * s * rng.uniform(*WORLD_PITCH_SEMITONES)
    pitch_range = rng.uniform(*WORLD_PITCH_RANGE_SEMITONES)
    warp_offset = round(1.0 + s * rng.uniform(*WORLD_WARP_CHANGE), 4)  # its side is set from the measured voice
    eq_coefficients = draw_eq_coefficients(rng)
    shift_hz = round(s * rng.uniform(*WORLD_SHIFT_HZ), 1)
    return VoiceParameters(
        "world",
        normalise_pull=round(min(1.0, s / NORMALISE_FULL_PULL_AT), 4),
        pitch_offset_semitones=round(pitch_offset, 3),
        pitch_range_semitones=round(pitch_range, 3),
        formant_offset=warp_offset,
        formant_away=s > 0,
        eq_coefficients=eq_coefficients,
        eq_rms_db=round(s * WORLD_EQ_RMS_DB, 3),
        shift_hz=shift_hz,
        highpass_hz=round(WORLD_HIGHPASS_HZ * min(1.0, s / NORMALISE_FULL_PULL_AT), 1),
    )


def _random_pull(s: float) -> float:
    """Returns "normalise_random"'s pull at strength ``s``: up to 1 at RANDOM_OVERPULL_FROM, then up to RANDOM_OVERPULL_AT_FULL."""
    if s <= RANDOM_OVERPULL_FROM:
        return s / RANDOM_OVERPULL_FROM
    return 1.0 + (RANDOM_OVERPULL_AT_FULL - 1.0) * (s - RANDOM_OVERPULL_FROM) / (1.0 - RANDOM_OVERPULL_FROM)


def _random_highpass_hz(s: float) -> float:
    """Returns "normalise_random"'s high-pass cut-off at strength ``s``: RANDOM_HIGHPASS_HZ from NORMALISE_FULL_PULL_AT up."""
    return RANDOM_HIGHPASS_HZ * min(1.0, s / NORMALISE_FULL_PULL_AT)


def parameter_ranges(options: AlienationOptions) -> dict[str, list[float]]:
    """Returns the range each parameter is drawn from at ``options.strength`` (for reports)."""
    s = options.strength
    lo, hi = MCADAMS_ALPHA_DROP
    ranges = {
        "alpha": [round(1 - s * hi, 4), round(1 - s * lo, 4)],
        "pitch_semitones": [round(-s * PITCH_SEMITONES[1], 2), round(s * PITCH_SEMITONES[1], 2)],
        "formant_ratio": [round(1 - s * FORMANT_CHANGE[1], 4), round(1 + s * FORMANT_CHANGE[1], 4)],
    }
    if options.method == "normalise":
        from audio_core.alienate.normalise import TARGET_PITCH_HZ

        return {
            "target_pitch_hz": [round(TARGET_PITCH_HZ * 2 ** (-s * TARGET_PITCH_OFFSET_SEMITONES / 12), 1),
                                round(TARGET_PITCH_HZ * 2 ** (s * TARGET_PITCH_OFFSET_SEMITONES / 12), 1)],
            "frequency_shift_hz": [round(s * SHIFT_HZ[0], 1), round(s * SHIFT_HZ[1], 1)],
        }
    if options.method == "normalise_random":
        from audio_core.alienate.normalise import TARGET_PITCH_HZ

        top = s * RANDOM_PITCH_SEMITONES[1]
        return {
            "target_pitch_hz": [round(TARGET_PITCH_HZ * 2 ** (-top / 12), 1), round(TARGET_PITCH_HZ * 2 ** (top / 12), 1)],
            "formant_offset": [round(1 - s * RANDOM_FORMANT_CHANGE[1], 4), round(1 + s * RANDOM_FORMANT_CHANGE[1], 4)],
            "eq_rms_db": [round(s * RANDOM_EQ_RMS_DB, 2), round(s * RANDOM_EQ_RMS_DB, 2)],
            "frequency_shift_hz": [round(s * RANDOM_SHIFT_HZ[0], 1), round(s * RANDOM_SHIFT_HZ[1], 1)],
            "pull_to_target": [round(_random_pull(s), 4), round(_random_pull(s), 4)],
            "highpass_hz": [round(_random_highpass_hz(s), 1), round(_random_highpass_hz(s), 1)],
        } | ({"envelope_smoothing_above_hz": [ENVELOPE_CUTOFF_HZ, ENVELOPE_CUTOFF_HZ],
              "envelope_smoothing_width_hz": [round(s / NORMALISE_FULL_PULL_AT * ENVELOPE_WIDTH_HZ, 1)] * 2}
             if ENVELOPE_WIDTH_HZ > 0 and s > 0 else {}) \
          | ({"pitch_drift_semitones": [round(-s * DRIFT_SEMITONES, 3), round(s * DRIFT_SEMITONES, 3)],
              "formant_drift": [round(1 - s * DRIFT_FORMANT, 4), round(1 + s * DRIFT_FORMANT, 4)]}
             if (DRIFT_SEMITONES > 0 or DRIFT_FORMANT > 0) and s > 0 else {})
    if options.method == "world":
        from audio_core.alienate.normalise import TARGET_PITCH_HZ

        top = s * WORLD_PITCH_SEMITONES[1]
        return {
            "target_pitch_hz": [round(TARGET_PITCH_HZ * 2 ** (-top / 12), 1), round(TARGET_PITCH_HZ * 2 ** (top / 12), 1)],
            "pitch_range_semitones": list(WORLD_PITCH_RANGE_SEMITONES),
            "formant_warp": [round(1 - s * WORLD_WARP_CHANGE[1], 4), round(1 + s * WORLD_WARP_CHANGE[1], 4)],
            "eq_rms_db": [round(s * WORLD_EQ_RMS_DB, 2)] * 2,
            "pull_to_target": [round(min(1.0, s / NORMALISE_FULL_PULL_AT), 4)] * 2,
        } | ({"frequency_shift_hz": [round(s * WORLD_SHIFT_HZ[0], 1), round(s * WORLD_SHIFT_HZ[1], 1)]}
             if WORLD_SHIFT_HZ[1] > 0 else {}) \
          | ({"highpass_hz": [round(WORLD_HIGHPASS_HZ * min(1.0, s / NORMALISE_FULL_PULL_AT), 1)] * 2}
             if WORLD_HIGHPASS_HZ > 0 else {})
    if options.method == "cepstral":
        top = s * CEPSTRAL_PITCH_SEMITONES[1]
        return {"pitch_offset_from_target_voice_semitones": [round(-top, 3), round(top, 3)],
                "pull_to_target": [round(min(1.0, s / NORMALISE_FULL_PULL_AT), 4)] * 2} \
            | ({"frequency_shift_hz": [round(s * CEPSTRAL_SHIFT_HZ[0], 1), round(s * CEPSTRAL_SHIFT_HZ[1], 1)]}
               if CEPSTRAL_SHIFT_HZ[1] > 0 else {})
    if options.method == "mcadams":
        return {"alpha": ranges["alpha"]}
    if options.method == "resynth":
        from audio_core.alienate.resynth_voices import FORMANT_JITTER, PITCH_JITTER_SEMITONES, RATE_JITTER

        return {"pitch_offset_semitones": [-PITCH_JITTER_SEMITONES[1], PITCH_JITTER_SEMITONES[1]],
                "formant_ratio": [round(1 - FORMANT_JITTER[1], 4), round(1 + FORMANT_JITTER[1], 4)],
                "speaking_rate": [round(1 - RATE_JITTER, 4), round(1 + RATE_JITTER, 4)]}
    if options.method == "pitch_formant":
        return {k: v for k, v in ranges.items() if k != "alpha"}
    return ranges
