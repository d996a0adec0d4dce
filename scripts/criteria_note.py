"""Write the README's note on the law as the app reads it, from the criteria file itself.

Every gate, criterion, warning and period limit of the current criteria file, with its
legal source and what about it is [UNCERTAIN]. The README holds the output between the
markers below; tests/test_criteria_note.py fails when the two differ, so the note cannot
drift from the data. Run: .venv/bin/python scripts/criteria_note.py --write
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cstr_desktop.forms.loader import load_bundle  # noqa: E402

START = "<!-- criteria-note:start (made by scripts/criteria_note.py) -->"
END = "<!-- criteria-note:end -->"


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def note() -> str:
    bundle = load_bundle()
    criteria = bundle.criteria
    lines = [START, "",
             f"Criteria file `{criteria.id}` version {criteria.version}, used by form "
             f"`{bundle.id}` version {bundle.version}.", "",
             "| id | applies to | criterion | legal source | [UNCERTAIN] |",
             "|---|---|---|---|---|"]
    rows = [("every requirement", c) for c in criteria.gates] + [
        (req.id.upper(), c) for req in criteria.requirements for c in req.criteria]
    for scope, c in rows:
        label = c.label["en"] + (f" ({c.good_practice['en']})" if c.good_practice else "")
        lines.append(f"| `{c.id}` | {scope} | {_cell(label)} | "
                     f"{_cell(c.source['en'] if c.source else '')} | "
                     f"{_cell(c.uncertain['en'] if c.uncertain else '')} |")
    lines += ["", "| warning | applies to | when | legal source | [UNCERTAIN] |",
              "|---|---|---|---|---|"]
    for w in criteria.warnings:
        lines.append(f"| `{w.code}` | {w.applies_to.upper() if w.applies_to else 'all'} | "
                     f"{_cell(w.message['en'])} | {_cell(w.source['en'] if w.source else '')} "
                     f"| {_cell(w.uncertain['en'] if w.uncertain else '')} |")
    limits = criteria.period_limits
    if limits is not None:
        for order in limits.orders:
            limit = order.rule["en"]
            lines.append(f"| `{limits.code}` | each period | over the limit for a "
                         f"{order.label['en']}: {_cell(limit)} | {_cell(order.source['en'])} "
                         f"| {_cell(order.uncertain['en'] if order.uncertain else '')} |")
    lines += ["", END]
    return "\n".join(lines)


def main() -> None:
    text = note()
    if "--write" not in sys.argv:
        print(text)
        return
    readme = ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    if START not in current:
        raise SystemExit(f"README.md has no {START!r} marker")
    before, rest = current.split(START, 1)
    _, after = rest.split(END, 1)
    readme.write_text(before + text + after, encoding="utf-8")


if __name__ == "__main__":
    main()
