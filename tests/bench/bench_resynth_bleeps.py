"""Benchmark: resynthesised export audio with and without bleeps at the redacted items' original times.

Resynthesis speaks a neutral word ("someone") instead of each redacted item, and a piece of speech may run on
past its original span, so a bleep at the item's original time hides nothing and may cut a neighbouring word.
For each recording: tiny.en transcribes it (with its personal data found, plus, on the synthetic meeting, which
says none, every 8th word of 5+ letters marked by hand), the export resynthesises it (``--audio alienated``, the
English default) and tiny.en listens to the result with and without the bleeps the export used to add, side by
side on the same resynthesised audio:
- WER against the exported text as spoken (redaction tokens as their neutral words): the words lost;
- items heard: redacted items of which the recogniser hears a word the exported text never says elsewhere
  (must be 0 either way).
Nothing here is tuned (the choice is no bleeps on resynthesised speech); dev: the bundled sample, report: the
synthetic meeting and the real phone call (pyannote sample).

Run: python tests/bench/bench_resynth_bleeps.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.common import testdata_root, write_results  # noqa: E402

MARK_EVERY = 8


def _marked(transcript):
    """Returns ``transcript`` with every MARK_EVERY-th word of 5+ letters marked as a manual redaction."""
    from audio_core.model import PiiSpan

    count = 0
    for index, segment in enumerate(transcript.segments):
        cursor = 0
        for word in segment.text.split():
            at = segment.text.index(word, cursor)
            cursor = at + len(word)
            clean = word.strip(".,?!;:")
            if len(clean) >= 5 and clean.isalpha():
                count += 1
                if count % MARK_EVERY == 0:
                    transcript.pii_spans.append(PiiSpan(index, at, at + len(clean), "PERSON", clean, 1.0, "accepted", "manual"))
    return transcript


def main() -> int:
    from app.engines import EngineSettings, Engines
    from app.export_job import ExportRequest, export_note
    from app.pipeline import PipelineOptions, transcribe_file
    from app.privacy.audio_redaction import AudioRedactionOptions, audio_intervals, bleep_intervals
    from app.privacy.policy import parse_policy
    from app.privacy.redact import redact_transcript
    from app.wer import normalize, word_error_rate
    from audio_core.alienate.resynth import speakable
    from audio_core.decode import decode_audio
    from audio_core.transcribe import AsrOptions, transcribe_array
    from tests.assets.sample import SAMPLE_WAV

    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    data = testdata_root()
    recordings = [("dev", "bundled sample", SAMPLE_WAV, False),
                  ("report", "synthetic meeting", data / "synthetic" / "meeting.wav", True),
                  ("report", "phone call (real)", data / "real" / "pyannote_sample.wav", False)]
    rows = []
    for split, name, path, mark in recordings:
        blocks = []
        transcript = transcribe_file(path, engines, PipelineOptions(), keep_audio=blocks.append)
        import numpy as np

        audio = np.concatenate(blocks)
        if mark:
            transcript = _marked(transcript)
        policy = parse_policy("default")
        redacted = redact_transcript(transcript, policy)
        spoken = speakable(redacted.text)
        items = [s.text for s in transcript.pii_spans if s.decision != "rejected"]
        said = set(normalize(spoken))
        with tempfile.TemporaryDirectory() as folder:
            export_note(ExportRequest(Path(folder), "x", audio="alienated"), transcript, audio, engines)
            resynthesised = decode_audio(Path(folder) / "x.alienated.flac")
        bleeped = bleep_intervals(resynthesised, audio_intervals(transcript, policy, AudioRedactionOptions()),
                                  AudioRedactionOptions())
        for variant, heard_audio in (("no bleeps (new)", resynthesised), ("bleeped at original times (old)", bleeped)):
            heard = " ".join(s.text for s in transcribe_array(engines.recognizer, heard_audio, AsrOptions(language="en")))
            words = set(normalize(heard))
            # an item is heard when a word of it that the exported text never says elsewhere is heard
            leaked = [i for i in items if any(len(w) >= 3 and w not in said and w in words for w in normalize(i))]
            rows.append({"split": split, "recording": name, "variant": variant, "items": len(items),
                         "items_heard": len(leaked), "heard": leaked, "wer_vs_spoken_text": round(word_error_rate(spoken, heard), 4)})
    print(f"{'split':7} {'recording':20} {'variant':32} {'items':>5} {'heard':>5} {'WER':>7}")
    for r in rows:
        print(f"{r['split']:7} {r['recording']:20} {r['variant']:32} {r['items']:5d} {r['items_heard']:5d} "
              f"{100 * r['wer_vs_spoken_text']:6.1f}%")
    write_results("resynth_bleeps", {"rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
