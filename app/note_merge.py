"""Three-way merge of a note: the window's edits onto a copy another process changed meanwhile.

``base`` is the stored note the editor started from, ``mine`` the editor's copy,
``theirs`` what is stored now. Field by field: the editor's value where it changed
it against the base, else the stored one; where both changed a field differently
the editor's value wins (the person looking at it) and the field is reported as
overridden, so nothing changed outside is lost without a word.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word

HEADER_FIELDS = ("title", "language", "duration_s", "model", "source_name", "created_at")


@dataclass
class NoteState:
    """One version of a note as the notebook keeps it: transcript and tags."""

    transcript: Transcript
    tags: list[str] = field(default_factory=list)


@dataclass
class NoteMerge:
    """The merged note, and what of the outside change it took or overrode (labels such as "speaker name")."""

    note: NoteState
    taken: list[str] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)
    base: NoteState | None = None  # what the merge was over, and the stored copy it merged with
    theirs: NoteState | None = None

    @property
    def changed_outside(self) -> bool:
        """Returns True when the stored note had changed since the editor's base."""
        return bool(self.taken or self.overridden)


class _Report:
    def __init__(self) -> None:
        self.taken: dict[str, None] = {}
        self.overridden: dict[str, None] = {}

    def pick(self, label: str, base, mine, theirs):
        """Returns the merged value of one field, noting an outside change taken or overridden."""
        if mine == base:
            if theirs != base:
                self.taken[label] = None
            return theirs
        if theirs != base and theirs != mine:
            self.overridden[label] = None
        return mine


def copy_state(state: NoteState) -> NoteState:
    """Returns an independent copy of ``state`` (to keep as the base of later edits)."""
    return NoteState(copy.deepcopy(state.transcript), list(state.tags))


def merge_note(base: NoteState, mine: NoteState, theirs: NoteState) -> NoteMerge:
    """Returns the three-way merge of the editor's copy ``mine`` and the stored ``theirs`` over ``base``.

    The inputs are left as they are; the result shares no object with them. Raises nothing.
    """
    report = _Report()
    merged = Transcript(**{name: report.pick("title" if name == "title" else "details", getattr(base.transcript, name),
                                             getattr(mine.transcript, name), getattr(theirs.transcript, name))
                           for name in HEADER_FIELDS})
    b, m, t = base.transcript, mine.transcript, theirs.transcript
    merged.speakers = _merge_speakers(b.speakers, m.speakers, t.speakers, report)
    if len(b.segments) == len(m.segments) == len(t.segments):
        merged.segments = [_merge_segment(*parts, report) for parts in zip(b.segments, m.segments, t.segments)]
        merged.pii_spans = _merge_spans(b.pii_spans, m.pii_spans, t.pii_spans, merged.segments, report)
    else:  # paragraphs added or removed (e.g. `hushnote speakers forget`): matched by their times instead
        merged.segments, merged.pii_spans = _merge_by_time(b, m, t, report)
    merged.overlaps = copy.deepcopy(report.pick("speaker overlaps", b.overlaps, m.overlaps, t.overlaps))
    tags = _merge_tags(base.tags, mine.tags, theirs.tags, report)
    return NoteMerge(NoteState(merged, tags), list(report.taken), list(report.overridden), base, theirs)


def rebase(base: NoteState, theirs: NoteState, version: NoteState) -> NoteState:
    """Returns ``version`` (a state from the editor's undo history, over ``base``) with the outside changes
    ``theirs`` made to ``base`` applied, so undoing an edit brings back the editor's own older value and
    keeps what changed outside. Raises nothing.
    """
    return merge_note(base, version, theirs).note


def _merge_tags(base: list[str], mine: list[str], theirs: list[str], report: _Report) -> list[str]:
    """Tags merge as a set: a tag added on either side is kept, one removed on either side is gone."""
    removed = (set(base) - set(mine)) | (set(base) - set(theirs))
    tags = [tag for tag in dict.fromkeys([*mine, *theirs]) if tag not in removed]
    if set(theirs) != set(base) and tags != list(mine):
        report.taken["tags"] = None
    return tags


def _keyed_merge(label: str, base: dict, mine: dict, theirs: dict, merge_item, report: _Report) -> list:
    """Merges items by key: added on either side kept, removed on one side and unchanged on the other gone.

    The editor's order comes first, then what only the stored copy added.
    """
    result = []
    for key in dict.fromkeys([*mine, *theirs]):
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        if m is not None and t is not None:  # added on both sides (no base): the editor's wins
            result.append(merge_item(b if b is not None else t, m, t))
        elif m is not None:  # the stored copy lacks it: removed there, or added here
            if b is None or m != b:
                if b is not None:
                    report.overridden[label] = None
                result.append(copy.deepcopy(m))
            else:
                report.taken[label] = None
        elif b is None:  # added outside
            report.taken[label] = None
            result.append(copy.deepcopy(t))
        elif t != b:  # removed here, changed outside: the editor wins
            report.overridden[label] = None
    return result


def _merge_speakers(base: list[Speaker], mine: list[Speaker], theirs: list[Speaker], report: _Report) -> list[Speaker]:
    def merge(b: Speaker, m: Speaker, t: Speaker) -> Speaker:
        return Speaker(m.id, report.pick("speaker name", b.name, m.name, t.name),
                       report.pick("voice profile", b.profile_id, m.profile_id, t.profile_id))

    return _keyed_merge("speakers", {s.id: s for s in base}, {s.id: s for s in mine}, {s.id: s for s in theirs},
                        merge, report)


def _text_unit(segment: Segment) -> tuple:
    """A segment's text and its words' text and times change together (an edit re-times the words)."""
    return segment.text, [(w.text, w.start_s, w.end_s, w.probability) for w in segment.words]


def _merge_segment(base: Segment, mine: Segment, theirs: Segment, report: _Report) -> Segment:
    """Returns one merged segment: times, speaker, and text with its words as one unit."""
    text_side = report.pick("text", _text_unit(base), _text_unit(mine), _text_unit(theirs))
    source = mine if text_side == _text_unit(mine) else theirs
    other = theirs if source is mine else mine
    speaker_id = report.pick("paragraph speaker", base.speaker_id, mine.speaker_id, theirs.speaker_id)
    words = [Word(w.text, w.start_s, w.end_s, w.probability, w.speaker_id) for w in source.words]
    if len(base.words) == len(mine.words) == len(theirs.words):
        for i, word in enumerate(words):
            word.speaker_id = report.pick("paragraph speaker", base.words[i].speaker_id, mine.words[i].speaker_id,
                                          theirs.words[i].speaker_id)
    elif other.speaker_id != base.speaker_id and speaker_id == other.speaker_id:
        for word in words:  # the other side gave the paragraph to someone else: its words go with it
            if word.speaker_id == base.speaker_id:
                word.speaker_id = speaker_id
    return Segment(report.pick("timing", base.start_s, mine.start_s, theirs.start_s),
                   report.pick("timing", base.end_s, mine.end_s, theirs.end_s), text_side[0], words, speaker_id)


def _time_keys(segments: list[Segment]) -> list[tuple]:
    """Names each segment by its times (an edit of its text keeps them), the n-th of equal times apart."""
    keys, seen = [], {}
    for segment in segments:
        times = (segment.start_s, segment.end_s)
        seen[times] = seen.get(times, -1) + 1
        keys.append((*times, seen[times]))
    return keys


def _merge_by_time(b: Transcript, m: Transcript, t: Transcript, report: _Report) -> tuple[list, list]:
    """Merges segments matched by time and their spans; a paragraph removed on either side stays removed (a
    forgotten speaker's words must not come back), reported when the other side had changed it."""
    kb, km, kt = _time_keys(b.segments), _time_keys(m.segments), _time_keys(t.segments)
    base, mine, theirs = dict(zip(kb, b.segments)), dict(zip(km, m.segments)), dict(zip(kt, t.segments))
    merged = {}
    for key in dict.fromkeys([*km, *kt]):
        was, here, there = base.get(key), mine.get(key), theirs.get(key)
        if was is not None and (here is None or there is None):  # removed on one side
            if there is None:
                report.taken["removed paragraphs (one you had edited)" if here != was else "removed paragraphs"] = None
            elif there != was:
                report.overridden["paragraphs"] = None
            continue
        if here is not None and there is not None:
            merged[key] = _merge_segment(was if was is not None else there, here, there, report)
        else:
            if there is not None:
                report.taken["paragraphs"] = None
            merged[key] = copy.deepcopy(here if here is not None else there)
    order = sorted(merged, key=lambda k: (merged[k].start_s, merged[k].end_s, k[2]))
    segments, index = [merged[k] for k in order], {k: i for i, k in enumerate(order)}

    def moved(spans: list[PiiSpan], keys: list[tuple]) -> list[PiiSpan]:
        return [PiiSpan(index.get(keys[s.segment_index], -1) if 0 <= s.segment_index < len(keys) else -1, s.start,
                        s.end, s.entity_type, s.text, s.score, s.decision, s.source) for s in spans]

    spans = _merge_spans(moved(b.pii_spans, kb), moved(m.pii_spans, km), moved(t.pii_spans, kt), segments, report)
    return segments, spans


def _span_keys(spans: list[PiiSpan]) -> dict:
    """Keys spans by what they mark, not where: an edit earlier in the text moves a span without changing it."""
    keyed, seen = {}, {}
    for span in spans:
        what = (span.segment_index, span.entity_type, span.text)
        seen[what] = seen.get(what, -1) + 1
        keyed[(*what, seen[what])] = span
    return keyed


def _merge_spans(base: list[PiiSpan], mine: list[PiiSpan], theirs: list[PiiSpan], segments: list[Segment],
                 report: _Report) -> list[PiiSpan]:
    def merge(b: PiiSpan, m: PiiSpan, t: PiiSpan) -> PiiSpan:
        text = segments[m.segment_index].text if 0 <= m.segment_index < len(segments) else ""
        start, end = (m.start, m.end) if text[m.start:m.end] == m.text else (t.start, t.end)
        return PiiSpan(m.segment_index, start, end, m.entity_type, m.text,
                       report.pick("personal data", b.score, m.score, t.score),
                       report.pick("privacy decision", b.decision, m.decision, t.decision),
                       report.pick("personal data", b.source, m.source, t.source))

    merged = _keyed_merge("personal data", _span_keys(base), _span_keys(mine), _span_keys(theirs), merge, report)
    return [span for span in (_placed(s, segments) for s in merged) if span is not None]


def _placed(span: PiiSpan, segments: list[Segment]) -> PiiSpan | None:
    """Returns ``span`` on its text in the merged segment (the nearest occurrence), or None when the text is gone."""
    if not 0 <= span.segment_index < len(segments):
        return None
    text = segments[span.segment_index].text
    if text[span.start:span.end] == span.text:
        return span
    found = [i for i in range(len(text)) if text.startswith(span.text, i)] if span.text else []
    if not found:
        return None
    start = min(found, key=lambda i: abs(i - span.start))
    span.start, span.end = start, start + len(span.text)
    return span
