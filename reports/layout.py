"""Page geometry, named styles and the page decoration shared by the report and the card.

Every page carries the protective marking at top and bottom, the person's
name and case number, "Page X of Y", the author and the date, and (until the
assessment is countersigned) a diagonal DRAFT watermark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from . import fonts
from .wording import say

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eeeeee")
ACCENT = colors.HexColor("#1d3557")
ALERT = colors.HexColor("#8b1e1e")
ALERT_RULE = colors.HexColor("#c98c8c")
ALERT_SHADE = colors.HexColor("#fbf1f1")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class Page:
    """A4 portrait, with room for the header and footer."""

    size = A4
    width, height = A4
    margin_left = 20 * mm
    margin_right = 20 * mm
    margin_top = 24 * mm
    margin_bottom = 22 * mm
    frame_width = width - margin_left - margin_right
    frame_height = height - margin_top - margin_bottom


def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.SANS, bulletFontName=fonts.SANS, fontSize=9.5,
                          leading=13, textColor=INK,
                          splitLongWords=True)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=10,
                                textColor=MUTED),
        "body_para": ParagraphStyle("body_para", parent=base, spaceAfter=5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontSize=9, leading=12,
                                    fontName=fonts.SANS_BOLD),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.SANS_BOLD, spaceBefore=5,
                                spaceAfter=1, keepWithNext=True),
        # A label above a long answer (kept with it by a conditional page break instead).
        "label_free": ParagraphStyle("label_free", parent=base, fontName=fonts.SANS_BOLD,
                                     spaceBefore=5, spaceAfter=1),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.SANS_BOLD, fontSize=16,
                                leading=20, textColor=ACCENT, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=14,
                                   textColor=MUTED, spaceAfter=8),
        "subtitle_strong": ParagraphStyle("subtitle_strong", parent=base, fontSize=11.5,
                                          leading=15, fontName=fonts.SANS_BOLD,
                                          textColor=ACCENT, spaceAfter=1),
        "h1": ParagraphStyle("h1", parent=base, fontName=fonts.SANS_BOLD, fontSize=12,
                             leading=16, textColor=ACCENT, spaceBefore=12, spaceAfter=5,
                             keepWithNext=True),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.SANS_BOLD, fontSize=10.5,
                             leading=14, spaceBefore=8, spaceAfter=3, keepWithNext=True),
        "alert": ParagraphStyle("alert", parent=base, fontName=fonts.SANS_BOLD,
                                textColor=ALERT),
        "code": ParagraphStyle("code", parent=base, fontName=fonts.MONO, fontSize=13,
                               leading=17),
        "banner": ParagraphStyle("banner", parent=base, fontName=fonts.SANS_BOLD,
                                 fontSize=10, alignment=TA_CENTER, textColor=ALERT),
    }


def clean(text: str) -> str:
    """Text for a Paragraph: markup escaped, control characters dropped, lines kept."""
    text = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return escape(text).replace("\n", "<br/>")


def both(texts: dict[str, str], langs: list[str], sep: str = " / ") -> str:
    """One text per language, joined when the report is bilingual (and they differ)."""
    values = [texts.get(lang) or texts.get("en", "") for lang in langs]
    unique = list(dict.fromkeys(v for v in values if v))
    return sep.join(unique)


def wording(key: str, langs: list[str], sep: str = " / ", **values: object) -> str:
    return both({lang: say(key, lang, **values) for lang in langs}, langs, sep)


def marking_line(snapshot: dict) -> str:
    """The protective marking in the page's languages ("OFFICIAL-SENSITIVE / SWYDDOGOL-
    SENSITIF" on a bilingual page); a snapshot made before it was per language holds one."""
    marking = snapshot["marking"]
    return both(marking, snapshot["langs"]) if isinstance(marking, dict) else marking


def page_decorator(snapshot: dict, title_key: str = "title"
                   ) -> Callable[[canvas.Canvas, int, int], None]:
    """Draw the marking, header (with the reader the copy is for), footer and watermark."""
    langs = snapshot["langs"]
    person = snapshot["person"]
    marking = marking_line(snapshot)
    reader = snapshot.get("reader")
    header_middle = both(reader["copy_title"], langs) if reader else ""
    approved = snapshot["assessment"]["approved"]
    amended = bool(snapshot["assessment"].get("amendment_reason"))
    author = snapshot["signatures"].get("assessor") or "-"
    generated = snapshot["generated_at"][:16].replace("T", " ")
    header_left = _CONTROL.sub("", person.get("name") or "")
    header_right = f"{wording('case', langs)}: {person.get('case_number') or '-'}"

    def decorate(c: canvas.Canvas, page: int, pages: int) -> None:
        c.saveState()
        top = Page.height - 11 * mm
        c.setFillColor(INK)
        c.setFont(fonts.SANS_BOLD, 9)
        c.drawCentredString(Page.width / 2, top, marking)
        c.drawCentredString(Page.width / 2, 8 * mm, marking)
        c.setFont(fonts.SANS, 8)
        c.setFillColor(MUTED)
        c.drawString(Page.margin_left, top - 5 * mm, _fit(c, header_left, 58 * mm))
        c.drawRightString(Page.width - Page.margin_right, top - 5 * mm,
                          _fit(c, header_right, 50 * mm))
        if header_middle:
            c.setFont(fonts.SANS_BOLD, 8)
            c.setFillColor(ACCENT)
            c.drawCentredString(Page.width / 2, top - 5 * mm, _fit(c, header_middle, 60 * mm))
            c.setFont(fonts.SANS, 8)
            c.setFillColor(MUTED)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(Page.margin_left, top - 7 * mm, Page.width - Page.margin_right, top - 7 * mm)
        bottom = 14 * mm
        c.line(Page.margin_left, bottom + 4 * mm, Page.width - Page.margin_right,
               bottom + 4 * mm)
        c.drawString(Page.margin_left, bottom,
                     _fit(c, f"{wording('author', langs)}: {author} · "
                             f"{wording('generated', langs)}: {generated}", 110 * mm))
        c.drawRightString(Page.width - Page.margin_right, bottom,
                          wording("page_of", langs, page=page, pages=pages))
        if not approved or amended:
            word = wording("draft" if not approved else "amended", langs, sep=" · ")
            c.setFillColor(colors.Color(0.55, 0.1, 0.1, alpha=0.13))
            c.setFont(fonts.SANS_BOLD, 96 if len(word) < 10 else 60)
            c.translate(Page.width / 2, Page.height / 2)
            c.rotate(45)
            c.drawCentredString(0, -30, word)
        c.restoreState()

    return decorate


def _fit(c: canvas.Canvas, text: str, width: float) -> str:
    """Shorten a header or footer line to fit, with an ellipsis (the longest start that
    fits, found by halving: a 400-character name takes a few measurements, not 400)."""
    font, size = c._fontname, c._fontsize
    if c.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if c.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


class NumberedCanvas(canvas.Canvas):
    """A canvas that knows the page count when it decorates each page ("Page X of Y")."""

    decorate: Callable[[canvas.Canvas, int, int], None] = staticmethod(lambda c, p, n: None)

    def __init__(self, *args, **kwargs):
        # Start every page in DejaVu, so that no standard (unembedded) font is referenced.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.SANS
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.decorate(self, number, total)
            super().showPage()
        super().save()


def canvas_for(decorate: Callable[[canvas.Canvas, int, int], None]) -> type[NumberedCanvas]:
    return type("DecoratedCanvas", (NumberedCanvas,), {"decorate": staticmethod(decorate)})
