"""Decoding: every format users bring, in chunks, and a clear error for every bad input."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.errors import InputError
from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio, iter_audio_chunks, measure_duration, probe_audio
from tests.support.bad_inputs import BAD_INPUTS
from tests.support.media import AUDIO_FORMATS, write_audio, write_video


@pytest.fixture(scope="module")
def speech(testdata) -> np.ndarray:
    return decode_audio(testdata / "real" / "librivox_sas-0880.wav")


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    n = min(a.size, b.size)
    return float(np.corrcoef(a[:n], b[:n])[0, 1])


@pytest.mark.parametrize("extension", sorted(AUDIO_FORMATS))
def test_when_audio_file_in_common_format_then_decoded_to_16k_mono_float32(tmp_path, speech, extension):
    path = write_audio(tmp_path / f"clip.{extension}", speech)

    audio = decode_audio(path)

    assert audio.dtype == np.float32 and audio.ndim == 1
    assert abs(audio.size - speech.size) < 0.02 * SAMPLE_RATE  # encoder padding at most
    assert _similarity(audio, speech) > 0.95


@pytest.mark.parametrize("extension", ["mp4", "mkv"])
def test_when_video_file_then_its_audio_track_is_decoded(tmp_path, speech, extension):
    path = write_video(tmp_path / f"clip.{extension}", speech)

    audio = decode_audio(path)

    assert _similarity(audio, speech) > 0.95
    assert probe_audio(path).duration_s == pytest.approx(speech.size / SAMPLE_RATE, abs=0.2)


def test_chunks_are_bounded_and_cover_the_whole_file(testdata):
    path = testdata / "real" / "pyannote_sample.wav"

    chunks = list(iter_audio_chunks(path, chunk_s=4.0))

    assert all(c.size == 4 * SAMPLE_RATE for c in chunks[:-1])
    assert 0 < chunks[-1].size <= 4 * SAMPLE_RATE
    assert np.array_equal(np.concatenate(chunks), decode_audio(path))
    assert measure_duration(path) == pytest.approx(30.0, abs=0.01)


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_when_bad_input_then_input_error_names_the_problem(tmp_path, case):
    make, message = BAD_INPUTS[case]
    path = make(tmp_path)

    with pytest.raises(InputError, match=message):
        measure_duration(path)
