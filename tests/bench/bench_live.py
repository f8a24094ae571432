"""Live recording: transcript lag, CPU use and durable-chunk cost, through the virtual PulseAudio microphone.

Run: .venv/bin/python tests/bench/bench_live.py [--clip real/pyannote_sample.wav] [--threads 2]
Plays a clip into a private PulseAudio daemon's virtual mic while a real
RecordingSession records it into a real encrypted notebook with live
transcription (tiny.en) and live PII highlighting. Prints, side by side: lag
until a word first shows and until it is committed (p50/p95; target <= 3 s on
2 cores), live and final WER, CPU used while recording, and the time to commit
one chunk. Writes tests/bench/results/live.json. The machine's load is in the
JSON: on a shared machine every figure is worse than on an idle one.

Both sides of a call (``--system-audio``, in the same run, after the microphone
alone): the clip's speakers are split by its turns (``.rttm``), the first
speaker into the virtual microphone and the others into the computer's output,
played at once as a call would be; optionally (``--echo-db -20``) the computer's
side is also played into the microphone, quieter, as laptop speakers would.
Prints the same lag figures for both sides, and each side's final WER against
its own speakers' reference lines (``.stm``). No setting is tuned on it.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import app  # noqa: F401,E402  (offline switches first)
from tests.bench.common import stm_text, testdata_root, write_results  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 3) if values else float("nan")


class TimedSink:
    """A NotebookSink that measures each committed append."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.append_s: list[float] = []

    def append(self, audio) -> None:
        started = time.perf_counter()
        self.inner.append(audio)
        self.append_s.append(time.perf_counter() - started)

    def finish(self, transcript):
        return self.inner.finish(transcript)

    def abandon(self) -> None:
        self.inner.abandon()


def reference_text(clip: Path) -> str:
    stm = clip.with_suffix(".stm")
    return stm_text(stm) if stm.exists() else clip.with_suffix(".txt").read_text()


def replay(engines, clip: Path, sides: tuple[Path, Path] | None = None) -> dict:
    """Feeds the clip in 1 s steps as fast as the CPU allows: lag in audio time (independent of load) and CPU per pass.

    With ``sides`` (microphone file, computer file) the two are fed as one call to the two-sided live transcriber.
    """
    from app.live_sides import TwoSidedTranscriber
    from audio_core.decode import decode_audio
    from audio_core.streaming import StreamingTranscriber

    if sides is None:
        audio = decode_audio(clip)
        transcriber = StreamingTranscriber(engines.recognizer)
    else:
        audio = np.stack([decode_audio(sides[0]), decode_audio(sides[1])], axis=1)
        transcriber = TwoSidedTranscriber(engines.recognizer)
    labeller = None
    if sides is None:
        from app.live_speakers import LiveSpeakerLabeller

        labeller = LiveSpeakerLabeller(engines.voice_encoder)
    seen, committed, cpu_s, seen_until_s, label_cpu_s = [], [], [], {}, 0.0
    for start in range(0, len(audio), 16_000):
        transcriber.insert_audio(audio[start : start + 16_000])
        if labeller is not None:
            labeller.add_audio(audio[start : start + 16_000])
        if not transcriber.ready:
            continue
        cpu0 = time.process_time()
        update = transcriber.process()
        cpu_s.append(time.process_time() - cpu0)
        if labeller is not None:
            cpu0 = time.process_time()
            labeller.label(update.newly_committed)
            label_cpu_s += time.process_time() - cpu0
        committed += [update.audio_end_s - w.end_s for w in update.newly_committed]
        for word in update.newly_committed + update.tentative:
            if word.end_s > seen_until_s.get(word.speaker_id, 0.0):  # per side: the two sides' words interleave
                seen.append(update.audio_end_s - word.end_s)
                seen_until_s[word.speaker_id] = word.end_s
    return {
        "first_seen_lag_audio_s": {"p50": percentile(seen, 50), "p95": percentile(seen, 95), "n": len(seen)},
        "commit_lag_audio_s": {"p50": percentile(committed, 50), "p95": percentile(committed, 95), "n": len(committed)},
        "pass_cpu_s": {"p50": percentile(cpu_s, 50), "p95": percentile(cpu_s, 95), "n": len(cpu_s)},
        "cpu_s_per_audio_s": round(sum(cpu_s) / (len(audio) / 16_000), 2),
        "live_speakers_cpu_s_per_audio_s": round(label_cpu_s / (len(audio) / 16_000), 3),
    }


def split_call(clip: Path, work: Path, echo_db: float | None) -> tuple[Path, Path, str, str]:
    """Returns (microphone file, computer file, microphone reference, computer reference): the clip's first
    speaker's turns and everyone else's, by its .rttm and .stm (silence elsewhere)."""
    from audio_core.decode import decode_audio
    from audio_core.encode import write_audio_file

    audio = decode_audio(clip)
    turns = [line.split() for line in clip.with_suffix(".rttm").read_text().splitlines() if line.strip()]
    first = turns[0][7]
    mine, theirs = np.zeros_like(audio), np.zeros_like(audio)
    for turn in turns:
        start, end = int(float(turn[3]) * 16_000), int((float(turn[3]) + float(turn[4])) * 16_000)
        (mine if turn[7] == first else theirs)[start:end] = audio[start:end]
    if echo_db is not None:
        mine = np.clip(mine + 10 ** (echo_db / 20) * theirs, -1, 1)
    lines = [line.split(None, 5) for line in clip.with_suffix(".stm").read_text().splitlines() if line.strip()]
    speakers = [line[2] for line in lines]
    # the .stm names people, the .rttm numbers them: the first to speak is the same person in both
    stm_first = speakers[0]
    mine_ref = " ".join(line[5] for line in lines if line[2] == stm_first)
    theirs_ref = " ".join(line[5] for line in lines if line[2] != stm_first)
    return (write_audio_file(work / "mine.wav", mine, 16_000), write_audio_file(work / "theirs.wav", theirs, 16_000),
            mine_ref, theirs_ref)


def record_call(engines, pii, server, work: Path, clip: Path, clip_s: float, echo_db: float | None) -> dict:
    """Records the clip as a two-sided call; returns its lag figures and each side's final WER."""
    from app.pipeline.sides import OWNER_ID
    from app.recording import MemorySink, RecordingOptions, RecordingSession
    from app.wer import word_error_rate
    from audio_core.record import RecorderOptions
    from tests.support.pulse import OUTPUT

    mine_file, theirs_file, mine_ref, theirs_ref = split_call(clip, work, echo_db)
    options = RecordingOptions(recorder=RecorderOptions(device="pulse"), duration_s=clip_s + 2.0, title="bench call",
                               system_audio=True)
    started = threading.Event()

    def hook(step, artifact=None, *, completed=None, total=None):
        if step == "record":
            started.set()

    session = RecordingSession(engines, MemorySink(), options, hook=hook, pii=pii)

    def play():
        started.wait()
        time.sleep(0.5)
        players = server.play(mine_file), server.play(theirs_file, OUTPUT)
        for player in players:
            player.wait()

    player = threading.Thread(target=play)
    player.start()
    result = session.run()
    player.join()
    stats, transcript = result.stats, result.transcript
    mine = " ".join(s.text for s in transcript.segments if s.speaker_id == OWNER_ID)
    theirs = " ".join(s.text for s in transcript.segments if s.speaker_id != OWNER_ID)
    return {
        "echo_db": echo_db,
        "replay": replay(engines, clip, (mine_file, theirs_file)),
        "first_seen_lag_s": {"p50": percentile(stats.first_seen_lag_s, 50), "p95": percentile(stats.first_seen_lag_s, 95),
                             "n": len(stats.first_seen_lag_s)},
        "commit_lag_s": {"p50": percentile(stats.commit_lag_s, 50), "p95": percentile(stats.commit_lag_s, 95),
                         "n": len(stats.commit_lag_s)},
        "live_pass_s": {"p50": percentile(stats.decode_s, 50), "p95": percentile(stats.decode_s, 95), "n": len(stats.decode_s)},
        "wer_final_mine": round(word_error_rate(mine_ref, mine), 3),
        "wer_final_theirs": round(word_error_rate(theirs_ref, theirs), 3),
        "speakers": [s.name for s in transcript.speakers],
    }


def _lags(stats) -> dict:
    return {name: {"p50": percentile(getattr(stats, name), 50), "p95": percentile(getattr(stats, name), 95)}
            for name in ("first_seen_lag_s", "commit_lag_s")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clip", default="real/pyannote_sample.wav")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--system-audio", action="store_true", help="also record the clip as a call on two sides")
    parser.add_argument("--echo-db", type=float, default=None, help="with --system-audio: the far side's echo level")
    args = parser.parse_args()

    from app.engines import EngineSettings, Engines
    from app.live_pii import LivePiiHighlighter
    from app.storage import KdfOptions, init_notebook
    from audio_core.decode import measure_duration
    from audio_core.record import rescan_devices
    from tests.support.pulse import start_pulse

    clip = testdata_root() / args.clip
    clip_s = measure_duration(clip)
    work = Path(tempfile.mkdtemp(prefix="bench-live-"))
    server = start_pulse(work / "pulse")
    os.environ.update(server.env)
    rescan_devices()
    try:
        engines = Engines(EngineSettings(model="tiny.en", device="cpu", cpu_threads=args.threads))
        engines.recognizer  # noqa: B018 - loading is not what is measured
        pii = LivePiiHighlighter.from_engines(engines)
        pii.analyzer  # noqa: B018
        notebook = init_notebook(work / "notebook.db", "bench passphrase", kdf=KdfOptions(time_cost=1, memory_kib=8192))
        # First without provisional live speakers (the live view before them), then with them (the default).
        before = record_once(engines, pii, server, notebook, clip, clip_s, live_speakers=False)
        sink, cpu_marks, result, total_s = record_once(engines, pii, server, notebook, clip, clip_s, live_speakers=True)
        notebook.close()
        call = record_call(engines, pii, server, work, clip, clip_s, args.echo_db) if args.system_audio else None
    finally:
        server.stop()
    replayed = replay(engines, clip)
    _report(args, clip, clip_s, sink, cpu_marks, result, total_s, replayed, call, before)


def record_once(engines, pii, server, notebook, clip: Path, clip_s: float, live_speakers: bool):
    """Records ``clip`` played into the virtual microphone; returns (sink, CPU marks, result, wall seconds)."""
    from app.recording import NotebookSink, RecordingOptions, RecordingSession
    from audio_core.record import RecorderOptions

    sink = TimedSink(NotebookSink(notebook, "bench"))
    options = RecordingOptions(recorder=RecorderOptions(device="pulse"), duration_s=clip_s + 2.0, title="bench",
                               live_speakers=live_speakers)
    cpu_marks: dict[str, tuple[float, float]] = {}

    def hook(step, artifact=None, *, completed=None, total=None):
        if step == "record" and "start" not in cpu_marks:
            cpu_marks["start"] = (time.perf_counter(), sum(os.times()[:2]))
        if step == "final" and completed == 0.0:
            cpu_marks["stop"] = (time.perf_counter(), sum(os.times()[:2]))

    session = RecordingSession(engines, sink, options, hook=hook, pii=pii)

    def play():
        while "start" not in cpu_marks:
            time.sleep(0.02)
        time.sleep(0.5)
        server.play(clip).wait()

    player = threading.Thread(target=play)
    player.start()
    started = time.perf_counter()
    result = session.run()
    total_s = time.perf_counter() - started
    player.join()
    return sink, cpu_marks, result, total_s


def _report(args, clip, clip_s, sink, cpu_marks, result, total_s, replayed, call, before) -> None:
    from app.wer import word_error_rate

    (wall0, cpu0), (wall1, cpu1) = cpu_marks["start"], cpu_marks["stop"]
    cores_used = (cpu1 - cpu0) / (wall1 - wall0)
    reference = reference_text(clip)
    stats = result.stats
    figures = {
        "clip": args.clip,
        "clip_s": round(clip_s, 2),
        "threads": args.threads,
        "first_seen_lag_s": {"p50": percentile(stats.first_seen_lag_s, 50), "p95": percentile(stats.first_seen_lag_s, 95),
                             "n": len(stats.first_seen_lag_s)},
        "commit_lag_s": {"p50": percentile(stats.commit_lag_s, 50), "p95": percentile(stats.commit_lag_s, 95),
                         "n": len(stats.commit_lag_s)},
        "live_pass_s": {"p50": percentile(stats.decode_s, 50), "p95": percentile(stats.decode_s, 95), "n": len(stats.decode_s)},
        "cpu_cores_used_while_recording": round(cores_used, 2),
        "cpu_share_of_machine_pct": round(100 * cores_used / len(os.sched_getaffinity(0)), 1),
        "chunk_commit_ms": {"p50": round(1000 * percentile(sink.append_s, 50), 1),
                            "p95": round(1000 * percentile(sink.append_s, 95), 1), "n": len(sink.append_s)},
        "wer_live": round(word_error_rate(reference, result.live_text), 3),
        "wer_final": round(word_error_rate(reference, result.transcript.text), 3),
        "final_pass_s": round(total_s - (wall1 - wall0), 2),
        "pii_spans_final": len(result.transcript.pii_spans),
        "replay": replayed,
        "two_sided": call,
        "without_live_speakers": _lags(before[2].stats),
    }
    print(f"live recording of {args.clip} ({clip_s:.1f} s), tiny.en int8, {args.threads} threads, load {os.getloadavg()[0]:.1f}")
    print(f"{'':28}{'p50':>8}{'p95':>8}{'n':>6}")
    for name in ("first_seen_lag_s", "commit_lag_s", "live_pass_s"):
        row = figures[name]
        print(f"{name:28}{row['p50']:>8.2f}{row['p95']:>8.2f}{row['n']:>6}")
    row = figures["chunk_commit_ms"]
    print(f"{'chunk_commit_ms':28}{row['p50']:>8.1f}{row['p95']:>8.1f}{row['n']:>6}")
    print("replay without the device (1 s steps, as fast as the CPU allows; lag in audio seconds, i.e. on an idle")
    print("machine add one pass's wall time):")
    for name in ("first_seen_lag_audio_s", "commit_lag_audio_s", "pass_cpu_s"):
        row = replayed[name]
        print(f"{name:28}{row['p50']:>8.2f}{row['p95']:>8.2f}{row['n']:>6}")
    print(f"live decoding needs {replayed['cpu_s_per_audio_s']} CPU-seconds per second of audio; provisional "
          f"speakers {replayed['live_speakers_cpu_s_per_audio_s']} more")
    print("lag on the device, the same clip recorded twice in this run:")
    print(f"{'':28}{'no live speakers':>18}{'provisional speakers':>22}")
    for name in ("first_seen_lag_s", "commit_lag_s"):
        for q in ("p50", "p95"):
            print(f"{name + ' ' + q:28}{figures['without_live_speakers'][name][q]:>18.2f}{figures[name][q]:>22.2f}")
    print(f"CPU while recording: {cores_used:.2f} cores ({figures['cpu_share_of_machine_pct']} % of the machine)")
    print(f"WER live {figures['wer_live']:.3f}  vs  final {figures['wer_final']:.3f}; final pass {figures['final_pass_s']} s;"
          f" PII spans {figures['pii_spans_final']}")
    if call is not None:
        echo = "no echo" if call["echo_db"] is None else f"echo at {call['echo_db']:g} dB"
        print(f"the same clip as a call on two sides (first speaker into the microphone, the others from the computer; {echo}):")
        print(f"{'':28}{'mic only':>16}{'both sides':>16}")
        for name in ("first_seen_lag_s", "commit_lag_s", "live_pass_s"):
            for q in ("p50", "p95"):
                print(f"{name + ' ' + q:28}{figures[name][q]:>16.2f}{call[name][q]:>16.2f}")
        print("replay without the device (audio seconds):")
        for name in ("first_seen_lag_audio_s", "commit_lag_audio_s", "pass_cpu_s"):
            for q in ("p50", "p95"):
                print(f"{name + ' ' + q:28}{replayed[name][q]:>16.2f}{call['replay'][name][q]:>16.2f}")
        print(f"{'CPU-s per audio-s':28}{replayed['cpu_s_per_audio_s']:>16.2f}{call['replay']['cpu_s_per_audio_s']:>16.2f}")
        print(f"final WER: microphone side {call['wer_final_mine']:.3f}, computer side {call['wer_final_theirs']:.3f};"
              f" speakers {', '.join(call['speakers'])}")
    print(write_results("live", figures))


if __name__ == "__main__":
    main()
