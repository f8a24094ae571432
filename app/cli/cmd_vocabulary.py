"""``hushnote vocabulary add TEXT [--kind name|term] | list | remove TEXT | clear``: the notebook's names and terms.

Listed words help recognition spell them (they are given to Whisper as a
hint) and steer personal-data detection: a name is found as a person
wherever it is said, a term is never redacted. The list lives in the
encrypted notebook.
"""
from __future__ import annotations

import argparse

from app.cli.cmd_notebook import add_notebook_argument, open_from_args
from audio_core.errors import OptionError
from app.vocabulary import (
    ADDED, KIND_CHANGED, KINDS, NAME, TERM, add_to_vocabulary, clear_vocabulary, load_vocabulary,
    remove_from_vocabulary,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "vocabulary", help="names and terms recognition should know (kept in the encrypted notebook)",
        description="Names and terms your meetings use. Recognition is told about them; a listed name is treated as "
                    "personal data wherever it is said, a listed term never is.",
    )
    sub = parser.add_subparsers(dest="vocabulary_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a word or name (quote several words: \"Siobhan Nakagawa\")")
    add.add_argument("text", metavar="WORD")
    add.add_argument("--kind", choices=KINDS, default=TERM,
                     help="name: a person (redacted as personal data); term: a product, project or jargon word "
                          "(never redacted) (default: term)")
    add.set_defaults(func=run_add)
    listing = sub.add_parser("list", help="the listed names and terms")
    listing.set_defaults(func=run_list)
    remove = sub.add_parser("remove", help="remove a word or name (case does not matter)")
    remove.add_argument("text", metavar="WORD")
    remove.set_defaults(func=run_remove)
    clear = sub.add_parser("clear", help="remove every entry")
    clear.set_defaults(func=run_clear)
    for action in (add, listing, remove, clear):
        add_notebook_argument(action)


def run_add(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        result = add_to_vocabulary(notebook, args.text, args.kind)
    if result.outcome == ADDED:
        print(f"added {result.entry.kind} {result.entry.text!r}")
    elif result.outcome == KIND_CHANGED:
        print(f"{result.entry.text!r} is now a {result.entry.kind}")
    else:
        print(f"{result.entry.text!r} is already listed as a {result.entry.kind}; nothing changed")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        vocabulary = load_vocabulary(notebook)
    if not vocabulary:
        print("no vocabulary yet: add names and terms with 'hushnote vocabulary add WORD [--kind name]'")
        return 0
    width = max(len(NAME), len(TERM))
    for entry in vocabulary:
        print(f"{entry.kind:<{width}}  {entry.text}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        removed = remove_from_vocabulary(notebook, args.text)
    if removed is None:
        raise OptionError(f"{' '.join(args.text.split())!r} is not in the vocabulary (see 'hushnote vocabulary list')")
    print(f"removed {removed.kind} {removed.text!r}")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        count = clear_vocabulary(notebook)
    print(f"removed {count} {'entry' if count == 1 else 'entries'}")
    return 0
