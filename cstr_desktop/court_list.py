"""The court list CSV (contract.md section 4): read, check every row, plan a reconcile.

Reading is all or nothing: a file with any bad row gives a
:class:`CourtListError` naming every bad row and why, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .hygiene import MAX_COURT_LIST, hidden_characters

REQUIRED = ("hearing_date", "court_name", "courtroom", "list_time", "case_number",
            "family_name", "given_names", "date_of_birth")
OPTIONAL = ("pnc_id", "crn", "offence")
COLUMNS = REQUIRED + OPTIONAL
# Listing fields compared on re-import (the case number is the key).
LISTING_FIELDS = tuple(c for c in COLUMNS if c != "case_number")
# A change in one of these may mean a different person, not a corrected listing.
IDENTITY_FIELDS = ("family_name", "given_names", "date_of_birth")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_FIELD = 200


class CourtListError(ValueError):
    """The list cannot be imported. ``problems`` holds one line per fault."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"]
                                 if len(problems) > 20 else [])
        count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        super().__init__(f"the court list has {count}; nothing was "
                         "imported:\n" + "\n".join(shown))


def fold(text: str) -> str:
    """Lower case without diacritics, for search: "Nguyễn" -> "nguyen", "Siân" -> "sian"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("ł", "l").replace("ø", "o").replace("ß", "ss")


@dataclass(frozen=True)
class ListedCase:
    hearing_date: str
    court_name: str
    courtroom: str
    list_time: str
    case_number: str
    family_name: str
    given_names: str
    date_of_birth: str
    pnc_id: str | None = None
    crn: str | None = None
    offence: str | None = None

    def listing(self) -> dict[str, str | None]:
        return {f: getattr(self, f) for f in LISTING_FIELDS}


def read_court_list(path: Path | str) -> list[ListedCase]:
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_COURT_LIST + 1)
    except FileNotFoundError:
        raise CourtListError([f"no such file: {path}"]) from None
    except IsADirectoryError:
        raise CourtListError([f"{path} is a folder, not a CSV file"]) from None
    except OSError as exc:
        raise CourtListError([f"cannot read {path}: {exc.strerror}"]) from None
    if len(raw) > MAX_COURT_LIST:
        raise CourtListError([f"{path} is larger than {MAX_COURT_LIST // 1024 // 1024} MiB: "
                              "too large for a day's court list"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CourtListError([f"the file is not UTF-8 text (byte {exc.start}); save it as "
                              "'CSV UTF-8'"]) from None
    return parse_court_list(text)


def parse_court_list(text: str) -> list[ListedCase]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise CourtListError([f"the file is not valid CSV: {exc}"]) from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CourtListError(["the file is empty: a header row is required"])
    header = [h.strip().lower() for h in rows[0]]
    problems = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(f"header: missing {_columns(missing)}: {', '.join(missing)}")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        problems.append(f"header: unknown {_columns(unknown)}: {', '.join(unknown)}")
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        problems.append(f"header: {_columns(repeated)} given twice: {', '.join(repeated)}")
    if problems:
        raise CourtListError(problems)
    cases = []
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(f"row {number}: has {len(row)} fields, the header has {len(header)}")
            continue
        values = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        reasons = _row_problems(values)
        case_number = values["case_number"]
        if case_number and case_number in first_row:
            reasons.append(f"case number {case_number} is also on row {first_row[case_number]}")
        first_row.setdefault(case_number, number)
        if reasons:
            problems.append(f"row {number}: " + "; ".join(reasons))
            continue
        cases.append(ListedCase(**{c: (values.get(c) or None) if c in OPTIONAL else values[c]
                                   for c in COLUMNS}))
    if problems:
        raise CourtListError(problems)
    if not cases:
        raise CourtListError(["the file has a header but no rows"])
    return cases


def _columns(names: list[str]) -> str:
    return "column" if len(names) == 1 else "columns"


def _row_problems(values: Mapping[str, str]) -> list[str]:
    reasons = []
    for column in REQUIRED:
        if not values.get(column):
            reasons.append(f"{column} is empty")
    for column, value in values.items():
        if len(value) > MAX_FIELD:
            reasons.append(f"{column} is longer than {MAX_FIELD} characters")
        if _CONTROL.search(value):
            reasons.append(f"{column} contains a control character")
        elif column in ("case_number", "family_name", "given_names") and \
                hidden_characters(value):
            reasons.append(f"{column} contains a hidden character "
                           f"({hidden_characters(value)[0]})")
    for column in ("hearing_date", "date_of_birth"):
        value = values.get(column)
        if value and not _valid_date(value):
            reasons.append(f"{column} '{value}' is not a date as YYYY-MM-DD")
    if values.get("list_time") and not _TIME.match(values["list_time"]):
        reasons.append(f"list_time '{values['list_time']}' is not a time as HH:MM")
    if (_valid_date(values.get("hearing_date", "")) and _valid_date(values.get("date_of_birth", ""))
            and values["date_of_birth"] > values["hearing_date"]):
        reasons.append("date_of_birth is after hearing_date")
    return reasons


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass
class ReconcilePlan:
    """What a re-import changes, by case number."""

    added: list[ListedCase] = field(default_factory=list)
    changed: list[tuple[ListedCase, dict[str, tuple[str | None, str | None]]]] = \
        field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Off the new list: removed, unless work has started (then kept and flagged).
    removed: list[str] = field(default_factory=list)
    kept_with_work: list[str] = field(default_factory=list)
    # The name each case already in the store is listed under ("Family, Given").
    names: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed",
                 f"{len(self.unchanged)} unchanged", f"{len(self.removed)} removed"]
        if self.kept_with_work:
            parts.append(f"{len(self.kept_with_work)} no longer listed but kept because work "
                         f"has started ({', '.join(self.kept_with_work)})")
        return ", ".join(parts)

    @property
    def empty(self) -> bool:
        """Nothing would change."""
        return not (self.added or self.changed or self.removed or self.kept_with_work)

    def identity_changed(self, diff: dict) -> list[str]:
        """The fields of a change that say who the person is (name, date of birth)."""
        return [f for f in IDENTITY_FIELDS if f in diff]

    def lines(self) -> list[str]:
        """The plan in words, one line per case: what the command line prints."""
        out = [f"  add     {c.case_number}  {c.family_name}, {c.given_names}  "
               f"({c.hearing_date} {c.list_time}, room {c.courtroom})" for c in self.added]
        for case, diff in self.changed:
            identity = self.identity_changed(diff)
            flag = "  [WHO THE PERSON IS HAS CHANGED: check it is the same person]" \
                if identity else ""
            changes = "; ".join(f"{k.replace('_', ' ')} {a or '-'} -> {b or '-'}"
                                for k, (a, b) in diff.items())
            out.append(f"  change  {case.case_number}  {self.names.get(case.case_number, '')}: "
                       f"{changes}{flag}")
        out += [f"  remove  {n}  {self.names.get(n, '')}" for n in self.removed]
        out += [f"  keep    {n}  {self.names.get(n, '')} (not on the new list, but work has "
                "started)" for n in self.kept_with_work]
        return out


def plan_reconcile(new: Iterable[ListedCase], existing: Mapping[str, Mapping[str, str | None]],
                   started: set[str]) -> ReconcilePlan:
    """Compare a day's new list with the cases already listed for the same days.

    ``existing`` maps case numbers to their listing fields; ``started`` holds the
    case numbers that have answers. Started work is never removed.
    """
    plan = ReconcilePlan()
    plan.names = {number: f"{row.get('family_name') or ''}, {row.get('given_names') or ''}"
                  for number, row in existing.items()}
    seen = set()
    for case in new:
        seen.add(case.case_number)
        old = existing.get(case.case_number)
        if old is None:
            plan.added.append(case)
            continue
        diff = {f: (old.get(f), v) for f, v in case.listing().items() if old.get(f) != v}
        if diff:
            plan.changed.append((case, diff))
        else:
            plan.unchanged.append(case.case_number)
    for case_number in sorted(set(existing) - seen):
        (plan.kept_with_work if case_number in started else plan.removed).append(case_number)
    return plan
