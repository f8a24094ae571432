"""``hushnote notebook init | passwd | info | check | backup | restore | retention``."""
from __future__ import annotations

import argparse
from pathlib import Path

from app.privacy.retention import redact_for_retention
from app.storage import change_passphrase, default_notebook_path, describe_notebook, init_notebook, open_notebook
from app.storage.backup import backup_notebook, restore_notebook
from app.storage.errors import CorruptNotebookError, NotebookError
from app.storage.passphrase import read_passphrase
from app.storage.retention import RetentionPolicy, apply_retention, get_global_policy, set_global_policy


def add_notebook_argument(parser: argparse.ArgumentParser) -> None:
    """Adds --notebook PATH (default: the data folder's notebook.db)."""
    parser.add_argument("--notebook", type=Path, default=None, metavar="PATH",
                        help="notebook database (default: notebook.db in the Hushnote data folder)")


def notebook_path_from(args: argparse.Namespace) -> Path:
    """Returns the --notebook path, or the default one."""
    return getattr(args, "notebook", None) or default_notebook_path()


def open_from_args(args: argparse.Namespace, *, retention: bool = True):
    """Returns the unlocked notebook named by --notebook, with its retention policy applied.

    Raises NotebookError, WrongPassphraseError or CorruptNotebookError.
    """
    notebook = open_notebook(notebook_path_from(args))
    if retention:
        try:
            apply_retention(notebook, redact_for_retention)
        except BaseException:
            notebook.close()
            raise
    return notebook


def parse_days(text: str) -> int | None:
    """Returns a whole number of days, or None for "none"/"keep"; raises NotebookError otherwise."""
    if text.lower() in ("none", "keep", "off"):
        return None
    try:
        value = int(text.rstrip("dD"))
    except ValueError:
        raise NotebookError(f"{text!r} is not a number of days (or 'none')") from None
    if value < 0:
        raise NotebookError("a number of days must not be negative")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notebook", help="create, unlock, back up the encrypted notebook",
        description="The encrypted notebook (SQLCipher). The passphrase comes from HUSHNOTE_PASSPHRASE or a prompt, "
                    "never from the command line.",
    )
    sub = parser.add_subparsers(dest="notebook_command", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="create a new notebook")
    init.add_argument("--keychain", action="store_true",
                      help="also keep the data key in the OS keychain so no passphrase is asked (off by default)")
    init.set_defaults(func=run_init)
    sub.add_parser("passwd", help="change the passphrase (HUSHNOTE_NEW_PASSPHRASE or a prompt)").set_defaults(func=run_passwd)
    sub.add_parser("info", help="where the notebook is, its size and counts").set_defaults(func=run_info)
    sub.add_parser("check", help="verify every page (integrity check)").set_defaults(func=run_check)
    backup = sub.add_parser("backup", help="write an encrypted backup file")
    backup.add_argument("file", type=Path)
    backup.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    backup.set_defaults(func=run_backup)
    restore = sub.add_parser("restore", help="restore an encrypted backup file")
    restore.add_argument("file", type=Path)
    restore.add_argument("--force", action="store_true", help="replace an existing notebook")
    restore.set_defaults(func=run_restore)
    retention = sub.add_parser("retention", help="show or set the notebook-wide retention policy")
    retention.add_argument("--audio-days", type=parse_days, default=argparse.SUPPRESS, metavar="N|none",
                           help="delete raw audio N days after recording")
    retention.add_argument("--redact-after-days", type=parse_days, default=argparse.SUPPRESS, metavar="N|none",
                           help="after N days keep only the redacted transcript")
    retention.set_defaults(func=run_retention)
    for action in (init, backup, restore, retention, *[sub.choices[n] for n in ("passwd", "info", "check")]):
        add_notebook_argument(action)


def run_init(args: argparse.Namespace) -> int:
    with init_notebook(notebook_path_from(args), use_keychain=args.keychain) as notebook:
        print(f"created {notebook.path}")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    change_passphrase(notebook_path_from(args))
    print("passphrase changed")
    return 0


def run_info(args: argparse.Namespace) -> int:
    with open_from_args(args, retention=False) as notebook:
        info = describe_notebook(notebook)
        policy = get_global_policy(notebook)
    print(f"notebook:        {info.path}")
    print(f"key file:        {info.key_path}")
    print(f"size:            {info.size_bytes / 1e6:.2f} MB")
    print(f"schema version:  {info.schema_version}")
    print(f"notes:           {info.notes}")
    print(f"audio:           {info.audio_s:.1f} s")
    print(f"voice profiles:  {info.voice_profiles}")
    print(f"encryption:      SQLCipher {info.cipher_version}, AES-256; data key wrapped with AES-256-GCM")
    print(f"key derivation:  Argon2id, {info.kdf.memory_kib // 1024} MiB, {info.kdf.time_cost} passes")
    print(f"OS keychain:     {'yes' if info.keychain else 'no'}")
    print(f"retention:       audio {_days(policy.audio_days)}, full transcript {_days(policy.redact_after_days)}")
    return 0


def _days(days: int | None) -> str:
    return "kept" if days is None else f"{days} days"


def run_check(args: argparse.Namespace) -> int:
    with open_from_args(args, retention=False) as notebook:
        result = notebook.check_integrity()
    if result != "ok":
        raise CorruptNotebookError(f"the notebook is damaged: {result}")
    print("ok")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    with open_from_args(args, retention=False) as notebook:
        print(backup_notebook(notebook, args.file, overwrite=args.force))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = notebook_path_from(args)
    if not Path(args.file).is_file():  # said first: "use --force" would send the user after the wrong problem
        raise NotebookError(f"no backup at {args.file}")
    if path.exists() and not args.force:
        raise NotebookError(f"a notebook already exists at {path}; not replacing it (use --force)")
    with restore_notebook(args.file, path, read_passphrase("Backup passphrase: "), overwrite=args.force) as notebook:
        print(f"restored {len(notebook.list_notes())} notes into {notebook.path}")
    return 0


def run_retention(args: argparse.Namespace) -> int:
    with open_from_args(args, retention=False) as notebook:
        policy = get_global_policy(notebook)
        if hasattr(args, "audio_days") or hasattr(args, "redact_after_days"):
            policy = RetentionPolicy(getattr(args, "audio_days", policy.audio_days),
                                     getattr(args, "redact_after_days", policy.redact_after_days))
            set_global_policy(notebook, policy)
            report = apply_retention(notebook, redact_for_retention)
            print(f"applied: audio deleted from {len(report.audio_deleted)} notes, {len(report.redacted)} notes redacted")
    print(f"audio: {_days(policy.audio_days)}; full transcript: {_days(policy.redact_after_days)}")
    return 0
