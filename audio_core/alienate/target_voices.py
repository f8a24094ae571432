"""Target voices for the "cepstral" conversion: public TTS voices measured with WORLD.

Each target voice is a TTS voice that ships here (piper joe, flite's voices)
speaking POOL_SENTENCES; its WORLD analysis gives its statistics
(``cepstral_vc.VoiceStatistics``). They ship measured in STATISTICS_FILE
(``python -m audio_core.alienate.target_voices`` writes it again), so an
export never waits for a TTS voice; a voice missing there is measured on
first use and kept in memory. Nothing about the people in a recording goes
into them.
"""
from __future__ import annotations

import functools
import sys
import threading
from pathlib import Path

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.cepstral_vc import CepstralStatistics, VoiceStatistics, measure_voice_statistics
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


STATISTICS_FILE = Path(__file__).resolve().parents[2] / "assets" / "target_voices" / "statistics.npz"
_LOCK = threading.Lock()
_SYNTHESIZER: Synthesizer | None = None


def target_statistics(voice: TtsVoice) -> VoiceStatistics:
    """Returns ``voice``'s statistics: from STATISTICS_FILE, else measured on first use and kept for the process.

    Raises ModelError when the voice is not in the file and its TTS engine is missing.
    """
    shipped = _shipped().get(voice.label)
    if shipped is not None:
        return shipped
    with _LOCK:
        return measure_target_voice(voice)


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, VoiceStatistics]:
    if not STATISTICS_FILE.exists():
        return {}
    with np.load(STATISTICS_FILE) as data:
        arrays = {key: data[key] for key in data.files}
    out = {}
    for voice in POOL_VOICES:
        prefix = voice.label.replace(" ", "_")
        if f"{prefix}.log_f0" not in arrays:
            continue
        classes = [CepstralStatistics(*(arrays[f"{prefix}.{kind}.{part}"].astype(np.float64) for part in ("mean", "std", "covariance")),
                                      int(arrays[f"{prefix}.{kind}.frames"])) for kind in ("voiced", "unvoiced")]
        log_f0 = arrays[f"{prefix}.log_f0"].astype(np.float64)
        out[voice.label] = VoiceStatistics(classes[0], classes[1], float(log_f0[0]), float(log_f0[1]))
    return out


def write_statistics(path: Path = STATISTICS_FILE) -> None:
    """Measures every voice in POOL_VOICES and writes their statistics to ``path``; raises ModelError as measuring does."""
    arrays = {}
    for voice in POOL_VOICES:
        statistics = measure_target_voice(voice)
        prefix = voice.label.replace(" ", "_")
        for kind, part in (("voiced", statistics.voiced), ("unvoiced", statistics.unvoiced)):
            arrays |= {f"{prefix}.{kind}.mean": part.mean, f"{prefix}.{kind}.std": part.std,
                       f"{prefix}.{kind}.covariance": part.covariance.astype(np.float32),
                       f"{prefix}.{kind}.frames": np.array(part.frames)}
        arrays[f"{prefix}.log_f0"] = np.array([statistics.log_f0_mean, statistics.log_f0_std])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)
    _shipped.cache_clear()


@functools.lru_cache(maxsize=len(POOL_VOICES))
def measure_target_voice(voice: TtsVoice) -> VoiceStatistics:
    """Returns ``voice``'s statistics measured now on POOL_SENTENCES (kept for the process); raises ModelError when
    its TTS engine is missing."""
    global _SYNTHESIZER
    if _SYNTHESIZER is None:
        _SYNTHESIZER = Synthesizer()
    pause = np.zeros(SAMPLE_RATE // 5, np.float32)
    audio = np.concatenate([piece for sentence in POOL_SENTENCES for piece in (_SYNTHESIZER.speak(voice, sentence), pause)])
    return measure_voice_statistics(audio.astype(np.float64), SAMPLE_RATE)


if __name__ == "__main__":
    write_statistics(Path(sys.argv[1]) if len(sys.argv) > 1 else STATISTICS_FILE)
    print(STATISTICS_FILE if len(sys.argv) < 2 else sys.argv[1])
