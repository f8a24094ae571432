"""Custom vocabulary: names and terms kept per notebook, given to recognition and to personal-data detection."""
from app.vocabulary.entries import (
    KINDS, NAME, TERM, Vocabulary, VocabularyEntry, make_entry, parse_vocabulary, read_vocabulary_file,
)
from app.vocabulary.hints import asr_with_vocabulary, vocabulary_hint
from app.vocabulary.store import (
    ADDED, KIND_CHANGED, UNCHANGED, AddResult, add_to_vocabulary, clear_vocabulary, load_vocabulary,
    remove_from_vocabulary,
)

__all__ = [
    "ADDED", "KINDS", "KIND_CHANGED", "NAME", "TERM", "UNCHANGED", "AddResult", "Vocabulary", "VocabularyEntry",
    "add_to_vocabulary", "asr_with_vocabulary", "clear_vocabulary", "load_vocabulary", "make_entry",
    "parse_vocabulary", "read_vocabulary_file", "remove_from_vocabulary", "vocabulary_hint",
]
