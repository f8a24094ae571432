"""``hushnote notes list | show NOTE | export NOTE | retention NOTE``."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.cmd_notebook import add_notebook_argument, open_from_args, parse_days
from app.cli.common import load_finished_transcript
from app.export import export_transcript, parse_formats
from app.export.timecode import clock
from app.pipeline import in_flight
from app.privacy.export_plan import prepare_export
from app.speakers import overlapping_speakers
from app.storage.retention import RetentionPolicy, set_note_policy


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("notes", help="list, show and export stored notes")
    sub = parser.add_subparsers(dest="notes_command", metavar="ACTION")
    listing = sub.add_parser("list", help="every note, newest first")
    listing.set_defaults(func=run_list)
    show = sub.add_parser("show", help="print one note's transcript")
    show.add_argument("note", type=int)
    show.set_defaults(func=run_show)
    export = sub.add_parser("export", help="export a note (redacted unless --no-redact); recorded in the audit log")
    export.add_argument("note", type=int)
    export.add_argument("--format", default="txt", help="comma-separated: txt,md,srt,vtt,json,docx,rttm (default: txt)")
    export.add_argument("--out", type=Path, default=Path("."), help="folder for the exports (default: current folder)")
    export.add_argument("--policy", default="default", help="redaction policy (default: default)")
    export.add_argument("--no-redact", action="store_true", help="export the raw transcript, personal data included")
    export.add_argument("--keep-speaker-names", action="store_true",
                        help="in a redacted export, print speakers' names instead of pseudonyms (recorded in the audit log)")
    export.add_argument("--keep-title", action="store_true",
                        help="in a redacted export, keep the note's title (and file name) as written instead of "
                             "replacing its personal data (recorded in the audit log)")
    export.set_defaults(func=run_export)
    retention = sub.add_parser("retention", help="set one note's retention (overrides the notebook's)")
    retention.add_argument("note", type=int)
    retention.add_argument("--audio-days", type=parse_days, default=None, metavar="N|none")
    retention.add_argument("--redact-after-days", type=parse_days, default=None, metavar="N|none")
    retention.set_defaults(func=run_retention)
    for action in (listing, show, export, retention):
        add_notebook_argument(action)
    parser.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        notes = notebook.list_notes()
        unfinished = {n.id: _unfinished_flag(notebook, n.id) for n in notes if n.state != "complete"}
    for note in notes:
        flags = [unfinished[note.id]] if note.id in unfinished else []
        flags += ["audio"] if note.audio_s else []
        flags += ["redacted"] if note.redacted_only else []
        speakers = ", ".join(note.speaker_names)
        tags = " ".join(f"#{t}" for t in note.tags)
        print(f"{note.id:>5}  {note.created_at[:16].replace('T', ' ')}  {clock(note.duration_s)}  "
              f"{note.title}  {tags}  {speakers}  {' '.join(f'[{f}]' for f in flags)}".rstrip())
    if not notes:
        print("no notes yet")
    return 0


def _unfinished_flag(notebook, note_id: int) -> str:
    if in_flight.is_held(notebook, note_id):
        return "being transcribed"
    return "interrupted: hushnote record --recover"


def run_show(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        transcript = load_finished_transcript(notebook, args.note)
    print(f"# {transcript.title}  ({transcript.created_at}, {transcript.duration_s:.1f} s, {transcript.model})")
    for segment in transcript.segments:
        speaker = transcript.speaker_name(segment.speaker_id)
        others = overlapping_speakers(transcript, segment.speaker_id, segment.start_s, segment.end_s)
        over = f" (overlaps with {', '.join(transcript.speaker_name(sid) for sid in others)})" if others else ""
        print(f"[{clock(segment.start_s)}] {speaker + over + ': ' if speaker else ''}{segment.text.strip()}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    with open_from_args(args) as notebook:
        plan = prepare_export(load_finished_transcript(notebook, args.note), redact=not args.no_redact, policy_name=args.policy,
                              keep_speaker_names=args.keep_speaker_names, keep_title=args.keep_title)
        stem = f"note-{args.note}"
        for fmt in formats:
            print(export_transcript(plan.transcript, fmt, args.out / f"{stem}.{fmt}"))
        notebook.record_export(args.note, "transcript", formats, plan.policy, plan.redacted)
    return 0


def run_retention(args: argparse.Namespace) -> int:
    with open_from_args(args, retention=False) as notebook:
        set_note_policy(notebook, args.note, RetentionPolicy(args.audio_days, args.redact_after_days))
    print(f"note {args.note}: audio {args.audio_days if args.audio_days is not None else 'notebook default'} days, "
          f"full transcript {args.redact_after_days if args.redact_after_days is not None else 'notebook default'} days")
    return 0
