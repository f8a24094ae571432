"""Voice-only and background-only exports, and alienating only the voice, on real speech over music."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.errors import Cancelled, HushnoteError, InputError
from app.pipeline import transcribe_file
from audio_core.progress import CancelToken
from app.separation import alienate_voice_only, export_stems, voice_alienation
from app.wer import word_error_rate
from audio_core import SAMPLE_RATE
from audio_core.alienate.options import AlienationOptions
from audio_core.decode import decode_audio
from audio_core.separate import SeparationOptions
from tests.support.mixtures import LEAD_IN_S


def test_when_only_the_background_is_exported_then_it_transcribes_to_almost_nothing(
    engines, spleeter_separator, speech_music_file, reference_text, tmp_path
):
    voice_path, background_path = export_stems(speech_music_file, tmp_path, spleeter_separator, keep="both")
    assert (voice_path.name, background_path.name) == ("interview.voice.flac", "interview.background.flac")

    mixture_words = transcribe_file(speech_music_file, engines).text.split()
    background_words = transcribe_file(background_path, engines).text.split()
    voice_text = transcribe_file(voice_path, engines).text

    assert len(mixture_words) >= 10  # the words are there in the mixture...
    assert len(background_words) <= 2, background_words  # ...and gone from the background
    assert word_error_rate(reference_text, voice_text) < 0.35


def test_when_dfn_exports_only_the_background_of_speech_in_a_quiet_room_then_no_words_are_left(
    engines, dfn_separator, testdata, tmp_path
):
    # DeepFilterNet's voice falls short of the whole voice; over a quiet hum, what it leaves in
    # mixture - voice was read back by Whisper almost word for word before residual speech was masked out.
    from audio_core.encode import write_audio_file

    speech = decode_audio(testdata / "real" / "librivox_sas-0920.wav")[: 8 * SAMPLE_RATE]
    hum = (0.05 * np.sin(2 * np.pi * 110 * np.arange(speech.size) / SAMPLE_RATE)).astype(np.float32)
    room = write_audio_file(tmp_path / "room.flac", speech + hum, 16000)

    (background_path,) = export_stems(room, tmp_path / "out", dfn_separator, keep="background")

    background = decode_audio(background_path)
    background_words = transcribe_file(background_path, engines).text.split()
    assert len(background_words) <= 2, background_words
    assert background.size == speech.size
    assert np.sqrt(np.mean(background**2)) > 0.3 * np.sqrt(np.mean(hum**2))  # the hum is kept


def test_when_a_stem_is_exported_then_it_keeps_the_input_length_and_rate(dfn_separator, speech_music_file, tmp_path):
    (path,) = export_stems(speech_music_file, tmp_path, dfn_separator, keep="voice", fmt="wav")
    assert path.name == "interview.voice.wav"
    assert decode_audio(path).size == decode_audio(speech_music_file).size


def test_when_the_input_is_not_audio_then_an_input_error_and_nothing_is_written(dfn_separator, tmp_path):
    bogus = tmp_path / "notes.wav"
    bogus.write_text("this is not audio")
    out_dir = tmp_path / "out"
    with pytest.raises(InputError, match="notes.wav"):
        export_stems(bogus, out_dir, dfn_separator)
    assert not out_dir.exists() or not any(out_dir.iterdir())


@pytest.mark.parametrize("keep, fmt, message", [("voices", "flac", "voice, background or both"), ("both", "mp3", "flac")])
def test_when_the_choice_is_unknown_then_a_clear_error(dfn_separator, speech_music_file, tmp_path, keep, fmt, message):
    with pytest.raises(HushnoteError, match=message):
        export_stems(speech_music_file, tmp_path, dfn_separator, keep=keep, fmt=fmt)


def test_when_cancelled_mid_export_then_no_file_is_left_behind(dfn_separator, speech_music_file, tmp_path):
    cancel = CancelToken()

    def cancel_after_first_chunk(step, artifact=None, *, completed=None, total=None):
        if completed:
            cancel.cancel()

    with pytest.raises(Cancelled):
        export_stems(
            speech_music_file, tmp_path, dfn_separator, options=SeparationOptions(chunk_s=1.0), hook=cancel_after_first_chunk, cancel=cancel
        )
    assert list(tmp_path.iterdir()) == []


def test_when_only_the_voice_is_alienated_then_the_music_stays_and_the_voice_changes(spleeter_separator, speech_music):
    mixture, music = speech_music
    alienate = voice_alienation(AlienationOptions(method="mcadams", strength=1.0), b"note-secret-0001", SAMPLE_RATE)
    remix = alienate_voice_only(mixture, SAMPLE_RATE, spleeter_separator, alienate)

    assert remix.shape == mixture.shape
    lead_in = slice(0, int(LEAD_IN_S * SAMPLE_RATE))
    speech_part = slice(int(LEAD_IN_S * SAMPLE_RATE), None)
    rms = lambda x: float(np.sqrt(np.mean(np.square(x))))  # noqa: E731
    # music alone: left (almost) as it was
    assert rms(remix[lead_in] - mixture[lead_in]) < 0.15 * rms(mixture[lead_in])
    # where someone speaks, the voice changed, while the music under it is still there
    voice = mixture[speech_part] - music[speech_part]
    assert rms(remix[speech_part] - mixture[speech_part]) > 0.3 * rms(voice)
    assert np.corrcoef(remix[speech_part], music[speech_part])[0, 1] > 0.5
