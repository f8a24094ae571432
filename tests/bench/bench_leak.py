"""PII leak rate of Hushnote's exports on the bundled sample meeting.

Run: .venv/bin/python tests/bench/bench_leak.py
The sample (assets/sample/meeting.wav + meeting.json, whose turns carry
reference PII spans) is transcribed with tiny.en, PII is detected and the
transcript redacted under the default policy; the TXT and SRT exports, the
bleeped audio and the alienated (+ bleeped) audio are then checked. Audio is
checked by transcribing it again with tiny.en.

A reference item leaks, even partially, when an export contains any of its
probes: every name token (PERSON, LOCATION, the street and city of an
ADDRESS, the local part of an EMAIL), every month and ordinal of a DATE, and
any run of 3 or more consecutive digits of a number (spoken numbers are
turned into digits first). Target: leak rate 0 everywhere.
Writes tests/bench/results/leak.json.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
from app.engines import EngineSettings, Engines  # noqa: E402
from app.export.subtitles import render_srt  # noqa: E402
from app.export.text import render_txt  # noqa: E402
from app.pipeline import PipelineOptions, transcribe_file  # noqa: E402
from app.privacy.audio_redaction import AudioRedactionOptions, audio_intervals, bleep_intervals  # noqa: E402
from app.privacy.policy import RedactionPolicy  # noqa: E402
from app.privacy.redact import redact_transcript  # noqa: E402
from app.wer import normalize  # noqa: E402
from audio_core.alienate.apply import LabelledTurn, alienate_recording  # noqa: E402
from audio_core.alienate.options import AlienationOptions, new_note_secret  # noqa: E402
from audio_core.decode import decode_audio  # noqa: E402
from audio_core.transcribe import AsrOptions, transcribe_array  # noqa: E402

SAMPLE = ROOT / "assets" / "sample"
NUMBER_TYPES = {"PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "PASSPORT", "MEDICAL_RECORD", "IP_ADDRESS"}
STOP = {"the", "of", "at", "in", "on", "and", "street", "road", "avenue", "dot", "com", "morning", "evening", "afternoon"}


def sample_paths() -> tuple[Path, Path]:
    """Returns the sample's wav and json, generating them into a temp folder when not bundled yet."""
    wav, ref = SAMPLE / "meeting.wav", SAMPLE / "meeting.json"
    if wav.exists() and ref.exists():
        return wav, ref
    out = Path(tempfile.mkdtemp(prefix="hushnote-sample-"))
    subprocess.run([sys.executable, str(SAMPLE / "make_sample.py"), "--out", str(out)], check=True)
    return out / "meeting.wav", out / "meeting.json"


def digits_of(text: str) -> str:
    """Returns the digits a spoken or written number says ("five five five" -> "555")."""
    return "".join(t for t in normalize(text) if t.isdigit())


def probes(item: dict) -> tuple[list[str], list[str]]:
    """Returns (words, digit runs) whose presence in an export means ``item`` leaked."""
    kind, text = item["entity_type"], item["text"]
    if kind in NUMBER_TYPES:
        digits = digits_of(text)
        return [], sorted({digits[i : i + 3] for i in range(len(digits) - 2)})
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP]
    if kind in ("ADDRESS", "DATE_TIME"):
        words = [w for w in words if not digits_of(w)]  # numbers are checked as digit runs
        digits = digits_of(text)
        return words, sorted({digits[i : i + 3] for i in range(len(digits) - 2)})
    return words, []


def leaks(item: dict, text: str) -> list[str]:
    """Returns the probes of ``item`` found in ``text`` (empty: no leak)."""
    words, runs = probes(item)
    tokens = normalize(text)
    word_set = set(tokens) | set(re.findall(r"[a-z]+", text.lower()))
    digit_runs = "|".join("".join(g) for g in re.findall(r"((?:\d ?)+)", " ".join(tokens)))
    digit_runs = digit_runs.replace(" ", "")
    return [w for w in words if w in word_set] + [r for r in runs if r in digit_runs]


def srt_text(srt: str) -> str:
    """Returns the cue texts of an SRT document (cue numbers and timecodes are not transcript digits)."""
    return "\n".join(line for line in srt.splitlines() if line.strip() and "-->" not in line and not line.strip().isdigit())


def asr_text(engines: Engines, audio) -> str:
    return " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en")))


def main() -> None:
    wav, ref = sample_paths()
    reference = json.loads(ref.read_text())
    items = [p for t in reference["turns"] for p in t.get("pii", [])]
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    started = time.perf_counter()
    transcript = transcribe_file(wav, engines, PipelineOptions())
    policy = RedactionPolicy()
    redacted = redact_transcript(transcript, policy)
    audio = decode_audio(wav)
    options = AudioRedactionOptions()
    intervals = audio_intervals(transcript, policy, options)
    bleeped = bleep_intervals(audio, intervals, options)
    turns = [LabelledTurn(s.start_s, s.end_s, s.speaker_id) for s in transcript.segments]
    alienated = bleep_intervals(alienate_recording(audio, turns, AlienationOptions(), new_note_secret()), intervals, options)
    exports = {
        "asr (unredacted, for reference)": transcript.text,
        "txt": render_txt(redacted),
        "srt": srt_text(render_srt(redacted)),
        "bleeped audio (re-transcribed)": asr_text(engines, bleeped),
        "alienated audio (re-transcribed)": asr_text(engines, alienated),
    }
    elapsed = time.perf_counter() - started
    rows = {}
    for name, text in exports.items():
        found = {f"{i['entity_type']}: {i['text']}": leaks(i, text) for i in items}
        leaked = {k: v for k, v in found.items() if v}
        rows[name] = dict(leaked_items=len(leaked), items=len(items), leak_rate=len(leaked) / len(items), leaked=leaked)
    print(f"sample: {wav} ({reference.get('duration_s', 0):.0f} s, {len(items)} reference PII items); "
          f"detections: {len(transcript.pii_spans)}; bleeped {len(intervals)} stretches; {elapsed:.0f} s")
    print(f"{'export':<36}{'leaked':>8}{'items':>7}{'leak rate':>11}  probes found")
    for name, row in rows.items():
        detail = "; ".join(f"{k} -> {','.join(v)}" for k, v in row["leaked"].items())
        print(f"{name:<36}{row['leaked_items']:>8}{row['items']:>7}{100 * row['leak_rate']:>10.1f}%  {detail[:150]}")
    print("target: leak rate 0 in txt, srt, bleeped and alienated audio (the unredacted ASR row shows what there was to leak)")
    out = ROOT / "tests" / "bench" / "results" / "leak.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(rows=rows, texts=exports), indent=2))
    print(out)


if __name__ == "__main__":
    main()
