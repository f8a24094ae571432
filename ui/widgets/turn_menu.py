"""The transcript menu's "From here, said by ▸": a turn split at the word under the menu, the rest given to
another speaker or a new one (``NoteView.give_rest_of_turn``)."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMenu


def add_turn_menu(view, menu: QMenu, word_index: int | None) -> None:
    """Adds "From here, said by ▸ <the other speakers> / New speaker…" to ``menu`` for word ``word_index`` of
    ``view``'s layout (nothing when no note is open or no word is under the menu)."""
    if view.note is None or word_index is None:
        return
    place = view.paragraphs.layout.words[word_index]
    transcript = view.note.transcript
    current = transcript.segments[place.segment_index].speaker_id
    word = max(place.word_index, 0)  # a segment without word times moves whole
    said_by = menu.addMenu("From here, said by")
    for speaker in transcript.speakers:
        if speaker.id != current:
            said_by.addAction(speaker.name, lambda sid=speaker.id: view.give_rest_of_turn(place.segment_index, word, sid))
    said_by.addSeparator()
    said_by.addAction("New speaker…", lambda: _give_rest_to_new_speaker(view, place.segment_index, word))


def _give_rest_to_new_speaker(view, segment_index: int, word_index: int) -> None:
    name, ok = QInputDialog.getText(view, "New speaker", "Name of the person who says this:",
                                    text=f"Speaker {len(view.note.transcript.speakers) + 1}")
    if ok and name.strip():
        view.give_rest_of_turn(segment_index, word_index, "", name)
