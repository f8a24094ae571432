"""Reading a small UTF-8 text file a user names, with one-line errors for every way it can fail."""
from __future__ import annotations

from pathlib import Path

from audio_core.errors import InputError


def read_text_file(path: Path, max_bytes: int, what: str) -> str:
    """Returns the UTF-8 text at ``path``; ``what`` names the kind of file in errors ("a vocabulary list").

    Raises InputError for a missing or unreadable file, one over ``max_bytes`` (refused before it is read, so a
    huge file cannot take the memory) or text that is not UTF-8.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: too large for {what} ({_size(size)}, at most {_size(max_bytes)})")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not {what} (not UTF-8 text)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:,.0f} MB" if n_bytes >= 2**20 else f"{max(1, round(n_bytes / 1024))} KB"
