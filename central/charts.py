"""The dashboard's and the steering report's charts: one drawing code for both.

Each chart is a reportlab ``Drawing`` built from shapes. The steering report puts the
drawing in its PDF as it is; the dashboard gets the same drawing as SVG (reportlab's own
SVG renderer), rewritten by ``svg_for_page`` to sit inline in a page under the office
pages' content security policy (no inline ``style`` attributes: presentation attributes
instead), with its own title and description for screen readers and ids of its own.

Colours are the Okabe-Ito palette, which people with the common colour-vision
differences can tell apart; each line also has its own marker and dash, and every chart
has a table of its numbers beside it.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SANS, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PALETTE = (colors.HexColor("#0072B2"), colors.HexColor("#D55E00"),
           colors.HexColor("#009E73"), colors.HexColor("#CC79A7"))
INK, GRID, MUTED = colors.HexColor("#0b0c0c"), colors.HexColor("#d0d2d3"), \
    colors.HexColor("#484949")
DASHES = (None, (6, 3), (2, 2))
SVG_NS = "http://www.w3.org/2000/svg"


@cache
def register_fonts() -> None:
    """DejaVu Sans, embedded in every PDF (central's own copy: see central/fonts/)."""
    pdfmetrics.registerFont(TTFont(SANS, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]  # None: nothing to draw (no cases, or suppressed)


def _drawing(width: float, height: float) -> Drawing:
    register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = SANS  # the renderers' starting font: no Helvetica in the PDF
    drawing.initialFontSize = 8
    return drawing


def axis(peak: float) -> tuple[float, int]:
    """(top of the axis, number of steps): whole-number steps of 1, 2 or 5 times a power
    of ten, about four of them, the top at or above ``peak``."""
    if peak <= 0:
        return 1, 1
    raw = peak / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, round(step))
    ticks = max(1, math.ceil(peak / step))
    return step * ticks, ticks


def _text(x: float, y: float, text: str, size: float = 8, anchor: str = "start",
          bold: bool = False, color=INK) -> String:
    register_fonts()
    return String(x, y, text, fontName=BOLD if bold else SANS, fontSize=size,
                  textAnchor=anchor, fillColor=color)


def _legend_lines(series: list[Series], left: float, width: float, line: bool,
                  size: float) -> list[list[tuple[int, float]]]:
    """Where each legend entry goes: lines of (series index, x), wrapped to the width."""
    lines: list[list[tuple[int, float]]] = [[]]
    x = left
    for i, item in enumerate(series):
        needed = (20 if line else size + 5) + pdfmetrics.stringWidth(item.label, SANS, size)
        if lines[-1] and x + needed > width - 4:
            lines.append([])
            x = left
        lines[-1].append((i, x))
        x += needed + 14
    return lines


def _legend(drawing: Drawing, series: list[Series], lines: list[list[tuple[int, float]]],
            top: float, line: bool, size: float) -> None:
    for row, entries in enumerate(lines):
        y = top - row * 1.6 * size
        for i, x in entries:
            colour = PALETTE[i % len(PALETTE)]
            if line:
                drawing.add(Line(x, y + 3, x + 16, y + 3, strokeColor=colour, strokeWidth=2,
                                 strokeDashArray=DASHES[i % len(DASHES)]))
                _marker(drawing, i, x + 8, y + 3)
                x += 20
            else:
                drawing.add(Rect(x, y - 1, size + 1, size + 1, fillColor=colour,
                                 strokeColor=None))
                x += size + 5
            drawing.add(_text(x, y, series[i].label, size))


def _marker(drawing: Drawing, i: int, x: float, y: float) -> None:
    colour = PALETTE[i % len(PALETTE)]
    kind = i % 3
    if kind == 0:
        drawing.add(Circle(x, y, 2.6, fillColor=colour, strokeColor=colour))
    elif kind == 1:
        drawing.add(Rect(x - 2.5, y - 2.5, 5, 5, fillColor=colour, strokeColor=colour))
    else:
        drawing.add(Polygon([x - 3, y - 2.5, x + 3, y - 2.5, x, y + 3], fillColor=colour,
                            strokeColor=colour))


def _frame(drawing: Drawing, left: float, bottom: float, width: float, height: float,
           top_value: float, ticks: int, size: float, suffix: str = "") -> None:
    for k in range(ticks + 1):
        y = bottom + height * k / ticks
        value = top_value * k / ticks
        label = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
        drawing.add(Line(left, y, left + width, y, strokeColor=GRID if k else INK,
                         strokeWidth=0.5 if k else 0.8))
        drawing.add(_text(left - 4, y - size * 0.35, label + suffix, size * 0.95, "end",
                          color=MUTED))


def bars_by_month(months: list[str], series: list[Series], width: float = 500,
                  height: float = 250, size: float = 8) -> Drawing:
    """Grouped bars: one group per month, one bar per series."""
    drawing = _drawing(width, height)
    left, bottom, right = 4.5 * size + 4, 3.5 * size, 8
    lines = _legend_lines(series, left, width, False, size)
    top = (1.6 * len(lines) + 1.7) * size
    plot_w, plot_h = width - left - right, height - bottom - top
    peak = max([v for s in series for v in s.values if v is not None] or [0])
    ceiling, ticks = axis(peak)
    _frame(drawing, left, bottom, plot_w, plot_h, ceiling, ticks, size)
    group = plot_w / max(1, len(months))
    bar = group * 0.78 / max(1, len(series))
    for m, name in enumerate(months):
        x0 = left + m * group + group * 0.11
        for i, item in enumerate(series):
            value = item.values[m]
            if value:
                drawing.add(Rect(x0 + i * bar, bottom, bar - 0.6, plot_h * value / ceiling,
                                 fillColor=PALETTE[i % len(PALETTE)], strokeColor=None))
        drawing.add(_text(left + m * group + group / 2, bottom - 1.4 * size, name,
                          size * 0.95, "middle"))
    _legend(drawing, series, lines, height - 1.7 * size, line=False, size=size)
    return drawing


def lines_by_month(months: list[str], series: list[Series],
                   references: list[tuple[int, float, str]] | None = None,
                   width: float = 500, height: float = 250, size: float = 8) -> Drawing:
    """Percentages over the months, 0 to 100, with dashed reference lines (series index,
    value, label), each in its series' colour."""
    drawing = _drawing(width, height)
    left, bottom, right = 4.5 * size + 4, 3.5 * size, 8
    lines = _legend_lines(series, left, width, True, size)
    top = (1.6 * len(lines) + 1.7) * size
    plot_w, plot_h = width - left - right, height - bottom - top
    _frame(drawing, left, bottom, plot_w, plot_h, 100, 4, size, "%")
    step = plot_w / max(1, len(months))
    xs = [left + step * (m + 0.5) for m in range(len(months))]
    points = [(xs[m], bottom + plot_h * max(0.0, min(100.0, v)) / 100)
              for item in series for m, v in enumerate(item.values) if v is not None]
    labels = []
    for index, value, label in references or []:
        y = bottom + plot_h * value / 100
        colour = PALETTE[index % len(PALETTE)]
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=colour, strokeWidth=0.8,
                         strokeDashArray=(1, 2)))
        labels.append((_reference_place(points, label, y, left, plot_w, size), label, colour))
    for i, item in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        run: list[float] = []
        for m, value in enumerate([*item.values, None]):
            if value is None:
                if len(run) >= 4:
                    drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1.6,
                                         strokeDashArray=DASHES[i % len(DASHES)]))
                run = []
                continue
            y = bottom + plot_h * max(0.0, min(100.0, value)) / 100
            run += [xs[m], y]
            _marker(drawing, i, xs[m], y)
    for (x, y, anchor, w), label, colour in labels:  # over the lines, on a light ground
        x0 = x - w if anchor == "end" else x
        drawing.add(Rect(x0 - 1.5, y - 0.3 * size, w + 3, 1.15 * size, fillColor=colors.white,
                         fillOpacity=0.85, strokeColor=None))
        drawing.add(_text(x, y, label, size * 0.9, anchor, color=colour))
    for m, name in enumerate(months):
        drawing.add(_text(xs[m], bottom - 1.4 * size, name, size * 0.95, "middle"))
    _legend(drawing, series, lines, height - 1.7 * size, line=True, size=size)
    return drawing


def _reference_place(points: list[tuple[float, float]], label: str, y: float, left: float,
                     plot_w: float, size: float) -> tuple[float, float, str, float]:
    """Where a reference line's label goes: (x, baseline, anchor, width) at the line's right
    or left end, above or below it, wherever the fewest of the chart's points would be
    under it (the right end, above, when nothing is in the way)."""
    w = pdfmetrics.stringWidth(label, SANS, size * 0.9)
    best = None
    for anchor, x in (("end", left + plot_w - 2), ("start", left + 2)):
        x0 = x - w if anchor == "end" else x
        for base in (y + 2.5, y - 2.5 - 0.9 * size):
            under = sum(1 for px, py in points
                        if x0 - 4 <= px <= x0 + w + 4 and base - 0.3 * size - 4 <= py
                        <= base + 0.9 * size + 4)
            if best is None or under < best[0]:
                best = (under, (x, base, anchor, w))
    return best[1]


def bars_across(items: list[tuple[str, float, str]], width: float = 500,
                size: float = 8) -> Drawing:
    """Horizontal bars, one per (label, value, text at the bar's end); a value of 0 with a
    text (such as "<5") draws no bar but shows the text."""
    register_fonts()
    row = 2.5 * size
    label_w = min(width * 0.45, max([pdfmetrics.stringWidth(k, SANS, size)
                                     for k, _v, _t in items] or [40]) + 10)
    height = max(1, len(items)) * row + 12
    drawing = _drawing(width, height)
    plot_w = width - label_w - 3.5 * size
    peak = max([v for _k, v, _t in items] or [0]) or 1
    for n, (label, value, shown) in enumerate(items):
        y = height - (n + 1) * row
        drawing.add(_text(label_w - 6, y + row * 0.32, label, size, "end"))
        length = plot_w * value / peak
        if length > 0:
            drawing.add(Rect(label_w, y + 3, length, row - 7, fillColor=PALETTE[0],
                             strokeColor=None))
        drawing.add(_text(label_w + length + 4, y + row * 0.32, shown, size, bold=True))
    drawing.add(Line(label_w, 4, label_w, height, strokeColor=INK, strokeWidth=0.8))
    return drawing


# The page's copy ---------------------------------------------------------------------------

PRESENTATION = {"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
                "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-opacity",
                "stroke-miterlimit", "font-size", "text-anchor", "clip-path", "opacity"}
FAMILIES = {SANS: ("DejaVu Sans, Arial, sans-serif", None),
            BOLD: ("DejaVu Sans, Arial, sans-serif", "bold")}


def svg_for_page(drawing: Drawing, prefix: str, title: str, description: str) -> str:
    """The drawing as inline SVG markup: no style attributes, ids starting with ``prefix``,
    scaled to its container, titled and described for assistive technology."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    markup = renderSVG.drawToString(drawing)
    root = ET.fromstring(markup[markup.index("<svg"):])
    for element in root.iter():
        style = element.attrib.pop("style", None)
        for declaration in (style or "").split(";"):
            name, _, value = declaration.partition(":")
            name, value = name.strip(), value.strip()
            if name == "font-family":
                family, weight = FAMILIES.get(value, (value, None))
                element.set("font-family", family)
                if weight:
                    element.set("font-weight", weight)
            elif name in PRESENTATION and value:
                element.set(name, value)
        if "id" in element.attrib:
            element.set("id", f"{prefix}-{element.attrib['id']}")
        for name in ("clip-path", "href", "{http://www.w3.org/1999/xlink}href"):
            if name in element.attrib:
                element.set(name, re.sub(r"#(\w[\w-]*)", rf"#{prefix}-\1", element.attrib[name]))
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("role", "img")
    root.set("focusable", "false")
    root.set("class", "chart")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    for tag, text in (("title", title), ("desc", description)):
        found = root.find(f"{{{SVG_NS}}}{tag}")
        if found is None:
            found = ET.SubElement(root, f"{{{SVG_NS}}}{tag}")
        found.text = text
        found.set("id", f"{prefix}-{tag}")
    return ET.tostring(root, encoding="unicode")
