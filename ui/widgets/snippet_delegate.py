"""Search snippets drawn with their hits in bold on a marker-yellow background, never as "[word]".

Square brackets mean a redacted item everywhere in Hushnote ("[PERSON_1]"); a
search hit must not look like one, so the storage's «…» markers become a
highlight here.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.storage.search import HIGHLIGHT_END, HIGHLIGHT_START

HIT_STYLE = "font-weight: 700; background: #ffe680; color: #1d2030;"


def snippet_html(snippet: str) -> str:
    """Returns ``snippet`` as HTML, each «hit» a highlighted span and every other character escaped."""
    escaped = html.escape(snippet)
    return escaped.replace(HIGHLIGHT_START, f'<span style="{HIT_STYLE}">').replace(HIGHLIGHT_END, "</span>")


class SnippetDelegate(QStyledItemDelegate):
    """Paints a snippet cell as rich text (the hits highlighted)."""

    def paint(self, painter, option, index) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else None
        style.drawControl(QStyle.CE_ItemViewItem, options, painter, options.widget)
        text_rect = style.subElementRect(QStyle.SE_ItemViewItemText, options, options.widget)
        document.setTextWidth(text_rect.width())  # wrapped, so a hit late in the snippet is still seen
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(text_rect.translated(-text_rect.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = options.state & QStyle.State_Selected
        context.palette.setColor(QPalette.Text, options.palette.color(
            QPalette.HighlightedText if selected else QPalette.Text))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        return QSize(int(document.idealWidth()), max(int(document.size().height()), option.rect.height()))

    def _document(self, options, index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(options.font)
        document.setDocumentMargin(2)
        document.setHtml(snippet_html(index.data() or ""))
        return document
