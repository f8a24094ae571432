"""Files that appear whole or not at all: every export Hushnote writes goes through here.

A file is written unnamed in its destination folder (Linux ``O_TMPFILE``; a
hidden ``.NAME.partial`` where the file system lacks it), readable only by its
owner, flushed to disk, then given its name by one rename. A crash, a kill or a
full disk leaves either no file or the complete one, and never replaces an
earlier export with a broken one.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from audio_core.errors import HushnoteError


class StagedFile:
    """A file being written beside ``path`` under no visible name until :meth:`publish`."""

    def __init__(self, path: str | Path) -> None:
        """Opens the unnamed file; raises OSError when the folder cannot be written."""
        self.path = Path(path)
        self.named_partial: Path | None = None
        self.handle = self._open_unnamed()

    def _open_unnamed(self):
        try:
            if not os.path.isdir("/proc/self/fd"):  # naming an unnamed file goes through /proc
                raise OSError("no /proc")
            fd = os.open(self.path.parent, os.O_TMPFILE | os.O_RDWR, 0o600)
        except (AttributeError, OSError):  # no O_TMPFILE on this system or file system
            self.named_partial = self.path.with_name(f".{self.path.name}.partial")
            fd = os.open(self.named_partial, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        return os.fdopen(fd, "w+b")

    def publish(self) -> Path:
        """Flushes the file to disk and gives it its name; returns the path. Raises OSError when that fails."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        staged = self.named_partial or self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        if self.named_partial is None:
            staged.unlink(missing_ok=True)
            _name_unnamed_file(self.handle, staged)
            self.named_partial = staged
        self.handle.close()
        os.replace(staged, self.path)
        self.named_partial = None
        _fsync_folder(self.path.parent)
        return self.path

    def discard(self) -> None:
        """Drops the unfinished file; returns None."""
        with contextlib.suppress(OSError, AttributeError, ValueError):
            self.handle.close()
        if self.named_partial is not None:
            with contextlib.suppress(OSError):
                self.named_partial.unlink(missing_ok=True)


def write_whole_file(path: str | Path, data: bytes | str) -> Path:
    """Writes ``data`` (text as UTF-8) to ``path``, complete or not at all; returns the path.

    Creates missing folders. Raises HushnoteError naming the path when it cannot
    be written (read-only folder, full disk); then no file with that name is
    left and an earlier one is untouched.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    staged: StagedFile | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = StagedFile(path)
        staged.handle.write(data)
        return staged.publish()
    except OSError as exc:
        if staged is not None:
            staged.discard()
        raise HushnoteError(f"cannot write {path}: {exc.strerror or exc}") from None


def _name_unnamed_file(handle, path: Path) -> None:
    """Gives the O_TMPFILE file behind ``handle`` the name ``path`` (copying it there where linking is refused)."""
    proc_fds = os.open("/proc/self/fd", os.O_RDONLY)
    try:  # a dir fd makes os.link use linkat(AT_SYMLINK_FOLLOW), which links the open file, not the /proc symlink
        os.link(str(handle.fileno()), path, src_dir_fd=proc_fds, follow_symlinks=True)
        return
    except OSError:
        pass
    finally:
        os.close(proc_fds)
    handle.seek(0)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as copy:
            while block := handle.read(1 << 20):
                copy.write(block)
            copy.flush()
            os.fsync(copy.fileno())
    except OSError:
        path.unlink(missing_ok=True)  # a half copy must not stay behind under its hidden name
        raise


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
