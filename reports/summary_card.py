"""A one-page summary card for the officer who speaks to the court.

Made from the same snapshot as the reader's copy: for the court, a notice when
the person did not agree to share (or declined the assessment), otherwise what
the recommendation section recommends, the criteria at a glance, the first
appointments and any warning still open.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .answers import long_date
from .blocks import grid, p
from .card_blocks import STATUS_MARK, brief, criteria_glance
from .court_report import render
from .kept_card import kept_card_flowables
from .layout import Page, both, wording
from .notice import notice_story


def card_flowables(snapshot: dict) -> list[Flowable]:
    if snapshot["schema"].endswith("/1"):
        return kept_card_flowables(snapshot)
    if snapshot.get("copy") in ("notice", "declined"):
        return notice_story(snapshot)
    langs = snapshot["langs"]
    out: list[Flowable] = [p(wording("summary_title", langs), "title")]
    if snapshot.get("reader"):
        out.append(p(both(snapshot["reader"]["copy_title"], langs), "subtitle_strong"))
    out.append(grid(_who(snapshot), [50 * mm, Page.frame_width - 50 * mm]))

    out.append(p(wording("recommended", langs), "h1"))
    recommended, others = [], []
    for req in snapshot["requirements"]:
        advice = req.get("recommendation")
        if advice is None:  # no recommendation question: the criteria say what is possible
            recommended.append([p(f"{STATUS_MARK[req['status']]} {both(req['title'], langs)}",
                                  "cell_bold"),
                                p(wording("status_" + req["status"], langs), "cell")])
        elif advice["recommended"]:
            detail = [both(advice["text"], langs)] + (
                [both(req["period"], langs)] if req.get("period") else [])
            recommended.append([p(f"✔ {both(req['title'], langs)}", "cell_bold"),
                                p(" · ".join(detail), "cell")])
        else:
            others.append(f"{req['id'].upper()} ({both(advice['text'], langs)})"
                          if advice["text"] else req["id"].upper())
    out.append(grid(recommended, [80 * mm, Page.frame_width - 80 * mm]) if recommended
               else p(wording("nothing_recommended", langs)))
    if others:
        out.append(p(f"{wording('not_recommended', langs)}: {', '.join(others)}", "small"))
    summary = _recommendation_summary(snapshot)
    if summary:
        out.append(Spacer(1, 4))
        out.append(p(brief(summary, langs)))

    out += criteria_glance(snapshot)

    appointments = [[p(req["id"].upper(), "cell_bold"),
                     p(both(req["first_appointment"], langs), "cell")]
                    for req in snapshot["requirements"] if req.get("first_appointment")]
    out.append(p(wording("first_appointment", langs), "h1"))
    out.append(grid(appointments, [20 * mm, Page.frame_width - 20 * mm]) if appointments
               else p(wording("nothing_recorded", langs)))

    if snapshot.get("warnings"):
        out.append(p(wording("open_warnings", langs), "h1"))
        out += [p("• " + both(w, langs), "alert") for w in snapshot["warnings"]]
    notes = ([both(snapshot["risk_statement"], langs)] if snapshot.get("risk_statement")
             else []) + [both(a, langs) for a in snapshot["alerts"]] + [
        both(f, langs) for f in snapshot["flags"]]
    if notes:
        out.append(p(wording("flags", langs), "h1"))
        out += [p("• " + n) for n in notes]
    out.append(Spacer(1, 6))
    out.append(_countersigned(snapshot))
    return out


def _who(snapshot: dict) -> list[list[Any]]:
    langs = snapshot["langs"]
    person = snapshot["person"]
    rows = [[p(wording("name", langs), "cell_bold"), p(person["name"] or "-", "cell")],
            [p(wording("case", langs), "cell_bold"),
             p(f"{person['case_number'] or '-'} · {person['court_name'] or '-'} · "
               f"{long_date(person['hearing_date'] or '', langs[0])}", "cell")]]
    if person["age"] is not None:
        rows.append([p(wording("age", langs), "cell_bold"), p(str(person["age"]), "cell")])
    if person.get("age_at_conviction") is not None:
        rows.append([p(wording("age_convicted", langs), "cell_bold"),
                     p(str(person["age_at_conviction"]), "cell")])
    if person.get("offence"):
        rows.append([p(wording("offence", langs), "cell_bold"),
                     p(both(person["offence"], langs), "cell")])
    return rows


def _recommendation_summary(snapshot: dict) -> str | None:
    """The assessor's recommendation to the court, in their words."""
    summary = snapshot.get("recommendation_summary")
    return both(summary, snapshot["langs"]) if summary else None


def _countersigned(snapshot: dict) -> Flowable:
    langs = snapshot["langs"]
    sig = snapshot["signatures"]
    if sig["countersigned_by"]:
        return p(f"{wording('countersigned', langs)}: {sig['countersigned_by']}", "small")
    return p(wording("not_countersigned", langs), "alert")


def render_card(snapshot: dict) -> bytes:
    return render(snapshot, card_flowables(snapshot))
