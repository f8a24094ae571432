"""A private PulseAudio daemon with a virtual microphone and a virtual computer output, for real-device tests.

Layout: a null sink ``hushnote_speaker`` (what we play known speech into) and a
remap source ``hushnote_mic`` on its monitor (what the recorder hears, the
default source); a second null sink ``hushnote_output``, the default output: what
"the computer plays" in a call (its monitor is what ``--system-audio`` records).
PortAudio reaches it through ALSA's pulse plugin (Debian libasound2-plugins):
the ALSA PCM named ``pulse`` talks to the server named in ``PULSE_SERVER``.
The daemon runs with a private HOME and runtime folder, never touches the
user's sound setup, and is stopped by its PID.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SINK = "hushnote_speaker"
SOURCE = "hushnote_mic"
OUTPUT = "hushnote_output"
SINK_RATE = 48_000


class PulseUnavailable(RuntimeError):
    """The daemon could not be started on this machine (the reason is the message)."""


@dataclass
class PulseServer:
    """A running private daemon; ``env`` holds the variables a client needs to reach it."""

    process: subprocess.Popen
    root: Path
    socket_path: Path

    @property
    def server(self) -> str:
        return f"unix:{self.socket_path}"

    @property
    def env(self) -> dict[str, str]:
        return {"PULSE_SERVER": self.server, "PULSE_SINK": SINK, "PULSE_SOURCE": SOURCE}

    def pactl(self, *args: str) -> str:
        """Returns pactl's output for ``args`` against this server; raises CalledProcessError."""
        return subprocess.run(
            ["pactl", "--server", self.server, *args], check=True, capture_output=True, text=True, timeout=10
        ).stdout

    def play(self, path: Path, sink: str = SINK) -> subprocess.Popen:
        """Starts playing the audio file at ``path`` into ``sink`` (default: the virtual microphone's speaker);
        returns the player process."""
        return subprocess.Popen(
            ["paplay", "--server", self.server, "--device", sink, str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def stop(self) -> None:
        """Stops the daemon by its PID (TERM, then KILL) and removes its folder."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)


def _config(socket_path: Path) -> str:
    return "\n".join(
        [
            f"load-module module-native-protocol-unix socket={socket_path} auth-anonymous=1",
            f"load-module module-null-sink sink_name={SINK} rate={SINK_RATE} channels=1 "
            "sink_properties=device.description=HushnoteTestSpeaker",
            f"load-module module-remap-source source_name={SOURCE} master={SINK}.monitor "
            "source_properties=device.description=HushnoteTestMic",
            f"load-module module-null-sink sink_name={OUTPUT} rate={SINK_RATE} channels=2 "
            "sink_properties=device.description=HushnoteTestOutput",
            f"set-default-sink {OUTPUT}",
            f"set-default-source {SOURCE}",
            "",
        ]
    )


def start_pulse(root: Path, timeout_s: float = 15.0) -> PulseServer:
    """Returns a running daemon whose files live under ``root``.

    Raises PulseUnavailable when pulseaudio is missing or does not come up.
    """
    for tool in ("pulseaudio", "pactl", "paplay"):
        if shutil.which(tool) is None:
            raise PulseUnavailable(f"{tool} is not installed (Debian packages pulseaudio, pulseaudio-utils)")
    root.mkdir(parents=True, exist_ok=True)
    runtime, home = root / "runtime", root / "home"
    runtime.mkdir(mode=0o700, exist_ok=True)
    home.mkdir(exist_ok=True)
    socket_path = runtime / "native"
    config = root / "daemon.pa"
    config.write_text(_config(socket_path))
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime), PULSE_RUNTIME_PATH=str(runtime),
               PULSE_STATE_PATH=str(root / "state"), XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("PULSE_SERVER", None)
    log = open(root / "daemon.log", "wb")
    # As root, a per-user daemon only warns ("not intended to be run as root") and works;
    # --system is a different, shared-daemon mode we do not want.
    process = subprocess.Popen(
        ["pulseaudio", "--daemonize=no", "--system=false", "--exit-idle-time=-1", "--disallow-exit",
         "--use-pid-file=no", "--disable-shm", "-n", "-F", str(config), "--log-target=stderr"],
        env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
    )
    log.close()
    server = PulseServer(process, root, socket_path)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            reason = (root / "daemon.log").read_text(errors="replace")[-800:]
            raise PulseUnavailable(f"pulseaudio exited with {process.returncode}: {reason}")
        if socket_path.exists():
            try:
                if SOURCE in server.pactl("list", "short", "sources"):
                    return server
            except subprocess.SubprocessError:
                pass
        time.sleep(0.1)
    server.stop()
    raise PulseUnavailable(f"pulseaudio did not come up within {timeout_s} s")



@pytest.fixture(scope="session")
def pulse(tmp_path_factory):
    """One daemon for the whole test run, reachable by this process and its children (via os.environ).

    Skips, with the reason, only when the daemon cannot start on this machine.
    """
    try:
        server = start_pulse(tmp_path_factory.mktemp("pulse"))
    except PulseUnavailable as exc:
        pytest.skip(f"no virtual microphone: {exc}")
    saved = {name: os.environ.get(name) for name in server.env}
    os.environ.update(server.env)
    try:
        from audio_core.record import rescan_devices

        rescan_devices()  # PortAudio lists devices once per process; make it see the new server
        yield server
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.stop()
