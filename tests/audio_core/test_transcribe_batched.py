"""The batched decoder (faster-whisper's BatchedInferencePipeline) on real speech: its words and their times.

It is an option, not the default (tests/bench/bench_asr.py: it missed more
words of the real phone call), so what is checked here is that choosing it
loses nothing else: word times in order, inside their segments and where
the sequential decoder puts them; times absolute across blocks.
"""
from __future__ import annotations

import difflib

import numpy as np
import pytest

from app.wer import word_error_rate
from audio_core.decode import decode_audio
from audio_core.errors import ModelError
from audio_core.transcribe import AsrOptions, transcribe_array
from tests.bench.common import stm_text

SEQUENTIAL = AsrOptions(language="en")
BATCHED = AsrOptions(language="en", decoder="batched")


@pytest.fixture(scope="module")
def phone_call(testdata):
    return decode_audio(testdata / "real" / "pyannote_sample.wav")


@pytest.fixture(scope="module")
def both_decoders(engines, phone_call):
    return {name: list(transcribe_array(engines.recognizer, phone_call, options))
            for name, options in (("sequential", SEQUENTIAL), ("batched", BATCHED))}


def test_batched_words_are_in_order_and_inside_their_segments(both_decoders):
    segments = both_decoders["batched"]
    words = [w for s in segments for w in s.words]
    assert len(words) >= 50
    assert all(a.start_s <= b.start_s for a, b in zip(words, words[1:]))
    assert all(s.start_s - 0.01 <= w.start_s <= w.end_s <= s.end_s + 0.01 for s in segments for w in s.words)
    assert all(type(w.start_s) is float and type(s.end_s) is float for s in segments for w in s.words)


def test_batched_segments_are_sentences_not_whole_30_s_chunks(both_decoders):
    segments = both_decoders["batched"]
    assert len(segments) >= 5  # the call is one chunk for the batched decoder
    assert all(s.text.endswith((".", "?", "!")) for s in segments[:-1])
    assert max(s.end_s - s.start_s for s in segments) <= 10.0
    assert all(a.end_s <= b.start_s + 0.01 for a, b in zip(segments, segments[1:]))


def test_batched_word_times_match_the_sequential_decoders_on_a_real_call(both_decoders):
    sequential = [w for s in both_decoders["sequential"] for w in s.words]
    batched = [w for s in both_decoders["batched"] for w in s.words]
    key = [w.text.lower().strip(".,?!") for w in sequential], [w.text.lower().strip(".,?!") for w in batched]
    matcher = difflib.SequenceMatcher(None, *key, autojunk=False)
    gaps = np.array([max(abs(sequential[i + k].start_s - batched[j + k].start_s), abs(sequential[i + k].end_s - batched[j + k].end_s))
                     for i, j, n in matcher.get_matching_blocks() for k in range(n)])
    assert len(gaps) >= 0.9 * len(sequential)  # the same words, nearly all
    assert np.median(gaps) <= 0.05 and (gaps <= 0.3).mean() >= 0.9, sorted(gaps)[-10:]


def test_batched_decoder_keeps_the_call_readable(both_decoders, testdata):
    text = " ".join(s.text for s in both_decoders["batched"])
    assert word_error_rate(stm_text(testdata / "real" / "pyannote_sample.stm"), text) <= 0.20


def test_batched_times_stay_absolute_with_an_offset_and_silence_gives_nothing(engines, phone_call):
    segments = list(transcribe_array(engines.recognizer, phone_call[: 16000 * 12], BATCHED, offset_s=600.0))
    assert segments and all(600.0 <= w.start_s <= 612.1 for s in segments for w in s.words)
    assert list(transcribe_array(engines.recognizer, np.zeros(16000 * 40, np.float32), BATCHED)) == []
    assert list(transcribe_array(engines.recognizer, np.zeros(0, np.float32), BATCHED)) == []


def test_batched_decoder_without_vad_still_decodes_every_window(engines, phone_call):
    text = " ".join(s.text for s in transcribe_array(engines.recognizer, np.concatenate([phone_call] * 2),
                                                      AsrOptions(language="en", decoder="batched", vad=False)))
    assert text.lower().count("new jersey") >= 2  # said once in each copy of the call: both 30 s windows decoded


def test_an_unknown_decoder_is_a_one_line_model_error():
    with pytest.raises(ModelError, match="unknown decoder 'turbo'"):
        AsrOptions(decoder="turbo")
