"""Custom vocabulary: the names and terms a notebook's meetings use, as typed data with their rules.

A *name* is a person's name: recognition is told about it and personal-data
detection treats every mention as a PERSON. A *term* (a product, project or
jargon word) is told to recognition too, and is never redacted as personal
data, even where it looks like a name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from app.text_files import read_text_file
from audio_core.errors import OptionError

NAME = "name"
TERM = "term"
KINDS = (NAME, TERM)
MAX_ENTRY_CHARS = 60
MAX_ENTRY_WORDS = 5
MAX_ENTRIES = 500
MAX_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class VocabularyEntry:
    """One listed word or phrase ("Siobhan Nakagawa", "Zephyrix") and its kind ("name" or "term")."""

    text: str
    kind: str = TERM

    @property
    def key(self) -> str:
        """Returns the form two entries are compared in (case and width folded): "Zephyrix" and "ZEPHYRIX" are one entry."""
        return unicodedata.normalize("NFKC", self.text).casefold()


@dataclass(frozen=True)
class Vocabulary:
    """A notebook's list of names and terms, in the order they were added (empty by default)."""

    entries: tuple[VocabularyEntry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    @property
    def names(self) -> tuple[str, ...]:
        """Returns the texts of the entries of kind "name"."""
        return tuple(e.text for e in self.entries if e.kind == NAME)

    @property
    def terms(self) -> tuple[str, ...]:
        """Returns the texts of the entries of kind "term"."""
        return tuple(e.text for e in self.entries if e.kind == TERM)

    def find(self, text: str) -> VocabularyEntry | None:
        """Returns the entry that ``text`` names (case-insensitive), or None."""
        key = VocabularyEntry(" ".join(text.split())).key
        return next((e for e in self.entries if e.key == key), None)

    def merged(self, other: Vocabulary) -> Vocabulary:
        """Returns this list followed by the entries of ``other`` it lacks (each text once, its first kind kept)."""
        keys = {e.key for e in self.entries}
        added = []
        for entry in other.entries:
            if entry.key not in keys:
                keys.add(entry.key)
                added.append(entry)
        return Vocabulary(self.entries + tuple(added))


def clean_text(text: str) -> str:
    """Returns ``text`` with surrounding spaces removed and inner runs of spaces made one.

    Raises OptionError when it is empty, longer than MAX_ENTRY_CHARS characters or
    MAX_ENTRY_WORDS words, holds no letter, or holds a comma, a line break or another control character.
    """
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if not cleaned:
        raise OptionError("a vocabulary entry cannot be empty")
    shown = cleaned if len(cleaned) <= 40 else cleaned[:40] + "…"
    if len(cleaned) > MAX_ENTRY_CHARS:
        raise OptionError(f"the vocabulary entry {shown!r} is too long ({len(cleaned)} characters, at most {MAX_ENTRY_CHARS})")
    if len(cleaned.split()) > MAX_ENTRY_WORDS:
        raise OptionError(f"the vocabulary entry {shown!r} has too many words (at most {MAX_ENTRY_WORDS}): "
                          "add a name or term, not a sentence")
    if "," in cleaned or any(unicodedata.category(ch).startswith("C") for ch in cleaned) or "\n" in text:
        raise OptionError(f"the vocabulary entry {shown!r} holds a comma or a control character: add one entry at a time")
    if not any(ch.isalpha() for ch in cleaned):
        raise OptionError(f"the vocabulary entry {shown!r} holds no letter")
    return cleaned


def make_entry(text: str, kind: str = TERM) -> VocabularyEntry:
    """Returns a checked entry. Raises OptionError for a bad text (see :func:`clean_text`) or an unknown kind."""
    if kind not in KINDS:
        raise OptionError(f"unknown vocabulary kind {kind!r} (use name or term)")
    return VocabularyEntry(clean_text(text), kind)


def parse_vocabulary(text: str, kind: str = TERM) -> Vocabulary:
    """Returns the entries of a comma- or line-separated list ("Siobhan, Zephyrix"), duplicates dropped.

    A line may say its kind first: "name: Siobhan Nakagawa" or "term: Zephyrix"; other
    entries get ``kind``. Blank items and lines starting with "#" are skipped.
    Raises OptionError for a bad entry or more than MAX_ENTRIES entries.
    """
    entries: list[VocabularyEntry] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line_kind = kind
        match = re.match(r"(name|term)\s*:\s*(.*)$", line, re.IGNORECASE)
        if match:
            line_kind, line = match.group(1).lower(), match.group(2)
        entries += [make_entry(item, line_kind) for item in line.split(",") if item.strip()]
    vocabulary = Vocabulary().merged(Vocabulary(tuple(entries)))
    if len(vocabulary) > MAX_ENTRIES:
        raise OptionError(f"too many vocabulary entries ({len(vocabulary)}, at most {MAX_ENTRIES})")
    return vocabulary


def read_vocabulary_file(path: Path, kind: str = TERM) -> Vocabulary:
    """Returns the entries listed in a UTF-8 text file (as :func:`parse_vocabulary` reads them).

    Raises InputError when the file is missing, unreadable, too large or not UTF-8 text;
    OptionError for a bad entry.
    """
    text = read_text_file(path, MAX_FILE_BYTES, "a vocabulary list")
    try:
        return parse_vocabulary(text, kind)
    except OptionError as exc:
        raise OptionError(f"{path}: {exc}") from None
