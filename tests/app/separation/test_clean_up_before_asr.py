"""Clean-up before recognition (``PipelineOptions.clean_up``) on real speech in noise and over music."""
from __future__ import annotations

import pytest

from audio_core.encode import AudioFileWriter
from app.diarization import SpeakerOptions
from audio_core.errors import ModelError
from app.pipeline import PipelineOptions, transcribe_file
from app.wer import word_error_rate
from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio
from tests.support.mixtures import make_noise, mix_at_snr
from tests.support.mixtures import meeting_over_music as meeting_over_music_mixture

JUST_TRANSCRIBE = {"detect_pii": False, "speakers": SpeakerOptions(enabled=False)}


def write_wav(path, audio):
    with AudioFileWriter(path, SAMPLE_RATE, "wav") as writer:
        writer.write(audio)
    return path


@pytest.fixture(scope="module")
def noisy_file(testdata, tmp_path_factory):
    speech = decode_audio(testdata / "real" / "librivox_sas-0870.wav")
    mixture, _ = mix_at_snr(speech, make_noise("brown", speech.size / SAMPLE_RATE, SAMPLE_RATE, seed=3), 0.0)
    return write_wav(tmp_path_factory.mktemp("noisy") / "noisy.wav", mixture)


@pytest.fixture(scope="module")
def meeting_over_music(testdata, tmp_path_factory):
    """Returns (file, reference): the synthetic meeting's first three turns (20.8 s) under band music as loud as the voices."""
    meeting = meeting_over_music_mixture(testdata)
    return write_wav(tmp_path_factory.mktemp("music") / "meeting_over_music.wav", meeting.mixture), meeting.reference


def test_when_noise_clean_up_is_on_then_speech_in_loud_noise_is_still_transcribed(engines, noisy_file, testdata):
    reference = (testdata / "real" / "librivox_sas-0870.txt").read_text()
    transcript = transcribe_file(noisy_file, engines, PipelineOptions(clean_up="dfn", **JUST_TRANSCRIBE))
    assert transcript.duration_s == pytest.approx(7.1, abs=0.01)
    assert word_error_rate(reference, transcript.text) < 0.25, transcript.text


def test_when_music_clean_up_is_on_then_a_meeting_over_loud_music_is_transcribed_far_better(engines, meeting_over_music):
    path, reference = meeting_over_music
    as_is = transcribe_file(path, engines, PipelineOptions(**JUST_TRANSCRIBE))
    cleaned = transcribe_file(path, engines, PipelineOptions(clean_up="spleeter", **JUST_TRANSCRIBE))
    wer_as_is, wer_cleaned = word_error_rate(reference, as_is.text), word_error_rate(reference, cleaned.text)
    # measured 0.54-0.65 as is, 0.05-0.18 cleaned over three music seeds
    assert wer_cleaned < 0.3 and wer_as_is - wer_cleaned > 0.2, (wer_as_is, wer_cleaned, cleaned.text)
    assert cleaned.duration_s == as_is.duration_s


def test_when_the_clean_up_backend_is_unknown_then_a_clear_error_names_the_choices(engines, noisy_file):
    with pytest.raises(ModelError, match="dfn, spleeter, spleeter\\+dfn"):
        transcribe_file(noisy_file, engines, PipelineOptions(clean_up="demucs", **JUST_TRANSCRIBE))


def test_transcribe_clean_up_music_from_the_command_line_runs_offline(run_cli, meeting_over_music, tmp_path):
    path, reference = meeting_over_music
    out = tmp_path / "out"
    result = run_cli("transcribe", str(path), "--clean-up", "spleeter", "--no-diarize", "--format", "txt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.netlog == []
    assert word_error_rate(reference, (out / "meeting_over_music.txt").read_text()) < 0.3


def test_denoise_is_short_for_clean_up_dfn_and_off_is_the_default():
    import argparse

    from app.cli.common import add_clean_up_argument, clean_up_from

    parser = argparse.ArgumentParser()
    add_clean_up_argument(parser)
    assert clean_up_from(parser.parse_args([])) == "" == PipelineOptions().clean_up
    assert clean_up_from(parser.parse_args(["--denoise"])) == "dfn"
    assert clean_up_from(parser.parse_args(["--clean-up", "spleeter+dfn"])) == "spleeter+dfn"
    with pytest.raises(SystemExit):
        parser.parse_args(["--clean-up", "demucs"])
