"""A corpus of files a user could hand Hushnote: odd but valid recordings, and broken ones.

Every file is generated here (numpy, soundfile, PyAV) from one real speech
clip, so a valid file's decoded audio can be compared with the speech in it.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import soundfile

from audio_core.resample import resample

SPEECH_CLIP = "real/librivox_sas-0870.wav"  # 7 s, one reader
OTHER_CLIP = "real/librivox_sas-0880.wav"  # 3.6 s, the same reader, other words
SPEECH_S = 2.0  # decoding checks need only a little of it


@dataclass(frozen=True)
class Case:
    """One corpus file: its name, where it is, and the (mono, 16 kHz) speech it holds, None for a broken file."""

    name: str
    path: Path
    speech: np.ndarray | None = None
    lossy: bool = False


def load_speech(testdata: Path, clip: str = SPEECH_CLIP, seconds: float | None = SPEECH_S) -> np.ndarray:
    """Returns the start of a real speech clip as mono float32 at 16 kHz."""
    audio, rate = soundfile.read(str(testdata / clip), dtype="float32")
    assert rate == 16_000
    return audio[: int(seconds * rate)] if seconds else audio


def spread(speech: np.ndarray, channels: int, rate: int) -> np.ndarray:
    """Returns (samples, channels) audio at ``rate``: the speech on every channel, at falling levels."""
    audio = resample(speech, 16_000, rate)
    gains = np.linspace(1.0, 0.5, channels, dtype=np.float32)
    return audio[:, None] * gains[None, :] * 0.5


def _sf(folder: Path, name: str, speech: np.ndarray, channels: int, rate: int, fmt: str, subtype: str, lossy=False) -> Case:
    path = folder / name
    soundfile.write(str(path), spread(speech, channels, rate), rate, format=fmt, subtype=subtype)
    return Case(name, path, speech, lossy)


def _av(folder: Path, name: str, speech: np.ndarray, codec: str, rate: int, channels: int, video: str | None = None) -> Case:
    """Writes ``speech`` with PyAV (``channels`` channels, optionally beside a moving video track)."""
    path = folder / name
    audio = spread(speech, channels, rate).T.astype(np.float32)
    layout = {1: "mono", 2: "stereo", 6: "5.1", 8: "7.1"}[channels]
    with av.open(str(path), "w") as container:
        video_stream = None
        if video:
            video_stream = container.add_stream(video, rate=10)
            video_stream.width, video_stream.height, video_stream.pix_fmt = 64, 48, "yuv420p"
        stream = container.add_stream(codec, rate=rate, layout=layout)
        fmt = stream.codec_context.format.name
        size = stream.codec_context.frame_size or 1024
        for start in range(0, audio.shape[1], size):
            block = np.ascontiguousarray(audio[:, start : start + size])
            if not stream.codec_context.format.is_planar:
                block = np.ascontiguousarray(block.T).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(block.astype(np.float32), format="fltp" if "p" in fmt else "flt", layout=layout)
            frame.sample_rate, frame.pts = rate, start
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
        if video_stream is not None:
            for index in range(int(len(speech) / 16_000 * 10)):
                picture = np.full((48, 64, 3), (index * 20) % 256, np.uint8)
                frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
                frame.pts, frame.time_base = index, Fraction(1, 10)
                for packet in video_stream.encode(frame):
                    container.mux(packet)
            for packet in video_stream.encode(None):
                container.mux(packet)
    return Case(name, path, speech, lossy=True)


def valid_cases(folder: Path, speech: np.ndarray) -> list[Case]:
    """Writes odd but valid recordings of ``speech`` into ``folder``; returns them."""
    cases = [_sf(folder, f"channels_{n}.wav", speech, n, 48_000, "WAV", "PCM_16") for n in (1, 2, 3, 6, 8, 12, 16, 32, 64)]
    cases += [_sf(folder, f"rate_{r}.wav", speech, 2, r, "WAV", "PCM_16") for r in (8_000, 11_025, 22_050, 44_100, 96_000, 192_000, 384_000)]
    cases += [
        _sf(folder, f"format_{s.lower()}_8ch.wav", speech, 8, 48_000, "WAV", s)
        for s in ("PCM_U8", "PCM_16", "PCM_24", "PCM_32", "FLOAT", "DOUBLE")
    ]
    cases += [
        _sf(folder, "container_rf64.wav", speech, 8, 48_000, "RF64", "PCM_24"),
        _sf(folder, "container.w64", speech, 8, 48_000, "W64", "FLOAT"),
        _sf(folder, "container.caf", speech, 16, 44_100, "CAF", "PCM_16"),
        _sf(folder, "container.aiff", speech, 8, 48_000, "AIFF", "PCM_24"),
        _sf(folder, "container_8ch.flac", speech, 8, 48_000, "FLAC", "PCM_24"),
        _sf(folder, "container_8ch_vorbis.ogg", speech, 8, 48_000, "OGG", "VORBIS", lossy=True),
        _sf(folder, "container_vorbis_mono.ogg", speech, 1, 22_050, "OGG", "VORBIS", lossy=True),
        _sf(folder, "container.mp3", speech, 2, 44_100, "MP3", "MPEG_LAYER_III", lossy=True),
        _av(folder, "container_8ch.opus", speech, "libopus", 48_000, 8),
        _av(folder, "container.m4a", speech, "aac", 44_100, 2),
        _av(folder, "container_6ch.m4a", speech, "aac", 48_000, 6),
        _av(folder, "video.mp4", speech, "aac", 44_100, 2, video="mpeg4"),
        _av(folder, "video.mkv", speech, "libopus", 48_000, 2, video="mpeg4"),
        _av(folder, "video.webm", speech, "libopus", 48_000, 2, video="libvpx"),
    ]
    wrong = folder / "flac_named.mp3"
    wrong.write_bytes(cases[-10].path.read_bytes())
    cases.append(Case(wrong.name, wrong, speech))
    return cases


def invalid_sample_cases(folder: Path, speech: np.ndarray) -> list[Case]:
    """Writes float WAVs with NaN/infinite samples and one with heavy clipping; returns them."""
    bad = spread(speech, 8, 48_000).astype(np.float32)
    bad[::97, 3] = np.nan
    bad[::89, 5] = np.inf
    bad[::83, 6] = -np.inf
    nan_path = folder / "nan_inf_8ch.wav"
    soundfile.write(str(nan_path), bad, 48_000, subtype="FLOAT")
    clipped_path = folder / "clipped.wav"
    soundfile.write(str(clipped_path), np.clip(spread(speech, 2, 48_000) * 20, -1, 1), 48_000, subtype="PCM_16")
    return [Case(nan_path.name, nan_path, speech), Case(clipped_path.name, clipped_path, speech, lossy=True)]


def broken_cases(folder: Path, speech: np.ndarray) -> list[Case]:
    """Writes files no decoder can make audio of (each must get one line); returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    wav = folder / "source.wav"
    soundfile.write(str(wav), spread(speech, 8, 48_000), 48_000, subtype="PCM_16")
    data = wav.read_bytes()
    cases = []

    def write(name: str, content: bytes) -> None:
        (folder / name).write_bytes(content)
        cases.append(Case(name, folder / name))

    write("empty.wav", b"")
    write("text.wav", b"Minutes of the meeting\nAlice: hello\n" * 20)
    write("random.mp3", np.random.default_rng(1).integers(0, 256, 50_000, dtype=np.uint8).tobytes())
    write("header_only.wav", data[:44])
    write("half.wav", data[: len(data) // 2])
    ten_hours = 10 * 3600 * 48_000 * 8 * 2
    header = bytearray(data)
    riff_at, data_at = 4, header.find(b"data") + 4
    struct.pack_into("<I", header, riff_at, min(ten_hours + 36, 0xFFFFFFFE))
    struct.pack_into("<I", header, data_at, min(ten_hours, 0xFFFFFFFE))
    write("ten_hour_header.wav", bytes(header[: data_at + 4 + 48_000 * 16]))
    no_magic = bytearray(data)
    no_magic[:12] = b"\x00" * 12
    write("zeroed_header.wav", bytes(no_magic[:4096]) + b"\x00" * 4096)
    (folder / "folder.wav").mkdir()
    cases.append(Case("folder.wav", folder / "folder.wav"))
    cases.append(Case("missing.wav", folder / "missing.wav"))
    wav.unlink()
    return cases


def flip_bytes(data: bytes, positions: list[int]) -> bytes:
    """Returns ``data`` with every bit of the bytes at ``positions`` (modulo its length) inverted."""
    damaged = bytearray(data)
    for position in positions:
        damaged[position % len(damaged)] ^= 0xFF
    return bytes(damaged)
