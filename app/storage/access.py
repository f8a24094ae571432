"""Creating, unlocking and re-keying a notebook (the database plus its key file)."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from app import paths
from app.storage import audio_store, database, keychain, notes, profiles
from app.storage.database import connect
from app.storage.errors import NotebookError
from app.storage.keys import KdfOptions, new_data_key, read_key_file, unwrap_data_key, wrap_data_key, write_key_file
from app.storage.notebook import Notebook
from app.storage.passphrase import NEW_PASSPHRASE_VARIABLE, read_passphrase


def default_notebook_path() -> Path:
    """Returns where the notebook lives by default: ``<data dir>/notebook.db``."""
    return paths.data_dir() / "notebook.db"


def key_file_path(db_path: Path) -> Path:
    """Returns the key file that belongs to the database at ``db_path`` (same name, ``.key``)."""
    return Path(db_path).with_suffix(".key")


def init_notebook(path: Path | None = None, passphrase: str | None = None, *, kdf: KdfOptions = KdfOptions(),
                  use_keychain: bool = False) -> Notebook:
    """Creates a new, empty notebook and returns it unlocked.

    ``passphrase`` None reads it from HUSHNOTE_PASSPHRASE or a prompt (typed twice).
    Raises NotebookError if a notebook (or its key file) already exists there, or
    when it cannot be written there (then nothing is left behind).
    """
    db_path = Path(path) if path else default_notebook_path()
    key_path = key_file_path(db_path)
    for existing in (db_path, key_path):
        if existing.exists():
            raise NotebookError(f"{existing} already exists; not overwriting it")
    if passphrase is None:
        passphrase = read_passphrase("New notebook passphrase: ", confirm=True)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise NotebookError(f"cannot create the notebook in {db_path.parent}: {exc.strerror or exc}") from None
    data_key = new_data_key()
    key_file = wrap_data_key(data_key, passphrase, kdf, keychain=use_keychain)
    try:
        conn = connect(db_path, data_key, create=True)
        db_path.chmod(0o600)
        write_key_file(key_path, key_file)
        if use_keychain:
            keychain.store_data_key(db_path, data_key)
    except BaseException as exc:
        with contextlib.suppress(NameError, database.DatabaseError):
            conn.close()
        for created in (db_path, key_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            with contextlib.suppress(OSError):  # a read-only file system refuses even to unlink what is not there
                created.unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a read-only folder, a full disk
            raise NotebookError(f"cannot create the notebook at {db_path}: {exc.strerror or exc}") from None
        if isinstance(exc, database.DatabaseError):  # SQLite's word for the same: "disk I/O error", "disk is full"
            raise NotebookError(f"cannot create the notebook at {db_path}: {exc} (is the disk full or read-only?)") from None
        raise
    return Notebook(conn, db_path)


def unlock_data_key(path: Path | None = None, passphrase: str | None = None) -> bytes:
    """Returns the notebook's data key: from the keychain when enabled there, else unwrapped with the passphrase.

    Raises NotebookError (no notebook), WrongPassphraseError, CorruptNotebookError (damaged key file).
    """
    db_path = Path(path) if path else default_notebook_path()
    key_file = read_key_file(key_file_path(db_path))
    if not db_path.exists():
        raise NotebookError(f"no notebook at {db_path} (its key file is there; restore a backup?)")
    if passphrase is None and key_file.keychain:
        data_key = keychain.load_data_key(db_path)
        if data_key is not None:
            return data_key
    if passphrase is None:
        passphrase = read_passphrase()
    return unwrap_data_key(key_file, passphrase)


def open_notebook(path: Path | None = None, passphrase: str | None = None) -> Notebook:
    """Returns the notebook at ``path`` (default: the data dir's), unlocked and migrated.

    ``passphrase`` None uses the keychain (if enabled), HUSHNOTE_PASSPHRASE, or a prompt.
    Raises NotebookError, WrongPassphraseError or CorruptNotebookError; a wrong
    passphrase touches no file.
    """
    db_path = Path(path) if path else default_notebook_path()
    data_key = unlock_data_key(db_path, passphrase)
    return Notebook(connect(db_path, data_key), db_path)


def open_with_keychain(path: Path | None = None) -> Notebook | None:
    """Returns the notebook unlocked with the data key kept in the system keychain, or None when there is none.

    Raises NotebookError (no notebook or key file), CorruptNotebookError (damaged database or key file).
    """
    db_path = Path(path) if path else default_notebook_path()
    if not read_key_file(key_file_path(db_path)).keychain:
        return None
    data_key = keychain.load_data_key(db_path)
    return None if data_key is None else Notebook(connect(db_path, data_key), db_path)


def change_passphrase(path: Path | None = None, old_passphrase: str | None = None, new_passphrase: str | None = None,
                      *, kdf: KdfOptions | None = None) -> None:
    """Re-wraps the data key under a new passphrase (the database is untouched); returns None.

    ``new_passphrase`` None reads HUSHNOTE_NEW_PASSPHRASE or prompts twice.
    Raises WrongPassphraseError if ``old_passphrase`` is wrong.
    """
    db_path = Path(path) if path else default_notebook_path()
    key_path = key_file_path(db_path)
    key_file = read_key_file(key_path)
    if old_passphrase is None:
        old_passphrase = read_passphrase("Current passphrase: ")
    data_key = unwrap_data_key(key_file, old_passphrase)
    if new_passphrase is None:
        new_passphrase = read_passphrase("New passphrase: ", confirm=True, variable=NEW_PASSPHRASE_VARIABLE)
    write_key_file(key_path, wrap_data_key(data_key, new_passphrase, kdf or key_file.kdf, keychain=key_file.keychain))


@dataclass(frozen=True)
class NotebookInfo:
    """What ``hushnote notebook info`` shows: no secrets, no note text."""

    path: Path
    key_path: Path
    size_bytes: int
    schema_version: int
    notes: int
    audio_s: float
    voice_profiles: int
    cipher_version: str
    kdf: KdfOptions
    keychain: bool


def describe_notebook(notebook: Notebook) -> NotebookInfo:
    """Returns size, schema version and counts of an open notebook."""
    key_file = read_key_file(key_file_path(notebook.path))
    size = sum(p.stat().st_size for p in (notebook.path, Path(f"{notebook.path}-wal")) if p.exists())
    with notebook.reading() as conn:
        return NotebookInfo(
            path=notebook.path,
            key_path=key_file_path(notebook.path),
            size_bytes=size,
            schema_version=database.schema_version(conn),
            notes=notes.count_notes(conn),
            audio_s=round(audio_store.total_audio_seconds(conn), 1),
            voice_profiles=profiles.count_profiles(conn),
            cipher_version=database.cipher_version(conn),
            kdf=key_file.kdf,
            keychain=key_file.keychain,
        )
