"""The steering group's monthly report: a PDF of the figures, their formulas, the charts
and a commentary box, in English, Welsh or both (one after the other).

Small numbers are suppressed (counts from 1 to 4 shown as "<5"): the report leaves the
building. Every page carries the protective marking at its head and foot and "Page X of
Y"; the DejaVu fonts are embedded (central's own copy, central/fonts/).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from central import charts
from central.dashboard_data import Dashboard
from central.local_time import when
from central.text import translate

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
CONTENT_W = PAGE_W - 2 * MARGIN
INK, MUTED, LINE, WASH = (colors.HexColor("#0b0c0c"), colors.HexColor("#484949"),
                          colors.HexColor("#b1b4b6"), colors.HexColor("#f3f2f1"))
BRAND = colors.HexColor("#1d3557")
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
FONT = ("FONT", (0, 0), (-1, -1), charts.SANS, 8)  # a table's own font: not Helvetica
MARKINGS_CY = {"OFFICIAL": "SWYDDOGOL", "OFFICIAL-SENSITIVE": "SWYDDOGOL-SENSITIF"}


def _styles() -> dict[str, ParagraphStyle]:
    charts.register_fonts()
    base = ParagraphStyle("body", fontName=charts.SANS, fontSize=9, leading=12,
                          textColor=INK)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=charts.BOLD, fontSize=18, leading=22,
                                textColor=BRAND, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=12, leading=16, spaceAfter=6),
        "h2": ParagraphStyle("h2", base, fontName=charts.BOLD, fontSize=12.5, leading=16,
                             textColor=BRAND, spaceBefore=10, spaceAfter=4),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=charts.BOLD, fontSize=8.5,
                                    leading=11),
        "figure": ParagraphStyle("figure", base, fontName=charts.BOLD, fontSize=11,
                                 leading=13),
        "head": ParagraphStyle("head", base, fontName=charts.BOLD, fontSize=7.5, leading=9.5,
                               textColor=colors.white),
        "marking": ParagraphStyle("marking", base, fontName=charts.BOLD, fontSize=9,
                                  alignment=TA_CENTER),
    }


def marking_text(marking: str, langs: list[str]) -> str:
    words = [marking] + ([MARKINGS_CY.get(marking, marking)] if "cy" in langs else [])
    if langs == ["cy"]:
        words = words[1:]
    return " / ".join(dict.fromkeys(words))


class _NumberedCanvas(pdf_canvas.Canvas):
    """Keeps every page until the end, then writes "Page X of Y" on each."""

    header: tuple[str, str, str, str] = ("", "", "", "")
    page_words: str = "Page {page} of {pages}"

    def __init__(self, *args, **kwargs) -> None:
        kwargs["initialFontName"] = charts.SANS  # no Helvetica: every font embedded
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        marking, left, right, made = self.header
        self.saveState()
        self.setFillColor(INK)
        self.setFont(charts.BOLD, 9)
        self.drawCentredString(PAGE_W / 2, PAGE_H - 9 * mm, marking)
        self.drawCentredString(PAGE_W / 2, 7 * mm, marking)
        self.setFont(charts.SANS, 7.5)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, PAGE_H - 13.5 * mm, left)
        self.drawRightString(PAGE_W - MARGIN, PAGE_H - 13.5 * mm, right)
        self.drawString(MARGIN, 11.5 * mm, made)
        self.drawRightString(PAGE_W - MARGIN, 11.5 * mm,
                             self.page_words.format(page=self._pageNumber, pages=total))
        self.setStrokeColor(LINE)
        self.setLineWidth(0.5)
        self.line(MARGIN, PAGE_H - 15 * mm, PAGE_W - MARGIN, PAGE_H - 15 * mm)
        self.line(MARGIN, 14 * mm, PAGE_W - MARGIN, 14 * mm)
        self.restoreState()


class _Commentary(Flowable):
    """A framed box: the commentary given, or ruled lines to write on."""

    def __init__(self, title: str, text: str, hint: str, styles) -> None:
        super().__init__()
        self.title, self.text, self.hint, self.styles = title, text, hint, styles
        self.para = Paragraph(escape(text).replace("\n", "<br/>"), styles["body"]) \
            if text.strip() else None

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        inner = self.para.wrap(avail_w - 12, avail_h)[1] if self.para else 62
        self.height = inner + 30
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(BRAND)
        c.setLineWidth(1.2)
        c.rect(0, 0, self.width, self.height)
        c.setFont(charts.BOLD, 10)
        c.setFillColor(BRAND)
        c.drawString(6, self.height - 15, self.title)
        if self.para:
            self.para.drawOn(c, 6, 8)
            return
        c.setFont(charts.SANS, 7.5)
        c.setFillColor(MUTED)
        c.drawString(6, self.height - 26, self.hint)
        c.setStrokeColor(LINE)
        c.setLineWidth(0.5)
        for y in range(10, int(self.height) - 32, 16):
            c.line(6, y, self.width - 6, y)


def _para(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _part(board: Dashboard, commentary: str, made: str, styles) -> list:
    t = board.t
    out: list = [
        _para(t("steer_title"), styles["title"]),
        _para(f"{board.period.label(board.lang)} · {board.scope}", styles["subtitle"]),
        _para(t("steer_as_at", at=made), styles["small"]),
        _para(t("steer_suppression"), styles["small"]),
        Spacer(1, 6),
        _Commentary(t("steer_commentary"), commentary, t("steer_commentary_hint"), styles),
    ]
    if board.uncertain:
        out += [Spacer(1, 4), _para(t("dash_uncertain"), styles["cell_bold"])]
    head = [_para(t("steer_col_figure"), styles["head"]),
            _para(board.period.label(board.lang), styles["head"]),
            _para(t("steer_col_rolling"), styles["head"])]
    for group in board.groups:
        rows = [head]
        for row in group.rows:
            figure = [_para(row.title, styles["cell_bold"]), _para(row.formula, styles["small"])]
            value = [_para(row.value, styles["figure"])]
            if row.basis:
                value.append(_para(row.basis, styles["small"]))
            if row.reference:
                value.append(_para(row.reference, styles["small"]))
            rolling = [_para(row.rolling, styles["cell_bold"])]
            if row.rolling_basis:
                rolling.append(_para(row.rolling_basis, styles["small"]))
            rows.append([figure, value, rolling])
        table = Table(rows, colWidths=[CONTENT_W - 64 * mm, 34 * mm, 30 * mm], repeatRows=1)
        table.setStyle(TableStyle([
            FONT, ("BACKGROUND", (0, 0), (-1, 0), BRAND), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, LINE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, WASH]),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        out += [CondPageBreak(40 * mm), _para(group.title, styles["h2"]), table]
    drawings = board.drawings(width=CONTENT_W)
    out += [KeepTogether([_para(t("dash_trend"), styles["h2"]),
                          _para(t("dash_counts_caption"), styles["small"]), drawings["counts"],
                          _month_table(board, board.count_table, styles)]),
            Spacer(1, 10),
            KeepTogether([_para(t("dash_rates_caption"), styles["small"]), drawings["rates"],
                          _month_table(board, board.rate_table, styles)])]
    for item in board.breakdowns:
        block = [_para(item.title, styles["h2"]), _para(item.formula, styles["small"])]
        block += [drawings[item.id]] if item.id in drawings else \
            [_para(t("dash_none"), styles["body"])]
        out.append(KeepTogether(block))
    if board.courts:
        rows = [[_para(t("col_court"), styles["head"]),
                 *(_para(h, styles["head"]) for h in board.court_headings)]]
        rows += [[_para(c, styles["cell"]) for c in court] for court in board.courts]
        width = (CONTENT_W - 34 * mm) / len(board.court_headings)
        table = Table(rows, colWidths=[34 * mm] + [width] * len(board.court_headings),
                      repeatRows=1)
        table.setStyle(TableStyle([
            FONT, ("BACKGROUND", (0, 0), (-1, 0), BRAND), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, LINE), ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
        out.append(KeepTogether([_para(t("dash_courts"), styles["h2"]), table]))
    out += [_para(t("steer_notes"), styles["h2"]), _para(t("steer_working_days"),
                                                         styles["small"]),
            _para(t("steer_definitions"), styles["small"])]
    return out


def _month_table(board: Dashboard, table: list[list[str]], styles) -> Table:
    rows = [["", *board.months], *table]
    cells = [[_para(c, styles["small"]) for c in row] for row in rows]
    first = 44 * mm
    other = (CONTENT_W - first) / max(1, len(board.months))
    out = Table(cells, colWidths=[first] + [other] * len(board.months))
    out.setStyle(TableStyle([FONT, ("LINEBELOW", (0, 0), (-1, 0), 0.5, LINE),
                             ("TOPPADDING", (0, 0), (-1, -1), 1),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return out


def render(boards: list[Dashboard], commentary: str = "", marking: str = DEFAULT_MARKING,
           made_at: datetime | None = None) -> bytes:
    """The PDF: one part per language (English then Welsh for both)."""
    styles = _styles()
    made_at = made_at or datetime.now(UTC)
    made = when(made_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
    langs = [b.lang for b in boards]
    story: list = []
    for n, board in enumerate(boards):
        if n:
            story.append(PageBreak())
        story += _part(board, commentary, made, styles)
    first = boards[0]
    title = " / ".join(dict.fromkeys(translate(lang, "steer_title") for lang in langs))
    scope = f"{first.period.key} · {first.scope}"

    class Canvas(_NumberedCanvas):
        header = (marking_text(marking, langs), title, scope,
                  " / ".join(dict.fromkeys(translate(lang, "steer_made", at=made)
                                           for lang in langs)))
        page_words = " · ".join(translate(lang, "page_of", page="{page}", pages="{pages}")
                                for lang in dict.fromkeys(langs))

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=20 * mm, bottomMargin=19 * mm, title=title,
                            author="cstr-central", subject=scope, lang=langs[0])
    doc.build(story, canvasmaker=Canvas)
    return out.getvalue()
