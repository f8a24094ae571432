"""``hushnote demo``: the main job on the bundled sample meeting, start to finish.

Transcribe → find speakers → find personal data → store in an encrypted
notebook → export redacted transcripts, bleeped and voice-alienated audio and
a privacy report; then check the redacted text against the sample's reference
list of personal data and print what leaked (nothing, we hope).
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from app.cli.progress_bar import ProgressBar
from app.engines import Engines
from app.paths import sample_meeting
from audio_core.errors import HushnoteError
from audio_core.model import Transcript

SAMPLE = sample_meeting()
ASSETS = SAMPLE.parent
REFERENCE = ASSETS / "meeting.json"
DEMO_FORMATS = "txt,md,srt,vtt,json,docx"
# Only the synthetic sample ever goes into the demo notebook, so a published
# passphrase protects nothing real; HUSHNOTE_PASSPHRASE overrides it.
DEMO_PASSPHRASE = "hushnote demo notebook"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the whole job on the bundled sample meeting",
        description="Transcribe, diarize, redact, store encrypted and export the bundled 3-speaker sample meeting. "
        "The demo uses its own notebook in the output folder, never your real one.",
    )
    parser.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for the demo (default: ./demo-output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.export import parse_formats
    from app.pipeline import ExportRequest, PipelineOptions, export_note, import_file
    from app.storage import init_notebook

    if not SAMPLE.exists():
        raise HushnoteError(f"the bundled sample is missing ({SAMPLE}); reinstall Hushnote")
    out = args.out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HushnoteError(f"cannot write the demo into {out}: {exc.strerror or exc}") from None
    engines = Engines()

    db_path = out / "demo-notebook.db"
    passphrase = os.environ.get("HUSHNOTE_PASSPHRASE") or DEMO_PASSPHRASE
    # The demo notebook holds only the sample: start it afresh so runs are repeatable.
    for stale in (db_path, db_path.with_suffix(".key"), Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        stale.unlink(missing_ok=True)
    with init_notebook(db_path, passphrase) as notebook:
        print(f"1. Transcribing {SAMPLE.name} on this machine, finding speakers and personal data (nothing leaves it)")
        print(f"2. Storing it in the encrypted demo notebook {db_path} (SQLCipher), audio and all")
        note_id, transcript = import_file(SAMPLE, notebook, engines, PipelineOptions(), hook=ProgressBar(SAMPLE.name))
        notebook.set_title(note_id, "Sample meeting")
        speakers = ", ".join(s.name for s in transcript.speakers) or "none"
        print(f"   {len(transcript.segments)} segments, speakers: {speakers}, {len(transcript.pii_spans)} personal data items found")
        hits = notebook.search("meeting")
        print(f"   saved as note {note_id}; a search for 'meeting' finds {len(hits)} note(s)")

        print("3. Exporting redacted transcripts, bleeped and alienated audio, and a privacy report")
        request = ExportRequest(out_dir=out, stem=f"note-{note_id}", formats=tuple(parse_formats(DEMO_FORMATS)),
                                audio="alienated", report=True, origin="hushnote demo")
        exported = export_note(request, notebook.load_transcript(note_id), notebook.read_audio(note_id), engines,
                               notebook, note_id)
    if exported.alienation is not None:
        print(f"   {exported.alienation.notice}")
    for path in exported.paths:
        print(f"   {path}")

    redacted = Transcript.from_json((out / f"note-{note_id}.json").read_text(encoding="utf-8"))
    leaks = leaked_items(redacted.text)
    total = sum(len(turn.get("pii", [])) for turn in json.loads(REFERENCE.read_text())["turns"])
    print(f"4. Leak check against the sample's reference: {len(leaks)} of {total} personal data items left in the redacted text")
    for item in leaks:
        print(f"   leaked: {item}")
    print(f"Done. Open {out}/note-{note_id}.txt and {out}/note-{note_id}.privacy.txt")
    return 0


def leaked_items(redacted_text: str) -> list[str]:
    """Returns the sample's reference PII items that still appear, even partly, in ``redacted_text``.

    "Partly": any run of 3 digits of a number (written as digits or words), any
    word of 3+ letters of a name, place, address or email, or a date's month.
    """
    from app.wer import normalize

    tokens = normalize(redacted_text)
    words = set(tokens)
    digit_runs, run = [], ""
    for token in tokens + [""]:
        if token.isdigit():
            run += token
        elif run:
            digit_runs.append(run)
            run = ""
    leaks = []
    for turn in json.loads(REFERENCE.read_text())["turns"]:
        for span in turn.get("pii", []):
            item = normalize(span["text"])
            digits = "".join(t for t in item if t.isdigit())
            if span["entity_type"] == "DATE_TIME":
                telling = [t for t in item if t in MONTHS]
            else:
                telling = [t for t in item if t.isalpha() and len(t) >= 3 and t not in FORM_WORDS]
            digit_leak = any(digits[i : i + 3] in r for r in digit_runs for i in range(len(digits) - 2))
            if digit_leak or any(t in words for t in telling):
                leaks.append(f"{span['entity_type']}: {span['text']}")
    return leaks


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
# Words that belong to an item's form rather than to the person ("42 Elm *Street*", "tom *dot* baker").
FORM_WORDS = {"street", "avenue", "road", "lane", "drive", "dot", "com", "org", "net", "the", "and", "at", "of"}
