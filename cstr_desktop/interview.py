"""The interview's state, computed from a form and the answers given so far.

Everything the interview screen shows (which sections and questions are
visible, what is still missing, progress, instrument scores, alerts and the
criteria for each requirement) is worked out here, without Qt.

Scores, criteria and flags are computed from every recorded answer;
visibility decides only what is asked and what is printed. An answer to a
question that is now hidden is kept (nothing the assessor entered is lost),
but it is not counted as progress and not printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .conditions import holds
from .consistency import OpenWarning, open_warnings
from .criteria import (
    CriterionResult,
    RequirementResult,
    age_at_conviction,
    age_from_answers,
    assessment_declined,
    evaluate_flags,
    evaluate_requirements,
)
from .form_loader import FormBundle, ResolvedSection
from .form_schema import NoteQuestion
from .local_text import tr
from .scoring import InstrumentScore, raised_alerts, score, skipped_items

RESULT_SCHEMA = "cstr-assessment-result/1"


@dataclass(frozen=True)
class SectionStatus:
    name: str
    visible: bool
    answerable: int
    answered: int
    required: int
    missing_required: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.visible and not self.missing_required


@dataclass(frozen=True)
class Progress:
    answered: int
    answerable: int
    required: int
    required_answered: int

    @property
    def fraction(self) -> float:
        return self.answered / self.answerable if self.answerable else 1.0


@dataclass(frozen=True)
class RaisedAlert:
    id: str
    instrument: str
    message: dict[str, str]
    action_question: str | None


@dataclass(frozen=True)
class OpenFinding:
    """A statutory criterion whose finding is not yet final: no answer, or no reason."""

    scope: str  # "gates" (they apply to every requirement) or a requirement id
    criterion: CriterionResult
    missing: str  # "answer" or "reason"

    @property
    def question(self) -> str | None:
        """The question to answer to close it (None for a derived one, such as age)."""
        c = self.criterion.criterion
        return c.reason_question if self.missing == "reason" else c.question

    def describe(self, lang: str = "en") -> str:
        from .wording import t

        scope = (self.scope.upper() if self.scope != "gates"
                 else t("core.all_requirements", lang))
        what = t("core.no_answer" if self.missing == "answer" else "core.no_reason", lang)
        return f"{scope}: {tr(self.criterion.criterion.label, lang)} ({what})"


class InterviewState:
    """Answers in; visibility, progress, scores, alerts and criteria out.

    The state is a value: make a new one after each answer (cheap: the form
    is already loaded and each property is computed once, when first asked).
    """

    def __init__(self, bundle: FormBundle, answers: Mapping[str, Any]):
        self.bundle = bundle
        self.answers: dict[str, Any] = {k: v for k, v in answers.items() if v is not None}

    def with_answer(self, name: str, value: Any) -> InterviewState:
        answers = dict(self.answers)
        if value is None:
            answers.pop(name, None)
        else:
            answers[name] = value
        return InterviewState(self.bundle, answers)

    # -- visibility ---------------------------------------------------------

    @cached_property
    def _skipped(self) -> frozenset[str]:
        skipped: set[str] = set()
        for inst in self.bundle.instruments.values():
            skipped |= skipped_items(inst, self.answers)
        return frozenset(skipped)

    @cached_property
    def _visible_sections(self) -> frozenset[str]:
        return frozenset(s.name for s in self.bundle.sections
                         if s.show_if is None or holds(s.show_if, self.answers))

    @cached_property
    def _visible_questions(self) -> frozenset[str]:
        visible = set()
        for section in self.bundle.sections:
            if section.name not in self._visible_sections:
                continue
            for q in section.questions:
                if q.name in self._skipped:
                    continue
                if q.show_if is None or holds(q.show_if, self.answers):
                    visible.add(q.name)
        return frozenset(visible)

    def section_visible(self, name: str) -> bool:
        return name in self._visible_sections

    def visible(self, name: str) -> bool:
        return name in self._visible_questions

    def visible_sections(self) -> list[ResolvedSection]:
        return [s for s in self.bundle.sections if s.name in self._visible_sections]

    def visible_questions(self, section: ResolvedSection) -> list[Any]:
        return [q for q in section.questions if q.name in self._visible_questions]

    def shown_answers(self) -> dict[str, Any]:
        """Answers to questions that are visible now: what a report prints."""
        return {k: v for k, v in self.answers.items() if k in self._visible_questions}

    # -- completeness -------------------------------------------------------

    def section_status(self, section: ResolvedSection) -> SectionStatus:
        qs = [q for q in self.visible_questions(section) if not isinstance(q, NoteQuestion)]
        return SectionStatus(
            name=section.name,
            visible=section.name in self._visible_sections,
            answerable=len(qs),
            answered=sum(1 for q in qs if q.name in self.answers),
            required=sum(1 for q in qs if q.required),
            missing_required=tuple(q.name for q in qs if q.required and q.name not in self.answers),
        )

    def sections(self) -> list[SectionStatus]:
        return [self.section_status(s) for s in self.bundle.sections]

    def missing_required(self) -> list[str]:
        return [name for s in self.sections() for name in s.missing_required]

    def progress(self) -> Progress:
        statuses = self.sections()
        required = sum(s.required for s in statuses)
        return Progress(
            answered=sum(s.answered for s in statuses),
            answerable=sum(s.answerable for s in statuses),
            required=required,
            required_answered=required - sum(len(s.missing_required) for s in statuses),
        )

    # -- wording ------------------------------------------------------------

    def variant_of(self, name: str) -> str | None:
        inst_id = self.bundle.instrument_of.get(name)
        if inst_id is None:
            return None
        inst = self.bundle.instruments[inst_id]
        if inst.variant_question is None:
            return None
        value = self.answers.get(inst.variant_question)
        return value if isinstance(value, str) else None

    def label(self, name: str, lang: str = "en") -> str:
        q = self.bundle.questions[name]
        variant = self.variant_of(name)
        if variant and q.variants and variant in q.variants and q.variants[variant].label:
            return tr(q.variants[variant].label, lang)
        return tr(q.label, lang)

    def choices(self, name: str) -> list[Any]:
        return self.bundle.choices(self.bundle.questions[name], self.variant_of(name))

    # -- scores, alerts, criteria ---------------------------------------------

    @cached_property
    def scores(self) -> dict[str, InstrumentScore]:
        return {ident: score(inst, self.answers)
                for ident, inst in self.bundle.instruments.items()}

    @cached_property
    def alerts(self) -> list[RaisedAlert]:
        raised = []
        for inst in self.bundle.instruments.values():
            by_id = {a.id: a for a in inst.alerts}
            for alert_id in raised_alerts(inst, self.answers):
                alert = by_id[alert_id]
                raised.append(RaisedAlert(alert.id, inst.id, alert.message,
                                          alert.action_question))
        return raised

    @cached_property
    def age(self) -> int | None:
        return age_from_answers(self.bundle.criteria, self.answers)

    @cached_property
    def age_at_conviction(self) -> int | None:
        return age_at_conviction(self.bundle.criteria, self.answers)

    @cached_property
    def declined(self) -> bool:
        """The person declined the assessment: no opinion can be given."""
        return assessment_declined(self.bundle.criteria, self.answers)

    @cached_property
    def requirements(self) -> dict[str, RequirementResult]:
        return evaluate_requirements(self.bundle.criteria, self.answers)

    @cached_property
    def considered(self) -> tuple[str, ...]:
        """The requirements being considered, in the criteria file's order.

        All of them until the criteria file's ``considered_by`` question is answered.
        """
        ids = [req.id for req in self.bundle.criteria.requirements]
        name = self.bundle.criteria.considered_by
        chosen = self.answers.get(name) if name else None
        if not isinstance(chosen, list):
            return tuple(ids)
        return tuple(i for i in ids if i in chosen)

    @cached_property
    def open_findings(self) -> list[OpenFinding]:
        """What keeps the opinion from being final: every gate, and every criterion of
        each requirement considered, needs an answer, and a reason where it asks for one.

        Once a requirement cannot be made (a gate or one of its criteria is not met),
        its criteria still unanswered no longer matter; those answered still need
        their reasons.
        """
        if self.declined:
            return []  # no assessment took place, so there is no opinion to finish
        criteria = self.bundle.criteria
        gate_ids = [g.id for g in criteria.gates]
        first = self.requirements[criteria.requirements[0].id]
        gates = [c for c in first.criteria if c.id in gate_ids]
        scoped = [("gates", c, any(g.met is False for g in gates)) for c in gates]
        for req_id in self.considered:
            result = self.requirements[req_id]
            ruled_out = result.status == "not_eligible"
            scoped += [(req_id, c, ruled_out) for c in result.criteria if c.id not in gate_ids]
        out = []
        for scope, c, ruled_out in scoped:
            if c.met is None and not ruled_out:
                out.append(OpenFinding(scope, c, "answer"))
            elif (c.met is not None and c.criterion.reason_question
                  and not c.assessor_reason):
                out.append(OpenFinding(scope, c, "reason"))
        return out

    @cached_property
    def warnings(self) -> list[OpenWarning]:
        """Answers that contradict each other or the law (the criteria file's warnings).
        None for a declined assessment: there is no opinion to rely on."""
        if self.declined:
            return []
        totals = {ident: s.total for ident, s in self.scores.items()}
        return open_warnings(self.bundle.criteria, self.answers, totals, self.considered)

    def still_needed(self) -> list[str]:
        """Questions to answer (or correct) before review, in form order: the required
        ones still unanswered, those that would close an open finding, and the first
        question of each open warning."""
        wanted = set(self.missing_required())
        wanted |= {f.question for f in self.open_findings
                   if f.question and self.visible(f.question)}
        wanted |= {next((q for q in w.questions if self.visible(q)), None)
                   for w in self.warnings} - {None}
        return [name for name in self.bundle.questions if name in wanted]

    def not_final(self) -> list[str]:
        """Why the opinion cannot be countersigned yet, in words: each open finding, then
        each open warning (empty when it can)."""
        return ([f.describe() for f in self.open_findings]
                + [f"{w.code}: {w.text()}" for w in self.warnings])

    @cached_property
    def flags(self) -> dict[str, bool]:
        return evaluate_flags(self.bundle.criteria, self.answers)

    def result(self) -> dict[str, Any]:
        """The assessment result object of ``assess --json`` (contract.md section 3)."""
        return {
            "schema": RESULT_SCHEMA,
            "age": self.age,
            "age_at_conviction": self.age_at_conviction,
            "scores": {ident: s.as_result() for ident, s in self.scores.items()
                       if self.bundle.instruments[ident].in_result},
            "alerts": [a.id for a in self.alerts],
            "requirements": {ident: r.as_result() for ident, r in self.requirements.items()},
            "flags": self.flags,
        }
