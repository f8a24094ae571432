"""``hushnote search QUERY``: ranked full-text search across every note."""
from __future__ import annotations

import argparse

from app.cli.cmd_notebook import add_notebook_argument, open_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="search every note's transcript",
                                   description="Full-text search (all words must match; word* matches a prefix).")
    parser.add_argument("query", nargs="+", help="words to look for")
    parser.add_argument("--limit", type=int, default=20, help="at most this many notes (default: 20)")
    add_notebook_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_from_args(args) as notebook:
        hits = notebook.search(" ".join(args.query), limit=args.limit)
    for hit in hits:
        print(f"{hit.note_id:>5}  {hit.title}\n       {hit.snippet}")
    if not hits:
        print("no matching notes")
    return 0
