"""Who wrote and who countersigned the report, and on a countersigned copy its
verification code, in words and as a QR code."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from . import fonts
from .answers import long_date
from .blocks import grid, p
from .layout import Page, wording
from .verification import verification_code


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
