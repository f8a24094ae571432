"""Encrypted backups: one file holding the encrypted database copy and the key file.

The copy is made with ``sqlcipher_export`` into a database keyed with the same
data key (so it is as encrypted as the notebook), then packed with the key file
into a zip archive. Restoring needs the passphrase and never silently replaces
an existing notebook.
"""
from __future__ import annotations

import contextlib
import json
import os
import zipfile
from pathlib import Path

from app.storage.access import key_file_path, open_notebook
from app.storage.database import DatabaseError, check_restored_copy, connect, export_encrypted_copy
from app.storage.errors import CorruptNotebookError, NotebookError
from app.storage.keys import key_file_from_json, key_file_to_json, read_key_file, unwrap_data_key
from app.storage.clock import utc_now
from app.storage.notebook import Notebook

BACKUP_FORMAT = "hushnote-backup"
BACKUP_VERSION = 1


def backup_notebook(notebook: Notebook, out_path: Path, *, overwrite: bool = False) -> Path:
    """Writes an encrypted backup of ``notebook`` to ``out_path``; returns the path.

    Raises NotebookError if ``out_path`` exists and ``overwrite`` is False, or when
    it cannot be written (then no file is left, and an earlier backup is untouched).
    """
    out_path = Path(out_path)
    if out_path.exists() and not overwrite:
        raise NotebookError(f"{out_path} already exists; not overwriting it (use --force)")
    copy_path = out_path.with_name(f".{out_path.name}.partial-db")
    archive_path = out_path.with_name(f".{out_path.name}.partial")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        copy_path.unlink(missing_ok=True)
        try:
            with notebook.reading() as conn:
                version = export_encrypted_copy(conn, copy_path)
            key_text = key_file_to_json(read_key_file(key_file_path(notebook.path)))
            manifest = {"format": BACKUP_FORMAT, "version": BACKUP_VERSION, "created_at": utc_now(), "schema": version}
            with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr("manifest.json", json.dumps(manifest))
                archive.writestr("notebook.key", key_text)
                archive.write(copy_path, "notebook.db")
            with open(archive_path, "rb") as handle:
                os.fsync(handle.fileno())
            os.chmod(archive_path, 0o600)
            os.replace(archive_path, out_path)
        finally:
            for leftover in (copy_path, archive_path):
                with contextlib.suppress(OSError):  # a read-only folder refuses even to unlink what is not there
                    leftover.unlink(missing_ok=True)
    except (OSError, DatabaseError) as exc:  # a read-only folder, a full disk ("database or disk is full")
        raise NotebookError(f"cannot write the backup {out_path}: {getattr(exc, 'strerror', None) or exc}") from None
    return out_path


def restore_notebook(backup_path: Path, db_path: Path, passphrase: str, *, overwrite: bool = False) -> Notebook:
    """Restores the backup at ``backup_path`` as the notebook at ``db_path``; returns it unlocked.

    Raises NotebookError if a notebook exists there and ``overwrite`` is False,
    WrongPassphraseError, CorruptNotebookError for a damaged or foreign backup.
    """
    backup_path, db_path = Path(backup_path), Path(db_path)
    key_path = key_file_path(db_path)
    if (db_path.exists() or key_path.exists()) and not overwrite:
        raise NotebookError(f"a notebook already exists at {db_path}; not replacing it (use --force)")
    try:
        with zipfile.ZipFile(backup_path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            key_text = archive.read("notebook.key").decode("utf-8")
            db_bytes = archive.read("notebook.db")
    except FileNotFoundError:
        raise NotebookError(f"no backup at {backup_path}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError) as exc:
        raise CorruptNotebookError(f"{backup_path} is not a readable Hushnote backup ({exc})") from None
    if manifest.get("format") != BACKUP_FORMAT or manifest.get("version") != BACKUP_VERSION:
        raise CorruptNotebookError(f"{backup_path} is not a Hushnote backup this version can read")
    key_file = key_file_from_json(key_text)
    data_key = unwrap_data_key(key_file, passphrase)
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = db_path.with_name(f".{db_path.name}.restoring")
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(db_bytes)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        try:
            conn = connect(staged, data_key)
            try:
                # Every page carries a MAC under the data key: a changed byte fails here.
                if not check_restored_copy(conn):
                    raise CorruptNotebookError(f"the database in {backup_path} is damaged")
            finally:
                conn.close()
        except (CorruptNotebookError, DatabaseError):
            raise CorruptNotebookError(
                f"{backup_path} is damaged or was altered: its database fails authentication; nothing was restored"
            ) from None
        for stale in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            stale.unlink(missing_ok=True)
        os.replace(staged, db_path)
    finally:
        for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
            leftover.unlink(missing_ok=True)
    from app.storage.keys import write_key_file

    write_key_file(key_path, key_file)
    return open_notebook(db_path, passphrase)
