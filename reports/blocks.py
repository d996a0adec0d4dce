"""The building blocks of a report page: a paragraph, a grid, a long answer that flows
across pages, a boxed notice, and a list of answers laid out as a table."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from . import fonts
from .layout import ACCENT, ALERT_RULE, ALERT_SHADE, RULE, SHADE, Page, both, clean, styles, wording
from .text_block import TextBlock

S = styles()

# A reason longer than this is printed under the table, not in its cell.
CELL_LIMIT = 400


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


def boxed(flowables: list[Flowable]) -> Table:
    return Table([[flowables]], colWidths=[Page.frame_width], hAlign="LEFT",
                 style=[("FONT", (0, 0), (-1, -1), fonts.SANS),
                        ("BOX", (0, 0), (-1, -1), 0.8, ALERT_RULE),
                        ("BACKGROUND", (0, 0), (-1, -1), ALERT_SHADE),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                        ("TOPPADDING", (0, 0), (-1, -1), 4),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
