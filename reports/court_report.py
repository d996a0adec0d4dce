"""The court report: a snapshot laid out as a PDF (reportlab platypus).

Each part of the layout is laid out by its kind: the identifiers, the answers of
its sections, the measures (:mod:`reports.measure_table`), the risk statement,
the opinion and the arrangements (:mod:`reports.opinion`); then the signatures
(:mod:`reports.signatures`) and who the copy is for. A copy with no assessment in
it is a notice (:mod:`reports.notice`).
"""

from __future__ import annotations

import io

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .blocks import items_flowables, nothing, p
from .header import header_flowables, identity_rows, part_title
from .layout import Page, both, canvas_for, marking_line, page_decorator, wording
from .measure_table import measures_flowables
from .notice import notice_story
from .opinion import arrangements_flowables, opinion_flowables
from .signatures import signatures_flowables
from .wording import say

# How a part of a snapshot made before layouts (schema 1) is laid out, by its key.
_LEGACY_KINDS = {"s_identifiers": "identifiers", "s_measures": "measures",
                 "s_opinion": "opinion"}


def story(snapshot: dict) -> list[Flowable]:
    if snapshot.get("copy") in ("notice", "declined"):
        return notice_story(snapshot)
    langs = snapshot["langs"]
    out = header_flowables(snapshot)
    for number, part in enumerate(snapshot["parts"], start=1):
        kind = part.get("kind") or _LEGACY_KINDS.get(part["key"], "items")
        out.append(p(f"{number}. {part_title(part, langs)}", "h1"))
        if kind == "identifiers":
            out += items_flowables(identity_rows(snapshot) + part["items"], langs)
        elif kind == "measures":
            out += measures_flowables(snapshot)
        elif kind == "opinion":
            out += opinion_flowables(snapshot, part)
        elif kind == "arrangements":
            out += arrangements_flowables(snapshot, part["items"])
        elif kind == "risk" and snapshot.get("risk_statement"):
            out.append(p(both(snapshot["risk_statement"], langs)))
        else:
            out += items_flowables(part["items"], langs) or [nothing(langs)]
    number = len(snapshot["parts"])
    out.append(p(f"{number + 1}. {wording('s_signatures', langs)}", "h1"))
    out += signatures_flowables(snapshot)
    out.append(p(f"{number + 2}. {wording('s_distribution', langs)}", "h1"))
    reader = snapshot.get("reader")
    if reader:
        for lang in langs:
            out.append(p(f"{say('this_copy', lang, reader=reader['label'][lang])} "
                         f"{reader['description'][lang]}", "body_para"))
    else:
        out.append(p(wording("distribution_text", langs, sep="\n")))
    return out


def render(snapshot: dict, flowables: list[Flowable] | None = None) -> bytes:
    """The PDF bytes of a snapshot (the court report, or other flowables in its pages)."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=Page.size, leftMargin=Page.margin_left,
        rightMargin=Page.margin_right, topMargin=Page.margin_top,
        bottomMargin=Page.margin_bottom, title=wording("title", snapshot["langs"]),
        author=snapshot["signatures"].get("assessor") or "",
        subject=marking_line(snapshot),
        creator="CSTR Court Day")
    frame = Frame(Page.margin_left, Page.margin_bottom, Page.frame_width, Page.frame_height,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(flowables if flowables is not None else story(snapshot),
              canvasmaker=canvas_for(page_decorator(snapshot)))
    return buffer.getvalue()


__all__ = ["render", "story"]
