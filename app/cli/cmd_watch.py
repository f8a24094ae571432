"""``hushnote watch DIR``: import new audio and video files from a folder as they appear."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from app.cli.cmd_notebook import add_notebook_argument, notebook_path_from, open_from_args
from app.cli.common import (
    add_channel_argument,
    add_clean_up_argument,
    add_engine_arguments,
    add_vocabulary_argument,
    asr_options_from,
    clean_up_from,
    engines_from,
    vocabulary_from,
)
from app.cli.progress_bar import ProgressBar
from app.cli.speaker_args import add_speaker_arguments, speaker_options_from
from app.export import export_transcript, parse_formats
from app.import_sources import KnownDigest
from app.pipeline import PipelineOptions, import_file, transcribe_file
from app.pipeline.options import with_vocabulary
from app.privacy.policy import parse_policy
from app.storage import key_file_path
from app.privacy.export_plan import prepare_export
from app.watch import ImportLedger, WatchOptions, watch_folder
from audio_core.errors import HushnoteError
from audio_core.progress import CancelToken


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="import new audio or video files from a folder as they appear",
        description="Watch a folder and transcribe each new audio or video file once, one at a time. Files still being "
                    "written are waited for; a bad file gets a one-line error and the others go on. What was imported "
                    "is remembered (by content, never by name) in the encrypted notebook, so a restart imports nothing "
                    "twice. Ctrl-C stops after the current file; a second Ctrl-C cancels it.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR", help="the folder to watch (its top level)")
    parser.add_argument("--save", action="store_true", help="store each note (transcript and audio) in the encrypted notebook")
    parser.add_argument("--format", default=None, help="comma-separated: txt,md,srt,vtt,json,docx,rttm (default: txt; none with --save)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for the exports (default: current folder)")
    parser.add_argument("--policy", default="default", metavar="POLICY",
                        help="redaction policy for exports (as for transcribe; default: default)")
    parser.add_argument("--delete-after-import", action="store_true",
                        help="overwrite each source file with zeros and delete it once it is imported "
                             "(old copies may survive on SSDs and copy-on-write filesystems)")
    parser.add_argument("--once", action="store_true", help="import what is in the folder now, then exit")
    parser.add_argument("--poll", type=float, default=2.0, metavar="S", help="seconds between looks at the folder (default: 2)")
    parser.add_argument("--settle", type=float, default=2.0, metavar="S",
                        help="seconds a file must stay unchanged before it is imported (default: 2)")
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
    """Runs the watcher; returns 0, or 2 when any file failed. Raises HushnoteError for a bad folder or notebook."""
    formats = parse_formats(args.format or "txt") if args.format or not args.save else []
    parse_policy(args.policy)
    if not args.folder.is_dir():
        raise HushnoteError(f"{args.folder}: not a folder")
    if args.delete_after_import and not args.save:
        raise HushnoteError("--delete-after-import needs --save: without it the notebook would not keep the audio")
    # The ledger of imported files lives in the notebook, so the watcher always needs it (unlocked first: fails fast).
    if not key_file_path(notebook_path_from(args)).exists():
        raise HushnoteError("watch remembers what it imported in the encrypted notebook, so it needs one: "
                            "run 'hushnote notebook init' first")
    notebook = open_from_args(args)
    try:
        engines = engines_from(args)
        base_options = PipelineOptions(asr=asr_options_from(args), speakers=speaker_options_from(args, notebook),
                                       clean_up=clean_up_from(args), channel=args.channel, vocabulary=vocabulary_from(args))

        def import_one(path: Path, known_digest: KnownDigest) -> str:
            hook = ProgressBar(path.name)
            options = with_vocabulary(base_options, notebook)  # read per file: an entry added meanwhile counts
            if args.save:
                note_id, transcript = import_file(path, notebook, engines, options, hook=hook,
                                                  known_digest=known_digest)
                print(f"saved note {note_id}", flush=True)
            else:
                note_id, transcript = None, transcribe_file(path, engines, options, hook=hook)
            plan = prepare_export(transcript, redact=True, policy_name=args.policy,
                                  keep_speaker_names=args.keep_speaker_names, keep_title=args.keep_title,
                                  analyzer=lambda: engines.pii_analyzer)
            for fmt in formats:
                print(export_transcript(plan.transcript, fmt, args.out / f"{path.stem}.{fmt}"), flush=True)
            if formats:
                notebook.record_export(note_id, "watch", formats, plan.policy, plan.redacted)
            return "" if note_id is None else f"note {note_id}"

        def report(path: Path, exc: HushnoteError) -> None:
            # stderr only: no log file on disk ever holds a file name.
            message = str(exc)
            print(f"hushnote: error: {message if str(path) in message else f'{path}: {message}'}", file=sys.stderr, flush=True)

        def skipped(path: Path, exc: HushnoteError) -> None:
            print(f"hushnote: {exc}: skipped", file=sys.stderr, flush=True)

        stop = CancelToken()
        with _stop_on_first_interrupt(stop):
            summary = watch_folder(args.folder, import_one, ImportLedger(notebook),
                                   WatchOptions(poll_s=args.poll, settle_s=args.settle, once=args.once,
                                                delete_after_import=args.delete_after_import),
                                   stop=stop, on_error=report, on_skip=skipped)
    finally:
        notebook.close()
    print(f"imported {summary.imported}, already imported {summary.skipped}, failed {summary.failed}", file=sys.stderr)
    return 2 if summary.failed else 0


class _stop_on_first_interrupt:
    """The first Ctrl-C lets the current file finish, then stops; the second cancels the file (KeyboardInterrupt)."""

    def __init__(self, stop: CancelToken):
        self.stop = stop
        self._previous = None

    def __enter__(self):
        self._previous = signal.signal(signal.SIGINT, self._interrupted)
        return self

    def __exit__(self, *exc) -> None:
        signal.signal(signal.SIGINT, self._previous)

    def _interrupted(self, signum, frame) -> None:
        if self.stop.cancelled:
            raise KeyboardInterrupt
        self.stop.cancel()
        print("\nhushnote: stopping after this file (Ctrl-C again to cancel it)", file=sys.stderr, flush=True)
