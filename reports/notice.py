"""A copy with no assessment in it: the court's notice that the assessment cannot be
shared with it, or the copy of an assessment the person declined."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from .answers import long_date
from .blocks import items_flowables, p
from .header import header_flowables, identity_rows, part_title
from .layout import wording
from .signatures import signatures_flowables


def notice_story(snapshot: dict) -> list[Flowable]:
    """A copy with no assessment in it: the court's notice, or a declined assessment."""
    langs = snapshot["langs"]
    declined = snapshot["copy"] == "declined"
    out = header_flowables(snapshot)
    out.append(p(wording("declined_title" if declined else "notice_title", langs), "h1"))
    for lang in langs:  # a paragraph per language: long text does not read well joined
        out.append(p(snapshot["notice"][lang], "body_para"))
    out.append(Spacer(1, 6))
    if declined:
        for part in snapshot["parts"]:
            items = part["items"]
            if part.get("kind") == "identifiers":
                items = identity_rows(snapshot) + items
            if items:
                out.append(p(part_title(part, langs), "h2"))
                out += items_flowables(items, langs)
    else:
        person = snapshot["person"]
        rows = identity_rows(snapshot)[:1] + [
            {"name": k, "label": {lg: wording(k, [lg]) for lg in langs}, "long": False,
             "answer": {lg: v for lg in langs}}
            for k, v in (("case", person.get("case_number") or "-"),
                         ("court", person.get("court_name") or "-"))] + [
            {"name": "hearing", "label": {lg: wording("hearing", [lg]) for lg in langs},
             "long": False, "answer": {lg: long_date(person.get("hearing_date") or "", lg) or "-"
                                       for lg in langs}}]
        out += items_flowables(rows, langs)
    out.append(p(wording("s_signatures", langs), "h1"))
    out += signatures_flowables(snapshot)
    return out
