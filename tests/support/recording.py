"""Starting ``hushnote record`` in a child process on the virtual PulseAudio microphone."""
from __future__ import annotations

import subprocess
import sys
import threading
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
