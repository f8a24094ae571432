"""Which files the watcher takes, and how it removes them: real files, a clock the test moves."""
from __future__ import annotations

import os

from app.watch import FolderScan, overwrite_and_unlink


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_ready_only_after_it_stayed_unchanged_for_the_settle_time(tmp_path):
    clock = Clock()
    scan = FolderScan(tmp_path, settle_s=2.0, clock=clock)
    growing = tmp_path / "call.m4a"
    growing.write_bytes(b"a" * 10)
    assert scan.poll() == ([], 1)
    clock.now = 1.5
    growing.write_bytes(b"a" * 20)  # still being written
    assert scan.poll() == ([], 1)
    clock.now = 3.0
    assert scan.poll() == ([], 1)  # unchanged for 1.5 s only
    clock.now = 3.6
    assert scan.poll() == ([growing], 0)


def test_other_files_are_left_alone_and_a_done_file_is_taken_again_only_once_it_changes(tmp_path):
    clock = Clock()
    scan = FolderScan(tmp_path, settle_s=1.0, clock=clock)
    for name in ("notes.txt", "call.wav.part", ".hidden.wav", "~lock.wav", "empty.wav"):
        (tmp_path / name).write_bytes(b"" if name == "empty.wav" else b"x")
    meeting = tmp_path / "Meeting.MP4"
    meeting.write_bytes(b"video")
    scan.poll()
    clock.now = 5.0
    assert scan.poll() == ([meeting], 1)  # the empty one waits: a copy may not have started writing yet
    scan.mark_done(meeting)
    clock.now = 10.0
    assert scan.poll()[0] == []
    meeting.write_bytes(b"a new version")
    scan.poll()
    clock.now = 20.0
    assert scan.poll()[0] == [meeting]


def test_deleting_a_file_with_another_name_or_through_a_link_keeps_the_content_reachable(tmp_path):
    original = tmp_path / "original.wav"
    original.write_bytes(b"speech" * 100)
    hard = tmp_path / "hard.wav"
    os.link(original, hard)
    soft = tmp_path / "soft.wav"
    soft.symlink_to(original)

    overwrite_and_unlink(hard)
    overwrite_and_unlink(soft)

    assert not hard.exists() and not soft.is_symlink()
    assert original.read_bytes() == b"speech" * 100
    overwrite_and_unlink(original)
    assert not original.exists()
