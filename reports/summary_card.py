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

from .court_report import grid, notice_story, p, render
from .layout import Page, both, wording
from .snapshot import long_date

STATUS_MARK = {"eligible": "✔", "not_eligible": "✘", "incomplete": "?", "not_assessed": "–"}

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
    if snapshot["schema"].endswith("/1"):
        return legacy_card_flowables(snapshot)
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


def _answers(snapshot: dict) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for part in snapshot["parts"] for i in part["items"]}


def legacy_card_flowables(snapshot: dict) -> list[Flowable]:
    """The card of a report kept before readers' copies existed (snapshot schema 1)."""
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
