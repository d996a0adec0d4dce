"""The court report: a snapshot laid out as a PDF (reportlab platypus)."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import fonts
from .layout import (
    ACCENT,
    ALERT_RULE,
    ALERT_SHADE,
    RULE,
    SHADE,
    Page,
    both,
    canvas_for,
    clean,
    marking_line,
    page_decorator,
    styles,
    wording,
)
from .snapshot import long_date, verification_code
from .text_block import TextBlock
from .wording import say

S = styles()


def grid(rows: list[list[Any]], widths: list[float], header: bool = False) -> Table:
    # splitInRow=0: a row moves whole to the next page, never half on each.
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT",
                  splitInRow=0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), fonts.SANS),
             ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    table.setStyle(TableStyle(style))
    return table


def p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(clean(text), S[style])


def long_text(text: str, label: str | None = None, style: str = "body") -> list[Flowable]:
    """A long answer as lines that flow across pages (never one table cell), under its
    label. The label starts a new page only when fewer than three lines would follow it
    on this one: keeping it with the whole answer would leave most of a page blank."""
    block = TextBlock(text, S[style])
    if label is None:
        return [block]
    heading = S["label"]
    return [CondPageBreak(heading.leading + heading.spaceBefore + 3 * S[style].leading),
            Paragraph(clean(label), S["label_free"]), block]


# A reason longer than this is printed under the table, not in its cell.
CELL_LIMIT = 400


def items_flowables(items: list[dict], langs: list[str]) -> list[Flowable]:
    """Short answers as a two-column table; narrative as paragraphs that flow across pages."""
    out: list[Flowable] = []
    short: list[list[Any]] = []

    def flush() -> None:
        if short:
            out.append(grid(list(short), [62 * mm, Page.frame_width - 62 * mm]))
            short.clear()

    for item in items:
        label = both(item["label"], langs)
        answer = both(item["answer"], langs)
        if item["long"] or len(answer) > 160:
            flush()
            out.extend(long_text(answer, label))
        else:
            short.append([p(label, "cell_bold"), p(answer, "cell")])
    flush()
    return out


def nothing(langs: list[str]) -> Paragraph:
    return p(wording("nothing_recorded", langs), "small")


def measures_flowables(snapshot: dict) -> list[Flowable]:
    langs = snapshot["langs"]
    band = "band_caveat" if snapshot.get("caveat") else "band"
    detail = "notes" if snapshot.get("measure_detail") == "totals" else "key_items"
    rows: list[list[Any]] = [[p(wording(k, langs), "cell_bold")
                              for k in ("instrument", "score", band, detail)]]
    notes: list[Flowable] = []
    for m in snapshot["measures"]:
        score = f"{m['total']} / {m['max']}" if m["complete"] else wording("incomplete", langs)
        name = m["short_title"]
        if m.get("subject"):
            name += f" ({both(m['subject'], langs)})"
        if m.get("version"):
            name += f"\n{both(m['version'], langs)}"
        elif m["variant"]:
            name += f" ({m['variant'].upper()})"
        keys = [(f"{wording('item', langs)} {k['item']}" if k.get("item")
                 else both(k["label"], langs)) + f": {both(k['answer'], langs)}"
                for k in m["key_items"]]
        keys += [f"{both(s['label'], langs)}: {s['value']}" for s in m["subscores"]
                 if s["value"] is not None]
        if m.get("asked_in"):
            keys.append(both(m["asked_in"], langs))
        rows.append([p(name, "cell_bold"), p(score, "cell"),
                     p(both(m["band"], langs) if m["band"] else "-", "cell"),
                     p("\n".join(keys) or "-", "cell")])
        note = f"{m['short_title']}: {m['attribution']}"
        if m["translation_note"]:
            note += " " + both(m["translation_note"], langs)
        notes.append(p(note, "small"))
    if len(rows) == 1:
        return [nothing(langs)]
    out: list[Flowable] = [grid(rows, [34 * mm, 20 * mm, 46 * mm, Page.frame_width - 100 * mm],
                                header=True), Spacer(1, 3)]
    if snapshot.get("caveat"):
        out.append(p(both(snapshot["caveat"], langs), "cell_bold"))
        out.append(Spacer(1, 2))
    out += notes
    if snapshot["alerts"]:
        out.append(p(wording("alerts", langs), "h2"))
        out += [p(both(a, langs), "alert") for a in snapshot["alerts"]]
    return out


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


def opinion_flowables(snapshot: dict, items: list[dict]) -> list[Flowable]:
    """The gates once, then one subsection per requirement considered."""
    langs = snapshot["langs"]
    tabled = set(snapshot["criteria_questions"])
    out = items_flowables([i for i in items if i["section"] == "requirements"], langs)
    out.append(KeepTogether([p(wording("gates", langs), "h2"),
                             *criteria_table(snapshot["gates"], langs)]))
    for req in snapshot["requirements"]:
        details = [i for i in items if i["section"] == f"{req['id']}_criteria"
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


class QrCode(Flowable):
    """A QR code drawn module by module: no graphics state, so no font is referenced."""

    def __init__(self, text: str, size: float = 28 * mm, border: int = 2):
        super().__init__()
        # Only a countersigned report has a code: reportlab's barcode package (most of
        # reportlab.graphics) loads only then.
        from reportlab.graphics.barcode import qrencoder

        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(text)
        code.make()
        self.modules = [[bool(cell) for cell in row] for row in code.modules]
        self.size = size
        self.border = border

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        cell = self.size / (count + 2 * self.border)
        self.canv.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(self.modules):
            for c, dark in enumerate(row):
                if dark:
                    x = (c + self.border) * cell
                    y = self.size - (r + 1 + self.border) * cell
                    self.canv.rect(x, y, cell, cell, stroke=0, fill=1)


def _who(name: str | None, *details: str | None) -> str:
    return ", ".join(x for x in (name, *details) if x) or "-"


def signatures_flowables(snapshot: dict) -> list[Flowable]:
    langs = snapshot["langs"]
    sig = snapshot["signatures"]
    rows = [[p(wording("assessor", langs), "cell_bold"),
             p(_who(sig["assessor"], sig.get("assessor_role"),
                    sig.get("assessor_registration")), "cell")]]
    if sig.get("assessor_supervisor"):
        rows.append([p(wording("supervisor", langs), "cell_bold"),
                     p(sig["assessor_supervisor"], "cell")])
    out: list[Flowable] = []
    if sig["countersigned_by"]:
        at = sig["countersigned_at"] or ""
        when = f"{long_date(at[:10], langs[0])} {at[11:16]}" if at else ""
        rows.append([p(wording("countersigned", langs), "cell_bold"),
                     p(_who(sig["countersigned_by"], sig.get("countersigner_role"),
                            when.strip() or None), "cell")])
        trail = sig.get("audit")
        if trail:
            rows.append([p(wording("audit_trail", langs), "cell_bold"),
                         p(wording("audit_entries", langs, n=trail["entries"],
                                   head=trail["head"][:8]), "cell")])
        out.append(grid(rows, [62 * mm, Page.frame_width - 62 * mm]))
        code = verification_code(snapshot)
        out.append(Spacer(1, 6))
        info = [p(wording("verification", langs), "h2"), p(code, "code"),
                p(wording("verification_help", langs), "small")]
        out.append(Table([[info, QrCode(code)]], colWidths=[Page.frame_width - 34 * mm, 34 * mm],
                         style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("FONT", (0, 0), (-1, -1), fonts.SANS)], hAlign="LEFT"))
    else:
        out.append(grid(rows, [62 * mm, Page.frame_width - 62 * mm]))
        out.append(Spacer(1, 4))
        out.append(p(wording("not_countersigned", langs), "alert"))
    return out


# How a part of a snapshot made before layouts (schema 1) is laid out, by its key.
_LEGACY_KINDS = {"s_identifiers": "identifiers", "s_measures": "measures",
                 "s_opinion": "opinion"}


def _part_title(part: dict, langs: list[str]) -> str:
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


def boxed(flowables: list[Flowable]) -> Table:
    return Table([[flowables]], colWidths=[Page.frame_width], hAlign="LEFT",
                 style=[("FONT", (0, 0), (-1, -1), fonts.SANS),
                        ("BOX", (0, 0), (-1, -1), 0.8, ALERT_RULE),
                        ("BACKGROUND", (0, 0), (-1, -1), ALERT_SHADE),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                        ("TOPPADDING", (0, 0), (-1, -1), 4),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])


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
                out.append(p(_part_title(part, langs), "h2"))
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


def story(snapshot: dict) -> list[Flowable]:
    if snapshot.get("copy") in ("notice", "declined"):
        return notice_story(snapshot)
    langs = snapshot["langs"]
    out = header_flowables(snapshot)
    for number, part in enumerate(snapshot["parts"], start=1):
        kind = part.get("kind") or _LEGACY_KINDS.get(part["key"], "items")
        out.append(p(f"{number}. {_part_title(part, langs)}", "h1"))
        if kind == "identifiers":
            out += items_flowables(identity_rows(snapshot) + part["items"], langs)
        elif kind == "measures":
            out += measures_flowables(snapshot)
        elif kind == "opinion":
            out += opinion_flowables(snapshot, part["items"])
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
