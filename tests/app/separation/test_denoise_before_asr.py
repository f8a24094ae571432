"""Clean-up before recognition (``PipelineOptions.denoise``) on real speech in noise."""
from __future__ import annotations

import pytest

from app.audio_writer import AudioFileWriter
from app.diarization import SpeakerOptions
from app.pipeline import PipelineOptions, transcribe_file
from app.wer import word_error_rate
from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio
from tests.audio_core.separate.mixtures import make_noise, mix_at_snr


@pytest.fixture(scope="module")
def noisy_file(testdata, tmp_path_factory):
    speech = decode_audio(testdata / "real" / "librivox_sas-0870.wav")
    mixture, _ = mix_at_snr(speech, make_noise("brown", speech.size / SAMPLE_RATE, SAMPLE_RATE, seed=3), 0.0)
    path = tmp_path_factory.mktemp("noisy") / "noisy.wav"
    with AudioFileWriter(path, SAMPLE_RATE, "wav") as writer:
        writer.write(mixture)
    return path


def test_when_denoise_is_on_then_speech_in_loud_noise_is_still_transcribed(engines, noisy_file, testdata):
    reference = (testdata / "real" / "librivox_sas-0870.txt").read_text()
    options = PipelineOptions(denoise=True, detect_pii=False, speakers=SpeakerOptions(enabled=False))
    transcript = transcribe_file(noisy_file, engines, options)
    assert transcript.duration_s == pytest.approx(7.1, abs=0.01)
    assert word_error_rate(reference, transcript.text) < 0.25, transcript.text

