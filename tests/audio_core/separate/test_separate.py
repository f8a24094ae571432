"""Separation on real speech: stems cover and add up to the input, voices come out, bad input is refused."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.errors import Cancelled, InputError, ModelError
from audio_core.progress import CancelToken
from audio_core import SAMPLE_RATE
from audio_core.resample import resample
from audio_core.separate import load_separator, separate
from tests.support.mixtures import si_sdr_db


@pytest.fixture(params=["dfn", "spleeter"])
def separator(request):
    return request.getfixturevalue(f"{request.param}_separator")


@pytest.mark.parametrize("sample_rate", [SAMPLE_RATE, 44_100])
def test_when_separated_then_stems_have_the_input_length_and_rate_and_add_up_to_it(separator, speech_with_noise, sample_rate):
    mixture = resample(speech_with_noise[: 5 * SAMPLE_RATE], SAMPLE_RATE, sample_rate)
    stems = separate(mixture, sample_rate, separator)
    assert stems.sample_rate == sample_rate
    assert stems.voice.shape == stems.background.shape == mixture.shape
    assert np.allclose(stems.voice + stems.background, mixture, atol=1e-5)


def test_when_clean_speech_goes_through_dfn_then_it_comes_out_unchanged_and_aligned(dfn_separator, speech):
    stems = separate(speech, SAMPLE_RATE, dfn_separator)
    assert np.corrcoef(stems.voice, speech)[0, 1] > 0.99
    assert np.sqrt(np.mean(stems.background**2)) < 0.1 * np.sqrt(np.mean(speech**2))


def test_when_speech_is_in_noise_then_dfn_voice_is_much_cleaner(dfn_separator, speech, speech_with_noise):
    stems = separate(speech_with_noise, SAMPLE_RATE, dfn_separator)
    assert si_sdr_db(stems.voice, speech) - si_sdr_db(speech_with_noise, speech) > 6.0


def test_when_speech_is_over_music_then_spleeter_voice_is_cleaner_across_windows(spleeter_separator, speech, speech_with_music):
    mixture, music = speech_with_music
    assert mixture.size > 13 * SAMPLE_RATE  # longer than one Spleeter window: the cross-fade is exercised
    voice = mixture - music
    stems = separate(mixture, SAMPLE_RATE, spleeter_separator)
    assert si_sdr_db(stems.voice, voice) - si_sdr_db(mixture, voice) > 5.0
    assert si_sdr_db(stems.background, music) - si_sdr_db(mixture, music) > 5.0


def test_when_fed_in_small_or_large_chunks_then_the_result_is_the_same(separator, speech_with_noise):
    mixture = speech_with_noise[: 4 * SAMPLE_RATE]
    small = separate(mixture, SAMPLE_RATE, separator, chunk_s=0.37)
    large = separate(mixture, SAMPLE_RATE, separator, chunk_s=60.0)
    assert np.allclose(small.voice, large.voice, atol=1e-4)


@pytest.mark.parametrize(
    "audio, sample_rate, message",
    [
        (np.zeros((2, 1600), np.float32), SAMPLE_RATE, "mono"),
        (np.array([0.0, np.nan, 0.0], np.float32), SAMPLE_RATE, "NaN"),
        (np.zeros(0, np.float32), SAMPLE_RATE, "no audio"),
        (np.zeros(1600, np.float32), 0, "sample rate"),
        ("not audio", SAMPLE_RATE, "array"),
    ],
)
def test_when_the_audio_is_bad_then_a_clear_input_error(dfn_separator, audio, sample_rate, message):
    with pytest.raises(InputError, match=message):
        separate(audio, sample_rate, dfn_separator)


def test_when_the_backend_is_unknown_then_a_model_error_names_the_choices():
    with pytest.raises(ModelError, match="dfn, spleeter"):
        load_separator("demucs")


def test_when_cancelled_then_separation_stops(dfn_separator, speech):
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(Cancelled):
        separate(speech, SAMPLE_RATE, dfn_separator, cancel)


def test_when_speech_is_over_music_then_spleeters_sped_up_passes_find_a_cleaner_voice_than_one_pass_as_is(spleeter_separator, speech_with_music):
    # Spleeter learnt sung vocals; the same speech played faster and higher is nearer to what it knows
    from audio_core.separate.spleeter import SpleeterSeparator

    mixture, music = speech_with_music
    voice = mixture - music
    as_is = separate(mixture, SAMPLE_RATE, SpleeterSeparator(speed_ups=(1.0,))).voice
    sped_up = separate(mixture, SAMPLE_RATE, spleeter_separator).voice
    assert si_sdr_db(sped_up, voice) > si_sdr_db(as_is, voice) + 0.5


@pytest.mark.parametrize("speed_ups", [(), (0.3,), (1.25, 3.0)])
def test_when_a_spleeter_speed_up_is_out_of_range_then_a_clear_error(speed_ups):
    from audio_core.separate.spleeter import SpleeterSeparator

    with pytest.raises(ValueError, match="between 0.5 and 2"):
        SpleeterSeparator(speed_ups=speed_ups)
