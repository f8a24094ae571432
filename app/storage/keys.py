"""The key hierarchy: a random data key, wrapped under a passphrase-derived key.

A random 256-bit data key opens the SQLCipher database. It is wrapped with
AES-256-GCM under a key derived from the passphrase by Argon2id; the wrapped
key, nonce, salt and KDF parameters sit in a small JSON key file beside the
database. Changing the passphrase rewrites only that file (atomically).
"""
from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from app.storage.errors import CorruptNotebookError, NotebookError, WrongPassphraseError

KEY_FILE_VERSION = 1
DATA_KEY_BYTES = 32
_AAD = b"hushnote-notebook-data-key-v1"


@dataclass(frozen=True)
class KdfOptions:
    """Argon2id cost parameters for deriving the wrapping key.

    time_cost: passes over memory (3, OWASP's floor for 64 MiB).
    memory_kib: memory per derivation in KiB (64 MiB makes GPU guessing costly).
    parallelism: lanes (1: unlock time does not depend on free cores).
    """

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 1


@dataclass(frozen=True)
class KeyFile:
    """What the key file holds: never the data key in the clear."""

    wrapped_key: bytes
    nonce: bytes
    salt: bytes
    kdf: KdfOptions
    keychain: bool = False
    version: int = KEY_FILE_VERSION


def _derive(passphrase: str, salt: bytes, kdf: KdfOptions) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=kdf.time_cost, memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism, hash_len=32, type=Type.ID,
    )


def new_data_key() -> bytes:
    """Returns 32 fresh random bytes from the OS's CSPRNG."""
    return secrets.token_bytes(DATA_KEY_BYTES)


def wrap_data_key(data_key: bytes, passphrase: str, kdf: KdfOptions = KdfOptions(), keychain: bool = False) -> KeyFile:
    """Returns a KeyFile holding ``data_key`` wrapped under ``passphrase`` (fresh salt and nonce).

    Raises NotebookError for an empty passphrase.
    """
    if not passphrase:
        raise NotebookError("the passphrase must not be empty")
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_derive(passphrase, salt, kdf)).encrypt(nonce, data_key, _AAD)
    return KeyFile(wrapped_key=wrapped, nonce=nonce, salt=salt, kdf=kdf, keychain=keychain)


def unwrap_data_key(key_file: KeyFile, passphrase: str) -> bytes:
    """Returns the data key; raises WrongPassphraseError if ``passphrase`` does not open it."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        data_key = AESGCM(_derive(passphrase, key_file.salt, key_file.kdf)).decrypt(key_file.nonce, key_file.wrapped_key, _AAD)
    except InvalidTag:
        raise WrongPassphraseError("wrong passphrase for this notebook: check Caps Lock and the keyboard layout, "
                                   "then try again") from None
    if len(data_key) != DATA_KEY_BYTES:
        raise CorruptNotebookError("the notebook key file holds a key of the wrong size")
    return data_key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_file_to_json(key_file: KeyFile) -> str:
    """Returns the key file's JSON text."""
    return json.dumps(
        {
            "format": "hushnote-key",
            "version": key_file.version,
            "cipher": "AES-256-GCM",
            "kdf": {"name": "argon2id", "time_cost": key_file.kdf.time_cost, "memory_kib": key_file.kdf.memory_kib,
                    "parallelism": key_file.kdf.parallelism},
            "salt": _b64(key_file.salt),
            "nonce": _b64(key_file.nonce),
            "wrapped_key": _b64(key_file.wrapped_key),
            "keychain": key_file.keychain,
        },
        indent=2,
    )


def key_file_from_json(text: str) -> KeyFile:
    """Returns the KeyFile parsed from JSON; raises CorruptNotebookError if it is not a valid key file."""
    try:
        data = json.loads(text)
        if data.get("format") != "hushnote-key":
            raise ValueError("not a key file")
        if data["version"] != KEY_FILE_VERSION:
            raise ValueError(f"unsupported key file version {data['version']}")
        kdf = data["kdf"]
        if kdf["name"] != "argon2id":
            raise ValueError("unknown KDF")
        return KeyFile(
            wrapped_key=base64.b64decode(data["wrapped_key"], validate=True),
            nonce=base64.b64decode(data["nonce"], validate=True),
            salt=base64.b64decode(data["salt"], validate=True),
            kdf=KdfOptions(int(kdf["time_cost"]), int(kdf["memory_kib"]), int(kdf["parallelism"])),
            keychain=bool(data.get("keychain", False)),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptNotebookError(f"the notebook key file is damaged ({exc})") from None


def read_key_file(path: Path) -> KeyFile:
    """Returns the KeyFile at ``path``; raises NotebookError if missing, CorruptNotebookError if damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotebookError(f"no notebook key file at {path} (run 'hushnote notebook init')") from None
    except UnicodeDecodeError:
        raise CorruptNotebookError(f"the notebook key file {path} is damaged") from None
    return key_file_from_json(text)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Writes the key file atomically (temp file, fsync, rename) with mode 0600; returns None."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key_file_to_json(key_file))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
