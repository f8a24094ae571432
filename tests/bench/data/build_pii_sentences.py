"""Turns pii_sentences.marked.txt into pii_sentences.jsonl (text + gold character spans + split).

Every fourth sentence (index % 4 == 3) of the first block is the held-out
"test" slice the unit tests score, the rest is "dev"; the "fresh" block was
written after the recognizers were tuned and measures how they generalise. Run: .venv/bin/python tests/bench/data/build_pii_sentences.py
"""
import json
import re
from pathlib import Path

HERE = Path(__file__).parent
MARK = re.compile(r"\{\{([A-Z_]+):(.+?)\}\}")


def parse(line: str) -> dict:
    text, spans, cursor = "", [], 0
    for match in MARK.finditer(line):
        text += line[cursor:match.start()]
        start = len(text)
        text += match.group(2)
        spans.append({"start": start, "end": len(text), "entity_type": match.group(1), "text": match.group(2)})
        cursor = match.end()
    text += line[cursor:]
    return {"text": text, "spans": spans}


def main() -> None:
    lines = [l.strip() for l in (HERE / "pii_sentences.marked.txt").read_text().splitlines()]
    fresh_from = next(i for i, l in enumerate(lines) if l.startswith("# --- fresh block"))
    records = [(i >= fresh_from, parse(l)) for i, l in enumerate(lines) if l and not l.startswith("#")]
    with open(HERE / "pii_sentences.jsonl", "w") as out:
        for index, (fresh, record) in enumerate(records):
            split = "fresh" if fresh else "test" if index % 4 == 3 else "dev"
            record = {"id": index, "split": split, **record}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} sentences, {sum(len(r['spans']) for _, r in records)} PII items, "
          f"{sum(1 for _, r in records if not r['spans'])} without PII, {sum(f for f, _ in records)} fresh")


if __name__ == "__main__":
    main()
