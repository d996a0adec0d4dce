"""The head of a copy: its title, the reader it is for, what to know before reading it,
and the person's name and age lines that open the identifiers."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from .blocks import boxed, p
from .layout import both, wording


def part_title(part: dict, langs: list[str]) -> str:
    return both(part["title"], langs) if part.get("title") else wording(part["key"], langs)


def identity_rows(snapshot: dict) -> list[dict]:
    """The name and age lines that head the identifiers."""
    langs = snapshot["langs"]
    person = snapshot["person"]

    def row(key: str, value: str) -> dict:
        return {"name": key, "label": {lg: wording(key, [lg]) for lg in langs}, "long": False,
                "answer": {lg: value for lg in langs}}

    head = [row("name", person["name"] or "-")]
    if person["age"] is not None:
        head.append(row("age", str(person["age"])))
    if person.get("age_at_conviction") is not None:
        head.append(row("age_convicted", str(person["age_at_conviction"])))
    return head


def header_flowables(snapshot: dict) -> list[Flowable]:
    """The title, the reader this copy is for, and what to know before reading it."""
    langs = snapshot["langs"]
    out: list[Flowable] = [p(wording("title", langs, sep="\n"), "title")]
    reader = snapshot.get("reader")
    if reader:
        out.append(p(both(reader["copy_title"], langs), "subtitle_strong"))
        if snapshot.get("copy") == "full":
            out.append(p(both(reader["description"], langs, sep="\n"), "subtitle"))
        else:
            out.append(Spacer(1, 6))
    else:
        out.append(p(wording("subtitle", langs), "subtitle"))
    reason = snapshot["assessment"].get("amendment_reason")
    if reason:
        out.append(p(f"{wording('amendment', langs)}: {reason}", "alert"))
    if snapshot.get("warnings"):
        box = [p(wording("open_warnings", langs), "cell_bold")]
        box += [p("• " + both(w, langs), "cell") for w in snapshot["warnings"]]
        out.append(boxed(box))
    if snapshot.get("withheld"):
        out.append(p(wording("withheld", langs), "cell_bold"))
    out.append(p(wording("read_note", langs), "small"))
    return out
