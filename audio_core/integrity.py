"""Truncation checks that FFmpeg does not make: it decodes a cut WAV or Ogg file silently.

A WAV's data chunk declares its size, and an Ogg stream's last page carries an
end-of-stream flag; a file cut short (an interrupted copy or download) fails
one of these.
"""
from __future__ import annotations

import struct
from pathlib import Path

OGG_TAIL_BYTES = 65_536
OGG_EOS_FLAG = 0x04


def wav_missing_bytes(path: Path) -> int:
    """Returns how many bytes of a RIFF/WAVE file's data chunk are missing (0 if complete or not WAV)."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(12)
        if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            return 0
        position = 12
        while position + 8 <= size:
            handle.seek(position)
            chunk_id, chunk_size = struct.unpack("<4sI", handle.read(8))
            if chunk_id == b"data":
                # 0 and 0xFFFFFFFF mean "unknown size" (streamed WAV): nothing to check.
                if chunk_size in (0, 0xFFFFFFFF):
                    return 0
                return max(0, position + 8 + chunk_size - size)
            position += 8 + chunk_size + (chunk_size & 1)
    return 0


def ogg_lacks_end_of_stream(path: Path) -> bool:
    """Returns True for an Ogg file whose last page has no end-of-stream flag (cut short)."""
    with path.open("rb") as handle:
        if handle.read(4) != b"OggS":
            return False
        handle.seek(max(0, path.stat().st_size - OGG_TAIL_BYTES))
        tail = handle.read()
    last = tail.rfind(b"OggS")
    if last < 0 or last + 6 > len(tail):
        return True
    return not tail[last + 5] & OGG_EOS_FLAG
