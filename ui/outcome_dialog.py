"""The outcome at court: a dialog on the case, keyboard first.

Alt and the underlined letter picks what happened (the arrow keys move between the
choices too); Tab goes through what that result needs and nothing else; Space ticks a
requirement and puts the cursor in its length; Enter or Ctrl+Return saves, Escape
cancels. Dates and times are typed as in the rest of the app (12/10/2026, 1240, 2.15pm).
A refusal is said beside the field at fault, which takes the cursor; nothing typed is
lost. The window records the outcome (``submitted``) and closes the dialog when it is
kept. Opened with ``open()``, never ``exec()``, as every dialog of the app.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.errors import EntryError
from cstr_desktop.local_text import tr
from cstr_desktop.outcomes import OutcomeDefinitions
from cstr_desktop.uk_formats import parse_date, parse_time

from .day_words import long_date
from .error_text import say_error
from .outcome_parts import AdjournedPart, FieldIndex, SentencedPart, corrections, form_layout
from .outcome_words import choice_label
from .text import t


class OutcomeDialog(QDialog):
    """``info``: ``case_number``, ``name``, ``hearing_date``, ``status``, ``history`` (the
    case's outcomes, oldest first) and ``current`` (the answers to start from, or None)."""

    submitted = Signal(dict, object)  # the answers, and what it supersedes (or None)

    def __init__(self, defs: OutcomeDefinitions, lang: str, info: dict[str, Any],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outcome")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(t("outcome_title", lang))
        self.defs, self.lang, self.info = defs, lang, info
        self.addendum = info["status"] == "approved"
        self.hidden_by_lock = False  # the window hides it while locked
        # The labelled fields of all the parts (where a refusal puts the cursor).
        self.index = FieldIndex(self, lang)
        self.fields, self.labels = self.index.fields, self.index.labels
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        title = QLabel(t("outcome_title", lang), self)
        title.setObjectName("sectiontitle")
        layout.addWidget(title)
        who = QLabel(t("outcome_case", lang, name=info["name"], case=info["case_number"],
                       day=long_date(info["hearing_date"], lang)), self)
        who.setObjectName("label")
        layout.addWidget(who)
        note = QLabel(t("outcome_addendum" if self.addendum else "outcome_goes_with_record",
                        lang), self)
        note.setObjectName("banner" if self.addendum else "help")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.corrects = corrections(self.index, info, self.addendum, layout,
                                    self._correction_chosen)
        head = QFormLayout()
        head.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        head.setHorizontalSpacing(12)
        self.results = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(18)
        for choice in defs.results:
            radio = QRadioButton(self.index.mnemonic(tr(choice.label, lang)), self)
            radio.setProperty("value", choice.value)
            self.results.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        self.results.buttonToggled.connect(self._result_changed)
        self.index.add(head, "outcome_result", row, self.results.buttons()[0])
        self.date = self.index.line("outcome_date", t("date_hint", lang))
        self.date.setText(_uk(info.get("hearing_date")))
        self.date.setMaximumWidth(260)
        self.index.add(head, "outcome_date", self.date)
        layout.addLayout(head)
        self.sentenced = SentencedPart(defs, self.index, self)
        self.adjourned = AdjournedPart(defs, self.index, self)
        # The parts' fields, by the names the dialog fills and reads.
        s, a = self.sentenced, self.adjourned
        self.time, self.sentence, self.months, self.ticks, self.followed, self.court_said = (
            s.time, s.sentence, s.months, s.ticks, s.followed, s.court_said)
        self.adjourned_to, self.reason, self.reason_other, self.adjourned_detail = (
            a.adjourned_to, a.reason, a.reason_other, a.detail)
        self.other = QWidget(self)
        form = form_layout(self.other)
        self.other_detail = QPlainTextEdit(self.other)
        self.other_detail.setTabChangesFocus(True)
        self.other_detail.setFixedHeight(64)
        self.index.add(form, "outcome_detail", self.other_detail)
        for part in (self.sentenced, self.adjourned, self.other):
            layout.addWidget(part)
            part.hide()
        layout.addStretch(1)
        self.problem = QLabel("", self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(t("status", lang))
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(t("outcome_save", lang), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(t("outcome_cancel", lang), self)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        # One column of labels down the dialog, whichever parts are shown.
        width = max(label.sizeHint().width() for label in self.labels if label.buddy()
                    and label.text() != t("outcome_requirements", lang))
        for label in self.labels:
            if label.text() != t("outcome_requirements", lang):
                label.setFixedWidth(width + 12)
        self.setMinimumWidth(1000)
        if info.get("current"):
            self.fill(info["current"])

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The cursor starts on what happened (the choice made, or the first)."""
        super().showEvent(event)
        self.activateWindow()
        (self.results.checkedButton() or self.results.buttons()[0]).setFocus(
            Qt.FocusReason.ActiveWindowFocusReason)

    # -- reacting ---------------------------------------------------------------------

    def result(self) -> str | None:
        button = self.results.checkedButton()
        return button.property("value") if button else None

    def _result_changed(self, *_: object) -> None:
        result = self.result()
        self.sentenced.setVisible(result == "sentenced")
        self.adjourned.setVisible(result == "adjourned")
        self.other.setVisible(result in ("remanded", "other"))
        self.fields["outcome_detail"] = self.adjourned_detail if result == "adjourned" \
            else self.other_detail
        if result == "sentenced" and not self.time.text():
            from datetime import datetime

            self.time.setText(datetime.now().strftime("%H:%M"))
        self.adjustSize()

    def _correction_chosen(self, index: int) -> None:
        chosen = self.corrects.itemData(index) if self.corrects else None
        if chosen:
            self.fill(chosen["answers"])

    # -- the answers ------------------------------------------------------------------------

    def fill(self, answers: dict[str, Any]) -> None:
        """Show ``answers`` (an outcome recorded before) to start from."""
        for button in self.results.buttons():
            button.setChecked(button.property("value") == answers.get("outcome_result"))
        self.date.setText(_uk(answers.get("outcome_date")) or self.date.text())
        self.time.setText(answers.get("outcome_time_sentenced", ""))
        _pick(self.sentence, answers.get("outcome_sentence"))
        self.months.setValue(answers.get("outcome_order_months") or 0)
        chosen = answers.get("outcome_requirements") or []
        for code, (tick, spin) in self.ticks.items():
            tick.setChecked(code in chosen)
            spin.setValue(answers.get("outcome_length_" + code) or 0)
        for button in self.followed.buttons():
            button.setChecked(button.property("value") ==
                              answers.get("outcome_recommendation_followed"))
        self.court_said.setPlainText(answers.get("outcome_court_said", ""))
        self.adjourned_to.setText(_uk(answers.get("outcome_adjourned_to")))
        _pick(self.reason, answers.get("outcome_adjournment_reason"))
        self.reason_other.setText(answers.get("outcome_adjournment_other", ""))
        detail = answers.get("outcome_detail", "")
        self.adjourned_detail.setText(detail)
        self.other_detail.setPlainText(detail)
        self._result_changed()

    def answers(self) -> dict[str, Any]:
        """What is shown, as outcome answers; ``EntryError`` (with ``field``) for a date
        or time that cannot be read."""
        result = self.result()
        out: dict[str, Any] = {"outcome_result": result,
                               "outcome_date": self._parsed("outcome_date", self.date,
                                                            parse_date)}
        if result == "sentenced":
            out["outcome_time_sentenced"] = self._parsed("outcome_time_sentenced", self.time,
                                                         parse_time)
            out["outcome_sentence"] = self.sentence.currentData()
            if self.sentence.currentData() in self.defs.with_requirements:
                out["outcome_order_months"] = self.months.value() or None
                chosen = [code for code, (tick, _) in self.ticks.items() if tick.isChecked()]
                out["outcome_requirements"] = chosen
                for code in chosen:
                    out["outcome_length_" + code] = self.ticks[code][1].value() or None
            button = self.followed.checkedButton()
            out["outcome_recommendation_followed"] = button.property("value") if button \
                else None
            out["outcome_court_said"] = self.court_said.toPlainText()
        elif result == "adjourned":
            out["outcome_adjourned_to"] = self._parsed("outcome_adjourned_to",
                                                       self.adjourned_to, parse_date)
            out["outcome_adjournment_reason"] = self.reason.currentData()
            if self.reason.currentData() == "other":
                out["outcome_adjournment_other"] = self.reason_other.text()
            out["outcome_detail"] = self.adjourned_detail.text()
        elif result is not None:
            out["outcome_detail"] = self.other_detail.toPlainText()
        return {k: v for k, v in out.items() if v not in (None, "", [])}

    def _parsed(self, name: str, box: QLineEdit, parse) -> str | None:
        text = box.text().strip()
        if not text:
            return None
        try:
            return parse(text)
        except EntryError as exc:
            exc.field = name
            raise

    def save(self) -> None:
        try:
            answers = self.answers()
        except EntryError as exc:
            self.show_problem(exc)
            return
        chosen = self.corrects.currentData() if self.corrects else None
        supersedes = None if not chosen else (chosen["outcome_id"] or "record")
        self.submitted.emit(answers, supersedes)

    def show_problem(self, error: Exception) -> None:
        """Say what is wrong beside the dialog's buttons and put the cursor on the field."""
        name = getattr(error, "field", None) or getattr(error, "question", None)
        self.problem.setText(self.words(error))
        self.problem.show()
        widget = self.fields.get(name or "")
        if widget is None and name == "outcome_requirements":
            widget = next(iter(self.ticks.values()))[0]
        if widget is not None and widget.isVisible():
            if isinstance(widget, QAbstractButton) and name in ("outcome_result",
                                                                 "outcome_recommendation_followed"):
                group = self.results if name == "outcome_result" else self.followed
                widget = group.checkedButton() or widget
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def words(self, error: Exception) -> str:
        code = getattr(error, "code", "")
        params = dict(getattr(error, "params", {}) or {})
        if code.startswith("OUT_") and f"{code}" in _KNOWN:
            if code == "OUT_016":
                req = self.defs.requirement(params.get("requirement", ""))
                params["label"] = tr(req.label, self.lang) if req else params.get(
                    "requirement", "")
                params["unit"] = tr(self.defs.units.get(params.get("unit", "months"),
                                                        {"en": ""}), self.lang)
            for key in ("hearing",):
                if key in params:
                    params[key] = long_date(params[key], self.lang)
            try:
                return t(code, self.lang, **params)
            except (KeyError, IndexError):
                pass
        return say_error(error, self.lang)


_KNOWN = {f"OUT_{n:03d}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19,
                                   21)}


def _uk(iso: str | None) -> str:
    if not iso or len(iso) != 10:
        return ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def _pick(combo: QComboBox, value: str | None) -> None:
    combo.setCurrentIndex(combo.findData(value) if value else -1)


__all__ = ["OutcomeDialog", "choice_label"]
