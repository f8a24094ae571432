"""``hushnote forget NOTE`` and ``hushnote purge --older-than 30d``: irreversible deletion."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone

from app.cli.cmd_notebook import add_notebook_argument, open_from_args
from app.storage.errors import NotebookError
from app.storage.retention import parse_age, parse_time


def register(subparsers: argparse._SubParsersAction) -> None:
    forget = subparsers.add_parser("forget", help="delete notes irreversibly (right to be forgotten)",
                                   description="Delete notes with their audio and search entries; the file is rebuilt so "
                                               "nothing of them remains.")
    forget.add_argument("notes", nargs="+", type=int, metavar="NOTE", help="note ids (see 'hushnote notes list')")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_notebook_argument(forget)
    forget.set_defaults(func=run_forget)
    purge = subparsers.add_parser("purge", help="delete every note older than an age",
                                  description="Delete notes (or only their audio) older than AGE, irreversibly.")
    purge.add_argument("--older-than", required=True, type=parse_age, metavar="AGE", help="such as 30d, 2w, 12h")
    purge.add_argument("--audio-only", action="store_true", help="delete only the raw audio, keep the transcripts")
    purge.add_argument("--dry-run", action="store_true", help="list what would be deleted")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_notebook_argument(purge)
    purge.set_defaults(func=run_purge)


def _confirm(question: str, assume_yes: bool) -> None:
    if assume_yes or not sys.stdin.isatty():
        return
    if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
        raise NotebookError("nothing deleted")


def run_forget(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        summaries = [notebook.get_summary(note_id) for note_id in args.notes]
        _confirm(f"Delete {', '.join(repr(s.title) for s in summaries)} forever?", args.yes)
        for summary in summaries:
            notebook.delete_note(summary.id, vacuum=False)
        notebook.vacuum()
    for summary in summaries:
        print(f"forgot note {summary.id}")
    return 0


def run_purge(args: argparse.Namespace) -> int:
    cutoff = datetime.now(timezone.utc) - args.older_than
    with open_from_args(args) as notebook:
        old = [s for s in notebook.list_notes() if parse_time(s.created_at) < cutoff and s.state == "complete"]
        if args.audio_only:
            old = [s for s in old if s.audio_s > 0]
        what = "audio of" if args.audio_only else "notes"
        if args.dry_run or not old:
            for summary in old:
                print(f"would delete {what} {summary.id}  {summary.created_at}  {summary.title}")
            print(f"{len(old)} {what} older than {args.older_than.days} days" + (" (dry run)" if args.dry_run else ""))
            return 0
        _confirm(f"Delete {what} {len(old)} notes forever?", args.yes)
        for summary in old:
            if args.audio_only:
                notebook.delete_audio(summary.id)
            else:
                notebook.delete_note(summary.id, vacuum=False)
        notebook.vacuum()
    print(f"deleted {what} {len(old)} notes")
    return 0
