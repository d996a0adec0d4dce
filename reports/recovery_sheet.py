"""The recovery key on paper: one page, in English and Welsh, to be kept locked away.

Printed once, when the store is created; the key is never shown again.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from . import fonts
from .layout import clean, styles

WORDS = {
    "title": ("CSTR Court Day: recovery key", "Diwrnod Llys CSTR: allwedd adfer"),
    "marking": ("OFFICIAL-SENSITIVE: keep locked away, apart from the laptop",
                "SWYDDOGOL-SENSITIF: cadwch dan glo, ar wahân i'r gliniadur"),
    "use": ("If every password is forgotten, an administrator runs "
            "<font face='DejaVuSansMono'>cstr-desktop recover</font> and types this key: the "
            "first administrator gets a new password. Anyone holding this key can read the "
            "store, so keep it as you would the laptop's keys.",
            "Os anghofir pob cyfrinair, mae gweinyddwr yn rhedeg "
            "<font face='DejaVuSansMono'>cstr-desktop recover</font> ac yn teipio'r allwedd "
            "hon: caiff y gweinyddwr cyntaf gyfrinair newydd. Gall unrhyw un sydd â'r allwedd "
            "hon ddarllen y storfa, felly cadwch hi fel y byddech yn cadw allweddi'r gliniadur."),
    "fingerprint": ("Root key fingerprint", "Ôl bys yr allwedd wraidd"),
    "store": ("Store", "Storfa"),
    "made": ("Created", "Crëwyd"),
}


def render_recovery_sheet(key: str, fingerprint: str, store: str, made: str) -> bytes:
    fonts.register()
    st = styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm,
                            title="CSTR Court Day: recovery key")
    groups = key.split("-")
    lines = ["\u00a0\u00a0\u00a0".join(groups[i:i + 4]) for i in range(0, len(groups), 4)]
    story = [Paragraph(clean(f"{WORDS['marking'][0]} / {WORDS['marking'][1]}"), st["alert"]),
             Spacer(1, 8),
             Paragraph(clean(WORDS["title"][0]), st["title"]),
             Paragraph(clean(WORDS["title"][1]), st["subtitle"]),
             Spacer(1, 14)]
    big = ParagraphStyle("recovery_key", parent=st["code"], fontSize=17, leading=28)
    story += [Paragraph(line, big) for line in lines]
    story += [Spacer(1, 14),
              Paragraph(WORDS["use"][0], st["body"]), Spacer(1, 6),
              Paragraph(WORDS["use"][1], st["body"]), Spacer(1, 14)]
    for label, value in (("fingerprint", fingerprint), ("store", store), ("made", made)):
        story.append(Paragraph(f"<b>{clean(' / '.join(WORDS[label]))}</b>: {clean(value)}",
                               st["cell"]))
    doc.build(story)
    return out.getvalue()
