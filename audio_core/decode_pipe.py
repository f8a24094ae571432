"""The messages between the decoder child and its parent: a kind byte, a length, a payload."""
from __future__ import annotations

import os
import select
import struct
from typing import BinaryIO

HEADER = struct.Struct("<cQ")
AUDIO = b"A"  # float32 mono samples
INFO = b"I"  # JSON: the probed AudioInfo
DONE = b"D"  # JSON: the DecodeReport, after the last AUDIO
ERROR = b"E"  # UTF-8: one line for the user (an InputError)
ALIVE = b"H"  # nothing: still decoding


class PipeClosed(Exception):
    """The child ended (or crashed) before finishing its message."""


class PipeSilent(Exception):
    """The child sent nothing for longer than allowed."""


def send(stream: BinaryIO, kind: bytes, payload: bytes = b"") -> None:
    """Writes one message to ``stream`` and flushes it."""
    stream.write(HEADER.pack(kind, len(payload)))
    stream.write(payload)
    stream.flush()


def _read_exactly(fd: int, size: int, timeout_s: float) -> bytes:
    parts, left = [], size
    while left:
        ready, _, _ = select.select([fd], [], [], timeout_s)
        if not ready:
            raise PipeSilent()
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            raise PipeClosed()
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def receive(fd: int, timeout_s: float) -> tuple[bytes, bytes]:
    """Returns the next (kind, payload) read from file descriptor ``fd``.

    Raises PipeClosed when the writer ended first, PipeSilent when nothing
    arrived for ``timeout_s`` seconds.
    """
    kind, size = HEADER.unpack(_read_exactly(fd, HEADER.size, timeout_s))
    return kind, _read_exactly(fd, size, timeout_s) if size else b""
