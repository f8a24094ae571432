"""The sound server (PulseAudio, or PipeWire's PulseAudio service): what the computer plays.

What the computer plays is the *monitor* of an output (a sink): a source that
carries the sink's mix. The server is asked with ``pactl`` (Debian package
pulseaudio-utils), in the C locale so its output can be parsed; nothing here
loads a driver or changes the user's sound set-up.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from audio_core.errors import HushnoteError

NO_SERVER = "no PulseAudio/PipeWire server found: --system-audio needs one"


class SoundServerError(HushnoteError):
    """No sound server answers, or it has no output whose sound could be recorded."""


@dataclass(frozen=True)
class OutputMonitor:
    """An output's monitor: recording it records what the output plays.

    name: the monitor source's server name (``<sink>.monitor``).
    description: the human name of the output ("Built-in Audio Analog Stereo").
    sample_rate / channels: the source's own format.
    is_default: the monitor of the default output.
    """

    name: str
    description: str
    sample_rate: int
    channels: int
    is_default: bool = False


def _pactl(*args: str) -> str:
    """Returns pactl's output for ``args``; raises SoundServerError when pactl is missing or no server answers."""
    if shutil.which("pactl") is None:
        raise SoundServerError(f"{NO_SERVER} (pactl, Debian package pulseaudio-utils, is not installed)")
    env = dict(os.environ, LC_ALL="C", LANG="C")
    try:
        done = subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10, env=env)
    except subprocess.TimeoutExpired:
        raise SoundServerError(f"{NO_SERVER} (pactl got no answer within 10 s)") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["pactl failed"])[-1]
        raise SoundServerError(f"{NO_SERVER} ({reason})")
    return done.stdout


def default_sink() -> str:
    """Returns the name of the server's default output; raises SoundServerError when there is none."""
    for line in _pactl("info").splitlines():
        if line.startswith("Default Sink:"):
            name = line.split(":", 1)[1].strip()
            if name and name != "@DEFAULT_SINK@":
                return name
    raise SoundServerError("the sound server has no default output to record (is an output device set up?)")


def list_output_monitors() -> list[OutputMonitor]:
    """Returns the monitors of every output, the default output's marked; raises SoundServerError without a server."""
    try:
        default = default_sink() + ".monitor"
    except SoundServerError as exc:
        if str(exc).startswith(NO_SERVER):
            raise
        default = ""
    monitors = []
    for block in _pactl("list", "sources").split("\n\n"):
        fields = _fields(block)
        name = fields.get("Name", "")
        if not name or fields.get("Monitor of Sink", "n/a") == "n/a":
            continue
        rate, channels = _sample_spec(fields.get("Sample Specification", ""))
        monitors.append(OutputMonitor(name, fields.get("Description", name), rate, channels, name == default))
    return monitors


def default_output_monitor() -> OutputMonitor:
    """Returns the monitor of the default output.

    Raises SoundServerError when no server answers or the default output has no monitor.
    """
    monitors = list_output_monitors()
    for monitor in monitors:
        if monitor.is_default:
            return monitor
    raise SoundServerError("the default output has no monitor to record (outputs: "
                           f"{', '.join(m.name for m in monitors) or 'none'})")


def _fields(block: str) -> dict[str, str]:
    fields = {}
    for line in block.splitlines():
        key, sep, value = line.strip().partition(":")
        if sep and key and key not in fields:
            fields[key] = value.strip()
    return fields


def _sample_spec(spec: str) -> tuple[int, int]:
    """Returns (rate, channels) from pactl's "float32le 2ch 48000Hz"; (0, 0) when unreadable."""
    rate = channels = 0
    for part in spec.split():
        if part.endswith("Hz") and part[:-2].isdigit():
            rate = int(part[:-2])
        elif part.endswith("ch") and part[:-2].isdigit():
            channels = int(part[:-2])
    return rate, channels
