"""What the window's save costs on an hour-long note: the old whole-note write beside the merging save.

Old: ``update_transcript`` + ``set_tags`` (what the window did, overwriting
whatever another process stored meanwhile). New: ``Notebook.save_edits`` with
nothing changed outside (read the stored note in the transaction, compare with
the base, write, read back as the next base) and with an outside rename and a
decision to merge in. Two hour-long notes built as bench_editor builds them:
"dev" (the bundled sample meeting repeated, the one looked at while writing
this) and "report" (the shared synthetic meeting, only reported). Each figure
is the median of ``--repeats`` saves, old and new alternating in one run, on a
real SQLCipher notebook. Prints the table and writes tests/bench/results/save.json.
Run: .venv/bin/python tests/bench/bench_save.py [minutes] [--repeats N]
"""
from __future__ import annotations

import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.note_merge import NoteState  # noqa: E402
from app.storage import init_notebook  # noqa: E402
from tests.bench.bench_editor import long_transcript  # noqa: E402
from tests.bench.common import write_results  # noqa: E402
from tests.support.notebooks import FAST_KDF, PASSPHRASE  # noqa: E402


def measure(minutes: float, meeting: str, repeats: int) -> dict:
    transcript = long_transcript(minutes, meeting)
    with tempfile.TemporaryDirectory() as folder:
        notebook = init_notebook(Path(folder) / "nb.db", PASSPHRASE, kdf=FAST_KDF)
        note_id = notebook.save_transcript(transcript, tags=["work"])
        base = NoteState(notebook.load_transcript(note_id), ["work"])
        times: dict[str, list[float]] = {"old whole write": [], "save_edits": [], "save_edits + merge": []}
        for i in range(repeats):
            mine = NoteState(copy.deepcopy(base.transcript), ["work"])
            mine.transcript.segments[i].text += " edited"
            start = time.perf_counter()
            notebook.update_transcript(note_id, mine.transcript)
            notebook.set_tags(note_id, mine.tags)
            times["old whole write"].append(time.perf_counter() - start)
            notebook.update_transcript(note_id, base.transcript)

            start = time.perf_counter()
            _, base = notebook.save_edits(note_id, base, mine)
            times["save_edits"].append(time.perf_counter() - start)

            mine = NoteState(copy.deepcopy(base.transcript), ["work"])
            mine.transcript.segments[i + 1].text += " again"
            notebook.rename_speaker(note_id, base.transcript.speakers[0].id, f"Outside {i}")  # same connection: stands
            if base.transcript.pii_spans:                                                    # in for another one
                notebook.set_redaction_decision(note_id, 0, "rejected" if i % 2 else "accepted")
            start = time.perf_counter()
            merge, base = notebook.save_edits(note_id, base, mine)
            times["save_edits + merge"].append(time.perf_counter() - start)
            assert merge.changed_outside and base.transcript.speakers[0].name == f"Outside {i}"
        notebook.close()
    words = sum(len(s.words) for s in transcript.segments)
    return {"segments": len(transcript.segments), "words": words, "spans": len(transcript.pii_spans),
            **{name: round(statistics.median(values) * 1000, 1) for name, values in times.items()}}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    minutes = float(args[0]) if args else 60.0
    repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 7
    rows = {meeting: measure(minutes, meeting, repeats) for meeting in ("dev", "report")}
    print(f"save of a {minutes:g}-minute note, median of {repeats} (ms)")
    print(f"{'meeting':8} {'segments':>8} {'words':>6} {'old whole write':>16} {'save_edits':>11} {'+ merge':>8} {'new/old':>8}")
    for meeting, row in rows.items():
        print(f"{meeting:8} {row['segments']:8} {row['words']:6} {row['old whole write']:16} {row['save_edits']:11} "
              f"{row['save_edits + merge']:8} {row['save_edits'] / row['old whole write']:8.2f}")
    print("wrote", write_results("save", {"minutes": minutes, "repeats": repeats, "meetings": rows}))


if __name__ == "__main__":
    main()
