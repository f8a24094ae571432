"""The privacy report's counts add up: a speaker's name written in the text is redacted even where the detector
missed it, so it is listed as found too (QA walk: "redacted 10" beside a "Personal data found" list of 9)."""
from __future__ import annotations

import json
import re

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word

PASSPHRASE = "report counts passphrase"
TEXTS = [("S1", "Sky will send the slides."), ("S2", "Thanks, my number is 555 0100.")]


def _note() -> Transcript:
    segments = []
    for i, (sid, text) in enumerate(TEXTS):
        words = [Word(w, i * 3 + k * 0.4, i * 3 + k * 0.4 + 0.3, 0.9, sid) for k, w in enumerate(text.split())]
        segments.append(Segment(i * 3.0, i * 3.0 + 2.5, text, words, sid))
    # the detector found the phone number and missed "Sky"
    phone = PiiSpan(1, 21, 29, "PHONE_NUMBER", "555 0100", 0.9, "pending", "detector")
    return Transcript(segments=segments, speakers=[Speaker("S1", "Sky Morgan"), Speaker("S2", "Speaker 2")],
                      pii_spans=[phone], duration_s=6.0, source_name="standup.wav", language="en")


def test_every_redacted_item_is_listed_as_found_in_both_report_files(run_cli, isolated_home, tmp_path):
    from app.storage import init_notebook
    from tests.support.notebooks import FAST_KDF

    with init_notebook(None, PASSPHRASE, kdf=FAST_KDF) as notebook:  # cheap: the key derivation is not tested here
        note = str(notebook.save_transcript(_note()))
    done = run_cli("export", note, "--format", "txt", "--report", "--out", str(tmp_path / "out"),
                   env={"HUSHNOTE_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 0, done.stderr
    exported = (tmp_path / "out" / f"note-{note}.txt").read_text()
    assert "Sky" not in exported and "555 0100" not in exported  # both items were redacted

    report = json.loads((tmp_path / "out" / f"note-{note}.privacy.json").read_text())
    assert report["decisions"]["redacted"] == 2
    assert report["counts_by_type"] == {"PERSON": 1, "PHONE_NUMBER": 1}
    assert sum(report["counts_by_type"].values()) == report["decisions"]["redacted"]
    assert report["speaker_name_mentions"] == 1

    text = (tmp_path / "out" / f"note-{note}.privacy.txt").read_text()
    found_line = next(line for line in text.splitlines() if line.startswith("Personal data found:"))
    assert "PERSON 1 (1 of them a speaker's name)" in found_line and "PHONE_NUMBER 1" in found_line
    found = sum(int(n) for n in re.findall(r"[A-Z_]+ (\d+)", found_line))
    redacted = int(re.search(r"redacted (\d+)", text).group(1))
    assert found == redacted == 2
    decisions_line = next(line for line in text.splitlines() if line.startswith("Decisions: "))
    decided = {k: int(v) for k, v in (item.rsplit(" ", 1) for item in decisions_line[len("Decisions: "):].split(", "))}
    assert decided["pending"] + decided["speaker name"] == found  # each item found awaits review or is a speaker's name
    assert "Sky" not in text and "Morgan" not in text  # the report names no one
