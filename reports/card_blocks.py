"""What both summary cards share: the status marks, a long answer cut short, and the
criteria at a glance."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .blocks import grid, p
from .layout import Page, both, wording

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


def criteria_glance(snapshot: dict) -> list[Flowable]:
    """Each requirement considered, with the gates and criteria not met or still open."""
    langs = snapshot["langs"]
    out: list[Flowable] = [p(wording("criteria_glance", langs), "h1")]
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
    return out
