"""Finding records for the office: by name, case number, court, hearing date, status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import Session, aliased

from central.canonical import TERM_CHARS, case_form, prefix_end, search_terms
from central.models import Court, Record, SearchTerm

PER_PAGE = 50
MERGE_LIMIT = 5000  # pages of a court beyond this are read the general way
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


def _words(f: Filters) -> list[tuple[str, str]]:
    return [("name", word) for word in search_terms(f.name)]


def _courts(session: Session, f: Filters) -> list[str] | None:
    """The court names holding every word typed (None: no court asked for)."""
    words = search_terms(f.court)
    if not words:
        return None
    query = select(Court.court_name)
    for word in words:
        query = query.where(Court.court_search.like(f"%{word}%"))
    return list(session.scalars(query))


def _word_range(query: Select, column_kind, column_term, kind: str, word: str) -> Select:
    """Terms that start with ``word``: an index range (the alphabet sorts alike in every
    collation)."""
    end = prefix_end(word, TERM_CHARS)
    query = query.where(column_kind == kind, column_term >= word)
    return query.where(column_term < end) if end is not None else query


def _filtered(query: Select, f: Filters, courts: list[str] | None,
              words: bool = True) -> Select:
    if words:
        for kind, word in _words(f):  # every word typed starts a word of the record
            hits = _word_range(select(SearchTerm.record_id), SearchTerm.kind,
                               SearchTerm.term, kind, word)
            query = query.where(Record.id.in_(hits))
    if courts is not None:
        query = query.where(Record.court_name.in_(courts)) if courts else \
            query.where(false())
    if f.case:  # from its start, so that the index serves it
        start = case_form(f.case)
        end = prefix_end(start)
        query = query.where(Record.case_search >= start)
        if end is not None:
            query = query.where(Record.case_search < end)
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
    """One page of records, newest first, and how many match in all."""
    words = _words(f)
    courts = _courts(session, f)
    offset = (f.page - 1) * per_page
    if words:
        # Names and courts: the matching terms' own index gives the records and their
        # times, so neither the count nor the newest page reads the records table.
        term = aliased(SearchTerm)
        (kind, word), rest = words[0], words[1:]
        matches = _word_range(select(term.record_id, func.max(term.received_at).label("at")),
                              term.kind, term.term, kind, word)
        for other_kind, other_word in rest:
            matches = matches.where(term.record_id.in_(_word_range(
                select(SearchTerm.record_id), SearchTerm.kind, SearchTerm.term,
                other_kind, other_word)))
        found = matches.group_by(term.record_id).subquery()
        if f.case or f.date or f.status or courts is not None:
            # Other filters too: the name's matches joined to their records.
            joined = _filtered(select(Record.id.label("record_id"),
                                      Record.received_at.label("at"))
                               .join(found, found.c.record_id == Record.id),
                               f, courts, words=False).subquery()
            found = joined
        total = session.scalar(select(func.count()).select_from(found)) or 0
        ids = (select(found.c.record_id).order_by(found.c.at.desc(), found.c.record_id.desc())
               .limit(per_page).offset(offset)).scalar_subquery()
    elif courts and not (f.case or f.date or f.status) and offset + per_page <= MERGE_LIMIT:
        # Courts alone: the newest of each court from its own index, merged here (one
        # sort of all the courts' records together would read every one of them).
        total = session.scalar(_filtered(select(func.count()).select_from(Record), f,
                                         courts)) or 0
        newest: list[tuple[str, str]] = []
        for court in courts:
            newest += [(at, record_id) for at, record_id in session.execute(
                select(Record.received_at, Record.id).where(Record.court_name == court)
                .order_by(Record.received_at.desc(), Record.id.desc())
                .limit(offset + per_page))]
        newest.sort(reverse=True)
        ids = [record_id for _at, record_id in newest[offset:offset + per_page]]
    else:
        total = session.scalar(_filtered(select(func.count()).select_from(Record), f,
                                         courts)) or 0
        # The page's ids first (from the index alone when there is no filter), then
        # their rows: a deep page skips index entries, not whole rows.
        ids = (_filtered(select(Record.id), f, courts)
               .order_by(Record.received_at.desc(), Record.id.desc())
               .limit(per_page).offset(offset)).scalar_subquery()
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
