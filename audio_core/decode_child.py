"""The decoder child: ``python -m audio_core.decode_child JOB`` decodes one file and streams it to stdout.

JOB is JSON: {"path", "mode": "probe" | "inspect" | "chunks", "sample_rate",
"chunk_s", "channel"}. Every user-caused problem becomes one ERROR message;
a native crash simply ends the process, and the parent reports it.
"""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import time
from pathlib import Path

# Test-only: "segv", "abort" or "hang" (optionally ":NAME", for files named
# NAME only) makes the child fail that way after its first message, so tests
# can show what a native decoder crash does to the app.
FAULT_VARIABLE = "HUSHNOTE_TEST_DECODER_FAULT"
# How the bundled app's entry point (packaging/entry.py) is told to be a decoder child.
CHILD_FLAG = "--decode-child"
ALIVE_INTERVAL_S = 1.0


def _inject_fault(path: Path) -> None:
    fault, _, name = os.environ.get(FAULT_VARIABLE, "").partition(":")
    if name and name != path.name:
        return
    if fault == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif fault == "abort":
        os.abort()
    elif fault == "hang":
        time.sleep(3600)


def _with_heartbeat(frames, out, path: Path):
    """Yields ``frames``, telling the parent at least every ALIVE_INTERVAL_S that decoding goes on."""
    from audio_core.decode_pipe import ALIVE, send

    last_alive = time.monotonic()
    for frame in frames:
        yield frame
        if time.monotonic() - last_alive > ALIVE_INTERVAL_S:
            send(out, ALIVE)
            last_alive = time.monotonic()
            _inject_fault(path)


def _run(job: dict, out) -> None:
    from audio_core import decode_native
    from audio_core.decode_pipe import AUDIO, DONE, INFO, send
    from audio_core.frames import SampleCounts

    path = Path(job["path"])
    if job["mode"] == "probe":
        info = decode_native.probe_audio(path)
        send(out, INFO, json.dumps({**dataclasses.asdict(info), "path": str(path)}).encode())
        return
    info = decode_native.probe_audio(path)
    counts = SampleCounts()
    frames = _with_heartbeat(decode_native.iter_source_frames(path, job.get("channel"), counts), out, path)
    duration_s = 0.0
    if job["mode"] == "inspect":
        for mono, rate in frames:
            duration_s += mono.size / rate
    else:
        for chunk in decode_native.iter_chunks(frames, job["sample_rate"], job["chunk_s"]):
            duration_s += chunk.size / job["sample_rate"]
            send(out, AUDIO, chunk.astype("<f4", copy=False).tobytes())
            _inject_fault(path)
    report = {
        "duration_s": duration_s,
        "channels": info.channels,
        "source_rate": info.sample_rate,
        "samples": counts.samples,
        "clipped": counts.clipped,
        "nonfinite": counts.nonfinite,
    }
    send(out, DONE, json.dumps(report).encode())


def main(argv: list[str] | None = None) -> int:
    """Runs the job in the last of ``argv`` (default: the command line); returns the exit status.

    The status is 0 also after an ERROR message; a crash ends the process instead.
    """
    from audio_core.decode_pipe import ERROR, send
    from audio_core.errors import HushnoteError

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but messages may reach the pipe
    try:
        job = json.loads((argv or sys.argv[1:])[-1])
        _run(job, out)
    except HushnoteError as exc:
        send(out, ERROR, str(exc).encode("utf-8", "replace"))
    except BrokenPipeError:
        return 1  # the parent stopped reading: nothing to tell
    except MemoryError:
        send(out, ERROR, f"{job['path']}: too big to decode in memory".encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
