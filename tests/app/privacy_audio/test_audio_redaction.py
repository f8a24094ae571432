"""Bleeping: redacted words' time spans (padded) become a tone or silence, nothing else changes."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.model import PiiSpan, Segment, Transcript, Word
from app.privacy.audio_redaction import AudioRedactionOptions, bleep_intervals, pad_and_merge, redact_audio
from app.privacy.policy import RedactionPolicy
from audio_core.decode import decode_audio
from audio_core.errors import OptionError

RATE = 16000


@pytest.fixture(scope="module")
def speech(testdata) -> np.ndarray:
    return decode_audio(testdata / "real" / "librivox_sas-0880.wav")


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def test_padded_interval_becomes_a_tone_and_the_rest_is_untouched(speech):
    options = AudioRedactionOptions(style="tone", pad_s=0.1, tone_dbfs=-20.0)
    out = bleep_intervals(speech, [(1.0, 1.5)], options)
    assert out.shape == speech.shape
    gap = out[int(0.92 * RATE) : int(1.58 * RATE)]
    assert _rms(gap) == pytest.approx(10 ** (-20 / 20) / np.sqrt(2), rel=0.05)
    spectrum = np.abs(np.fft.rfft(gap))
    assert np.fft.rfftfreq(gap.size, 1 / RATE)[spectrum.argmax()] == pytest.approx(1000, abs=5)
    np.testing.assert_array_equal(out[: int(0.89 * RATE)], speech[: int(0.89 * RATE)])
    np.testing.assert_array_equal(out[int(1.61 * RATE) :], speech[int(1.61 * RATE) :])


def test_silence_style_leaves_nothing_audible(speech):
    out = bleep_intervals(speech, [(2.0, 2.4)], AudioRedactionOptions(style="silence", pad_s=0.0))
    assert np.abs(out[int(2.0 * RATE) + 1 : int(2.4 * RATE) - 1]).max() == 0.0


def test_intervals_are_padded_clipped_and_merged():
    merged = pad_and_merge([(0.05, 0.3), (0.5, 0.8), (2.0, 2.2), (2.9, 3.5)], pad_s=0.15, duration_s=3.2)
    assert merged == [(0.0, pytest.approx(0.95)), (pytest.approx(1.85), pytest.approx(2.35)), (pytest.approx(2.75), 3.2)]


def test_unknown_style_is_refused():
    with pytest.raises(OptionError, match="style"):
        AudioRedactionOptions(style="quack")


def test_redacted_span_is_found_through_word_timestamps(speech):
    words = [Word("My", 0.2, 0.4), Word(" name", 0.4, 0.7), Word(" is", 0.7, 0.9), Word(" Okafor.", 1.0, 1.6), Word(" Hi", 2.0, 2.3)]
    transcript = Transcript(
        segments=[Segment(0.2, 2.3, "My name is Okafor. Hi", words)],
        pii_spans=[PiiSpan(0, 11, 17, "PERSON", "Okafor", 0.9)],
    )
    out, intervals = redact_audio(speech, transcript, RedactionPolicy(), AudioRedactionOptions(pad_s=0.2))
    # the word (1.0-1.6 s) reaches to its kept neighbours ("is" ends at 0.9, "Hi" starts at 2.0), then is padded
    assert intervals == [(pytest.approx(0.7), pytest.approx(2.2))]
    np.testing.assert_array_equal(out[: int(0.69 * RATE)], speech[: int(0.69 * RATE)])
    np.testing.assert_array_equal(out[int(2.21 * RATE) :], speech[int(2.21 * RATE) :])
    assert not np.array_equal(out[int(0.7 * RATE) : int(2.2 * RATE)], speech[int(0.7 * RATE) : int(2.2 * RATE)])


def test_reach_is_limited_when_the_neighbours_are_far():
    words = [Word("Card", 0.1, 0.3), Word(" 4111", 3.0, 3.4), Word(" thanks", 6.5, 6.9)]
    transcript = Transcript(
        segments=[Segment(0.1, 6.9, "Card 4111 thanks", words)],
        pii_spans=[PiiSpan(0, 5, 9, "CREDIT_CARD", "4111", 0.9)],
    )
    audio = np.zeros(8 * RATE, np.float32)
    _, intervals = redact_audio(audio, transcript, RedactionPolicy(), AudioRedactionOptions(pad_s=0.0, reach_s=1.0))
    assert intervals == [(pytest.approx(2.0), pytest.approx(4.4))]


def test_rejected_span_keeps_its_audio(speech):
    words = [Word("Call", 0.2, 0.5), Word(" Okafor", 0.6, 1.1)]
    transcript = Transcript(
        segments=[Segment(0.2, 1.1, "Call Okafor", words)],
        pii_spans=[PiiSpan(0, 5, 11, "PERSON", "Okafor", 0.9, decision="rejected")],
    )
    out, intervals = redact_audio(speech, transcript, RedactionPolicy())
    assert intervals == [] and np.array_equal(out, speech)
