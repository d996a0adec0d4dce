"""The summary card of a copy kept at countersignature before readers' copies existed
(report snapshot schema 1, form version 1).

Such a copy holds its answers only as printed items; the card finds the ones it
needs by the questions the form's layout binds (``kept_card``: each requirement's
recommendation and period, the first appointment and the provider; the roles
``offence`` and ``recommendation_summary``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .answers import long_date
from .bindings import kept_card, role
from .blocks import grid, p
from .card_blocks import STATUS_MARK, brief, criteria_glance
from .layout import Page, both, wording


def _answers(snapshot: dict) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for part in snapshot["parts"] for i in part["items"]}


def kept_card_flowables(snapshot: dict) -> list[Flowable]:
    """The card of a report kept before readers' copies existed (snapshot schema 1)."""
    langs = snapshot["langs"]
    person = snapshot["person"]
    items = _answers(snapshot)
    card = kept_card(snapshot)
    bound = card.requirements if card is not None else {}

    def answer(name: str | None) -> str:
        return both(items[name]["answer"], langs) if name in items else "-"

    out: list[Flowable] = [p(wording("summary_title", langs), "title")]
    who = [[p(wording("name", langs), "cell_bold"), p(person["name"] or "-", "cell")],
           [p(wording("case", langs), "cell_bold"),
            p(f"{person['case_number'] or '-'} · {person['court_name'] or '-'} · "
              f"{long_date(person['hearing_date'] or '', langs[0])}", "cell")]]
    if person["age"] is not None:
        who.append([p(wording("age", langs), "cell_bold"), p(str(person["age"]), "cell")])
    offence = role(snapshot, "offence")
    if offence in items:
        who.append([p(both(items[offence]["label"], langs), "cell_bold"),
                    p(answer(offence), "cell")])
    out.append(grid(who, [50 * mm, Page.frame_width - 50 * mm]))

    out.append(p(wording("proposed", langs), "h1"))
    rows: list[list[Any]] = []
    for req in snapshot["requirements"]:
        binding = bound.get(req["id"])
        period = answer(binding.period if binding else None)
        recommendation = answer(binding.recommendation if binding else None)
        rows.append([p(f"{STATUS_MARK[req['status']]} {both(req['title'], langs)}", "cell_bold"),
                     p(f"{wording('status_' + req['status'], langs)}"
                       + (f" · {recommendation}" if recommendation != "-" else "")
                       + (f" · {period}" if period != "-" else ""), "cell")])
    out.append(grid(rows, [80 * mm, Page.frame_width - 80 * mm]) if rows
               else p(wording("nothing_recorded", langs), "small"))
    summary = role(snapshot, "recommendation_summary")
    if summary in items:
        out.append(Spacer(1, 4))
        out.append(p(brief(answer(summary), langs)))

    out += criteria_glance(snapshot)

    out.append(p(wording("first_appointment", langs), "h1"))
    appointment = " · ".join(answer(n) for n in (card.first_appointment if card else [])
                             if n in items)
    provider = " · ".join(answer(n) for n in (card.provider if card else []) if n in items)
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
