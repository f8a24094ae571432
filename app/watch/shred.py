"""Removing an imported source file after overwriting its content."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from audio_core.errors import InputError

_BLOCK = 1 << 20


def overwrite_and_unlink(path: Path) -> None:
    """Overwrites the file's bytes with zeros in place, flushes them to the device, then deletes the file; returns None.

    This removes the content from the file's own blocks on a plain in-place
    filesystem (ext4, XFS) on a spinning disk. On SSDs (wear levelling), on
    copy-on-write filesystems (btrfs, ZFS, APFS) and under snapshots or backups,
    older copies of the blocks can survive; only full-disk encryption covers those.
    A file with other hard links, or a symbolic link, is only unlinked:
    overwriting it would destroy the content the user still reaches under its
    other name.
    Raises InputError when the file cannot be written or removed.
    """
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
            with open(os.open(path, os.O_RDWR | os.O_NOFOLLOW), "r+b") as handle:
                size = os.fstat(handle.fileno()).st_size
                zeros = bytes(_BLOCK)
                written = 0
                while written < size:
                    written += handle.write(zeros[: min(_BLOCK, size - written)])
                handle.flush()
                os.fsync(handle.fileno())
        os.unlink(path)
    except OSError as exc:
        raise InputError(f"{path}: imported, but could not be deleted ({exc.strerror or exc})") from None
