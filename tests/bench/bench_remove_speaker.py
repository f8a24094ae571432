"""Benchmark: does ``export --remove-speaker`` take a participant out of the audio, and at what cost to the others?

For each recording and each of its reference speakers: tiny.en transcribes and diarizes the recording
(the note), the diarized speaker that covers most of the reference speaker's time is removed
(``app.privacy.speaker_removal``), and the exported audio is judged:
- heard: words the recogniser hears whose middle lies in the removed person's own reference turns
  (not overlapped), as a share of what it heard there in the original (0 % = nothing of them is left);
- kept: the same share for the other speakers' own turns (100 % = nothing of theirs was lost);
- match: the best cosine of 3 s windows of the export against the person's voice enrolled from another
  recording (Resemblyzer, as ``app/privacy/voice_attack.py``); a match is >= the voice-profile threshold.
Side by side in the same run: "new" (the export: the note's stretches of them, plus every turn the diarizer hears
them in, transcribed or not: ``app.privacy.diarized_speech``), "previous" (the note's stretches only, as before
the diarizer listened again) and "naive" (silence only the removed speaker's segments, as diarized). The "lost"
columns repeat new and previous on the same note with every second segment of the removed speaker deleted, as
if Whisper had never transcribed it: what is heard there measures speech the transcript lacks.

Dev (REACH_S / BRIDGE_S chosen on it): the bundled sample meeting. Report (not tuned on): the synthetic
meeting (the same three synthetic voices, other words), the real AMI clips dev00/dev01 (MEE009 and MEE012
speak in both: each clip enrolled from the other) and the real phone call (no other recording: no attacker).

Run: python tests/bench/bench_remove_speaker.py [--quick]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.common import ROOT, testdata_root, write_results  # noqa: E402

SR = 16000
METHODS = ("new", "previous", "naive", "new_lost", "previous_lost")


def _reference(path: Path) -> list[tuple[str, float, float]]:
    """Returns (speaker, start_s, end_s) turns of a JSON, STM or RTTM reference."""
    if path.suffix == ".json":
        return [(t["speaker"], t.get("start_s", t.get("start")), t.get("end_s", t.get("end")))
                for t in json.loads(path.read_text())["turns"]]
    rows = [line.split() for line in path.read_text().splitlines() if line.strip() and not line.startswith(";;")]
    if path.suffix == ".stm":
        return [(r[2], float(r[3]), float(r[4])) for r in rows]
    return [(r[7], float(r[3]), float(r[3]) + float(r[4])) for r in rows]


def _own(turns, speaker) -> list[tuple[float, float]]:
    """Returns ``speaker``'s turns with every stretch someone else also talks in cut out."""
    others = [(s, e) for who, s, e in turns if who != speaker]
    pieces = []
    for who, start_s, end_s in turns:
        if who != speaker:
            continue
        cuts = [(start_s, end_s)]
        for o_start, o_end in others:
            cuts = [p for a, b in cuts for p in ((a, min(b, o_start)), (max(a, o_end), b)) if p[1] - p[0] > 0.05]
        pieces += cuts
    return pieces


def _heard_in(words, stretches) -> int:
    return sum(any(s <= (w.start_s + w.end_s) / 2 <= e for s, e in stretches) for w in words)


def _words(engines, audio):
    from audio_core.transcribe import AsrOptions, transcribe_array

    return [w for seg in transcribe_array(engines.recognizer, audio, AsrOptions(language="en", word_timestamps=True)) for w in seg.words]


def _best_match(engines, audio, voice) -> float:
    from app.privacy.voice_attack import VoiceSegment, cosine, embed_segments

    windows = [VoiceSegment("x", "?", t, t + 3.0) for t in np.arange(0.0, max(0.0, audio.size / SR - 1.0), 1.5)]
    # a silent window has no voice (and Resemblyzer's loudness step divides by its zero level)
    windows = [w for w in windows if np.abs(audio[int(w.start_s * SR):int(w.end_s * SR)]).max(initial=0.0) > 1e-3]
    return max((cosine(voice, e) for e in embed_segments(engines.voice_encoder, audio, windows) if e is not None), default=0.0)


def _voice(engines, audio, stretches):
    from app.privacy.voice_attack import VoiceSegment, embed_segments

    pieces = [VoiceSegment("e", "p", s, min(e, s + 4.0)) for s, e in stretches]
    embeddings = [e for e in embed_segments(engines.voice_encoder, audio, pieces) if e is not None]
    return np.mean(embeddings, axis=0) if embeddings else None


def run_recording(engines, name, split, wav, reference, enrol_from, out) -> list[dict]:
    """Returns one row per reference speaker of ``wav``: removal measured for the new and the naive method."""
    from app.pipeline import ExportRequest, export_note, transcribe_file
    import copy

    from app.privacy.speaker_removal import remove_speakers, silence_intervals
    from app.voice_profiles import MATCH_THRESHOLD
    from audio_core.decode import decode_audio

    audio = decode_audio(wav)
    transcript = transcribe_file(wav, engines)
    turns = _reference(reference)
    original_words = _words(engines, audio)
    rows = []
    for person in dict.fromkeys(who for who, _, _ in turns):
        own = _own(turns, person)
        others = [p for who in dict.fromkeys(w for w, _, _ in turns) if who != person for p in _own(turns, who)]
        covered = {s.id: sum(max(0.0, min(seg.end_s, e) - max(seg.start_s, b)) for seg in transcript.segments
                             if seg.speaker_id == s.id for b, e in own) for s in transcript.speakers}
        if not covered or max(covered.values()) <= 0:
            continue
        removed = max(covered, key=covered.get)
        folder = out / f"{name}-{person}"

        def exported(note, tag):
            export_note(ExportRequest(out_dir=folder, stem=tag, formats=("txt",), redact=False, audio="bleeped",
                                      beep="silence", remove_speakers=(removed,)), note, audio, engines)
            return decode_audio(folder / f"{tag}.bleeped.flac")

        theirs = [i for i, s in enumerate(transcript.segments) if s.speaker_id == removed]
        lost = copy.deepcopy(transcript)
        lost.segments = [s for i, s in enumerate(lost.segments) if i not in theirs[1::2]]
        new, new_lost = exported(transcript, "new"), exported(lost, "lost")
        previous = silence_intervals(audio, remove_speakers(transcript, (removed,)).intervals)
        previous_lost = silence_intervals(audio, remove_speakers(lost, (removed,)).intervals)
        naive = silence_intervals(audio, [(s.start_s, s.end_s) for s in transcript.segments if s.speaker_id == removed])
        voice = None
        if enrol_from is not None:
            other_wav, other_reference = enrol_from
            voice = _voice(engines, decode_audio(other_wav), _own(_reference(other_reference), person))
        base_theirs, base_others = _heard_in(original_words, own), _heard_in(original_words, others)
        row = {"split": split, "recording": name, "person": person, "their_s": round(sum(e - s for s, e in own), 1),
               "heard_in_original": base_theirs,
               "match_original": None if voice is None else round(_best_match(engines, audio, voice), 3),
               "threshold": MATCH_THRESHOLD}
        for method, exported_audio in (("new", new), ("previous", previous), ("naive", naive), ("new_lost", new_lost),
                                       ("previous_lost", previous_lost)):
            heard = _words(engines, exported_audio)
            row[method] = {
                "heard_pct": round(100 * _heard_in(heard, own) / max(1, base_theirs), 1),
                "kept_pct": round(100 * _heard_in(heard, others) / max(1, base_others), 1),
                "match": None if voice is None else round(_best_match(engines, exported_audio, voice), 3),
            }
        rows.append(row)
        print(_line(row), flush=True)
    return rows


def _line(row) -> str:
    def cell(m):
        match = "   -" if m["match"] is None else f"{m['match']:.2f}"
        return f"{m['heard_pct']:6.1f} {m['kept_pct']:6.1f} {match}"

    original = "   -" if row["match_original"] is None else f"{row['match_original']:.2f}"
    return (f"{row['split']:6} {row['recording']:10} {row['person']:8} {row['their_s']:6.1f} {original}  | "
            + " | ".join(cell(row[m]) for m in METHODS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="dev and the synthetic meeting only")
    args = parser.parse_args()
    from app.engines import EngineSettings, Engines

    data = testdata_root()
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    sample = (ROOT / "assets" / "sample" / "meeting.wav", ROOT / "assets" / "sample" / "meeting.json")
    synthetic = (data / "synthetic" / "meeting.wav", data / "synthetic" / "meeting.json")
    ami = {clip: (data / "meetings" / f"{clip}.wav", data / "meetings" / f"{clip}.rttm") for clip in ("dev00", "dev01")}
    plan = [("dev", "sample", *sample, synthetic), ("report", "synthetic", *synthetic, sample)]
    if not args.quick:
        plan += [("report", "ami-dev00", *ami["dev00"], ami["dev01"]), ("report", "ami-dev01", *ami["dev01"], ami["dev00"]),
                 ("report", "phone", data / "real" / "pyannote_sample.wav", data / "real" / "pyannote_sample.stm", None)]
    out = Path(__import__("tempfile").mkdtemp(prefix="bench-remove-"))
    print("split  recording  person   their_s orig   | " + " | ".join(f"{m}: heard% kept% match" for m in METHODS))
    started = time.time()
    rows = []
    for split, name, wav, reference, enrol in plan:
        rows += run_recording(engines, name, split, wav, reference, enrol, out)
    summary = {}
    for split in ("dev", "report"):
        chosen = [r for r in rows if r["split"] == split]
        for method in METHODS:
            matches = [r[method]["match"] for r in chosen if r[method]["match"] is not None]
            summary[f"{split}/{method}"] = {
                "heard_pct_mean": round(float(np.mean([r[method]["heard_pct"] for r in chosen])), 1) if chosen else None,
                "heard_pct_worst": max((r[method]["heard_pct"] for r in chosen), default=None),
                "kept_pct_mean": round(float(np.mean([r[method]["kept_pct"] for r in chosen])), 1) if chosen else None,
                "matches_over_threshold": sum(m >= chosen[0]["threshold"] for m in matches) if chosen else 0,
                "attacks": len(matches),
                "best_match": max(matches, default=None),
            }
    for key, value in summary.items():
        print(f"{key:14} {value}")
    path = write_results("remove_speaker", {"rows": rows, "summary": summary, "seconds": round(time.time() - started)})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
