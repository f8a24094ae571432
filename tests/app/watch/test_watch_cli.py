"""``hushnote watch``: a folder's new files become notes once each, bad and growing files included."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from app.storage import init_notebook, open_notebook
from tests.support.notebooks import FAST_KDF

PASSPHRASE = "watch folder test passphrase"
ENV = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
MARK = "zqxprivate"  # every file name carries it, so a scan of the disk can look for it
CLIPS = ("0870", "0880", "0890", "0920", "0930")


def _write_distinct_clips(testdata: Path, folder: Path, count: int) -> dict[str, float]:
    """Writes ``count`` speech clips with distinct content; returns {file stem: duration in s}."""
    written = {}
    for i in range(count):
        audio, rate = sf.read(testdata / "real" / f"librivox_sas-{CLIPS[i % len(CLIPS)]}.wav", dtype="int16")
        # Each round through the clips gets more trailing silence, so no two files share content.
        audio = np.concatenate([audio, np.zeros(int(0.3 * rate) * (i // len(CLIPS)), dtype=np.int16)])
        stem = f"{MARK}-call-{i:02d}"
        sf.write(folder / f"{stem}.wav", audio, rate, subtype="PCM_16")
        written[stem] = len(audio) / rate
    return written


def _notes(home: Path):
    with open_notebook(passphrase=PASSPHRASE) as notebook:
        return notebook.list_notes()


def _grow(source: Path, target: Path, chunks: int = 16, pause_s: float = 0.6) -> threading.Thread:
    """Starts copying ``source`` into ``target`` a piece at a time, as a slow download would."""
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // chunks])

    def copy_rest() -> None:
        step = len(data) // chunks
        with open(target, "ab") as out:
            for start in range(step, len(data), step):
                time.sleep(pause_s)
                out.write(data[start:start + step])
                out.flush()

    writer = threading.Thread(target=copy_rest, daemon=True)
    writer.start()
    return writer


def test_ten_files_at_once_give_nine_notes_one_error_and_a_restart_imports_nothing_twice(
        run_cli, testdata, tmp_path, isolated_home):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()  # cheap key derivation; `notebook init`: test_notebook_cli.py
    inbox, staging = tmp_path / "inbox", tmp_path / "staging"
    inbox.mkdir()
    staging.mkdir()
    expected = _write_distinct_clips(testdata, inbox, 8)
    (inbox / f"{MARK}-not-audio.mp3").write_text("these are meeting minutes, not audio\n" * 50)
    growing = _write_distinct_clips(testdata, staging, 9)  # the ninth is new content
    stem = f"{MARK}-call-08"
    expected[stem] = growing[stem]
    # Named to sort first, so a watcher that did not wait would import it half-written.
    writer = _grow(staging / f"{stem}.wav", inbox / f"00-{stem}.wav")
    expected[f"00-{stem}"] = expected.pop(stem)

    first = run_cli("watch", str(inbox), "--save", "--once", "--no-diarize", env=ENV)
    writer.join()

    errors = [line for line in first.stderr.splitlines() if line.startswith("hushnote: error:")]
    assert first.returncode == 2, first.stderr
    assert len(errors) == 1 and f"{MARK}-not-audio.mp3" in errors[0]
    notes = _notes(isolated_home)
    assert sorted(n.title for n in notes) == sorted(expected)
    assert all(n.state == "complete" for n in notes)
    for note in notes:
        assert note.audio_s == pytest.approx(expected[note.title], abs=0.05)  # the growing file complete
    assert first.stdout.count("saved note") == 9
    assert first.stderr.count("[") >= 9  # a progress bar per file

    second = run_cli("watch", str(inbox), "--save", "--once", "--no-diarize", env=ENV)

    assert second.returncode == 0, second.stderr
    assert "saved note" not in second.stdout and "hushnote: error:" not in second.stderr
    assert len(_notes(isolated_home)) == 9
    assert sorted(p.name for p in inbox.iterdir()) == sorted([*(f"{s}.wav" for s in expected), f"{MARK}-not-audio.mp3"])

    # No file name left in plain text anywhere the watcher could write: home, data and config dirs.
    scanned = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".db" for p in scanned)  # the notebook is among them
    leaking = [str(p) for p in scanned if MARK.encode() in p.read_bytes() or MARK in str(p)]
    assert leaking == []


def test_delete_after_import_overwrites_the_source_before_removing_it(run_cli, testdata, tmp_path, isolated_home):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    expected = _write_distinct_clips(testdata, inbox, 1)
    source = inbox / f"{MARK}-call-00.wav"
    size = source.stat().st_size
    with open(source, "rb") as still_open:  # sees the file's own blocks after the unlink
        result = run_cli("watch", str(inbox), "--save", "--once", "--no-diarize", "--delete-after-import", env=ENV)
        leftover = still_open.read()

    assert result.returncode == 0, result.stderr
    assert not source.exists()
    assert len(leftover) == size and leftover.count(0) == size
    assert [n.title for n in _notes(isolated_home)] == list(expected)


def test_a_running_watcher_imports_a_file_dropped_later_and_ctrl_c_stops_it_cleanly(testdata, tmp_path, isolated_home, run_cli):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    inbox, staging = tmp_path / "inbox", tmp_path / "staging"
    inbox.mkdir()
    staging.mkdir()
    from tests.conftest import NETGUARD, PROJECT_ROOT

    env = {**os.environ, **ENV, "PYTHONPATH": os.pathsep.join([str(NETGUARD), str(PROJECT_ROOT)])}
    watcher = subprocess.Popen([sys.executable, "-m", "ui", "watch", str(inbox), "--save", "--no-diarize", "--poll", "0.5"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    guard = threading.Timer(300, watcher.kill)  # a hung watcher fails the test instead of hanging the suite
    guard.start()
    try:
        expected = _write_distinct_clips(testdata, staging, 1)
        os.replace(staging / f"{MARK}-call-00.wav", inbox / f"{MARK}-call-00.wav")
        assert watcher.stdout.readline().startswith("saved note")
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=60) == 0
    finally:
        guard.cancel()
        if watcher.poll() is None:
            watcher.kill()
    assert "imported 1" in watcher.stderr.read()
    notes = _notes(isolated_home)
    assert [(n.title, n.state) for n in notes] == [(next(iter(expected)), "complete")]


def test_without_save_each_new_file_is_exported_once_and_a_missing_notebook_is_explained(run_cli, testdata, tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    expected = _write_distinct_clips(testdata, inbox, 1)
    refused = run_cli("watch", str(inbox), "--once", "--no-diarize", "--out", str(out), env=ENV)
    assert refused.returncode == 2 and "hushnote notebook init" in refused.stderr and not out.exists()

    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    first = run_cli("watch", str(inbox), "--once", "--no-diarize", "--format", "txt", "--out", str(out), env=ENV)
    assert first.returncode == 0, first.stderr
    export = out / f"{next(iter(expected))}.txt"
    assert "power to do for them" in export.read_text().lower()
    export.unlink()

    second = run_cli("watch", str(inbox), "--once", "--no-diarize", "--format", "txt", "--out", str(out), env=ENV)
    assert second.returncode == 0, second.stderr
    assert not export.exists()
    assert (inbox / export.with_suffix(".wav").name).exists()  # the source is left as it was


def test_a_second_ctrl_c_cancels_the_current_file_which_leaves_no_note_and_is_imported_next_time(
        testdata, tmp_path, isolated_home, run_cli):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / f"{MARK}-long-call.wav").write_bytes((testdata / "real" / "pyannote_sample.wav").read_bytes())
    from tests.conftest import NETGUARD, PROJECT_ROOT

    env = {**os.environ, **ENV, "PYTHONPATH": os.pathsep.join([str(NETGUARD), str(PROJECT_ROOT)])}
    watcher = subprocess.Popen([sys.executable, "-m", "ui", "watch", str(inbox), "--save", "--no-diarize", "--once"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    guard = threading.Timer(300, watcher.kill)
    guard.start()
    try:
        for line in watcher.stderr:
            if "transcribe" in line:  # the file's import has started (its first block is decoded)
                break
        watcher.send_signal(signal.SIGINT)
        time.sleep(0.5)
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=120) == 130
    finally:
        guard.cancel()
        if watcher.poll() is None:
            watcher.kill()
    assert "saved note" not in watcher.stdout.read()
    assert _notes(isolated_home) == []

    again = run_cli("watch", str(inbox), "--save", "--once", "--no-diarize", env=ENV)
    assert again.returncode == 0, again.stderr
    assert [n.title for n in _notes(isolated_home)] == [f"{MARK}-long-call"]


def test_each_watched_file_is_read_once_for_its_digest(run_cli, testdata, tmp_path, isolated_home, monkeypatch):
    from app.cli.main import main
    from tests.support.file_reads import counting_reads

    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    expected = _write_distinct_clips(testdata, inbox, 1)
    source = inbox / f"{MARK}-call-00.wav"
    monkeypatch.setenv("HUSHNOTE_PASSPHRASE", PASSPHRASE)

    with counting_reads(source) as reads:  # in this process: the decoder's own process does not hash
        code = main(["watch", str(inbox), "--save", "--once", "--no-diarize", "--poll", "0.2", "--settle", "0"])

    assert code == 0
    assert [n.title for n in _notes(isolated_home)] == list(expected)
    assert reads(source) == 1, f"the file was read {reads(source)} times to hash it"
