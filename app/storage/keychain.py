"""Optional: keep the data key in the OS keychain (``keyring``), so no passphrase is asked.

Off by default: whoever can read the user's keychain can then open the notebook.
"""
from __future__ import annotations

from pathlib import Path

from app.storage.errors import NotebookError

SERVICE = "hushnote-notebook"


def _account(db_path: Path) -> str:
    return str(Path(db_path).resolve())


def store_data_key(db_path: Path, data_key: bytes) -> None:
    """Saves the data key for ``db_path`` in the keychain; raises NotebookError if no keychain works."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _account(db_path), data_key.hex())
    except (KeyringError, RuntimeError) as exc:
        raise NotebookError(f"cannot store the key in the OS keychain ({exc})") from None


def load_data_key(db_path: Path) -> bytes | None:
    """Returns the data key for ``db_path`` from the keychain, or None when it is not there or no keychain works."""
    import keyring
    from keyring.errors import KeyringError

    try:
        value = keyring.get_password(SERVICE, _account(db_path))
    except (KeyringError, RuntimeError):
        return None
    try:
        return bytes.fromhex(value) if value else None
    except ValueError:
        return None


def forget_data_key(db_path: Path) -> None:
    """Removes the data key for ``db_path`` from the keychain if it is there; returns None."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, _account(db_path))
    except (PasswordDeleteError, KeyringError, RuntimeError):
        pass
