"""A one-page summary card for the officer who speaks to the court."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .court_report import grid, p, render
from .layout import Page, both, wording
from .snapshot import long_date

STATUS_MARK = {"eligible": "✔", "not_eligible": "✘", "incomplete": "?"}


def _answers(snapshot: dict) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for part in snapshot["parts"] for i in part["items"]}


# The card is one page: a long answer is cut here, and read in full in the report.
BRIEF_CHARACTERS = 700
BRIEF_LINES = 8


def brief(text: str, langs: list[str]) -> str:
    """A long answer's start, saying where the rest is."""
    lines = text.splitlines()
    if len(text) <= BRIEF_CHARACTERS and len(lines) <= BRIEF_LINES:
        return text
    cut = "\n".join(lines[:BRIEF_LINES])[:BRIEF_CHARACTERS]
    cut = cut.rsplit(" ", 1)[0] if " " in cut[-40:] else cut
    return f"{cut.rstrip()}… ({wording('continued_in_report', langs)})"


def card_flowables(snapshot: dict) -> list[Flowable]:
    langs = snapshot["langs"]
    person = snapshot["person"]
    items = _answers(snapshot)

    def answer(name: str) -> str:
        return both(items[name]["answer"], langs) if name in items else "-"

    out: list[Flowable] = [p(wording("summary_title", langs), "title")]
    who = [[p(wording("name", langs), "cell_bold"), p(person["name"] or "-", "cell")],
           [p(wording("case", langs), "cell_bold"),
            p(f"{person['case_number'] or '-'} · {person['court_name'] or '-'} · "
              f"{long_date(person['hearing_date'] or '', langs[0])}", "cell")]]
    if person["age"] is not None:
        who.append([p(wording("age", langs), "cell_bold"), p(str(person["age"]), "cell")])
    if "offence_main" in items:
        who.append([p(both(items["offence_main"]["label"], langs), "cell_bold"),
                    p(answer("offence_main"), "cell")])
    out.append(grid(who, [50 * mm, Page.frame_width - 50 * mm]))

    out.append(p(wording("proposed", langs), "h1"))
    rows: list[list[Any]] = []
    for req in snapshot["requirements"]:
        period = answer(f"{req['id']}_period_months")
        recommendation = answer(f"recommendation_{req['id']}")
        rows.append([p(f"{STATUS_MARK[req['status']]} {both(req['title'], langs)}", "cell_bold"),
                     p(f"{wording('status_' + req['status'], langs)}"
                       + (f" · {recommendation}" if recommendation != "-" else "")
                       + (f" · {period}" if period != "-" else ""), "cell")])
    out.append(grid(rows, [80 * mm, Page.frame_width - 80 * mm]) if rows
               else p(wording("nothing_recorded", langs), "small"))
    if "recommendation_summary" in items:
        out.append(Spacer(1, 4))
        out.append(p(brief(answer("recommendation_summary"), langs)))

    out.append(p(wording("criteria_glance", langs), "h1"))
    glance: list[list[Any]] = []
    for req in snapshot["requirements"]:
        open_or_unmet = [c for c in snapshot["gates"] + req["criteria"] if c["met"] is not True]
        detail = "; ".join(
            f"{wording('not_met' if c['met'] is False else 'open', langs)}: "
            f"{both(c['label'], langs)}" for c in open_or_unmet) or wording("status_eligible",
                                                                            langs)
        glance.append([p(req["id"].upper(), "cell_bold"), p(detail, "cell")])
    if glance:
        out.append(grid(glance, [20 * mm, Page.frame_width - 20 * mm]))

    out.append(p(wording("first_appointment", langs), "h1"))
    appointment = " · ".join(answer(n) for n in ("first_appointment_date",
                                                 "first_appointment_time",
                                                 "first_appointment_place") if n in items)
    provider = " · ".join(answer(n) for n in ("provider_name", "treatment_director_name")
                          if n in items)
    out.append(p(appointment or wording("nothing_recorded", langs)))
    if provider:
        out.append(p(provider, "small"))
    notes = [both(a, langs) for a in snapshot["alerts"]] + [both(f, langs)
                                                           for f in snapshot["flags"]]
    if notes:
        out.append(p(wording("flags", langs), "h1"))
        out += [p("• " + n) for n in notes]
    out.append(Spacer(1, 6))
    sig = snapshot["signatures"]
    out.append(p(f"{wording('countersigned', langs)}: {sig['countersigned_by']}"
                 if sig["countersigned_by"] else wording("not_countersigned", langs),
                 "small" if sig["countersigned_by"] else "alert"))
    return out


def render_card(snapshot: dict) -> bytes:
    return render(snapshot, card_flowables(snapshot))
