"""The same recording gives the same words every time, even where Whisper re-decodes a window by sampling."""
from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest

from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio
from audio_core.transcribe import AsrOptions, transcribe_array
from tests.assets.sample import SAMPLE_WAV
from tests.support.testdata import PROJECT_ROOT

# The bundled sample's card number read out and the sentence after it: tiny.en loops on the digits
# ("4-1-1-1-1…"), so faster-whisper re-decodes the window at temperatures 0.2, 0.4 …, sampling from
# CTranslate2's random generators.
CARD_NUMBER_S = (56.3, 67.4)
CLIP = f"[{int(CARD_NUMBER_S[0] * SAMPLE_RATE)}:{int(CARD_NUMBER_S[1] * SAMPLE_RATE)}]"
WORDS_IN_A_CHILD = f"""
import json
from app.engines import EngineSettings, Engines
from audio_core.decode import decode_audio
from audio_core.transcribe import AsrOptions, transcribe_array
audio = decode_audio({str(SAMPLE_WAV)!r}){CLIP}
recognizer = Engines(EngineSettings(model="tiny.en", device="cpu")).recognizer
print(json.dumps([w.text for s in transcribe_array(recognizer, audio, AsrOptions(language="en")) for w in s.words]))
"""


@pytest.fixture(scope="module")
def card_number():
    start, end = (int(s * SAMPLE_RATE) for s in CARD_NUMBER_S)
    return decode_audio(SAMPLE_WAV)[start:end]


def words_of(engines, audio) -> list[str]:
    return [w.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en")) for w in s.words]


class _ReDecodedWindows(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record):
        self.count += "not met with temperature 0.0" in record.getMessage()


@pytest.fixture(scope="module")
def first_words(engines, card_number):
    """The clip's words, checking that it was re-decoded by sampling (the premise of these tests)."""
    sampled, logger = _ReDecodedWindows(), logging.getLogger("faster_whisper")
    # Another test's logging set-up may have disabled the library's logger; this one needs it for a moment.
    level, disabled = logger.level, logger.disabled
    logger.setLevel(logging.DEBUG)
    logger.disabled = False
    logger.addHandler(sampled)
    try:
        words = words_of(engines, card_number)
    finally:
        logger.removeHandler(sampled)
        logger.setLevel(level)
        logger.disabled = disabled
    assert sampled.count, "the clip was not re-decoded at higher temperatures: it no longer tests the sampled fallback"
    return words


def test_transcribing_the_same_audio_again_in_one_process_gives_the_same_words(engines, card_number, first_words):
    # The first decode sampled: before the fix, the second drew on from where it stopped.
    assert words_of(engines, card_number) == first_words


@pytest.mark.slow
def test_a_fresh_process_gives_the_same_words(first_words):
    child = subprocess.run([sys.executable, "-c", WORDS_IN_A_CHILD], capture_output=True, text=True, timeout=300,
                           cwd=PROJECT_ROOT)
    assert child.returncode == 0, child.stderr[-2000:]
    assert json.loads(child.stdout.strip().splitlines()[-1]) == first_words
