"""One section of the interview as a page: its title, introduction, the instruments'
stems and a block for each question, in a page that only ever scrolls down."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.loader import FormBundle, ResolvedSection
from cstr_desktop.local_text import tr

from .controls import label
from .question_block import QuestionBlock
from .text import esc


def section_page(section: ResolvedSection, state: InterviewState, bundle: FormBundle,
                 lang: str, read_only: bool, wire: Callable[[str, QuestionBlock], None]
                 ) -> tuple[QScrollArea, dict[str, QuestionBlock]]:
    """The section's page and its question blocks by name; ``wire(name, block)`` connects
    each block that has an input (a note has none)."""
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(12, 8, 12, 8)
    title = QLabel(tr(section.title, lang), body)
    title.setObjectName("sectiontitle")
    title.setAccessibleName(tr(section.title, lang))
    layout.addWidget(title)
    if section.intro:
        layout.addWidget(label(tr(section.intro, lang), body, "help"))
    for inst in section.instruments:
        stem = inst.stem or inst.instructions
        if stem:
            stem_label = QLabel(f"<b>{inst.short_title}</b> — {esc(tr(stem, lang))}", body)
            stem_label.setWordWrap(True)
            stem_label.setAccessibleName(tr(stem, lang))
            layout.addWidget(stem_label)
    blocks: dict[str, QuestionBlock] = {}
    for question in section.questions:
        scored = question.name in bundle.instrument_of
        block = QuestionBlock(question, state, lang, scored, body)
        if block.input is not None:
            wire(question.name, block)
            block.input.setEnabled(not read_only)
            if read_only and question.name not in state.answers:
                block.show_not_answered(lang)
        blocks[question.name] = block
        layout.addWidget(block)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    # Text wraps to the width; the page only ever scrolls down.
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setAccessibleName(tr(section.title, lang))
    return scroll, blocks
