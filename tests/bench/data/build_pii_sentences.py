"""Turns pii_sentences.marked.txt into pii_sentences.jsonl (text + gold character spans + split).

Every fourth sentence (index % 4 == 3) is the held-out "test" slice the unit
tests score; the rest is "dev". Run: .venv/bin/python tests/bench/data/build_pii_sentences.py
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
    records = [parse(l) for l in lines if l and not l.startswith("#")]
    with open(HERE / "pii_sentences.jsonl", "w") as out:
        for index, record in enumerate(records):
            record = {"id": index, "split": "test" if index % 4 == 3 else "dev", **record}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} sentences, {sum(len(r['spans']) for r in records)} PII items, "
          f"{sum(1 for r in records if not r['spans'])} without PII")


if __name__ == "__main__":
    main()
