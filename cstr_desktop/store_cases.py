"""The store's court list: import and reconcile, manual add, a day's list, search.

Part of the :class:`cstr_desktop.store.Store` facade (a mixin: it uses the
store's connection, transaction and audit).
"""

from __future__ import annotations

import uuid
from typing import Any

from .court_list import LISTING_FIELDS, ListedCase, ReconcilePlan, fold, plan_reconcile

CASE_FIELDS = ("case_number", "family_name", "given_names", "hearing_date", "status",
               "list_time", "courtroom", "court_name", "date_of_birth", "pnc_id", "crn",
               "offence", "listing")

# A case's status: its assessment's, or "listed" until a person gives an answer (the
# listing details copied in when the case is first opened do not count).
_STATUS = """
SELECT c.*, a.id AS assessment_id,
  CASE WHEN a.id IS NULL OR a.started_at IS NULL THEN 'listed' ELSE a.status END AS status
FROM {cases} c LEFT JOIN assessments a ON a.case_number = c.case_number
"""
_CASE_SELECT = _STATUS.format(cases="cases")
_ORDER = "ORDER BY c.hearing_date DESC, c.list_time, c.courtroom, c.family_name"


def _search_text(case: ListedCase | dict) -> str:
    """What search matches: names and numbers folded (no accents, lower case), and each
    name also with its punctuation taken out, so "obrien" finds O'Brien and
    "llewellynjones" finds Llewellyn-Jones, as "o'brien" and "jones" do."""
    get = case.get if isinstance(case, dict) else (lambda k: getattr(case, k))
    text = fold(" ".join(filter(None, (get("family_name"), get("given_names"),
                                       get("case_number"), get("pnc_id"), get("crn")))))
    joined = []
    for word in text.split():
        for part in (word, *word.split("-")):
            squeezed = "".join(ch for ch in part if ch.isalnum())
            if squeezed and squeezed != part and squeezed not in joined:
                joined.append(squeezed)
    return " ".join([text, *joined])


def rebuild_search_text(db) -> None:
    """Work out every case's search text again (after a change in what search matches)."""
    for row in list(db["cases"].rows):
        db["cases"].update(row["id"], {"search_text": _search_text(row)})


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()


def _match_query(words: list[str]) -> str:
    """An FTS5 query: every word of the search, as a prefix."""
    return " ".join(f'"{w}"*' for w in words)


def _matches(search_text: str, words: list[str]) -> bool:
    tokens = _words(search_text)
    return all(any(t.startswith(w) for t in tokens) for w in words)


class CasesMixin:
    def plan_court_list(self, cases: list[ListedCase]) -> ReconcilePlan:
        """What importing ``cases`` would change, changing nothing (for a look first)."""
        self._require("assessor", "admin")
        return self._plan(cases)[0]

    def _plan(self, cases: list[ListedCase]) -> tuple[ReconcilePlan, dict[str, dict]]:
        days = sorted({c.hearing_date for c in cases})
        courts = sorted({c.court_name for c in cases})
        marks = ",".join("?" * len(days))
        court_marks = ",".join("?" * len(courts))
        existing_rows = list(self.db.query(
            f"SELECT * FROM cases WHERE listing IN ('listed', 'off_list') "
            f"AND hearing_date IN ({marks}) AND court_name IN ({court_marks})",
            [*days, *courts]))
        existing = {r["case_number"]: r for r in existing_rows}
        # A case number listed before on another day or court is updated, not duplicated.
        for case in cases:
            if case.case_number not in existing:
                row = self._case_row(case.case_number)
                if row is not None:
                    existing[case.case_number] = row
        started = {r["case_number"] for r in self.db.query(
            "SELECT DISTINCT case_number FROM assessments WHERE case_number IS NOT NULL "
            "AND started_at IS NOT NULL")}
        return plan_reconcile(cases, existing, started), existing

    def import_court_list(self, cases: list[ListedCase]) -> ReconcilePlan:
        """Import a day's list, reconciling by case number with what is already listed.

        All or nothing, in one transaction. Started work is never removed: a case
        that has answers and is off the new list stays, marked ``off_list``.
        """
        self._require("assessor", "admin")
        plan, existing = self._plan(cases)
        now = self._clock()
        with self._transaction():
            for case in plan.added:
                self.db["cases"].insert(self._case_record(case, "listed", now))
            for case, _diff in plan.changed:
                row = existing[case.case_number]
                self.db["cases"].update(row["id"], {**case.listing(), "listing": "listed",
                                                    "search_text": _search_text(case),
                                                    "updated_at": now})
            for case_number in plan.unchanged:
                row = existing[case_number]
                if row["listing"] != "listed":
                    self.db["cases"].update(row["id"], {"listing": "listed", "updated_at": now})
            for case_number in plan.removed:
                self.db["cases"].update(existing[case_number]["id"],
                                        {"listing": "removed", "updated_at": now})
            for case_number in plan.kept_with_work:
                self.db["cases"].update(existing[case_number]["id"],
                                        {"listing": "off_list", "updated_at": now})
            self._audit("court_list_imported", "cases", None, new=plan.summary())
        return plan

    def add_case(self, case: ListedCase) -> None:
        """Add a defendant by hand (not on the court list)."""
        self._require("assessor", "admin")
        if self._case_row(case.case_number) is not None:
            raise self.error(f"case {case.case_number} is already listed")
        with self._transaction():
            record = self._case_record(case, "manual", self._clock())
            self.db["cases"].insert(record)
            self._audit("case_added", "case", record["id"])

    def _case_record(self, case: ListedCase, listing: str, now: str) -> dict[str, Any]:
        return {"id": str(uuid.uuid4()), "case_number": case.case_number, **case.listing(),
                "listing": listing, "search_text": _search_text(case), "created_at": now,
                "updated_at": now}

    def _case_row(self, case_number: str) -> dict | None:
        return next(self.db["cases"].rows_where("case_number = ?", [case_number]), None)

    def case(self, case_number: str) -> dict:
        rows = list(self.db.query(_CASE_SELECT + " WHERE c.case_number = ?", [case_number]))
        if not rows:
            raise self.error(f"no case {case_number}")
        return rows[0]

    def cases(self, day: str | None = None, search: str | None = None,
              limit: int | None = None) -> list[dict]:
        """Cases by time and courtroom: a day's list, a search, or both.

        A search returns the 50 most recent matches unless ``limit`` says otherwise
        (it runs as the assessor types); a list, up to 1,000.
        """
        if limit is None:
            limit = 50 if search is not None else 1000
        where = ["c.listing != 'removed'"]
        params: list[Any] = []
        words = _words(search) if search is not None else None
        if words == []:
            return []
        if day:
            where.append("c.hearing_date = ?")
            params.append(day)
        elif words:
            # The most recently listed matches: FTS5 walks its rowids newest first
            # and stops early, so a broad prefix ("cf", "jo") stays fast.
            where.append("c.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? "
                         "ORDER BY rowid DESC LIMIT ?)")
            params.extend([_match_query(words), limit * 2])
        # Choose and order the cases first; work out the status of those shown only.
        chosen = f"(SELECT * FROM cases c WHERE {' AND '.join(where)} {_ORDER} LIMIT ?)"
        sql = _STATUS.format(cases=chosen) + " " + _ORDER
        rows = self.db.query(sql, [*params, limit if not (day and words) else -1])
        if day and words:
            # A search within one day's list filters the day's few cases directly.
            rows = [r for r in rows if _matches(r["search_text"], words)][:limit]
        found = [{k: row[k] for k in (*CASE_FIELDS, "assessment_id")} for row in rows]
        # The outcome at court as it now stands (issue 13), for the list's column.
        latest = self.latest_outcomes(r["assessment_id"] for r in found if r["assessment_id"])
        for row in found:
            row["outcome"] = latest.get(row["assessment_id"])
        return found


__all__ = ["CasesMixin", "LISTING_FIELDS"]
