"""DeepFilterNet3 on 16 kHz recordings: the empty band above 8 kHz gets a noise floor in the network's input only."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core import SAMPLE_RATE
from audio_core.resample import resample
from audio_core.separate import dfn_dsp as dsp
from audio_core.separate import separate
from audio_core.separate.dfn import DeepFilterSeparator
from tests.support.mixtures import si_sdr_db


@pytest.fixture(scope="module")
def spectra_16k_source(speech_with_noise) -> np.ndarray:
    """48 kHz spectra of 3 s of a 16 kHz recording: nothing above 8 kHz."""
    samples = resample(speech_with_noise[: 3 * SAMPLE_RATE], SAMPLE_RATE, 48_000)
    return dsp.analyse(samples[: samples.size // dsp.HOP_N * dsp.HOP_N])


def test_when_the_band_above_8_khz_is_empty_then_only_it_gets_a_floor(spectra_16k_source):
    filled = dsp.with_noise_floor(spectra_16k_source, first_frame=0)
    bin_hz = dsp.SAMPLE_RATE / dsp.FFT_N
    in_band, above = slice(0, int(7_000 / bin_hz)), slice(int(8_500 / bin_hz), None)
    assert np.array_equal(filled[:, in_band], spectra_16k_source[:, in_band])
    floor_db = 10 * np.log10(np.mean(np.abs(filled[:, above]) ** 2) / np.mean(np.abs(spectra_16k_source) ** 2))
    assert -30.0 < floor_db < -15.0


def test_when_the_audio_is_full_band_or_silent_then_nothing_is_added():
    rng = np.random.default_rng(1)
    full_band = dsp.analyse(rng.standard_normal(100 * dsp.HOP_N).astype(np.float32) * 0.1)
    silent = np.zeros_like(full_band)
    assert dsp.with_noise_floor(full_band, 0) is full_band
    assert dsp.with_noise_floor(silent, 0) is silent


def test_when_the_same_frame_comes_in_another_block_then_it_gets_the_same_floor(spectra_16k_source):
    whole = dsp.with_noise_floor(spectra_16k_source, first_frame=1000)
    tail = dsp.with_noise_floor(spectra_16k_source[100:], first_frame=1100)
    above = int(8_500 / (dsp.SAMPLE_RATE / dsp.FFT_N))
    # the level may differ with the block, the noise pattern of a frame does not
    ratio = whole[100:, above:] / tail[:, above:]
    assert np.allclose(ratio, ratio.flat[0], rtol=1e-3)


def test_when_16_khz_speech_is_in_noise_then_the_floor_makes_the_voice_cleaner(dfn_separator, speech, speech_with_noise):
    bare = DeepFilterSeparator(noise_floor=False)
    mixture = speech_with_noise[: 6 * SAMPLE_RATE]
    reference = speech[: 6 * SAMPLE_RATE]
    with_floor = si_sdr_db(separate(mixture, SAMPLE_RATE, dfn_separator).voice, reference)
    without = si_sdr_db(separate(mixture, SAMPLE_RATE, bare).voice, reference)
    assert with_floor > without + 0.2
