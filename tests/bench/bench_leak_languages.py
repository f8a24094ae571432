"""PII leak rate after speech recognition, on a short synthetic meeting per language (German, French, Spanish).

Run: /work/main/.venv/bin/python tests/bench/bench_leak_languages.py [--lang de,fr,es]
Each meeting (tests/bench/data/meetings/{lang}.txt: two espeak-ng voices, the
personal data marked) is spoken with Debian's espeak-ng, transcribed with
Whisper ``base`` (multilingual) in its language, its personal data detected
in that language and the transcript redacted under the default policy.

An item was heard correctly when all its probes (name words, digit runs of
three; for dates and addresses also their day or house number) are in the
unredacted transcript; it leaks when any probe is in the
redacted one. Target: leak rate 0 over the items heard correctly; misheard
items are counted apart (what Whisper wrote for them may still leak a part).
Writes tests/bench/results/leak_languages.json.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
from app.engines import EngineSettings, Engines  # noqa: E402
from app.privacy.detect import detect_pii  # noqa: E402
from app.privacy.recognizers.spoken_numbers import find_number_runs_in  # noqa: E402
from app.privacy.redact import redact_transcript  # noqa: E402
from audio_core import SAMPLE_RATE  # noqa: E402
from audio_core.decode import decode_audio  # noqa: E402
from audio_core.model import Segment, Transcript  # noqa: E402
from audio_core.transcribe import AsrOptions, transcribe_array  # noqa: E402

MEETINGS = ROOT / "tests" / "bench" / "data" / "meetings"
RESULTS = ROOT / "tests" / "bench" / "results" / "leak_languages.json"
MARK = re.compile(r"\{\{([A-Z_]+):(.+?)\}\}")
STOP = {"de", "des", "du", "la", "le", "rue", "calle", "número", "punto", "point", "punkt", "at", "arobase", "arroba",
        "com", "fr", "herr", "frau", "madame", "monsieur", "straße", "von", "der", "und", "y", "et"}
PLACEHOLDER = re.compile(r"\[[A-Z_]+?(?:_\d+)?\]")
NUMBER_TYPES = {"PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "ID_NUMBER", "MEDICAL_RECORD"}


def read_meeting(lang: str) -> list[tuple[str, str, list[dict]]]:
    """Returns (voice, spoken text, marked items) per turn."""
    turns = []
    for line in (MEETINGS / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        voice, marked = line.split("|", 1)
        items = [{"entity_type": m.group(1), "text": m.group(2)} for m in MARK.finditer(marked)]
        turns.append((voice, MARK.sub(lambda m: m.group(2), marked), items))
    return turns


def speak(turns, folder: Path) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Returns the meeting audio at 16 kHz (0.6 s between turns) and each turn's (start_s, end_s)."""
    pieces, times, cursor = [], [], 0.0
    gap = np.zeros(int(0.6 * SAMPLE_RATE), dtype=np.float32)
    for index, (voice, text, _) in enumerate(turns):
        wav = folder / f"turn{index}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "125", "-w", str(wav), text], check=True)
        audio = decode_audio(wav)
        pieces += [audio, gap]
        times.append((cursor, cursor + len(audio) / SAMPLE_RATE))
        cursor += (len(audio) + len(gap)) / SAMPLE_RATE
    return np.concatenate(pieces), times


def probes(item: dict, lang: str) -> tuple[list[str], list[str]]:
    """Returns (words, digit runs of three) whose presence means ``item`` is in a text."""
    text = item["text"]
    if item["entity_type"] in NUMBER_TYPES:
        digits = "".join(r.digits for r in find_number_runs_in(text, lang))
        return [], sorted({digits[i:i + 3] for i in range(len(digits) - 2)})
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in STOP and len(w) > 2]
    if item["entity_type"] in ("ADDRESS", "DATE_TIME"):
        # The day or house number is part of the item: "cuadro de marzo" for "cuatro de marzo" did not hear the date.
        words = [w for w in words if not find_number_runs_in(w, lang)]
        return words, [r.digits for r in find_number_runs_in(text, lang)]
    return words, []


def found_probes(item: dict, text: str, lang: str) -> list[str]:
    """Returns the probes of ``item`` present in ``text``."""
    words, runs = probes(item, lang)
    lowered = set(re.findall(r"[^\W\d_]+", text.lower()))
    numbers = [r.digits for r in find_number_runs_in(text, lang)]
    digits = "|".join(numbers)
    if item["entity_type"] in ("ADDRESS", "DATE_TIME"):
        return [w for w in words if w in lowered] + [r for r in runs if r in numbers]
    return [w for w in words if w in lowered] + [r for r in runs if r in digits]


def run_language(lang: str, engines: Engines) -> dict:
    turns = read_meeting(lang)
    with tempfile.TemporaryDirectory(prefix="hushnote-tts-") as folder:
        audio, _ = speak(turns, Path(folder))
    started = time.perf_counter()
    segments = list(transcribe_array(engines.recognizer, audio, AsrOptions(language=lang)))
    asr_s = time.perf_counter() - started
    transcript = Transcript(segments=[Segment(s.start_s, s.end_s, s.text) for s in segments], language=lang)
    started = time.perf_counter()
    transcript.pii_spans = detect_pii(transcript, engines.pii_analyzer)
    detect_s = time.perf_counter() - started
    redacted = " ".join(s.text for s in redact_transcript(transcript).segments)
    heard_text = transcript.text
    items = [item for _, _, marked in turns for item in marked]
    rows = []
    for item in items:
        all_probes = sum(probes(item, lang), [])
        heard = found_probes(item, heard_text, lang)
        leaked = found_probes(item, PLACEHOLDER.sub(" ", redacted), lang)  # "[PERSON_4]" holds no heard "4"
        rows.append({**item, "heard_correctly": bool(all_probes) and len(heard) == len(all_probes),
                     "heard_probes": heard, "leaked_probes": leaked})
    correct = [r for r in rows if r["heard_correctly"]]
    misheard = [r for r in rows if not r["heard_correctly"]]
    return {
        "items": len(rows), "heard_correctly": len(correct),
        "leaked_of_heard": sum(1 for r in correct if r["leaked_probes"]),
        "leak_rate_heard": round(sum(1 for r in correct if r["leaked_probes"]) / len(correct), 3) if correct else None,
        "misheard": len(misheard), "misheard_with_a_part_left": sum(1 for r in misheard if r["leaked_probes"]),
        "partly_heard": sum(1 for r in misheard if r["heard_probes"]),
        "audio_s": round(len(audio) / SAMPLE_RATE, 1), "asr_s": round(asr_s, 1), "detect_s": round(detect_s, 2),
        "asr_text": heard_text, "redacted_text": redacted, "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="de,fr,es")
    args = parser.parse_args()
    engines = Engines(EngineSettings(model="base", device="cpu"))
    report = {}
    for lang in args.lang.split(","):
        result = run_language(lang, engines)
        report[lang] = result
        print(f"\n{lang}: {result['audio_s']} s of speech, ASR {result['asr_s']} s, detection {result['detect_s']} s")
        print(f"  items {result['items']}, heard correctly {result['heard_correctly']}, leaked of those "
              f"{result['leaked_of_heard']} (rate {result['leak_rate_heard']}); misheard {result['misheard']} "
              f"({result['partly_heard']} partly heard), a heard part left in the redacted text of {result['misheard_with_a_part_left']}")
        print(f"  ASR:      {result['asr_text']}")
        print(f"  redacted: {result['redacted_text']}")
        for row in result["rows"]:
            if row["leaked_probes"] or not row["heard_correctly"]:
                print(f"  {'LEAK' if row['leaked_probes'] else 'misheard'} {row['entity_type']}: {row['text']!r} "
                      f"heard {row['heard_probes']} leaked {row['leaked_probes']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
