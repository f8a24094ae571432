"""``hushnote separate FILE...``: split recordings into voice and background."""
from __future__ import annotations

import argparse
from pathlib import Path

from audio_core.encode import AUDIO_FORMATS
from app.cli.common import add_channel_argument, run_per_file
from app.cli.progress_bar import ProgressBar
from app.engines import Engines
from app.separation import KEEP_CHOICES, export_alienated_remix, export_stems
from audio_core.separate import BACKENDS, DEFAULT_BACKEND, SeparationOptions


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "separate",
        help="split recordings into voice and background (remove or isolate voices)",
        description=(
            "Split audio or video files into a voice stem and a background stem, offline. "
            "'--keep background' removes every voice; '--keep voice' keeps only the voices. "
            "Backends: dfn (DeepFilterNet3, default: speech versus noise and room sound), "
            "spleeter (Spleeter 2-stems: speech versus music)."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="audio or video files")
    parser.add_argument("--keep", choices=KEEP_CHOICES, default="both", help="which stems to write (default: both)")
    parser.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND, help=f"separation model (default: {DEFAULT_BACKEND})")
    parser.add_argument("--format", choices=sorted(AUDIO_FORMATS), default="flac", help="audio format of the stems (default: flac)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for the stems (default: current folder)")
    add_channel_argument(parser)
    parser.add_argument(
        "--alienate-voice",
        action="store_true",
        help="also write <name>.alienated.<format>: the voices alienated (one random voice change for the whole "
        "file, normalise_random 0.8: a bare file has no transcript for resynthesis to speak), the background left "
        "untouched; for resynthesised voices over the kept background, use hushnote export FILE --audio alienated "
        "--keep-background",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    options = SeparationOptions(backend=args.backend, channel=args.channel)
    separator = Engines().separator(options.backend)

    def separate_one(path: Path) -> None:
        written = export_stems(path, args.out, separator, args.keep, args.format, options, hook=ProgressBar(path.name))
        if args.alienate_voice:
            written.append(_export_alienated(path, args, separator))
        for stem_path in written:
            print(stem_path)

    return run_per_file(args.files, separate_one)


def _export_alienated(path: Path, args: argparse.Namespace, separator) -> Path:
    import sys

    from audio_core.alienate.default_method import default_alienation
    from audio_core.alienate.options import new_note_secret

    # a bare file has no transcript: the default falls back to changing the recorded voices, and says so
    choice = default_alienation("", has_text=False)
    print(f"hushnote: {path.name}: {choice.notice}", file=sys.stderr)
    # a fresh secret per file: the voice change cannot be recomputed (or undone) from the output
    return export_alienated_remix(path, args.out, separator, choice.options, new_note_secret(), args.format,
                                  channel=args.channel)
