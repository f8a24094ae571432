"""'cepstral': each speaker's spectral envelope and pitch statistics replaced by a secret TTS voice's."""
from __future__ import annotations

import numpy as np
import pytest

from app.privacy.voice_attack import VoiceSegment, cosine, embed_segments
from app.voice_profiles import MATCH_THRESHOLD
from app.wer import word_error_rate
from audio_core.alienate.apply import LabelledTurn, alienate_recording, alienate_voice
from audio_core.alienate.cepstral_vc import measure_voice_statistics
from audio_core.alienate.cepstral_voice import assign_target_voices, note_parameters
from audio_core.alienate.mel_cepstrum import from_mel_cepstrum, to_mel_cepstrum
from audio_core.alienate.target_voices import POOL_VOICES, measure_target_voice, target_statistics
from audio_core.alienate.options import AlienationOptions, speaker_parameters
from audio_core.transcribe import AsrOptions, transcribe_array

OPTIONS = AlienationOptions("cepstral", 0.8)
SECRET = b"cepstral-secret1"


@pytest.fixture(scope="module")
def alienated(reading):
    audio, _ = reading
    return alienate_recording(audio, [LabelledTurn(0.0, audio.size / 16000, "reader")], OPTIONS, SECRET)


def _transcript(engines, audio: np.ndarray) -> str:
    return " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en")))


def test_the_voice_no_longer_matches_its_profile_while_the_words_are_still_recognised(reading, alienated, engines):
    audio, text = reading
    whole = [VoiceSegment("r", "reader", 0.0, audio.size / 16000)]
    before = embed_segments(engines.voice_encoder, audio, whole)[0]
    after = embed_segments(engines.voice_encoder, alienated, whole)[0]
    assert cosine(before, after) < MATCH_THRESHOLD  # a voice profile of the reader would not match
    heard, original = _transcript(engines, alienated), _transcript(engines, audio)
    assert word_error_rate([text], [heard]) <= word_error_rate([text], [original]) + 0.15


def test_same_secret_gives_the_same_audio_and_another_secret_another_voice(reading):
    audio, _ = reading
    clip = audio[: 4 * 16000]
    turns = [LabelledTurn(0.0, 4.0, "reader")]
    first = alienate_recording(clip, turns, OPTIONS, SECRET)
    assert np.array_equal(first, alienate_recording(clip, turns, OPTIONS, SECRET))
    assert not np.allclose(first, alienate_recording(clip, turns, OPTIONS, b"another-secret!!"))


def test_speakers_of_one_note_get_different_target_voices():
    speakers = [f"S{k}" for k in range(len(POOL_VOICES))]
    chosen = assign_target_voices(SECRET, speakers)
    assert sorted(index for index, _ in chosen.values()) == list(range(len(POOL_VOICES)))
    assert chosen == assign_target_voices(SECRET, list(reversed(speakers)))  # the order speakers come in tells nothing
    crowded = assign_target_voices(SECRET, speakers + ["extra"])  # one more than the voices: two share one
    indices = [index for index, _ in crowded.values()]
    shared = [offset for index, offset in crowded.values() if indices.count(index) == 2]
    assert sorted(set(indices)) == list(range(len(POOL_VOICES))) and len(shared) == 2 and shared[0] != shared[1]


def test_odd_input_comes_back_whole_and_finite(odd_clip):
    clip = odd_clip
    out = alienate_recording(clip, [LabelledTurn(0.0, clip.size / 16000, "A")], OPTIONS, SECRET)
    assert out.shape == clip.shape and out.dtype == np.float32 and np.all(np.isfinite(out))
    assert np.max(np.abs(out)) <= 1.0


def test_a_target_voice_that_is_not_in_the_pool_is_refused(reading):
    audio, _ = reading
    parameters = speaker_parameters(OPTIONS, SECRET, "A")  # no target voice: only a note assigns one
    with pytest.raises(ValueError, match="target voice"):
        alienate_voice(audio[:16000], parameters)


def test_the_pitch_goes_to_the_target_voice_whatever_the_speaker(reading, alienated):
    audio, _ = reading
    parameters = note_parameters(OPTIONS, SECRET, ["reader"])["reader"]
    target = target_statistics(POOL_VOICES[[v.label for v in POOL_VOICES].index(parameters.target_voice)])
    wanted = target.log_f0_mean + parameters.pitch_offset_semitones * np.log(2.0) / 12.0
    assert measure_voice_statistics(alienated).log_f0_mean == pytest.approx(wanted, abs=0.06)  # within a semitone
    assert abs(measure_voice_statistics(audio).log_f0_mean - wanted) > 0.1  # the reader's own pitch was elsewhere


def test_the_mel_cepstrum_gives_back_a_smooth_envelope():
    freqs = np.linspace(0.0, 8000.0, 513)
    envelope = (-20.0 * np.log10(1.0 + freqs / 500.0) + 10.0 * np.exp(-((freqs - 700.0) / 150.0) ** 2))[None, :]
    back = from_mel_cepstrum(to_mel_cepstrum(envelope), 513)
    inside = (freqs > 100.0) & (freqs < 7500.0)
    assert np.max(np.abs(back - envelope)[0, inside]) < 1.5  # dB


def test_the_shipped_target_statistics_are_what_the_voice_measures_today():
    voice = next(v for v in POOL_VOICES if v.engine == "flite")  # flite is quick and deterministic
    shipped, measured = target_statistics(voice), measure_target_voice(voice)
    assert shipped.log_f0_mean == pytest.approx(measured.log_f0_mean, abs=1e-6)
    for kind in ("voiced", "unvoiced"):
        assert np.allclose(getattr(shipped, kind).mean, getattr(measured, kind).mean, atol=1e-4)
        assert np.allclose(getattr(shipped, kind).std, getattr(measured, kind).std, atol=1e-4)
