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
    enrol.add_argument("--allow-several-voices", action="store_true",
                       help="enrol the voice that speaks most even when others are heard too (otherwise a clip with "
                            "a second voice holding 15 %% of the speech or more is refused)")
    enrol.set_defaults(func=run_enrol)
    listing = sub.add_parser("list", help="the enrolled voice profiles")
    listing.set_defaults(func=run_list)
    forget = sub.add_parser("forget", help="delete a voice profile (by name or id); --from-notes takes the person "
                                           "out of every stored note too")
    forget.add_argument("profile")
    forget.add_argument("--from-notes", action="store_true",
                        help="find every note where this voice speaks (voice matching on the stored audio, or a speaker "
                             "named so) or that names them in full (as the recogniser spelt it too), list them with how "
                             "each was found, and after confirmation replace their turns with "
                             "\"[removed at the participant's request]\" and silence them in the stored audio; "
                             "their name goes too where others say it (the full name in any note; the first name or "
                             "surname alone only in notes where they speak or are named in full)")
    forget.add_argument("--alienate", action="store_true",
                        help="with --from-notes: keep their words, but change their voice in the stored audio and "
                             "give them a pseudonym")
    forget.add_argument("--yes", action="store_true", help="with --from-notes: do not ask for confirmation (for scripts)")
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
        profile = enrol(NotebookProfileStore(notebook), Engines().voice_encoder, args.name, args.file, channel=args.channel,
                        allow_several_voices=args.allow_several_voices)
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

    if args.alienate and not args.from_notes:
        raise HushnoteError("--alienate changes a voice in the stored notes: add --from-notes")
    if args.from_notes:
        return _forget_from_notes(args)
    with open_from_args(args) as notebook:
        store = NotebookProfileStore(notebook)
        chosen = [p for p in store.list() if args.profile in (p.id, p.name)]
        if not chosen:
            raise HushnoteError(f"no voice profile {args.profile!r}")
        for profile in chosen:
            store.delete(profile.id)
            print(f"forgot {profile.name} ({profile.id})")
    return 0


def _forget_from_notes(args: argparse.Namespace) -> int:
    """Lists the notes where the person speaks or is named, asks, rewrites them one transaction each, then deletes
    the profile."""
    import sys

    from app.engines import Engines
    from app.privacy.forget_voice import find_voice_in_notes, forget_person
    from app.voice_profiles import NotebookProfileStore

    with open_from_args(args) as notebook:
        store = NotebookProfileStore(notebook)
        chosen = [p for p in store.list() if args.profile in (p.id, p.name)]
        name = chosen[0].name if chosen else args.profile
        engines = Engines()
        findings = find_voice_in_notes(notebook, engines.voice_encoder if chosen else None, name,
                                       chosen[0] if chosen else None)
        if not chosen and not findings:
            raise HushnoteError(f"no voice profile {args.profile!r} and no note with a speaker of that name")
        for f in findings:
            mentions = f"{f.mentions} mention{'s' if f.mentions != 1 else ''} of the name to remove"
            if f.spellings:
                mentions += f", spelt {', '.join(repr(s) for s in f.spellings)}"
            if f.speaker_ids:
                heard = f"{', '.join(f.speaker_ids)}: {f.speech_s:.1f} s of speech, {f.why}"
            else:
                heard = f"does not speak, {f.why}"
            print(f"note {f.note_id}  {f.created_at[:10]}  {f.title}  ({heard}; {mentions})")
        action = ("alienate their voice and remove their name in" if args.alienate
                  else "remove everything they said and their name from")
        if findings and not args.yes:
            if not sys.stdin.isatty():
                raise HushnoteError(f"{len(findings)} notes would be rewritten: confirm on a terminal, or add --yes")
            if input(f"{action.capitalize()} these {len(findings)} notes? This cannot be undone. [y/N] "
                     ).strip().lower() not in ("y", "yes"):
                raise HushnoteError("nothing changed")
        forget_person(notebook, engines, name, findings, chosen, alienate=args.alienate,
                      on_note=lambda f: print(f"rewrote note {f.note_id}"))
        for profile in chosen:
            print(f"forgot {profile.name} ({profile.id})")
    print(f"{len(findings)} notes rewritten" if findings else f"{name} speaks in no stored note")
    return 0


def _edit_note(args: argparse.Namespace, edit) -> int:
    with open_from_args(args) as notebook:
        transcript = notebook.edit_transcript(args.note, edit)  # read and written in one transaction
    print(", ".join(f"{s.id}: {s.name}" for s in transcript.speakers) or "no speakers")
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from app.speakers import rename_speaker

    return _edit_note(args, lambda t: rename_speaker(t, args.speaker, args.name))


def run_merge(args: argparse.Namespace) -> int:
    from app.speakers import merge_speakers

    return _edit_note(args, lambda t: merge_speakers(t, args.speaker, args.into))
