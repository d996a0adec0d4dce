"""Finding records for the office: by name, case number, court, hearing date, status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from central.canonical import case_form, prefix_end, search_form
from central.models import Record

PER_PAGE = 50
STATUSES = ("accepted", "quarantined", "rejected", "conflict")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Filters:
    name: str = ""
    case: str = ""
    court: str = ""
    date: str = ""
    status: str = ""
    page: int = 1

    @staticmethod
    def from_query(params) -> Filters:
        page = params.get("page", "1")
        status = params.get("status", "")
        date = params.get("date", "").strip()
        return Filters(name=params.get("name", "").strip()[:100],
                       case=params.get("case", "").strip()[:100],
                       court=params.get("court", "").strip()[:100],
                       date=date if DATE_RE.match(date) else "",
                       status=status if status in STATUSES else "",
                       page=int(page) if page.isdigit() and 0 < int(page) < 100000 else 1)

    def query_string(self, page: int) -> str:
        from urllib.parse import urlencode

        fields = {"name": self.name, "case": self.case, "court": self.court,
                  "date": self.date, "status": self.status}
        return urlencode({**{k: v for k, v in fields.items() if v}, "page": page})

    @property
    def active(self) -> bool:
        return any((self.name, self.case, self.court, self.date, self.status))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: Select, f: Filters) -> Select:
    if f.name:
        query = query.where(Record.name_search.like(_like(search_form(f.name)), escape="\\"))
    if f.case:  # from its start, so that the index serves it
        start = case_form(f.case)
        end = prefix_end(start)
        query = query.where(Record.case_search >= start)
        if end is not None:
            query = query.where(Record.case_search < end)
    if f.court:
        query = query.where(Record.court_search.like(_like(search_form(f.court)), escape="\\"))
    if f.date:
        query = query.where(Record.hearing_date == f.date)
    if f.status == "accepted":
        query = query.where(Record.status == "accepted")
    elif f.status == "quarantined":
        query = query.where(Record.status == "quarantined", Record.resolution.is_(None))
    elif f.status == "rejected":
        query = query.where(Record.resolution == "rejected")
    elif f.status == "conflict":
        query = query.where(Record.conflict.is_(True))
    return query


def search(session: Session, f: Filters, per_page: int = PER_PAGE) -> tuple[list[Record], int]:
    total = session.scalar(_filtered(select(func.count()).select_from(Record), f)) or 0
    # The page's ids first (from the index alone when there is no filter), then their rows:
    # a deep page then skips index entries, not whole rows.
    ids = (_filtered(select(Record.id), f)
           .order_by(Record.received_at.desc(), Record.id.desc())
           .limit(per_page).offset((f.page - 1) * per_page)).scalar_subquery()
    rows = session.scalars(select(Record).where(Record.id.in_(ids))
                           .order_by(Record.received_at.desc(), Record.id.desc()))
    return list(rows), total


def display_status(row: Record) -> str:
    if row.resolution == "rejected":
        return "rejected"
    if row.status == "quarantined" and row.conflict:
        return "conflict"
    return row.status


def versions_of(session: Session, assessment_id: str) -> list[Record]:
    return list(session.scalars(select(Record).where(Record.assessment_id == assessment_id)
                                .order_by(Record.version, Record.copy_no)))


def quarantined(session: Session) -> list[Record]:
    return list(session.scalars(select(Record).where(
        Record.status == "quarantined", Record.resolution.is_(None))
        .order_by(Record.received_at)))
