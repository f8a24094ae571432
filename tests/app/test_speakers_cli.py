"""``hushnote speakers`` and speaker labels through the real command line, with the encrypted notebook."""
from __future__ import annotations

import json
import re

import numpy as np

from app.storage import init_notebook
from audio_core.decode import decode_audio
from tests.support.notebooks import FAST_KDF
from tests.support.media import write_audio

PASSPHRASE = "speaker test passphrase"


def test_enrol_then_transcribe_names_the_voice_and_a_note_can_be_renamed_and_merged(run_cli, synthetic_meeting, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()  # cheap key derivation; `notebook init`: test_notebook_cli.py
    turns = json.loads(synthetic_meeting.with_suffix(".json").read_text())["turns"]
    audio = decode_audio(synthetic_meeting)
    alex = np.concatenate([audio[int(t["start"] * 16000): int(t["end"] * 16000)] for t in turns if t["speaker"] == "alex"][:2])
    enrolled = run_cli("speakers", "enrol", "Alex", str(write_audio(tmp_path / "alex.wav", alex)), env=env)
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Alex" in run_cli("speakers", "list", env=env).stdout

    out = tmp_path / "out"
    done = run_cli("transcribe", str(synthetic_meeting), "--save", "--format", "txt,rttm", "--no-redact", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert done.netlog == []
    text = (out / "meeting.txt").read_text()
    assert text.count("Alex: ") >= 3 and "Speaker 2: " in text and "Speaker 3: " in text
    rttm = (out / "meeting.rttm").read_text().splitlines()
    assert {line.split()[7] for line in rttm} == {"Alex", "Speaker_2", "Speaker_3"}

    note = re.search(r"saved note (\d+)", done.stdout).group(1)
    renamed = run_cli("speakers", "rename", note, "S2", "Beth", env=env)
    assert renamed.returncode == 0, renamed.stderr
    assert "S2: Beth" in renamed.stdout
    merged = run_cli("speakers", "merge", note, "Speaker 3", "Beth", env=env)
    assert merged.returncode == 0 and "S3" not in merged.stdout
    missing = run_cli("speakers", "rename", note, "S9", "Zed", env=env)
    assert missing.returncode == 2 and "no speaker 'S9'" in missing.stderr

    assert run_cli("speakers", "forget", "Alex", env=env).returncode == 0
    assert "no voice profiles yet" in run_cli("speakers", "list", env=env).stdout


def test_when_diarization_is_off_then_exports_carry_no_speakers(run_cli, testdata, tmp_path):
    done = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0870.wav"), "--no-diarize", "--format", "rttm,txt",
                   "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "librivox_sas-0870.rttm").read_text() == ""
    assert "Speaker" not in (tmp_path / "librivox_sas-0870.txt").read_text()


def test_when_speaker_counts_contradict_then_one_line_error_before_any_work(run_cli, testdata, tmp_path):
    done = run_cli("transcribe", str(testdata / "real" / "pyannote_sample.wav"), "--min-speakers", "3", "--max-speakers", "2")
    assert done.returncode == 2
    assert "impossible speaker count" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_when_two_people_talk_at_once_then_the_rttm_has_overlapping_turns(run_cli, testdata, synthetic_meeting, tmp_path):
    from tests.support import overlap_meeting

    meeting = overlap_meeting.mix_meeting(overlap_meeting.utterances(testdata), overlap_meeting.TWO_VOICE_ORDER, overlap_share=1.0)
    clip = write_audio(tmp_path / "crosstalk.wav", meeting.audio)
    done = run_cli("transcribe", str(clip), "--format", "rttm,json", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in (tmp_path / "out" / "crosstalk.rttm").read_text().splitlines()]
    turns = [(float(r[3]), float(r[3]) + float(r[4]), r[7]) for r in rows]
    assert len({name for _, _, name in turns}) == 2
    crossings = [(a, b) for a in turns for b in turns if a[2] < b[2] and min(a[1], b[1]) - max(a[0], b[0]) > 0.3]
    assert crossings, turns  # the reference has three 1.5 s overlaps
    exported = json.loads((tmp_path / "out" / "crosstalk.json").read_text())
    assert exported["overlaps"] and all(len(o["speaker_ids"]) == 2 for o in exported["overlaps"])


def test_enrolling_a_two_voice_call_is_refused_unless_asked_and_a_one_voice_clip_is_enrolled(run_cli, testdata, tmp_path):
    from app.storage import init_notebook, open_notebook
    from tests.support.notebooks import FAST_KDF

    path = tmp_path / "notebook.db"
    init_notebook(path, PASSPHRASE, kdf=FAST_KDF).close()
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    call = str(testdata / "real" / "pyannote_sample.wav")  # Diane and Sheila on the phone
    refused = run_cli("speakers", "enrol", "Diane Miller", call, "--notebook", str(path), env=env)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "2 voices heard" in refused.stderr and "--allow-several-voices" in refused.stderr
    with open_notebook(path, PASSPHRASE) as notebook:
        assert notebook.list_voice_profiles() == []

    allowed = run_cli("speakers", "enrol", "Diane Miller", call, "--allow-several-voices", "--notebook", str(path), env=env)
    assert allowed.returncode == 0, allowed.stderr
    one_voice = run_cli("speakers", "enrol", "Reader", str(testdata / "real" / "librivox_sas-0870.wav"),
                        "--notebook", str(path), env=env)
    assert one_voice.returncode == 0, one_voice.stderr
    with open_notebook(path, PASSPHRASE) as notebook:
        assert sorted(p.name for p in notebook.list_voice_profiles()) == ["Diane Miller", "Reader"]
