"""``hushnote transcribe FILE...``: audio or video files to transcripts."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import add_engine_arguments, asr_options_from, engines_from
from app.cli.progress_bar import ProgressBar
from app.errors import HushnoteError
from app.export import export_transcript, parse_formats
from app.pipeline import PipelineOptions, transcribe_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="transcribe audio or video files, fully offline",
        description="Transcribe audio or video files (WAV, FLAC, MP3, OGG/Opus, M4A, MP4, MKV…) on this machine.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="audio or video files")
    parser.add_argument("--format", default="txt", help="comma-separated: txt,md,srt,vtt,json,docx (default: txt)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for the exports (default: current folder)")
    add_engine_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    engines = engines_from(args)
    options = PipelineOptions(asr=asr_options_from(args))
    failures = 0
    for name in args.files:
        path = Path(name)
        try:
            transcript = transcribe_file(path, engines, options, hook=ProgressBar(path.name))
            for fmt in formats:
                written = export_transcript(transcript, fmt, args.out / f"{path.stem}.{fmt}")
                print(written)
        except HushnoteError as exc:
            failures += 1
            print(f"hushnote: error: {exc}", file=sys.stderr)
            if len(args.files) == 1:
                return exc.exit_code
    return 2 if failures else 0
