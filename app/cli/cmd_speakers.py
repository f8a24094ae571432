"""``hushnote speakers enrol NAME FILE | list | forget NAME | rename NOTE SPEAKER NAME | merge NOTE SPEAKER INTO``.

Voice profiles live in the encrypted notebook; once enrolled, a voice is
named automatically in later ``transcribe --save`` runs when it matches
closely enough (otherwise the label stays "Speaker N").
"""
from __future__ import annotations

import argparse

from app.cli.cmd_notebook import add_notebook_argument, open_from_args
from app.cli.common import add_channel_argument
from audio_core.errors import HushnoteError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("speakers", help="voice profiles; rename or merge a note's speakers")
    sub = parser.add_subparsers(dest="speakers_command", metavar="ACTION", required=True)
    enrol = sub.add_parser("enrol", help="learn a named voice from a recording of that one person (3 s of speech or more)")
    enrol.add_argument("name")
    enrol.add_argument("file")
    add_channel_argument(enrol)
    enrol.set_defaults(func=run_enrol)
    listing = sub.add_parser("list", help="the enrolled voice profiles")
    listing.set_defaults(func=run_list)
    forget = sub.add_parser("forget", help="delete a voice profile (by name or id)")
    forget.add_argument("profile")
    forget.set_defaults(func=run_forget)
    rename = sub.add_parser("rename", help="rename a speaker in a stored note")
    rename.add_argument("note", type=int)
    rename.add_argument("speaker", help="speaker id (S1, S2…) or current name")
    rename.add_argument("name")
    rename.set_defaults(func=run_rename)
    merge = sub.add_parser("merge", help="give all of one speaker's speech to another in a stored note")
    merge.add_argument("note", type=int)
    merge.add_argument("speaker", help="the speaker that disappears (id or name)")
    merge.add_argument("into", help="the speaker that takes over (id or name)")
    merge.set_defaults(func=run_merge)
    for action in (enrol, listing, forget, rename, merge):
        add_notebook_argument(action)


def run_enrol(args: argparse.Namespace) -> int:
    from app.engines import Engines
    from app.voice_profiles import NotebookProfileStore, enrol

    with open_from_args(args) as notebook:
        profile = enrol(NotebookProfileStore(notebook), Engines().voice_encoder, args.name, args.file, channel=args.channel)
    print(f"enrolled {profile.name} ({profile.id})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from app.voice_profiles import NotebookProfileStore

    with open_from_args(args) as notebook:
        profiles = NotebookProfileStore(notebook).list()
    for profile in profiles:
        print(f"{profile.id}  {profile.name}")
    if not profiles:
        print("no voice profiles yet")
    return 0


def run_forget(args: argparse.Namespace) -> int:
    from app.voice_profiles import NotebookProfileStore

    with open_from_args(args) as notebook:
        store = NotebookProfileStore(notebook)
        chosen = [p for p in store.list() if args.profile in (p.id, p.name)]
        if not chosen:
            raise HushnoteError(f"no voice profile {args.profile!r}")
        for profile in chosen:
            store.delete(profile.id)
            print(f"forgot {profile.name} ({profile.id})")
    return 0


def _edit_note(args: argparse.Namespace, edit) -> int:
    with open_from_args(args) as notebook:
        transcript = edit(notebook.load_transcript(args.note))
        notebook.update_transcript(args.note, transcript)
    print(", ".join(f"{s.id}: {s.name}" for s in transcript.speakers) or "no speakers")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from app.speakers import rename_speaker

    return _edit_note(args, lambda t: rename_speaker(t, args.speaker, args.name))


def run_merge(args: argparse.Namespace) -> int:
    from app.speakers import merge_speakers

    return _edit_note(args, lambda t: merge_speakers(t, args.speaker, args.into))
