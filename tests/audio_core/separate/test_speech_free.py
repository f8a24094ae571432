"""A background-only export must not speak: residual speech is masked out of the background stem."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core import SAMPLE_RATE
from audio_core.separate.speech_free import speech_free_background
from tests.support.mixtures import make_music


def _energy_along(signal: np.ndarray, reference: np.ndarray) -> float:
    """Returns the share of ``signal``'s energy that is ``reference`` (least-squares projection)."""
    scale = float(signal @ reference) / float(reference @ reference)
    return float((scale * reference) @ (scale * reference)) / float(signal @ signal)


def test_residual_speech_is_masked_out_and_the_music_is_kept(speech):
    music = 0.1 * make_music(speech.size / SAMPLE_RATE, SAMPLE_RATE)[: speech.size]
    residual = 0.3 * speech  # what a separator's voice estimate failed to take away
    background = (music + residual).astype(np.float32)

    cleaned = speech_free_background(background, speech, SAMPLE_RATE)

    assert cleaned.shape == background.shape and cleaned.dtype == np.float32
    assert _energy_along(cleaned, speech) < 0.1 * _energy_along(background, speech)
    assert _energy_along(cleaned, music) > 0.5


def test_a_background_with_no_voice_passes_through():
    noise = np.random.default_rng(0).normal(0, 0.1, SAMPLE_RATE).astype(np.float32)
    cleaned = speech_free_background(noise, np.zeros_like(noise), SAMPLE_RATE)
    assert np.allclose(cleaned, noise, atol=1e-4)


def test_stems_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="length"):
        speech_free_background(np.zeros(100, np.float32), np.zeros(99, np.float32), SAMPLE_RATE)
