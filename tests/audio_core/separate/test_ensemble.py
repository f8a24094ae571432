"""The spleeter+dfn ensemble on real speech over music: same contract as a single model, a cleaner voice."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core import SAMPLE_RATE
from audio_core.resample import resample
from audio_core.separate import separate
from audio_core.separate.ensemble import EnsembleSeparator
from tests.support.mixtures import si_sdr_db


@pytest.fixture(scope="module")
def ensemble(spleeter_separator, dfn_separator) -> EnsembleSeparator:
    return EnsembleSeparator(spleeter_separator, dfn_separator)


def test_when_separated_at_an_odd_length_then_stems_have_the_input_length_and_add_up(ensemble, speech_with_music):
    mixture = resample(speech_with_music[0][: 3 * SAMPLE_RATE + 77], SAMPLE_RATE, 44_100)
    stems = separate(mixture, 44_100, ensemble, chunk_s=1.3)
    assert stems.voice.shape == stems.background.shape == mixture.shape
    assert np.allclose(stems.voice + stems.background, mixture, atol=1e-5)


def test_when_speech_is_over_music_then_the_ensemble_voice_is_cleaner_than_spleeters(ensemble, spleeter_separator, speech_with_music):
    mixture, music = (part[: 9 * SAMPLE_RATE] for part in speech_with_music)
    voice = mixture - music
    alone = separate(mixture, SAMPLE_RATE, spleeter_separator).voice
    both = separate(mixture, SAMPLE_RATE, ensemble).voice
    assert si_sdr_db(both, voice) > si_sdr_db(alone, voice) + 0.3


def test_when_both_models_have_read_a_chunk_then_it_is_no_longer_held():
    # itertools.tee held chunks in runs of 57: memory grew with the recording until the run was read
    import gc
    import weakref

    from audio_core.separate.voice_mean import fork

    made = []

    def chunks():
        for _ in range(3):
            chunk = np.zeros(48_000, np.float32)
            made.append(weakref.ref(chunk))
            yield chunk

    left, right = fork(chunks())
    next(left)
    next(right)
    next(left)
    gc.collect()
    assert made[0]() is None
