"""Opening the SQLCipher database with the raw data key, and migrating it.

Every connection: raw-key PRAGMA (no PBKDF2: the key is already random), WAL,
full fsync on commit, foreign keys, ``secure_delete`` so freed pages are
zeroed, and temp tables in memory so nothing spills into temp files.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from app.storage.errors import CorruptNotebookError, NotebookError
from app.storage.schema import CURRENT_VERSION, MIGRATIONS

log = logging.getLogger(__name__)

PAGE_SIZE = 4096
DatabaseError = sqlcipher3.DatabaseError


def _key_pragma(data_key: bytes) -> str:
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def connect(path: Path, data_key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """Returns an open, migrated connection to the notebook database at ``path``.

    Raises NotebookError if it is missing (and ``create`` is False) or too new,
    CorruptNotebookError if it is damaged or not a notebook. A damaged file is
    only read, never written.
    """
    path = Path(path)
    if not create and not path.exists():
        raise NotebookError(f"no notebook at {path} (run 'hushnote notebook init')")
    if path.exists():
        size = path.stat().st_size
        if size == 0 or size % PAGE_SIZE:
            raise CorruptNotebookError(f"the notebook {path} is truncated or damaged ({size} bytes)")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    try:
        # SQLCipher logs a wrong key or a damaged page to stderr itself; the error we raise says it in one line.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(data_key))
        conn.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA temp_store = MEMORY")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except DatabaseError as exc:
            raise CorruptNotebookError(f"the notebook {path} is damaged or not a notebook ({exc})") from None
        if version > CURRENT_VERSION:
            raise NotebookError(f"the notebook {path} was made by a newer Hushnote (schema {version})")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlcipher3.Connection, target_version: int = CURRENT_VERSION) -> int:
    """Applies the missing migrations up to ``target_version``; returns the version reached.

    Raises CorruptNotebookError if a migration meets a damaged database.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < target_version:
        with transaction(conn):
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
        log.info("notebook schema upgraded to version %s", version)
    return version


@contextlib.contextmanager
def transaction(conn: sqlcipher3.Connection) -> Iterator[sqlcipher3.Connection]:
    """Yields ``conn`` inside BEGIN IMMEDIATE; commits on success, rolls back on any error.

    Raises CorruptNotebookError when SQLite reports a damaged database.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")  # a full disk fails here: roll back so the connection stays usable
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def is_corruption(exc: BaseException) -> bool:
    """Returns True when ``exc`` is SQLite reporting a damaged or foreign file."""
    text = str(exc).lower()
    return isinstance(exc, DatabaseError) and ("malformed" in text or "not a database" in text or "corrupt" in text)


def write_failure(exc: BaseException) -> str | None:
    """Returns why SQLite could not write, in words (a full disk, an I/O error, a read-only file), or None when
    ``exc`` is something else. A file-size limit or a quota reads as an I/O error, a full disk as "disk is full"."""
    text = str(exc).lower()
    if not isinstance(exc, DatabaseError):
        return None
    if "disk is full" in text:
        return "its disk is full"
    if "disk i/o error" in text:
        return "disk I/O error (is its disk full or failing?)"
    if "readonly database" in text:
        return "it is read-only"
    return None


def schema_version(conn: sqlcipher3.Connection) -> int:
    """Returns the database's schema version (``PRAGMA user_version``)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def cipher_version(conn: sqlcipher3.Connection) -> str:
    """Returns the SQLCipher version that encrypts the database."""
    return conn.execute("PRAGMA cipher_version").fetchone()[0]


def integrity_check(conn: sqlcipher3.Connection) -> str:
    """Returns SQLite's integrity check of every page: "ok", or the first problems found."""
    return conn.execute("PRAGMA integrity_check").fetchone()[0]


def vacuum(conn: sqlcipher3.Connection) -> None:
    """Rebuilds the file and truncates the WAL so freed pages are gone from disk; returns None."""
    conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('optimize')")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def export_encrypted_copy(conn: sqlcipher3.Connection, copy_path: Path) -> int:
    """Writes a copy of the database, encrypted with the same key, to ``copy_path``; returns its schema version."""
    # ATTACH without KEY uses the main database's key: the copy is encrypted alike.
    conn.execute("ATTACH DATABASE ? AS backup", (str(copy_path),))
    try:
        conn.execute("SELECT sqlcipher_export('backup')")
        version = schema_version(conn)
        conn.execute(f"PRAGMA backup.user_version = {version}")
    finally:
        conn.execute("DETACH DATABASE backup")
    return version


def check_restored_copy(conn: sqlcipher3.Connection) -> bool:
    """Returns True when a freshly restored copy passes the quick check (and folds its WAL in)."""
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        return False
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return True
