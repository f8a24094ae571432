"""``hushnote transcribe FILE...``: audio or video files to transcripts."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.cmd_notebook import add_notebook_argument, notebook_path_from, open_from_args
from app.cli.common import (
    add_channel_argument, add_clean_up_argument, add_engine_arguments, add_vocabulary_argument, asr_options_from, clean_up_from,
    engines_from, run_per_file, vocabulary_from,
)
from app.cli.progress_bar import ProgressBar
from app.cli.speaker_args import add_speaker_arguments, speaker_options_from
from audio_core.errors import HushnoteError
from app.export import export_transcript, parse_formats
from app.export.file_names import redacted_file_stem, unique_stem
from app.import_sources import AlreadyImportedError
from app.pipeline import PipelineOptions, import_file, transcribe_file
from app.pipeline.options import with_vocabulary
from app.privacy.policy import parse_policy
from app.storage import key_file_path
from app.privacy.export_plan import prepare_export


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "transcribe",
        help="transcribe audio or video files, fully offline",
        description="Transcribe audio or video files (WAV, FLAC, MP3, OGG/Opus, M4A, MP4, MKV…) on this machine.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="audio or video files")
    parser.add_argument("--format", default=None, help="comma-separated: txt,md,srt,vtt,json,docx,rttm (default: txt; with --save, none unless --out is given)")
    parser.add_argument("--out", type=Path, default=None, help="folder for the exports (default: current folder)")
    parser.add_argument("--save", action="store_true", help="store each note (transcript and audio) in the encrypted notebook")
    parser.add_argument("--allow-duplicate", action="store_true",
                        help="with --save, import a file even when the same content is already a note (by default it is "
                             "skipped with a notice)")
    parser.add_argument("--policy", default="default", metavar="POLICY",
                        help="redaction policy for exports: default, strict, names-only, numbers-only, fake, or entity "
                             "types; add :tag, :pseudonym or :fake for the style (default: default)")
    parser.add_argument("--no-redact", action="store_true",
                        help="export the verbatim text (personal data included); recorded in the notebook's audit log")
    parser.add_argument("--keep-speaker-names", action="store_true",
                        help="in redacted exports, print speakers' names (e.g. from voice profiles) instead of pseudonyms")
    parser.add_argument("--keep-title", action="store_true",
                        help="in a redacted export, keep the note's title (and file name) as written instead of "
                             "replacing its personal data (recorded in the audit log)")
    add_notebook_argument(parser)
    add_engine_arguments(parser)
    add_clean_up_argument(parser)
    add_channel_argument(parser)
    add_speaker_arguments(parser)
    add_vocabulary_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # --save alone stores the note and writes nothing else; a folder asked for gets the transcript
    formats = parse_formats(args.format or "txt") if args.format or not args.save or args.out else []
    out_dir = args.out or Path(".")
    parse_policy(args.policy)  # a typo in --policy fails before any transcription
    vocabulary = vocabulary_from(args)  # so does a bad --vocabulary
    # A verbatim export must leave a trace in the audit log, so it needs the notebook too.
    audited = args.save or (args.no_redact and formats)
    if args.no_redact and formats and not args.save and not key_file_path(notebook_path_from(args)).exists():
        raise HushnoteError("--no-redact exports are recorded in the notebook's audit log, so they need a notebook: "
                            "run 'hushnote notebook init' first, or leave out --no-redact for redacted exports")
    notebook = open_from_args(args) if audited else None  # unlock first: a wrong passphrase fails fast
    engines = engines_from(args)
    # Detection feeds redaction and the stored note's review; a verbatim export that is not saved needs neither.
    detect_pii = not args.no_redact or args.save
    options = PipelineOptions(asr=asr_options_from(args), speakers=speaker_options_from(args, notebook), detect_pii=detect_pii,
                              clean_up=clean_up_from(args), channel=args.channel, vocabulary=vocabulary)
    if notebook is not None:
        options = with_vocabulary(options, notebook)

    stems_written: set[str] = set()

    def transcribe_one(path: Path) -> None:
        note_id = None
        if args.save:
            try:
                note_id, transcript = import_file(path, notebook, engines, options, hook=ProgressBar(path.name),
                                                  allow_duplicate=args.allow_duplicate)
            except AlreadyImportedError as exc:
                print(f"hushnote: {exc}: skipped (--allow-duplicate imports it again)", file=sys.stderr)
                return
            print(f"saved note {note_id}")
        else:
            transcript = transcribe_file(path, engines, options, hook=ProgressBar(path.name))
        if not any(segment.text.strip() for segment in transcript.segments):
            # Empty exports with no word of why look like a failure: say what was heard.
            print(f"hushnote: {path.name}: no speech found ({transcript.duration_s:.1f} s of audio)", file=sys.stderr)
        plan = prepare_export(transcript, redact=not args.no_redact, policy_name=args.policy,
                              keep_speaker_names=args.keep_speaker_names, keep_title=args.keep_title,
                              analyzer=lambda: engines.pii_analyzer)
        stem = path.stem
        if plan.redacted and not args.keep_title:
            stem = redacted_file_stem(stem, transcript, plan.transcript)
        stem = unique_stem(stem, stems_written)
        for fmt in formats:
            print(export_transcript(plan.transcript, fmt, out_dir / f"{stem}.{fmt}"))
        if notebook is not None and formats:
            notebook.record_export(note_id, f"transcribe {path.name}", formats, plan.policy, plan.redacted)

    return run_per_file(args.files, transcribe_one)
