"""Recording from the virtual PulseAudio microphone: ``hushnote record`` in a child process, or a session in this one."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest


def start_recorder(args: list[str], env: dict, cwd: Path, stdout=subprocess.DEVNULL) -> tuple[subprocess.Popen, list[str]]:
    """Starts ``python -m app record ARGS``; returns the child and its stderr lines once it says it is recording.

    Fails the test when the recorder exits or says nothing within 120 s.
    """
    child = subprocess.Popen([sys.executable, "-m", "app", "record", *args],
                             env=env, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def read_stderr():
        for line in child.stderr:
            lines.append(line)
            if "recording from" in line:
                ready.set()
        ready.set()

    threading.Thread(target=read_stderr, daemon=True).start()
    if not ready.wait(120) or child.poll() is not None:
        child.kill()
        pytest.fail("record did not start: " + "".join(lines))
    return child, lines


def run_while_playing(session, pulse, clip: Path, recording_started: threading.Event):
    """Returns ``session.run()``'s result, with ``clip`` played into the virtual microphone once the recorder has
    started (``recording_started`` set by the session's hook) and 0.3 s of room tone recorded."""
    def play():
        recording_started.wait(30)
        time.sleep(0.3)
        pulse.play(clip).wait()

    player = threading.Thread(target=play)
    player.start()
    try:
        return session.run()
    finally:
        player.join()
