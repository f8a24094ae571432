"""Audio records: the notebook's audio as FLAC-compressed chunks, encoded in memory.

Each chunk is a complete little FLAC stream of 16-bit PCM made by
:func:`audio_core.encode.encode_flac_bytes`, stored as one row (SQLCipher encrypts its pages), so audio
never touches the disk in the clear and memory stays bounded by one chunk.
A recording of the microphone and the computer's audio stores both in each
chunk as two channels (0: microphone, 1: computer), so they are committed
together and stay in step; readers that want one signal get their mix.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

import numpy as np

from audio_core.encode import encode_flac_bytes, to_int16

CODEC = "flac"
SAMPLE_RATE = 16000


def decode_flac(data: bytes) -> np.ndarray:
    """Returns the int16 samples of FLAC ``data`` decoded in memory: (n,) for mono, (n, channels) otherwise."""
    import av

    parts = []
    channels = 1
    with av.open(io.BytesIO(data), "r", format="flac") as container:
        for frame in container.decode(audio=0):
            channels = len(frame.layout.channels)
            array = frame.to_ndarray()
            samples = array.T if frame.format.is_planar else array.reshape(-1, channels)
            parts.append(samples.astype(np.int16, copy=False))
    if not parts:
        return np.zeros(0, np.int16)
    joined = np.concatenate(parts)
    return joined.reshape(-1) if channels == 1 else joined


def mix_sides(samples: np.ndarray) -> np.ndarray:
    """Returns (n, 2) microphone-and-computer ``samples`` as one float32 signal (their sum, clipped); mono as it is."""
    if samples.ndim == 1:
        return samples
    return np.clip(samples.sum(axis=1), -1.0, 1.0).astype(np.float32)


def append_chunk(conn, note_id: int, samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> int:
    """Stores one chunk of audio (mono, or (n, 2) sides) for ``note_id`` after the last one; returns its sequence number."""
    samples = np.asarray(samples)
    data = encode_flac_bytes(samples if samples.ndim == 2 else to_int16(samples), sample_rate)
    row = conn.execute("SELECT coalesce(max(seq), -1) + 1 FROM audio_chunks WHERE note_id = ?", (note_id,)).fetchone()
    conn.execute(
        "INSERT INTO audio_chunks (note_id, seq, codec, sample_rate, n_samples, data) VALUES (?, ?, ?, ?, ?, ?)",
        (note_id, row[0], CODEC, sample_rate, len(samples), data),
    )
    return row[0]


def chunk_numbers(conn, note_id: int) -> list[int]:
    """Returns the sequence numbers of the note's audio chunks, in order."""
    return [r[0] for r in conn.execute("SELECT seq FROM audio_chunks WHERE note_id = ? ORDER BY seq", (note_id,))]


def read_chunk(conn, note_id: int, seq: int, sides: bool = False) -> np.ndarray | None:
    """Returns one stored chunk as float32 in -1..1, or None if it is gone.

    A two-sided chunk comes as its mix, or as (n, 2) with ``sides``.
    """
    row = conn.execute("SELECT data FROM audio_chunks WHERE note_id = ? AND seq = ?", (note_id, seq)).fetchone()
    if row is None:
        return None
    samples = decode_flac(row[0]).astype(np.float32) / 32768.0
    return samples if sides else mix_sides(samples)


def channel_count(conn, note_id: int) -> int:
    """Returns 2 when the note's audio holds the microphone and the computer apart, 1 otherwise (also with no audio)."""
    row = conn.execute("SELECT data FROM audio_chunks WHERE note_id = ? ORDER BY seq LIMIT 1", (note_id,)).fetchone()
    return 1 if row is None or decode_flac(row[0]).ndim == 1 else 2


def audio_seconds(conn, note_id: int) -> float:
    """Returns how many seconds of audio are stored for ``note_id``."""
    row = conn.execute(
        "SELECT coalesce(sum(CAST(n_samples AS REAL) / sample_rate), 0) FROM audio_chunks WHERE note_id = ?", (note_id,)
    ).fetchone()
    return float(row[0])


def delete_audio(conn, note_id: int) -> None:
    """Deletes every audio chunk of ``note_id``; returns None."""
    conn.execute("DELETE FROM audio_chunks WHERE note_id = ?", (note_id,))


def total_audio_seconds(conn) -> float:
    """Returns how many seconds of audio the whole notebook holds."""
    return float(conn.execute("SELECT coalesce(sum(CAST(n_samples AS REAL) / sample_rate), 0) FROM audio_chunks").fetchone()[0])


def rechunk(chunks: Iterable[np.ndarray], chunk_samples: int) -> Iterator[np.ndarray]:
    """Yields ``chunks`` regrouped into arrays of ``chunk_samples`` (the last may be shorter)."""
    pending: list[np.ndarray] = []
    count = 0
    for chunk in chunks:
        pending.append(np.asarray(chunk))
        count += len(chunk)
        while count >= chunk_samples:
            joined = np.concatenate(pending)
            yield joined[:chunk_samples]
            rest = joined[chunk_samples:]
            pending, count = ([rest] if len(rest) else []), len(rest)
    if count:
        yield np.concatenate(pending)
