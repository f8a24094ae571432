"""DeepFilterNet3 in onnxruntime blocks against the wheel's own C runtime, on real speech in noise."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core import SAMPLE_RATE
from audio_core.resample import resample
from audio_core.separate import separate
from audio_core.separate.dfn import DeepFilterSeparator
from audio_core.separate.dfn_dsp import erb_band_sizes
from tests.support.dfn_c_runtime import c_runtime_voice
from tests.support.mixtures import si_sdr_db


@pytest.fixture(scope="module")
def small_block_dfn() -> DeepFilterSeparator:
    """The real model with 3 s blocks, so a short clip crosses block boundaries."""
    return DeepFilterSeparator(block_frames=300, context_frames=200)


@pytest.fixture(scope="module")
def bare_dfn() -> DeepFilterSeparator:
    """The real model without the noise floor in the empty band: what the C runtime computes."""
    return DeepFilterSeparator(noise_floor=False)


@pytest.fixture(scope="module")
def bare_small_block_dfn() -> DeepFilterSeparator:
    return DeepFilterSeparator(block_frames=300, context_frames=200, noise_floor=False)


@pytest.fixture(scope="module")
def noisy_48k(speech_with_noise) -> np.ndarray:
    return resample(speech_with_noise[: 8 * SAMPLE_RATE], SAMPLE_RATE, 48_000)


@pytest.fixture(scope="module")
def c_runtime_output(noisy_48k) -> np.ndarray:
    return c_runtime_voice(noisy_48k)


def test_erb_bands_cover_every_fft_bin_once():
    sizes = erb_band_sizes()
    assert sizes.size == 32 and sizes.sum() == 481 and sizes.min() >= 2


def test_when_one_block_then_the_voice_equals_the_c_runtimes(bare_dfn, noisy_48k, c_runtime_output):
    voice = np.concatenate(list(bare_dfn.stream_voice(iter([noisy_48k]))))
    assert voice.size == noisy_48k.size
    assert si_sdr_db(voice, c_runtime_output) > 60.0


def test_when_blocks_meet_then_the_voice_still_follows_the_c_runtime(bare_small_block_dfn, noisy_48k, c_runtime_output):
    voice = np.concatenate(list(bare_small_block_dfn.stream_voice(iter([noisy_48k]))))
    # the recurrent layers restart from 2 s of context at each boundary: close, not identical
    assert si_sdr_db(voice, c_runtime_output) > 20.0


def test_when_chunked_differently_across_blocks_then_the_result_is_identical(small_block_dfn, speech_with_noise):
    mixture = speech_with_noise[: 8 * SAMPLE_RATE]
    small = separate(mixture, SAMPLE_RATE, small_block_dfn, chunk_s=0.37)
    large = separate(mixture, SAMPLE_RATE, small_block_dfn, chunk_s=60.0)
    assert np.allclose(small.voice, large.voice, atol=1e-5)


def test_when_loud_speech_goes_through_then_it_is_neither_rescaled_nor_clipped(dfn_separator, speech):
    loud = speech[: 4 * SAMPLE_RATE] / np.abs(speech[: 4 * SAMPLE_RATE]).max() * 0.99
    voice = separate(loud, SAMPLE_RATE, dfn_separator).voice
    assert np.corrcoef(voice, loud)[0, 1] > 0.99
    assert 0.9 < np.sqrt(np.mean(voice**2) / np.mean(loud**2)) < 1.1
