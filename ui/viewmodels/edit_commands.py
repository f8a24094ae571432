"""Undoable edits of an open note (QUndoCommand): segment text, speaker names, speaker merges, who said a turn,
PII decisions.

Each command snapshots the parts of the transcript it touches before and
after, so undo/redo restore exactly what the person saw.
"""
from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.note_merge import NoteState, rebase
from app.privacy.speaker_removal import REMOVED_MARKER
from audio_core.model import Speaker, Transcript
from ui.viewmodels.word_edit import edit_transcript_text

FIELDS = ("segments", "speakers", "pii_spans", "overlaps")


class TranscriptCommand(QUndoCommand):
    """Applies ``mutate(transcript)`` on redo and restores the snapshot on undo; calls ``changed()`` after each."""

    def __init__(self, transcript: Transcript, text: str, mutate: Callable[[Transcript], None], changed: Callable[[], None]):
        super().__init__(text)
        self.transcript = transcript
        self.mutate = mutate
        self.changed = changed
        self.before = {name: copy.deepcopy(getattr(transcript, name)) for name in FIELDS}
        self.after: dict | None = None

    def redo(self) -> None:
        if self.after is None:
            self.mutate(self.transcript)
            self.after = {name: copy.deepcopy(getattr(self.transcript, name)) for name in FIELDS}
        else:
            self._restore(self.after)
        self.changed()

    def undo(self) -> None:
        self._restore(self.before)
        self.changed()

    def _restore(self, state: dict) -> None:
        for name, value in state.items():
            setattr(self.transcript, name, copy.deepcopy(value))

    def rebase(self, base: NoteState, theirs: NoteState) -> bool:
        """Puts an outside change (``theirs`` over ``base``) into the snapshots; returns False when it cannot."""
        def moved(state: dict | None) -> dict | None:
            if state is None or all(getattr(base.transcript, n) == getattr(theirs.transcript, n) for n in state):
                return state
            version = rebase(base, theirs, NoteState(dataclasses.replace(base.transcript, **state), base.tags))
            return {name: getattr(version.transcript, name) for name in state}

        self.before, self.after = moved(self.before), moved(self.after)
        return True


class PiiSpansCommand(TranscriptCommand):
    """A :class:`TranscriptCommand` for review decisions, detections and hand redactions: only the marks change.

    Snapshotting just ``pii_spans`` keeps each accept/reject instant on an hour-long note.
    """

    def __init__(self, transcript: Transcript, text: str, mutate: Callable[[Transcript], None], changed: Callable[[], None]):
        QUndoCommand.__init__(self, text)
        self.transcript = transcript
        self.mutate = mutate
        self.changed = changed
        self.before = {"pii_spans": [copy.copy(s) for s in transcript.pii_spans]}
        self.after: dict | None = None

    def redo(self) -> None:
        if self.after is None:
            self.mutate(self.transcript)
            self.after = {"pii_spans": [copy.copy(s) for s in self.transcript.pii_spans]}
        else:
            self._restore(self.after)
        self.changed()

    def _restore(self, state: dict) -> None:
        self.transcript.pii_spans = [copy.copy(s) for s in state["pii_spans"]]


class SegmentTextCommand(QUndoCommand):
    """Replaces one segment's text; snapshots only that segment and the personal-data marks.

    Typing pushes one of these per pause, so copying the whole transcript each
    time would stall a long meeting (seconds for an hour).
    """

    def __init__(self, transcript: Transcript, segment_index: int, new_text: str, changed: Callable[[], None]):
        super().__init__("Edit text")
        self.transcript = transcript
        self.index = segment_index
        self.new_text = new_text
        self.changed = changed
        self.before = self._snapshot()
        self.after: tuple | None = None

    def _snapshot(self) -> tuple:
        return copy.deepcopy(self.transcript.segments[self.index]), [copy.copy(s) for s in self.transcript.pii_spans]

    def _restore(self, state: tuple) -> None:
        segment, spans = state
        self.transcript.segments[self.index] = copy.deepcopy(segment)
        self.transcript.pii_spans = [copy.copy(s) for s in spans]

    def rebase(self, base: NoteState, theirs: NoteState) -> bool:
        """Puts an outside change (``theirs`` over ``base``) into the snapshots; False when paragraphs were
        added or removed outside (the snapshot's segment number no longer means the same paragraph)."""
        b, t = base.transcript, theirs.transcript
        if len(b.segments) != len(t.segments) or self.index >= len(b.segments):
            return False
        if b.segments[self.index] == t.segments[self.index] and b.pii_spans == t.pii_spans:
            return True

        def moved(state: tuple | None) -> tuple | None:
            if state is None:
                return None
            segments = list(b.segments)
            segments[self.index] = state[0]
            version = rebase(base, theirs, NoteState(dataclasses.replace(b, segments=segments, pii_spans=state[1]),
                                                     base.tags)).transcript
            return version.segments[self.index], version.pii_spans

        self.before, self.after = moved(self.before), moved(self.after)
        return True

    def redo(self) -> None:
        if self.after is None:
            edit_transcript_text(self.transcript, self.index, self.new_text)
            self.after = self._snapshot()
        else:
            self._restore(self.after)
        self.changed()

    def undo(self) -> None:
        self._restore(self.before)
        self.changed()


def edit_text_command(transcript: Transcript, segment_index: int, new_text: str, changed) -> SegmentTextCommand:
    """Returns a command replacing one segment's text, keeping word timestamps and personal-data marks."""
    return SegmentTextCommand(transcript, segment_index, new_text, changed)


def ensure_speakers(transcript: Transcript) -> None:
    """Gives the turns of a note recognised without speakers one default speaker, so there is someone to rename.

    Changes nothing in a note that has speakers, and never gives anyone a turn that reads as removed at a
    participant's request: that turn was someone else's, and "Speaker 1" then said it in the view, in the next
    save and in every export. Raises nothing.
    """
    if any(s.speaker_id is not None for s in transcript.segments):
        return
    unnamed = [s for s in transcript.segments if s.text.strip() != REMOVED_MARKER]
    if unnamed and not any(sp.id == "S1" for sp in transcript.speakers):
        transcript.speakers.append(Speaker("S1", "Speaker 1"))
    for segment in unnamed:
        segment.speaker_id = "S1"


def _take(transcript: Transcript, changed: Transcript) -> None:
    """Copies the parts the speaker operations change back into the open note's transcript."""
    transcript.segments, transcript.speakers, transcript.overlaps = changed.segments, changed.speakers, changed.overlaps


def rename_speaker(transcript: Transcript, speaker_id: str, name: str) -> None:
    """Renames ``speaker_id`` to ``name`` in place (``app.speakers``); raises HushnoteError for an empty name."""
    from app import speakers

    _take(transcript, speakers.rename_speaker(transcript, speaker_id, name))


def merge_speakers(transcript: Transcript, from_id: str, into_id: str) -> None:
    """Gives every segment and word of ``from_id`` to ``into_id`` in place (``app.speakers``)."""
    from app import speakers

    _take(transcript, speakers.merge_speakers(transcript, from_id, into_id))


def rename_speaker_command(transcript: Transcript, speaker_id: str, name: str, changed) -> TranscriptCommand:
    """Returns a command renaming a speaker."""
    return TranscriptCommand(transcript, f"Rename speaker to {name}", lambda t: rename_speaker(t, speaker_id, name), changed)


def merge_speakers_command(transcript: Transcript, from_id: str, into_id: str, changed) -> TranscriptCommand:
    """Returns a command merging speaker ``from_id`` into ``into_id``."""
    return TranscriptCommand(transcript, "Merge speakers", lambda t: merge_speakers(t, from_id, into_id), changed)


def give_rest_of_turn_command(transcript: Transcript, segment_index: int, word_index: int, speaker: str, changed,
                              new_name: str = "") -> TranscriptCommand:
    """Returns a command giving a turn, from word ``word_index`` of segment ``segment_index`` on, to ``speaker``
    (or to a new speaker called ``new_name``): ``app.turn_edits.give_rest_of_turn``."""
    from app.turn_edits import give_rest_of_turn

    def mutate(target: Transcript) -> None:
        result = give_rest_of_turn(target, segment_index, word_index, speaker, new_name)
        for name in FIELDS:
            setattr(target, name, getattr(result, name))

    return TranscriptCommand(transcript, "Change speaker", mutate, changed)


class NoteDetailsCommand(QUndoCommand):
    """Sets a note's title and tags on redo and restores the old ones on undo; calls ``changed()`` after each."""

    def __init__(self, note, title: str, tags: list[str], changed: Callable[[], None]):
        super().__init__("Edit title and tags")
        self.note = note
        self.changed = changed
        self.before = (note.transcript.title, list(note.tags))
        self.after = (title, list(tags))

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def _apply(self, state: tuple[str, list[str]]) -> None:
        self.note.transcript.title, tags = state
        self.note.tags = list(tags)
        self.changed()

    def rebase(self, base: NoteState, theirs: NoteState) -> bool:
        """Puts an outside change of the title or tags (``theirs`` over ``base``) into the snapshots; returns True."""
        def moved(state: tuple[str, list[str]]) -> tuple[str, list[str]]:
            title, tags = state
            version = rebase(base, theirs, NoteState(dataclasses.replace(base.transcript, title=title), list(tags)))
            return version.transcript.title, version.tags

        if (base.transcript.title, base.tags) != (theirs.transcript.title, theirs.tags):
            self.before, self.after = moved(self.before), moved(self.after)
        return True


def rebase_history(stack, base: NoteState, theirs: NoteState) -> bool:
    """Puts an outside change (``theirs`` over ``base``) into every step of an undo ``stack``, so undo and redo
    bring back the person's own edits without taking the outside change away again.

    Returns False (and clears the stack) when a step cannot follow it: paragraphs were added or removed outside.
    """
    def follows(command) -> bool:
        own = command.rebase(base, theirs) if hasattr(command, "rebase") else True
        return own and all(follows(command.child(i)) for i in range(command.childCount()))

    if all(follows(stack.command(i)) for i in range(stack.count())):
        return True
    stack.clear()
    return False


def parse_tags(text: str) -> list[str]:
    """Returns the distinct, trimmed, non-empty tags of a comma-separated ``text``, in order."""
    return list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
