"""The standardised measures as a table: each one's score, band and key items or notes,
its attribution, and the alerts for the assessor."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .blocks import grid, nothing, p
from .layout import Page, both, wording


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
