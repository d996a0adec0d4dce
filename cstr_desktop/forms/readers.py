"""Each reader's copy of the report: whether it may exist, and which answers it holds.

The layout names the readers (the court, probation, the treatment provider) and
the consent each copy needs; the form says which reader sees which question.
Both the report and the app's "what each copy holds" list are made from
:func:`copy_plan`, so what the app shows is what prints.

- **full**: the copy, with the questions its reader may see, less what the person
  asked not to share with that reader (and what was asked only because of it).
- **notice**: no consent, and the reader gets a notice instead (the court): no
  scores, answers or opinion.
- **declined**: the person declined the assessment; the copy says that no
  assessment took place.
- **refused**: no consent, and no copy at all (probation, the provider).

A form whose layout has no readers (version 1) has one copy, for everyone, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from cstr_desktop.errors import CopyRefused
from cstr_desktop.forms.conditions import holds, questions_in
from cstr_desktop.forms.layout_schema import Reader
from cstr_desktop.forms.schema import NoteQuestion

if TYPE_CHECKING:
    from cstr_desktop.forms.interview import InterviewState

Kind = Literal["full", "notice", "declined", "refused"]


@dataclass(frozen=True)
class CopyPlan:
    reader: Reader | None  # None: the one copy of a form without readers
    kind: Kind
    questions: tuple[str, ...]  # answers printed, in form order
    withheld: tuple[str, ...]  # answers left out at the person's request
    measures: tuple[str, ...]  # instruments whose scores are printed
    measure_detail: Literal["totals", "items"] = "items"
    risk: Literal["summary", "full"] = "full"

    @property
    def reader_id(self) -> str | None:
        return self.reader.id if self.reader else None


def reader(state: InterviewState, reader_id: str) -> Reader:
    layout = state.bundle.layout
    found = next((r for r in layout.readers if r.id == reader_id), None) if layout else None
    if found is None:
        known = ", ".join(state.bundle.reader_ids()) or "none: this form has one copy"
        raise CopyRefused(f"no reader '{reader_id}' in this form's layout ({known})")
    return found


def consent_given(state: InterviewState, who: Reader) -> bool:
    return who.consent is None or state.answers.get(who.consent) == "yes"


def copy_kind(state: InterviewState, who: Reader | None) -> Kind:
    if who is None:
        return "full"
    allowed = consent_given(state, who)
    if not allowed and who.when_refused == "refuse":
        return "refused"
    if state.declined:
        return "declined"
    return "full" if allowed else "notice"


def refusal(state: InterviewState, who: Reader, lang: str = "en") -> str:
    """Why a reader's copy is refused, naming the missing consent."""
    from cstr_desktop.local_text import tr

    answer = state.answers.get(who.consent)
    given = "is not answered" if answer is None else f"is answered '{answer}'"
    what = tr(who.consent_label, lang) if who.consent_label else "consent"
    return (f"no copy for {tr(who.label, lang)}: {who.consent} {given}, not 'yes' "
            f"(no {what})")


def withheld_questions(state: InterviewState, who: Reader) -> set[str]:
    """What the person asked not to share with this reader: the questions (or whole
    sections) marked, and every question asked only because of one of them."""
    bundle = state.bundle
    marked = state.answers.get(who.withheld) if who.withheld else None
    if not isinstance(marked, list):
        return set()
    out: set[str] = set()
    for value in marked:
        if value in bundle.questions:
            out.add(value)
        else:
            out |= {q.name for s in bundle.sections if s.name == value for q in s.questions}
    for name, question in bundle.questions.items():  # form order: a show_if looks back
        if question.show_if is not None and questions_in(question.show_if) & out:
            out.add(name)
    return out


def withheld_sections(state: InterviewState, who: Reader) -> set[str]:
    marked = state.answers.get(who.withheld) if who.withheld else None
    sections = {s.name for s in state.bundle.sections}
    return {v for v in marked if v in sections} if isinstance(marked, list) else set()


def copy_plan(state: InterviewState, reader_id: str | None = None) -> CopyPlan:
    """What one reader's copy holds (``reader_id`` None: the form's single copy)."""
    bundle = state.bundle
    who = reader(state, reader_id) if reader_id is not None and bundle.reader_ids() else None
    if who is None and bundle.reader_ids():
        who = bundle.layout.readers[0]
    kind = copy_kind(state, who)
    shown = state.shown_answers()
    printable = [name for name, q in bundle.questions.items()
                 if name in shown and not isinstance(q, NoteQuestion)
                 and name not in bundle.instrument_of]
    if who is None:
        measures = tuple(ident for ident, inst in bundle.instruments.items()
                         if any(n in state.answers for n in inst.scoring.items))
        return CopyPlan(None, kind, tuple(printable), (), measures)
    if kind in ("refused", "notice"):
        return CopyPlan(who, kind, (), (), (), who.measures, who.risk)
    held = withheld_questions(state, who)
    mine = [name for name in printable if who.id in bundle.readers_of(name)]
    withheld = tuple(name for name in mine if name in held)
    questions = tuple(name for name in mine if name not in held)
    hidden_sections = withheld_sections(state, who)
    measures = tuple(
        ident for ident, inst in bundle.instruments.items()
        if state.section_visible(bundle.section_of[inst.scoring.items[0]])
        and who.id in bundle.section_readers(bundle.section_of[inst.scoring.items[0]])
        and bundle.section_of[inst.scoring.items[0]] not in hidden_sections
        and any(n in state.answers for n in inst.scoring.items))
    measures_withheld = tuple(
        ident for ident, inst in bundle.instruments.items()
        if bundle.section_of[inst.scoring.items[0]] in hidden_sections
        and any(n in state.answers for n in inst.scoring.items))
    return CopyPlan(who, kind, questions, withheld + measures_withheld, measures,
                    who.measures, who.risk)


def risk_identified(state: InterviewState) -> bool | None:
    """For the court's risk statement: True (identified), False (assessed, not
    identified) or None (not assessed)."""
    summary = state.bundle.layout.risk_summary if state.bundle.layout else None
    if summary is None:
        return None
    if holds(summary.identified_when, state.answers):
        return True
    return False if holds(summary.assessed_when, state.answers) else None


def immediate_actions(state: InterviewState) -> list[Any]:
    """The immediate actions recorded (none: an empty list), for the risk statement."""
    summary = state.bundle.layout.risk_summary
    value = state.answers.get(summary.actions_question)
    values = value if isinstance(value, list) else ([value] if value is not None else [])
    return [v for v in values if v not in summary.no_action_values]


@dataclass(frozen=True)
class CopyContents:
    """What a copy leaves out, in words for the app to show before printing (what it
    holds is read from the copy's own snapshot)."""

    kind: Kind
    refusal: str | None
    not_for_reader: tuple[str, ...]  # answered, but this reader does not see them
    withheld: tuple[str, ...]  # left out at the person's request


def copy_contents(state: InterviewState, reader_id: str | None, lang: str = "en"
                  ) -> CopyContents:
    bundle = state.bundle
    plan = copy_plan(state, reader_id)
    refused = refusal(state, plan.reader, lang) if plan.kind == "refused" else None
    printed = set(plan.questions) | set(plan.withheld)
    others: tuple[str, ...] = ()
    if plan.kind == "full" and plan.reader is not None:
        others = tuple(state.label(name, lang) for name, q in bundle.questions.items()
                       if name in state.shown_answers() and not isinstance(q, NoteQuestion)
                       and name not in bundle.instrument_of and name not in printed)
    withheld = tuple(state.label(n, lang) if n in bundle.questions
                     else bundle.instruments[n].short_title for n in plan.withheld)
    return CopyContents(plan.kind, refused, others, withheld)
