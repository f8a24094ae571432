"""Scores PII detections against the hand-labelled spoken-form set (shared by bench_pii and the tests).

How it scores: a predicted span counts as correct when it overlaps (by at
least one character) a gold span of the same entity type; recall is the share
of gold spans overlapped by a same-type prediction, precision the share of
predictions overlapping a same-type gold span, per type and micro-averaged
overall. "Leak recall" ignores the type (any prediction overlapping a gold
span), and "character coverage" is the share of gold letters and digits that
some prediction covers — what a redacted export would hide. Presidio's own
type names are mapped onto ours (US_PASSPORT -> PASSPORT, …); types outside
our set (ORGANIZATION, NRP, URL…) are not scored. A LOCATION and an ADDRESS
match each other: the generated sets label a town ADDRESS inside
"{{address}}" and LOCATION after "{{street}}, ", so the boundary between
the two is the template's, not the speaker's (both are where someone lives).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

DATASET = Path(__file__).parent / "data" / "pii_sentences.jsonl"
SCORED_TYPES = (
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "LOCATION", "DATE_TIME", "CREDIT_CARD", "IBAN_CODE",
    "US_SSN", "PASSPORT", "MEDICAL_RECORD", "ID_NUMBER", "IP_ADDRESS", "CREDENTIAL", "URL", "USERNAME",
)
LANGUAGES = ("en", "de", "fr", "es")
TYPE_ALIASES = {
    "US_PASSPORT": "PASSPORT", "UK_PASSPORT": "PASSPORT", "UK_NHS": "MEDICAL_RECORD", "MEDICAL_LICENSE": "ID_NUMBER",
    "US_DRIVER_LICENSE": "ID_NUMBER", "US_BANK_NUMBER": "ID_NUMBER", "US_ITIN": "ID_NUMBER", "EMAIL": "EMAIL_ADDRESS",
    "ES_NIF": "ID_NUMBER", "ES_NIE": "ID_NUMBER", "UK_NINO": "ID_NUMBER", "IT_FISCAL_CODE": "ID_NUMBER",
}


def load_dataset(split: str | None = None) -> list[dict]:
    """Returns the labelled sentences (all, or one split: "dev" or "test")."""
    records = [json.loads(line) for line in DATASET.read_text().splitlines() if line.strip()]
    return [r for r in records if split is None or r["split"] == split]


MEETING_MARK = re.compile(r"\{\{([A-Z_]+):([^}]+)\}\}")


def load_hand(language: str) -> list[dict]:
    """Returns the hand-written sentences of ``language``: the labelled set for English, the synthetic meeting's turns otherwise."""
    if language == "en":
        return load_dataset()
    records = []
    for line in (DATASET.parent / "meetings" / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marked = line.split("|", 1)[1]
        text, spans, cursor = "", [], 0
        for match in MEETING_MARK.finditer(marked):
            text += marked[cursor:match.start()]
            spans.append({"start": len(text), "end": len(text) + len(match.group(2)), "entity_type": match.group(1)})
            text += match.group(2)
            cursor = match.end()
        records.append({"lang": language, "split": "hand", "text": text + marked[cursor:], "spans": spans})
    return records


def load_eval(language: str, split: str | None = None) -> list[dict]:
    """Returns the generated spoken-form sentences of ``language`` (all, or one split: "dev" or "test").

    The dev split also holds the fresh dev material of data/dev_extra/ (tuned on, never reported as test).
    """
    path = DATASET.parent / f"pii_eval_{language}.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if split in (None, "dev"):
        records += load_dev_extra(language)
    return [r for r in records if split is None or r["split"] == split]


def load_fresh(language: str) -> list[dict]:
    """Returns the new fillings of the dev templates (pii_eval_{language}_fresh.jsonl; English only, else empty)."""
    path = DATASET.parent / f"pii_eval_{language}_fresh.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_dev_extra(language: str) -> list[dict]:
    """Returns the records of data/dev_extra/{language}*.txt: a sentence, then a tab and TYPE=value;… for its personal data."""
    return _load_tabbed(sorted((DATASET.parent / "dev_extra").glob(f"{language}*.txt")), language, "dev", "dev-extra")


def load_check(language: str, name: str = "check") -> list[dict]:
    """Returns an independent check set, data/{name}/{language}.txt (written before tuning, never tuned on; empty if absent).

    ``name`` is "check" (written before round 2's tuning), "check2" (before round 3's), "check3" (before round 4's), "check4" (before round 6's), "check5" (before round 7's) or "check6" (before round 8's).
    """
    return _load_tabbed(sorted((DATASET.parent / name).glob(f"{language}.txt")), language, name, name)


def _load_tabbed(paths: list[Path], language: str, split: str, source: str) -> list[dict]:
    records = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text, _, labels = line.partition("\t")
            spans, cursor = [], 0
            for label in filter(None, labels.split(";")):
                entity_type, value = label.split("=", 1)
                start = text.index(value, cursor)
                spans.append({"start": start, "end": start + len(value), "entity_type": entity_type})
                cursor = start + len(value)
            records.append({"lang": language, "split": split, "source": f"{source}/{path.stem}", "text": text, "spans": spans})
    return records


@dataclass
class Counts:
    gold: int = 0
    gold_found: int = 0
    predicted: int = 0
    predicted_right: int = 0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 1.0


@dataclass
class Score:
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    overall: Counts = field(default_factory=Counts)
    leak_found: int = 0
    gold_chars: int = 0
    gold_chars_covered: int = 0
    clean_sentences: int = 0
    clean_untouched: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def untouched(self) -> float:
        """Returns the share of sentences without personal data that nothing was flagged in."""
        return self.clean_untouched / self.clean_sentences if self.clean_sentences else 1.0

    @property
    def leak_recall(self) -> float:
        return self.leak_found / self.overall.gold if self.overall.gold else 1.0

    @property
    def char_coverage(self) -> float:
        return self.gold_chars_covered / self.gold_chars if self.gold_chars else 1.0


SAME_KIND = {"LOCATION": "ADDRESS"}


def _same_kind(a: str, b: str) -> bool:
    return SAME_KIND.get(a, a) == SAME_KIND.get(b, b)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(records: list[dict], predict) -> Score:
    """Returns the scores of ``predict(text) -> [(start, end, entity_type)]`` on ``records``."""
    result = Score()
    for record in records:
        text = record["text"]
        gold = [(g["start"], g["end"], g["entity_type"]) for g in record["spans"]]
        predicted = [(s, e, TYPE_ALIASES.get(t, t)) for s, e, t in predict(text)]
        predicted = [p for p in predicted if p[2] in SCORED_TYPES]
        if not gold:
            result.clean_sentences += 1
            result.clean_untouched += not predicted
        for start, end, entity_type in gold:
            hit = any(_overlaps((start, end), p[:2]) and _same_kind(p[2], entity_type) for p in predicted)
            any_hit = any(_overlaps((start, end), p[:2]) for p in predicted)
            for counts in (result.by_type[entity_type], result.overall):
                counts.gold += 1
                counts.gold_found += hit
            result.leak_found += any_hit
            for i in range(start, end):
                if text[i].isalnum():
                    result.gold_chars += 1
                    result.gold_chars_covered += any(s <= i < e for s, e, _ in predicted)
            if not hit:
                result.misses.append((entity_type, text[start:end], text))
        for start, end, entity_type in predicted:
            right = any(_overlaps((start, end), g[:2]) and _same_kind(g[2], entity_type) for g in gold)
            for counts in (result.by_type[entity_type], result.overall):
                counts.predicted += 1
                counts.predicted_right += right
            if not right:
                result.false_alarms.append((entity_type, text[start:end], text))
    return result
