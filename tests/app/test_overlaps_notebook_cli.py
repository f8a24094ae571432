"""Where two people talk at once survives the notebook: ``transcribe --save``, speaker edits, then ``notes export``."""
from __future__ import annotations

import json
import re
import zipfile

from app.storage import init_notebook
from tests.support import overlap_meeting
from tests.support.notebooks import FAST_KDF
from tests.support.media import write_audio

PASSPHRASE = "overlap notebook passphrase"


def _turns(rttm: str) -> list[tuple[float, float, str]]:
    rows = [line.split() for line in rttm.splitlines()]
    return [(float(r[3]), float(r[3]) + float(r[4]), r[7]) for r in rows]


def _docx_text(path) -> str:
    with zipfile.ZipFile(path) as docx:
        return "".join(docx.read(name).decode("utf-8", "replace") for name in docx.namelist() if name.endswith(".xml"))


def _crossings(turns):
    return [(a, b) for a in turns for b in turns if a[2] < b[2] and min(a[1], b[1]) - max(a[0], b[0]) > 0.3]


def test_saved_crosstalk_exports_overlapping_turns_under_pseudonyms_until_the_speakers_are_merged(run_cli, testdata, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()  # cheap key derivation; `notebook init`: test_notebook_cli.py
    meeting = overlap_meeting.mix_meeting(overlap_meeting.utterances(testdata), overlap_meeting.TWO_VOICE_ORDER, overlap_share=1.0)
    clip = write_audio(tmp_path / "crosstalk.wav", meeting.audio)
    done = run_cli("transcribe", str(clip), "--save", "--format", "json", "--out", str(tmp_path / "direct"), env=env)
    assert done.returncode == 0, done.stderr
    note = re.search(r"saved note (\d+)", done.stdout).group(1)
    direct = json.loads((tmp_path / "direct" / "crosstalk.json").read_text())["overlaps"]
    assert direct

    assert run_cli("speakers", "rename", note, "S1", "Dora Whitfield", env=env).returncode == 0
    shown = run_cli("notes", "show", note, env=env).stdout
    assert "Dora Whitfield (overlaps with Speaker 2): " in shown and "Speaker 2 (overlaps with Dora Whitfield): " in shown
    raw = tmp_path / "raw"
    assert run_cli("notes", "export", note, "--format", "rttm,json", "--no-redact", "--out", str(raw), env=env).returncode == 0
    assert json.loads((raw / f"note-{note}.json").read_text())["overlaps"] == direct
    crossings = _crossings(_turns((raw / f"note-{note}.rttm").read_text()))
    assert crossings and {name for pair in crossings for _, _, name in pair} == {"Dora_Whitfield", "Speaker_2"}

    redacted = tmp_path / "redacted"
    exported = run_cli("notes", "export", note, "--format", "rttm,json,txt,md,srt,vtt,docx", "--out", str(redacted), env=env)
    assert exported.returncode == 0, exported.stderr
    assert _crossings(_turns((redacted / f"note-{note}.rttm").read_text()))
    assert json.loads((redacted / f"note-{note}.json").read_text())["overlaps"] == direct
    assert len(list(redacted.iterdir())) == 7
    for path in redacted.iterdir():
        text = _docx_text(path) if path.suffix == ".docx" else path.read_text()
        assert "Dora" not in text and "Whitfield" not in text, path.name
        if path.suffix in (".txt", ".md", ".srt", ".docx"):
            assert "overlaps with" in text, path.name  # the crosstalk is marked, under the pseudonyms
        if path.suffix == ".vtt":
            assert "(at the same time)</v>" in text

    assert run_cli("speakers", "merge", note, "S2", "S1", env=env).returncode == 0
    merged = tmp_path / "merged"
    assert run_cli("notes", "export", note, "--format", "rttm,json", "--no-redact", "--out", str(merged), env=env).returncode == 0
    assert json.loads((merged / f"note-{note}.json").read_text())["overlaps"] == []
    assert {name for _, _, name in _turns((merged / f"note-{note}.rttm").read_text())} == {"Dora_Whitfield"}
    assert "overlaps with" not in run_cli("notes", "show", note, env=env).stdout
