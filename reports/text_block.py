"""Long plain text that flows across pages: wrapped once, split between any two lines.

A reportlab ``Paragraph`` parses markup and re-wraps everything left of itself
each time it is split across a page, so an answer of 20,000 characters, or of
10,000 short lines, took seconds to minutes. A :class:`TextBlock` measures each
distinct word once, keeps its lines, and a page break only slices the list.
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class TextBlock(Flowable):
    """Plain text (no markup) in one paragraph style, with the person's own line breaks."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None,
                 width: float | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines
        self._width = width if lines is not None else None
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def _wrapped(self, width: float) -> list[str]:
        if self._lines is None or self._width != width:
            self._lines = wrap_lines(self.text, self.style.fontName, self.style.fontSize, width)
            self._width = width
        return self._lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        lines = self._wrapped(available_width)
        self.width = available_width
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        lines = self._wrapped(available_width)
        fits = int(available_height // self.style.leading)
        if fits <= 0:
            return []
        if fits >= len(lines):
            return [self]
        first = TextBlock("", self.style, lines[:fits], available_width)
        rest = TextBlock("", self.style, lines[fits:], available_width)
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def draw(self) -> None:
        style = self.style
        ascent, _ = getAscentDescent(style.fontName, style.fontSize)
        text = self.canv.beginText(0, self.height - ascent)
        text.setFont(style.fontName, style.fontSize, style.leading)
        text.setFillColor(style.textColor)
        for line in self._lines or []:
            text.textLine(line)
        self.canv.drawText(text)


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``: at spaces, at the person's own
    line breaks, and inside a word only when the word alone is wider than a line."""
    widths: dict[str, float] = {}

    def measure(word: str) -> float:
        found = widths.get(word)
        if found is None:
            found = widths[word] = stringWidth(word, font, size)
        return found

    space = measure(" ")
    out: list[str] = []
    text = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    for source in text.split("\n"):
        words = source.split()
        if not words:
            out.append("")
            continue
        line: list[str] = []
        used = 0.0
        for word in words:
            size_ = measure(word)
            if size_ > width:
                if line:
                    out.append(" ".join(line))
                    line, used = [], 0.0
                pieces = _break_word(word, font, size, width)
                out.extend(pieces[:-1])
                word = pieces[-1]
                size_ = measure(word)
            if line and used + space + size_ > width:
                out.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + size_
            line.append(word)
        out.append(" ".join(line))
    return out


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than a line, in pieces that each fit (found by halving)."""
    pieces = []
    while word:
        low, high = 1, len(word)
        while low < high:
            middle = (low + high + 1) // 2
            if stringWidth(word[:middle], font, size) <= width:
                low = middle
            else:
                high = middle - 1
        pieces.append(word[:low])
        word = word[low:]
    return pieces
