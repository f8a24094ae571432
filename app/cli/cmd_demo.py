"""``hushnote demo``: the main job on the bundled sample meeting, start to finish."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.progress_bar import ProgressBar
from app.engines import Engines
from app.errors import HushnoteError
from app.export import export_transcript
from app.pipeline import PipelineOptions, transcribe_file

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "sample"
SAMPLE = ASSETS / "meeting.wav"
DEMO_FORMATS = ("txt", "md", "srt", "vtt", "json", "docx")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the whole job on the bundled sample meeting",
        description="Transcribe, diarize, redact, store encrypted and export the bundled 3-speaker sample meeting.",
    )
    parser.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for the exports (default: ./demo-output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not SAMPLE.exists():
        raise HushnoteError(f"the bundled sample is missing ({SAMPLE}); reinstall Hushnote")
    engines = Engines()
    print(f"Transcribing the bundled sample {SAMPLE.name} on this machine (nothing leaves it)…")
    transcript = transcribe_file(SAMPLE, engines, PipelineOptions(), hook=ProgressBar(SAMPLE.name))
    for fmt in DEMO_FORMATS:
        print(export_transcript(transcript, fmt, args.out / f"sample-meeting.{fmt}"))
    return 0
