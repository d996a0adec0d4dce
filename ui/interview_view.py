"""The interview screen, generated from the form: sections, questions and the live side panel.

It shows what :class:`cstr_desktop.forms.interview.InterviewState` computes and
hands each answer to the ``save`` callback (an action); it decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.loader import FormBundle, ResolvedSection
from cstr_desktop.local_text import tr

from .error_text import say_error
from .question_block import QuestionBlock
from .question_widgets import ChoiceInput, QuestionInput
from .section_list import SectionList
from .section_page import section_page
from .side_panel import SidePanel
from .text import sentence, t

# Saves one answer; returns a SaveOutcome (ui.actions): the new state, or why not.
SaveAnswer = Callable[[str, Any], Any]
# A save that could not be written is tried again after these many seconds (then longer).
RETRY_SECONDS = (3, 5, 10, 20, 30)


class InterviewView(QWidget):
    """Sections on the left, the current section's questions, the side panel on the right."""

    section_changed = Signal(str, object)  # section name, question name

    def __init__(self, bundle: FormBundle, lang: str, save: SaveAnswer,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.bundle = bundle
        self.lang = lang
        self.save = save
        self.state: InterviewState | None = None
        self.pages: dict[str, tuple[QScrollArea, dict[str, QuestionBlock]]] = {}
        self.current: str | None = None
        self.read_only = False
        # Answers given but not yet written (the store was busy, the disk full...), in the
        # order given: kept on screen, retried, and the case cannot be left until they are
        # saved or the person discards them.
        self.unsaved: dict[str, Any] = {}
        self.unsaved_reason: Exception | None = None
        self._retries = 0
        self.retry_timer = QTimer(self, singleShot=True)
        self.retry_timer.timeout.connect(self.retry_unsaved)

        self.sections = SectionList(self)
        self.sections.setAccessibleName(t("sections", lang))
        self.sections.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sections.currentRowChanged.connect(self._row_changed)
        self.stack = QStackedWidget(self)
        self.side = SidePanel(lang, self)
        side_scroll = QScrollArea(self)
        side_scroll.setWidget(self.side)
        side_scroll.setWidgetResizable(True)
        side_scroll.setMinimumWidth(260)
        side_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.header = QLabel("", self)
        self.header.setObjectName("caseheader")
        self.header.setAccessibleName(t("case", lang))
        self.banner = QLabel("", self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(t("reviewer_comment", lang, text=""))
        self.banner.hide()
        # Why a review step was refused, in full (the status bar would cut it short).
        self.problem = QLabel("", self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(t("status", lang))
        self.problem.hide()
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.banner)
        centre_layout.addWidget(self.problem)
        centre_layout.addWidget(self.stack, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.sections)
        splitter.addWidget(centre)
        splitter.addWidget(side_scroll)
        splitter.setSizes([280, 600, 300])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    # -- loading ------------------------------------------------------------------

    def load(self, state: InterviewState, header: str, read_only: bool,
             section: str | None = None, question: str | None = None,
             banner: str | None = None) -> None:
        for scroll, _ in self.pages.values():
            self.stack.removeWidget(scroll)
            scroll.deleteLater()
        self.pages.clear()
        self.unsaved.clear()
        self.retry_timer.stop()
        self.state = state
        self.read_only = read_only
        self.header.setText(header)
        self.banner.setText(banner or "")
        self.banner.setVisible(bool(banner))
        self.show_problem("")
        self._fill_sections()
        names = [s.name for s in state.visible_sections()]
        self.show_section(section if section in names else names[0], question)

    def show_problem(self, text: str) -> None:
        self.problem.setText(sentence(text))
        self.problem.setVisible(bool(text))

    def _fill_sections(self) -> None:
        self.sections.blockSignals(True)
        self.sections.clear()
        for section in self.bundle.sections:
            self.sections.add_section(section.name, tr(section.title, self.lang))
        self.sections.blockSignals(False)
        self._update_sections()

    def _update_sections(self) -> None:
        assert self.state is not None
        for row, section in enumerate(self.bundle.sections):
            status = self.state.section_status(section)
            mark = "✔" if status.complete and status.answered else (
                "•" if status.answered else "")
            detail = f"{status.answered}/{status.answerable}"
            if status.missing_required:
                detail += " · " + t("n_required", self.lang, n=len(status.missing_required))
            self.sections.set_progress(row, mark, detail, hidden=not status.visible)

    def _page(self, section: ResolvedSection) -> tuple[QScrollArea, dict[str, QuestionBlock]]:
        if section.name in self.pages:
            return self.pages[section.name]
        assert self.state is not None
        scroll, blocks = section_page(section, self.state, self.bundle, self.lang,
                                      self.read_only, self._wire)
        self.stack.addWidget(scroll)
        self.pages[section.name] = (scroll, blocks)
        self._apply_visibility(section.name)
        return scroll, blocks

    def _wire(self, name: str, block: QuestionBlock) -> None:
        """Each answer to the save, Enter to the next question, a date not read to say so."""
        block.input.answered.connect(lambda value: self._answered(name, value))
        block.input.done.connect(lambda: self.focus_next(name))
        block.input.invalid.connect(lambda exc: self._refused(name, exc))

    # -- navigation ---------------------------------------------------------------

    def show_section(self, name: str, question: str | None = None) -> None:
        section = next(s for s in self.bundle.sections if s.name == name)
        scroll, blocks = self._page(section)
        self.current = name
        self.stack.setCurrentWidget(scroll)
        row = [s.name for s in self.bundle.sections].index(name)
        self.sections.blockSignals(True)
        self.sections.setCurrentRow(row)
        self.sections.blockSignals(False)
        # The current section whole in the list, never cut off at its top or bottom.
        self.sections.scrollToItem(self.sections.item(row))
        self._apply_visibility(name)
        self.side.show_state(self.state)
        target = question if question in blocks and blocks[question].isVisibleTo(
            scroll.widget()) else self._first_input(blocks)
        if target:
            self.focus_question(target)
        self.section_changed.emit(name, target)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.show_section(self.bundle.sections[row].name)

    def step_section(self, step: int) -> None:
        assert self.state is not None
        names = [s.name for s in self.state.visible_sections()]
        index = names.index(self.current) if self.current in names else 0
        self.show_section(names[max(0, min(len(names) - 1, index + step))])

    def _first_input(self, blocks: dict[str, QuestionBlock]) -> str | None:
        return next((n for n, b in blocks.items() if b.input is not None and not b.isHidden()),
                    None)

    def focus_question(self, name: str) -> None:
        _, blocks = self.pages[self.current]
        block = blocks[name]
        if block.input is not None:
            block.input.focus_target().setFocus(Qt.FocusReason.TabFocusReason)
            self.pages[self.current][0].ensureWidgetVisible(block)
            self.section_changed.emit(self.current, name)

    def focus_next(self, name: str) -> None:
        """Enter (or a digit on a choice) moves to the next question, then the next section."""
        _, blocks = self.pages[self.current]
        names = [n for n, b in blocks.items() if b.input is not None and not b.isHidden()]
        if name in names and names.index(name) + 1 < len(names):
            self.focus_question(names[names.index(name) + 1])
        else:
            self.step_section(1)

    def focused_question(self) -> str | None:
        """The question whose input has the keyboard focus, if any."""
        widget = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, QuestionBlock):
            widget = widget.parentWidget()
        return widget.name if widget is not None else None

    def go_to_next_missing(self) -> str | None:
        """Go to the next question still needed (required, or a reason a statutory
        criterion asks for) after the focused one, then from the start; returns its
        name, or None when nothing is needed."""
        assert self.state is not None
        missing = self.state.still_needed()
        if not missing:
            return None
        order = {name: i for i, name in enumerate(self.bundle.questions)}
        here = self.focused_question()
        after = [n for n in missing if here is not None and order[n] > order[here]]
        target = (after or missing)[0]
        self.show_section(self.bundle.section_of[target], target)
        return target

    # -- answers ------------------------------------------------------------------

    def _block(self, name: str) -> QuestionBlock:
        """The question's block (its section's page is built if it was not yet)."""
        section = next(s for s in self.bundle.sections if s.name == self.bundle.section_of[name])
        return self._page(section)[1][name]

    def _answered(self, name: str, value: Any) -> None:
        if self.read_only or self.state is None:
            return
        if self.unsaved:
            # Keep the order the answers were given in: this one waits behind the others.
            self.unsaved.pop(name, None)
            self.unsaved[name] = value
            self.retry_unsaved()
            return
        self._save(name, value)

    def _save(self, name: str, value: Any) -> bool:
        """Save one answer and show what happened beside it; True if it was written."""
        outcome = self.save(name, value)
        block = self._block(name)
        if outcome.refused is not None:
            self.unsaved.pop(name, None)
            self._refused(name, outcome.refused)
            return True  # nothing to keep: the answer itself was wrong
        if outcome.not_saved is not None:
            self.unsaved[name] = value
            self.unsaved_reason = outcome.not_saved
            if block.input is not None:
                block.input.problem = False  # the answer is fine: Enter may move on
            block.show_status(t("not_saved_here", self.lang,
                                reason=say_error(outcome.not_saved, self.lang)), True)
            self._schedule_retry()
            return False
        self.unsaved.pop(name, None)
        if block.input is not None:
            block.input.problem = False
        block.show_status(self._saved_words(name, value) if value is not None else "", False)
        self.show_problem("")  # what it said was about the answers before this one
        if outcome.state is not None:
            self.refresh(outcome.state)
        return True

    def _saved_words(self, name: str, value: Any) -> str:
        if self.bundle.questions[name].type == "date" and isinstance(value, str):
            from .day_words import long_date

            return t("saved_as", self.lang, value=long_date(value, self.lang))
        return t("saved", self.lang)

    def _refused(self, name: str, error: Any) -> None:
        """The answer was not taken (a check failed, or a date could not be read)."""
        block = self._block(name)
        if block.input is not None:
            block.input.problem = True
        block.show_status(say_error(error, self.lang), True)

    def _schedule_retry(self) -> None:
        if not self.retry_timer.isActive():
            seconds = RETRY_SECONDS[min(self._retries, len(RETRY_SECONDS) - 1)]
            self.retry_timer.start(int(seconds * 1000))

    def retry_unsaved(self) -> bool:
        """Try again to save what could not be saved; True when nothing is left unsaved."""
        self.retry_timer.stop()
        for name, value in list(self.unsaved.items()):
            if not self._save(name, value):
                self._retries += 1
                self._schedule_retry()
                return False
        self._retries = 0
        self.unsaved_reason = None
        return True

    def discard_unsaved(self) -> list[str]:
        """Give up the answers that could not be saved; returns their names."""
        names = list(self.unsaved)
        self.unsaved.clear()
        self.retry_timer.stop()
        self._retries = 0
        for name in names:
            block = self._block(name)
            block.show_status(t("discarded", self.lang), True)
            if block.input is not None and self.state is not None:
                block.input.set_value(self.state.answers.get(name))
        return names

    def commit_editing(self) -> None:
        """Hand over the answer being typed (before a lock, a switch of user or quitting)."""
        widget = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, QuestionInput):
            widget = widget.parentWidget()
        if widget is not None and widget.isEnabled() and not self.read_only:
            widget.commit()

    def refresh(self, state: InterviewState) -> None:
        self.state = state
        for section_name in self.pages:
            self._apply_visibility(section_name)
        self._update_sections()
        self.side.show_state(state)

    def _apply_visibility(self, section_name: str) -> None:
        assert self.state is not None
        _, blocks = self.pages[section_name]
        for name, block in blocks.items():
            block.setHidden(not self.state.visible(name))
            if isinstance(block.input, ChoiceInput) and name in self.bundle.instrument_of:
                block.label.setText(self._label(name))

    def _label(self, name: str) -> str:
        question = self.bundle.questions[name]
        text = self.state.label(name, self.lang)
        return text + (f"  {t('required', self.lang)}" if question.required else "")

    def blocks(self) -> dict[str, QuestionBlock]:
        return {n: b for _, blocks in self.pages.values() for n, b in blocks.items()}
