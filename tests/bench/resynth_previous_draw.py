"""Previous main's resynthesis draw (before resynth8), kept so the benchmarks can run it beside today's on the same secrets.

It differs from ``audio_core.alienate.resynth_voices.speaker_voices`` in two
ways that made the draw predictable from the speaker's own voice: a speaker
kept off a base voice took the next free one after it (so that one came up
twice as often), and the secret pitch and formant offset always pointed away
from the speaker's own pitch (one secret bit fixed by the voice).
"""
from __future__ import annotations

import contextlib

import numpy as np

import audio_core.alienate.resynth as resynth_module
import audio_core.alienate.resynth_voices as rv


def previous_speaker_voices(note_secret, speaker_ids, language="en", speaker_prints=None, base_prints=None,
                            close_similarity=rv.CLOSE_SIMILARITY, avoid_prints=()):
    """Returns each speaker's voice as previous main drew it (``avoid_prints`` is ignored: it did not know them)."""
    if not note_secret:
        raise ValueError("a note secret is needed to draw resynthesis voices")
    pool = rv.base_voices(language)
    speaker_prints = (speaker_prints or {}) if rv.AVOID_OWN_VOICE else {}
    base_prints = (base_prints or {}) if rv.AVOID_OWN_VOICE else {}
    order = sorted(dict.fromkeys(speaker_ids), key=lambda s: rv._digest(note_secret, "order", s))
    taken: dict[int, int] = {}
    voices = {}
    for speaker in order:
        rng = np.random.default_rng(int.from_bytes(rv._digest(note_secret, "voice", speaker)[:8], "big"))
        wanted = int(rng.integers(len(pool)))
        own = speaker_prints.get(speaker)
        allowed = rv._allowed_voices(pool, [own] if own is not None else [], base_prints, close_similarity)
        free = [k for k in allowed if k not in taken]
        index = min(free, key=lambda k: (k - wanted) % len(pool)) if free else min(allowed, key=lambda k: (taken.get(k, 0), k))
        slot = taken.get(index, 0)
        taken[index] = slot + 1
        direction = 1.0 if rng.random() < 0.5 else -1.0
        away = _away_from(own, base_prints.get(pool[index].label))
        centre = 4.0 * ((slot + 1) // 2) * (1 if slot % 2 else -1)
        direction = (away or direction) if centre == 0 else float(np.sign(centre))
        semitones = centre + direction * rng.uniform(0.5, 2.0)
        voices[speaker] = rv.ResynthVoice(
            base=pool[index],
            pitch_semitones=round(semitones, 3),
            formant_ratio=round(1.0 + direction * rng.uniform(0.02, 0.08), 4),
            rate=round(1.0 + rng.uniform(-0.08, 0.08), 4),
        )
    return voices


def _away_from(own, base) -> float:
    if own is None or base is None or not own.median_pitch_hz or not base.median_pitch_hz:
        return 0.0
    return 1.0 if base.median_pitch_hz >= own.median_pitch_hz else -1.0


@contextlib.contextmanager
def draw_variant(name: str, variants: dict):
    """Runs the block with previous main's draw (``name`` "main") or with ``variants[name]``'s constants patched in."""
    from tests.bench.alienation_variants import patched_constants

    if name == "main":
        saved = resynth_module.speaker_voices
        resynth_module.speaker_voices = previous_speaker_voices
        try:
            yield
        finally:
            resynth_module.speaker_voices = saved
    else:
        with patched_constants(variants.get(name, {})):
            yield
