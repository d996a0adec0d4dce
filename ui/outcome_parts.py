"""The outcome dialog's parts, built (a mixin of :class:`ui.outcome_dialog.OutcomeDialog`):
the fields of a sentence, of an adjournment, and the choice of an earlier outcome to
correct, each field with its label, its Alt+letter and its place in ``fields`` (where a
refusal puts the cursor)."""

from __future__ import annotations

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


class OutcomeParts:
    """Builds the dialog's parts; the dialog holds ``defs``, ``lang``, ``info``,
    ``addendum``, ``labels``, ``fields`` and ``mnemonics`` before it calls them."""

    # -- building -------------------------------------------------------------------------

    def _form(self, parent: QWidget) -> QFormLayout:
        form = QFormLayout(parent)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(12)
        return form

    def _line(self, name: str, hint: str = "") -> QLineEdit:
        box = QLineEdit(self)
        box.setPlaceholderText(hint)
        box.setAccessibleName(t(name, self.lang))
        return box

    def _add(self, form: QFormLayout, name: str, field: Any, focus: QWidget | None = None
             ) -> None:
        label = QLabel(t(name, self.lang), self)
        label.setObjectName("label")
        label.setBuddy(focus or field)
        self.labels.append(label)
        form.addRow(label, field)
        self.fields[name] = focus or field

    def _combo(self, parent: QWidget, name: str, choices) -> QComboBox:
        combo = QComboBox(parent)
        combo.setAccessibleName(t(name, self.lang))
        for choice in choices:
            combo.addItem(tr(choice.label, self.lang), choice.value)
        combo.setCurrentIndex(-1)
        combo.setPlaceholderText("—")
        combo.setMaximumWidth(420)
        return combo

    def _spin(self, parent: QWidget, high: int, name: str) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setRange(0, high)
        spin.setSpecialValueText("—")  # 0: not given
        spin.setAccessibleName(name)
        spin.setFixedWidth(84)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin

    def _corrections(self, layout: QVBoxLayout) -> QComboBox | None:
        earlier = [o for o in self.info.get("history", []) if not o.get("superseded")]
        if not self.addendum or not earlier:
            return None
        row = QFormLayout()
        combo = QComboBox(self)
        combo.setAccessibleName(t("outcome_is", self.lang))
        combo.addItem(t("outcome_new", self.lang), None)
        for o in earlier:
            what = summary(o["answers"], self.lang) + " · " + long_date(
                o["answers"].get("outcome_date", ""), self.lang)
            if o["kind"] == "record":
                what += f" ({t('outcome_in_record', self.lang)})"
            combo.addItem(t("outcome_corrects", self.lang, what=what), o)
        combo.currentIndexChanged.connect(self._correction_chosen)
        label = QLabel(t("outcome_is", self.lang), self)
        label.setObjectName("label")
        label.setBuddy(combo)
        row.addRow(label, combo)
        layout.addLayout(row)
        return combo

    def _sentenced_part(self) -> QWidget:
        part = QWidget(self)
        form = self._form(part)
        self.time = self._line("outcome_time_sentenced", t("time_hint", self.lang))
        self.time.setMaximumWidth(260)
        self._add(form, "outcome_time_sentenced", self.time)
        self.sentence = self._combo(part, "outcome_sentence", self.defs.sentences)
        self.sentence.currentIndexChanged.connect(self._sentence_changed)
        self._add(form, "outcome_sentence", self.sentence)
        bounds = self.defs.order_months
        self.months = self._spin(part, bounds.max, t("outcome_order_months", self.lang))
        self.months.setSuffix(" " + tr(self.defs.units["months"], self.lang))
        self.months.setFixedWidth(120)
        self._add(form, "outcome_order_months", self.months)
        self.requirements = QWidget(part)
        grid = QGridLayout(self.requirements)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.ticks: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        half = (len(self.defs.requirements) + 1) // 2
        for i, req in enumerate(self.defs.requirements):
            tick = QCheckBox(tr(req.label, self.lang), self.requirements)
            tick.setProperty("cstr", req.cstr)
            if req.cstr:
                font = tick.font()
                font.setBold(True)
                tick.setFont(font)
            spin = self._spin(self.requirements, req.max, tr(req.label, self.lang))
            spin.setEnabled(False)
            unit = QLabel(tr(self.defs.units[req.unit], self.lang), self.requirements)
            unit.setObjectName("help")
            tick.toggled.connect(lambda on, s=spin: self._ticked(on, s))
            row, col = i % half, (i // half) * 4
            grid.addWidget(tick, row, col)
            grid.addWidget(spin, row, col + 1)
            grid.addWidget(unit, row, col + 2)
            self.ticks[req.code] = (tick, spin)
            self.fields["outcome_length_" + req.code] = spin
        grid.setColumnMinimumWidth(3, 24)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(7, 1)
        first = next(iter(self.ticks.values()))[0]
        heading = QLabel(t("outcome_requirements", self.lang), part)
        heading.setObjectName("label")
        heading.setBuddy(first)
        self.labels.append(heading)
        form.addRow(heading)
        form.addRow(self.requirements)  # the whole width: the labels are long
        self.fields["outcome_requirements"] = first
        self.no_requirements = QLabel(t("outcome_no_requirements", self.lang), part)
        self.no_requirements.setObjectName("help")
        form.addRow("", self.no_requirements)
        self.followed = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(18)
        for choice in self.defs.recommendation_followed:
            radio = QRadioButton(mnemonic(tr(choice.label, self.lang), self.mnemonics), part)
            radio.setProperty("value", choice.value)
            self.followed.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        self._add(form, "outcome_recommendation_followed", row, self.followed.buttons()[0])
        self.court_said = QPlainTextEdit(part)
        self.court_said.setTabChangesFocus(True)
        self.court_said.setFixedHeight(64)
        self.court_said.setAccessibleName(t("outcome_court_said", self.lang))
        self.court_said.setPlaceholderText(t("outcome_court_said_hint", self.lang))
        self._add(form, "outcome_court_said", self.court_said)
        self._sentence_changed()
        return part

    def _adjourned_part(self) -> QWidget:
        part = QWidget(self)
        form = self._form(part)
        self.adjourned_to = self._line("outcome_adjourned_to", t("date_hint", self.lang))
        self.adjourned_to.setMaximumWidth(260)
        self._add(form, "outcome_adjourned_to", self.adjourned_to)
        self.reason = self._combo(part, "outcome_adjournment_reason",
                                  self.defs.adjournment_reasons)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self._add(form, "outcome_adjournment_reason", self.reason)
        self.reason_other = self._line("outcome_adjournment_other")
        self._add(form, "outcome_adjournment_other", self.reason_other)
        self.adjourned_detail = self._line("outcome_detail")
        self._add(form, "outcome_detail", self.adjourned_detail)
        self._reason_changed()
        return part
