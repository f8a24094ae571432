"""Target voices for the "cepstral" conversion: public TTS voices measured with WORLD, once per process.

Each target voice is a TTS voice that ships here (piper joe, flite's voices)
speaking POOL_SENTENCES; its WORLD analysis gives its statistics
(``cepstral_vc.VoiceStatistics``). They are measured the first time a note
needs that voice and kept in memory (never on disk): no voice is synthesised
twice in one process, and nothing about the people in a recording goes into them.
"""
from __future__ import annotations

import functools
import threading

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.cepstral_vc import VoiceStatistics, measure_voice_statistics
from audio_core.alienate.tts import Synthesizer, TtsVoice

# the voices a speaker can be given (a public list: which one a speaker got is the secret), each one tiny.en
# understands well (resynth_voices measured piper joe, slt, rms and kal16 at 1-6 % WER on the synthetic meeting's
# text; awb 5-17 %)
POOL_VOICES = (
    TtsVoice("piper", "en_US-joe-medium"),
    TtsVoice("flite", "slt"),
    TtsVoice("flite", "rms"),
    TtsVoice("flite", "kal16"),
    TtsVoice("flite", "awb"),
)
# Harvard sentences (IEEE 1969, public domain): phonetically balanced, so every sound counts in the statistics
POOL_SENTENCES = (
    "The birch canoe slid on the smooth planks.",
    "Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well.",
    "These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls.",
    "The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck.",
    "The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us.",
    "A large size in stockings is hard to sell.",
    "The boy was there when the sun rose.",
    "A rod is used to catch pink salmon.",
    "The source of the huge river is the clear spring.",
    "Kick the ball straight and follow through.",
    "Help the woman get back to her feet.",
    "A pot of tea helps to pass the evening.",
    "Smoky fires lack flame and heat.",
    "The soft cushion broke the man's fall.",
    "The salt breeze came across from the sea.",
    "The girl at the booth sold fifty bonds.",
    "The small pup gnawed a hole in the sock.",
    "The fish twisted and turned on the bent hook.",
    "Press the pants and sew a button on the vest.",
    "The swan dive was far short of perfect.",
    "The beauty of the view stunned the young boy.",
    "Two blue fish swam in the tank.",
    "Her purse was full of useless trash.",
    "The colt reared and threw the tall rider.",
    "It snowed, rained, and hailed the same morning.",
    "Read verse out loud for pleasure.",
    "Hoist the load to your left shoulder.",
    "Take the winding path to reach the lake.",
    "Note closely the size of the gas tank.",
    "Wipe the grease off his dirty face.",
    "Mend the coat before you go out.",
    "The wrist was badly strained and hung limp.",
    "The stray cat gave birth to kittens.",
    "The young girl gave no clear response.",
    "The meal was cooked before the bell rang.",
    "What joy there is in living.",
    "Yes, we usually meet on Thursday, but who knows when the others will join us?",
    "Numbers like seven, eight, nine, zero and a hundred should sound right too.",
)


_LOCK = threading.Lock()
_SYNTHESIZER: Synthesizer | None = None


def target_statistics(voice: TtsVoice) -> VoiceStatistics:
    """Returns ``voice``'s statistics, measured on first use and kept for the process.

    Raises ModelError when the voice's TTS engine is missing.
    """
    with _LOCK:
        return _measure(voice)


@functools.lru_cache(maxsize=len(POOL_VOICES))
def _measure(voice: TtsVoice) -> VoiceStatistics:
    global _SYNTHESIZER
    if _SYNTHESIZER is None:
        _SYNTHESIZER = Synthesizer()
    pause = np.zeros(SAMPLE_RATE // 5, np.float32)
    audio = np.concatenate([piece for sentence in POOL_SENTENCES for piece in (_SYNTHESIZER.speak(voice, sentence), pause)])
    return measure_voice_statistics(audio.astype(np.float64), SAMPLE_RATE)
