"""The outcome dialog's parts: the fields of a sentence and of an adjournment, and the
choice of an earlier outcome to correct. Each field has its label, its Alt+letter and its
place in the dialog's :class:`FieldIndex` (where a refusal puts the cursor). The dialog
owns them (composition: :class:`ui.outcome_dialog.OutcomeDialog`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.local_text import tr
from cstr_desktop.outcomes import OutcomeDefinitions

from .day_words import long_date
from .outcome_words import summary
from .text import t


def mnemonic(label: str, used: set[str]) -> str:
    """The label with an '&' before its first letter not yet used (Alt+letter)."""
    for i, ch in enumerate(label):
        if ch.isalpha() and ch.lower() not in used:
            used.add(ch.lower())
            return label[:i] + "&" + label[i:]
    return label


def form_layout(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setContentsMargins(0, 0, 0, 0)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    form.setHorizontalSpacing(12)
    return form


def spin_box(parent: QWidget, high: int, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, high)
    spin.setSpecialValueText("—")  # 0: not given
    spin.setAccessibleName(name)
    spin.setFixedWidth(84)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class FieldIndex:
    """The dialog's labelled fields: each label (set one column wide), each field by its
    outcome id (where a refusal puts the cursor), and the Alt+letters taken. Boxes and
    labels are made on ``owner`` (the dialog); the layouts put them in their parts."""

    def __init__(self, owner: QWidget, lang: str):
        self.owner = owner
        self.lang = lang
        self.fields: dict[str, QWidget] = {}
        self.labels: list[QLabel] = []
        self.mnemonics: set[str] = set()  # one Alt+letter for one choice in the dialog

    def mnemonic(self, label: str) -> str:
        return mnemonic(label, self.mnemonics)

    def line(self, name: str, hint: str = "") -> QLineEdit:
        box = QLineEdit(self.owner)
        box.setPlaceholderText(hint)
        box.setAccessibleName(t(name, self.lang))
        return box

    def add(self, form: QFormLayout, name: str, field: Any, focus: QWidget | None = None
            ) -> None:
        label = QLabel(t(name, self.lang), self.owner)
        label.setObjectName("label")
        label.setBuddy(focus or field)
        self.labels.append(label)
        form.addRow(label, field)
        self.fields[name] = focus or field

    def combo(self, parent: QWidget, name: str, choices) -> QComboBox:
        combo = QComboBox(parent)
        combo.setAccessibleName(t(name, self.lang))
        for choice in choices:
            combo.addItem(tr(choice.label, self.lang), choice.value)
        combo.setCurrentIndex(-1)
        combo.setPlaceholderText("—")
        combo.setMaximumWidth(420)
        return combo


def corrections(index: FieldIndex, info: dict[str, Any], addendum: bool,
                layout: QVBoxLayout, chosen: Callable[[int], None]) -> QComboBox | None:
    """After approval, with outcomes recorded before: which one this corrects (or none)."""
    owner, lang = index.owner, index.lang
    earlier = [o for o in info.get("history", []) if not o.get("superseded")]
    if not addendum or not earlier:
        return None
    row = QFormLayout()
    combo = QComboBox(owner)
    combo.setAccessibleName(t("outcome_is", lang))
    combo.addItem(t("outcome_new", lang), None)
    for o in earlier:
        what = summary(o["answers"], lang) + " · " + long_date(
            o["answers"].get("outcome_date", ""), lang)
        if o["kind"] == "record":
            what += f" ({t('outcome_in_record', lang)})"
        combo.addItem(t("outcome_corrects", lang, what=what), o)
    combo.currentIndexChanged.connect(chosen)
    label = QLabel(t("outcome_is", lang), owner)
    label.setObjectName("label")
    label.setBuddy(combo)
    row.addRow(label, combo)
    layout.addLayout(row)
    return combo


class SentencedPart(QWidget):
    """A sentence: when, which, the order's length, its requirements (each with its
    length), whether the recommendation was followed and what the court said."""

    def __init__(self, defs: OutcomeDefinitions, index: FieldIndex, parent: QWidget):
        super().__init__(parent)
        self.defs = defs
        lang = index.lang
        form = form_layout(self)
        self.time = index.line("outcome_time_sentenced", t("time_hint", lang))
        self.time.setMaximumWidth(260)
        index.add(form, "outcome_time_sentenced", self.time)
        self.sentence = index.combo(self, "outcome_sentence", defs.sentences)
        self.sentence.currentIndexChanged.connect(self.sentence_changed)
        index.add(form, "outcome_sentence", self.sentence)
        bounds = defs.order_months
        self.months = spin_box(self, bounds.max, t("outcome_order_months", lang))
        self.months.setSuffix(" " + tr(defs.units["months"], lang))
        self.months.setFixedWidth(120)
        index.add(form, "outcome_order_months", self.months)
        self.requirements = QWidget(self)
        self.ticks = self._requirements(index)
        first = next(iter(self.ticks.values()))[0]
        heading = QLabel(t("outcome_requirements", lang), self)
        heading.setObjectName("label")
        heading.setBuddy(first)
        index.labels.append(heading)
        form.addRow(heading)
        form.addRow(self.requirements)  # the whole width: the labels are long
        index.fields["outcome_requirements"] = first
        self.no_requirements = QLabel(t("outcome_no_requirements", lang), self)
        self.no_requirements.setObjectName("help")
        form.addRow("", self.no_requirements)
        self.followed = QButtonGroup(parent)
        row = QHBoxLayout()
        row.setSpacing(18)
        for choice in defs.recommendation_followed:
            radio = QRadioButton(index.mnemonic(tr(choice.label, lang)), self)
            radio.setProperty("value", choice.value)
            self.followed.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        index.add(form, "outcome_recommendation_followed", row, self.followed.buttons()[0])
        self.court_said = QPlainTextEdit(self)
        self.court_said.setTabChangesFocus(True)
        self.court_said.setFixedHeight(64)
        self.court_said.setAccessibleName(t("outcome_court_said", lang))
        self.court_said.setPlaceholderText(t("outcome_court_said_hint", lang))
        index.add(form, "outcome_court_said", self.court_said)
        self.sentence_changed()

    def _requirements(self, index: FieldIndex) -> dict[str, tuple[QCheckBox, QSpinBox]]:
        """A tick and a length for each requirement of the s.201 table, in two columns."""
        lang = index.lang
        grid = QGridLayout(self.requirements)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        ticks: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        half = (len(self.defs.requirements) + 1) // 2
        for i, req in enumerate(self.defs.requirements):
            tick = QCheckBox(tr(req.label, lang), self.requirements)
            tick.setProperty("cstr", req.cstr)
            if req.cstr:
                font = tick.font()
                font.setBold(True)
                tick.setFont(font)
            spin = spin_box(self.requirements, req.max, tr(req.label, lang))
            spin.setEnabled(False)
            unit = QLabel(tr(self.defs.units[req.unit], lang), self.requirements)
            unit.setObjectName("help")
            tick.toggled.connect(lambda on, s=spin: self._ticked(on, s))
            row, col = i % half, (i // half) * 4
            grid.addWidget(tick, row, col)
            grid.addWidget(spin, row, col + 1)
            grid.addWidget(unit, row, col + 2)
            ticks[req.code] = (tick, spin)
            index.fields["outcome_length_" + req.code] = spin
        grid.setColumnMinimumWidth(3, 24)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(7, 1)
        return ticks

    def sentence_changed(self, *_: object) -> None:
        takes = self.sentence.currentData() in self.defs.with_requirements
        self.requirements.setVisible(takes)
        self.months.setEnabled(takes)
        self.no_requirements.setVisible(self.sentence.currentIndex() >= 0 and not takes)

    def _ticked(self, on: bool, spin: QSpinBox) -> None:
        spin.setEnabled(on)
        if on:
            spin.setFocus(Qt.FocusReason.TabFocusReason)
            spin.selectAll()


class AdjournedPart(QWidget):
    """An adjournment: to when, why (another reason in words) and any detail."""

    def __init__(self, defs: OutcomeDefinitions, index: FieldIndex, parent: QWidget):
        super().__init__(parent)
        form = form_layout(self)
        self.adjourned_to = index.line("outcome_adjourned_to", t("date_hint", index.lang))
        self.adjourned_to.setMaximumWidth(260)
        index.add(form, "outcome_adjourned_to", self.adjourned_to)
        self.reason = index.combo(self, "outcome_adjournment_reason", defs.adjournment_reasons)
        self.reason.currentIndexChanged.connect(self.reason_changed)
        index.add(form, "outcome_adjournment_reason", self.reason)
        self.reason_other = index.line("outcome_adjournment_other")
        index.add(form, "outcome_adjournment_other", self.reason_other)
        self.detail = index.line("outcome_detail")
        index.add(form, "outcome_detail", self.detail)
        self.reason_changed()

    def reason_changed(self, *_: object) -> None:
        self.reason_other.setEnabled(self.reason.currentData() == "other")
