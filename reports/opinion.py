"""The opinion against the statutory criteria (the gates once, then each requirement
considered, with its own criteria) and the arrangements for each requirement."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from .bindings import requirement_sections
from .blocks import CELL_LIMIT, grid, items_flowables, long_text, nothing, p
from .layout import Page, both, wording


def criteria_table(criteria: list[dict], langs: list[str]) -> list[Flowable]:
    """The criteria as a table; a long reason is printed under it, where it can flow
    across pages, and its cell says so."""
    marks = {True: "met", False: "not_met", None: "open"}
    rows: list[list[Any]] = [[p(wording(k, langs), "cell_bold")
                              for k in ("criterion", "finding", "assessor_reasons")]]
    below: list[Flowable] = []
    for c in criteria:
        # The finding column already says "Not answered"; a reason is printed when the
        # assessor gave one, or to say why an unmet criterion matters.
        reason = c["assessor_reason"] or (both(c["reason"], langs) if c["met"] is False
                                          else "")
        label = both(c["label"], langs)
        if len(reason) > CELL_LIMIT or reason.count("\n") > 8:
            below.extend(long_text(reason, f"{wording('assessor_reasons', langs)}: {label}"))
            reason = wording("reason_below", langs)
        rows.append([p(label, "cell"),
                     p(wording(marks[c["met"]], langs),
                       "cell_bold" if c["met"] is not True else "cell"),
                     p(reason, "cell")])
    return [grid(rows, [72 * mm, 28 * mm, Page.frame_width - 100 * mm], header=True), *below]


def opinion_flowables(snapshot: dict, part: dict) -> list[Flowable]:
    """The answers of the part's sections that belong to no one requirement, the gates
    once, then one subsection per requirement considered, with the answers of its own
    criteria section (the layout's ``requirement_sections``) not already in its table."""
    langs = snapshot["langs"]
    items = part["items"]
    tabled = set(snapshot["criteria_questions"])
    own = requirement_sections(snapshot, part["key"])
    out = items_flowables([i for i in items if i["section"] not in own.values()], langs)
    out.append(KeepTogether([p(wording("gates", langs), "h2"),
                             *criteria_table(snapshot["gates"], langs)]))
    for req in snapshot["requirements"]:
        details = [i for i in items if i["section"] == own.get(req["id"])
                   and i["name"] not in tabled]
        # Kept on one page where it fits; KeepTogether splits it when it cannot.
        out.append(KeepTogether([
            p(both(req["title"], langs), "h2"),
            p(f"{both(req['statute'], langs)} · {wording('status_' + req['status'], langs)}",
              "small"),
            *criteria_table(req["criteria"], langs), *items_flowables(details, langs)]))
    if snapshot["flags"]:
        out.append(p(wording("flags", langs), "h2"))
        out += [p("• " + both(f, langs)) for f in snapshot["flags"]]
    return out


def arrangements_flowables(snapshot: dict, items: list[dict]) -> list[Flowable]:
    """One subsection per requirement considered, then the plan they share."""
    langs = snapshot["langs"]
    out: list[Flowable] = []
    own = set()
    for req in snapshot["requirements"]:
        own |= {i["name"] for i in req.get("arrangements", [])}
        out.append(p(both(req["title"], langs), "h2"))
        out += items_flowables(req.get("arrangements", []), langs) or [
            p(wording("arrangements_none", langs), "small")]
    rest = [i for i in items if i["name"] not in own]
    return out + items_flowables(rest, langs) if (out or rest) else [nothing(langs)]
