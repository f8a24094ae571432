"""Time-varying offsets: each speaker's secret pitch and formant offsets wander slowly over the recording.

A fixed secret offset moves every stretch of a speaker's voice the same
way, so all of it still clusters around one (moved) point that an attacker
can enrol. Here the offsets follow a secret smooth curve of time (two
slow sinusoids, periods of several seconds, drawn from the note secret):
each turn, and each part of a long turn, is moved by a different amount,
so the same speaker's stretches scatter along the directions that say
most about a voice (pitch and vocal-tract length). The curve depends on
the time in the recording only, so re-exports are identical and adjacent
blocks change smoothly (``apply`` processes blocks of ``block_s`` joined by
cross-fades).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

PERIOD_S = (4.0, 11.0)  # long enough that a block hears one value, short enough that turns differ


@dataclass(frozen=True)
class DriftCurve:
    """A secret smooth curve of time with values in -1..1: two sinusoids (periods in seconds, phases in radians)."""

    periods_s: tuple[float, float]
    phases: tuple[float, float]

    def value_at(self, time_s: float) -> float:
        """Returns the curve's value (-1..1) at ``time_s`` seconds from the recording's start."""
        total = sum(np.sin(2 * np.pi * time_s / p + phase) for p, phase in zip(self.periods_s, self.phases))
        return float(np.clip(total / np.sqrt(2.0), -1.0, 1.0))


def draw_drift_curve(rng: np.random.Generator) -> DriftCurve:
    """Returns a curve drawn from ``rng`` (always four draws, so later draws do not depend on its use)."""
    periods = rng.uniform(*PERIOD_S, size=2)
    phases = rng.uniform(0.0, 2 * np.pi, size=2)
    return DriftCurve((round(float(periods[0]), 3), round(float(periods[1]), 3)),
                      (round(float(phases[0]), 4), round(float(phases[1]), 4)))


def drifted(parameters, time_s: float):
    """Returns ``parameters`` (a ``VoiceParameters``) with the drift's pitch and formant offsets at ``time_s`` added.

    Parameters without a drift come back unchanged.
    """
    if parameters.pitch_drift is None or parameters.formant_drift is None:
        return parameters
    return replace(
        parameters,
        pitch_offset_semitones=parameters.pitch_offset_semitones
        + parameters.drift_semitones * parameters.pitch_drift.value_at(time_s),
        formant_scale=1.0 + parameters.drift_formant * parameters.formant_drift.value_at(time_s),
    )
