"""One function per user action: each calls the core (or the reports) and returns what to show.

No Qt here beyond what is passed in: the window calls these and updates itself.
Errors come back as exceptions whose text is written for the person using
the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cstr_desktop.court_list import (
    CourtListError,
    ListedCase,
    ReconcilePlan,
    parse_court_list,
    read_court_list,
)
from cstr_desktop.form_errors import AnswerError
from cstr_desktop.form_loader import load_bundle
from cstr_desktop.interview import InterviewState
from cstr_desktop.key_slots import DEFAULT_KDF, KdfParams, SignInError, TooManyAttempts
from cstr_desktop.lifecycle import LifecycleError
from cstr_desktop.readers import CopyContents, copy_contents
from cstr_desktop.store import Store, StoreError, StoreUnavailable
from cstr_desktop.uk_formats import EntryError, parse_date, parse_time
from reports.record import ALL_READERS, freeze_final_reports, stored_report
from reports.snapshot import CopyRefused

from .session import Session


def _kdf(session: Session) -> KdfParams:
    return session.kdf if session.kdf is not None else DEFAULT_KDF


def create_store(session: Session, name: str, password: str) -> Store:
    """The first run: the store and its first account. ``store.recovery_key`` is the
    recovery key, shown once."""
    session.store = Store.create(session.data_dir, name, password, kdf=_kdf(session))
    return session.store


def recovery_sheet(session: Session, key: str) -> bytes:
    """The recovery key as one printable page."""
    from reports.recovery_sheet import render_recovery_sheet

    assert session.store is not None
    session.store.log("recovery_key_printed", "store", session.store.store_id)
    return render_recovery_sheet(key, session.store.root_fingerprint(), str(session.data_dir),
                                 _now()[:10])


def about(session: Session) -> tuple[str, str, str | None]:
    """The version, the data folder and the root key's fingerprint (None: no store yet)."""
    from cstr_desktop import __version__
    from cstr_desktop.key_slots import KeySlots
    from cstr_desktop.store_errors import StoreError

    try:
        fingerprint = KeySlots(session.data_dir).read().root_fingerprint
    except (StoreError, SignInError, OSError):
        fingerprint = None
    return __version__, str(session.data_dir), fingerprint


def sign_in(session: Session, name: str, password: str) -> Store:
    session.store = Store.open(session.data_dir, name, password, kdf=_kdf(session))
    session.assessment_id = None
    return session.store


def unlock(session: Session, password: str) -> SignInError | None:
    """Unlock the locked window; None, or why not (wrong guesses back off as at sign-in:
    then the error is TooManyAttempts, saying how long to wait)."""
    assert session.store is not None
    store = session.store
    try:
        store.confirm_password(password)
    except TooManyAttempts as exc:
        store.log("unlock_refused", "account", store.user.id, reason="waiting")
        return exc
    except SignInError as exc:
        store.log("unlock_refused", "account", store.user.id)
        return exc
    store.log("unlock", "account", store.user.id)
    return None


def sign_out(session: Session) -> None:
    if session.store is not None:
        session.store.close()
    session.store = None
    session.assessment_id = None


def list_accounts(session: Session) -> list:
    assert session.store is not None
    return session.store.accounts()


def add_account(session: Session, name: str, role: str, password: str) -> None:
    assert session.store is not None
    session.store.add_account(name, password, role)


def remove_account(session: Session, name: str) -> None:
    assert session.store is not None
    session.store.remove_account(name)


def reset_password(session: Session, name: str, password: str) -> None:
    assert session.store is not None
    session.store.reset_password(name, password)


def set_profile(session: Session, name: str, profile: dict[str, str]) -> None:
    assert session.store is not None
    session.store.set_profile(name, **profile)


def set_marking(session: Session, marking: str) -> None:
    assert session.store is not None
    session.store.set_marking(marking)


def change_password(session: Session, current: str, new: str) -> None:
    assert session.store is not None
    session.store.change_password(current, new)


def list_cases(session: Session, search: str = "") -> list[dict]:
    assert session.store is not None
    if search.strip():
        return session.store.cases(search=search)
    return session.store.cases(day=session.day)


def review_queue(session: Session) -> list[dict]:
    """What awaits a countersignature, oldest first: when and where listed, who wrote it
    and when it was submitted."""
    assert session.store is not None
    authors = {a.id: a.username for a in session.store.accounts(include_removed=True)}
    rows = session.store.awaiting_review()
    out = []
    for r in rows:
        try:
            case = session.store.case(r["case_number"]) if r["case_number"] else {}
        except StoreError:
            case = {}
        out.append({"case_number": r["case_number"] or "-",
                    "family_name": r["family_name"] or "", "given_names": r["given_names"] or "",
                    "hearing_date": case.get("hearing_date") or "",
                    "list_time": case.get("list_time") or "",
                    "courtroom": case.get("courtroom") or "", "status": r["status"],
                    "author": authors.get(r["created_by"], ""),
                    "submitted_at": r["submitted_at"] or ""})
    return out


def plan_court_list(session: Session, path: str) -> tuple[list[ListedCase], ReconcilePlan]:
    """Read a court list and work out what importing it would change (nothing changes)."""
    assert session.store is not None
    cases = read_court_list(path)
    plan = session.store.plan_court_list(cases)
    session.store.log("court_list_previewed", "cases", None, reason=plan.summary())
    return cases, plan


def apply_court_list(session: Session, cases: list[ListedCase]) -> ReconcilePlan:
    """Import the list the person has looked at and confirmed."""
    assert session.store is not None
    return session.store.import_court_list(cases)


class FieldProblems(StoreError):
    """Add defendant: the fields that need correcting, ``(field, problem)`` each."""

    def __init__(self, problems: list[tuple[str | None, Any]]):
        self.problems = problems
        super().__init__("; ".join(str(p) for _, p in problems))


def add_defendant(session: Session, fields: dict[str, str]) -> None:
    """Add a defendant typed in by hand: dates and times as typed in the UK."""
    assert session.store is not None
    fields = dict(fields)
    problems: list[tuple[str | None, Any]] = []
    for name, parse in (("date_of_birth", parse_date), ("hearing_date", parse_date),
                        ("list_time", parse_time)):
        if fields.get(name):
            try:
                fields[name] = parse(fields[name])
            except EntryError as exc:
                problems.append((name, exc))
    problems += [(name, "required") for name, value in fields.items()
                 if not value and name in ("family_name", "given_names", "date_of_birth",
                                           "case_number", "hearing_date", "court_name",
                                           "courtroom", "list_time")]
    if problems:
        raise FieldProblems(problems)
    header = ",".join(fields)
    row = ",".join('"' + v.replace('"', '""') + '"' for v in fields.values())
    try:
        case = parse_court_list(f"{header}\n{row}\n")[0]
    except CourtListError as exc:
        raise FieldProblems([(None, p.split(": ", 1)[-1]) for p in exc.problems]) from None
    session.store.add_case(case)


def open_case(session: Session, case_number: str) -> tuple[InterviewState, dict]:
    """Open (or start) the case's assessment; returns its state and record."""
    assert session.store is not None
    store = session.store
    try:
        row = store.assessment_for_case(case_number)
    except StoreError:
        store.start_assessment(load_bundle(), case_number)
        row = store.assessment_for_case(case_number)
    session.assessment_id = row["id"]
    session.case_number = case_number
    store.log("view", "assessment", row["id"])
    return InterviewState(session.bundle(), store.answers(row["id"])), row


@dataclass
class SaveOutcome:
    """What became of one answer: saved (the new state), refused, or not written."""

    state: InterviewState | None = None
    refused: Exception | None = None  # the answer itself was not accepted
    not_saved: StoreUnavailable | None = None  # could not be written: kept, to try again


def save_answer(session: Session, name: str, value: Any) -> SaveOutcome:
    """Save one answer now."""
    if session.store is None or session.assessment_id is None:
        raise StoreError("no case is open to save the answer in")
    try:
        bundle = session.bundle()
        session.store.save_answer(bundle, session.assessment_id, name, value)
        answers = session.store.answers(session.assessment_id)
    except StoreUnavailable as exc:
        return SaveOutcome(not_saved=exc)
    except (AnswerError, LifecycleError, StoreError) as exc:
        return SaveOutcome(refused=exc)
    return SaveOutcome(state=InterviewState(bundle, answers))


def remember_position(session: Session, section: str, question: str | None) -> None:
    if session.store is not None and session.assessment_id is not None:
        session.store.set_position(session.assessment_id, section, question)


def current_record(session: Session) -> dict:
    assert session.store is not None and session.assessment_id is not None
    return session.store.assessment(session.assessment_id)


def report_readers(session: Session, lang: str) -> list[tuple[str, str]]:
    """The copies the open assessment's form has: (reader id, copy title in ``lang``)."""
    bundle = session.bundle()
    if not bundle.reader_ids():
        return [(ALL_READERS, "")]
    return [(r.id, r.copy_title.get(lang) or r.copy_title["en"]) for r in bundle.layout.readers]


def report_snapshot(session: Session, reader: str | None = None,
                    lang: str | None = None) -> tuple[dict | None, CopyContents]:
    """Freeze one reader's copy of the open assessment (done on the UI thread; rendering is
    not), with what it holds and leaves out. A copy its consent does not allow: None."""
    store = session.store
    assert store is not None and session.assessment_id is not None
    row = store.assessment(session.assessment_id)
    who = None if reader in (None, ALL_READERS) else reader
    state = InterviewState(session.bundle(), store.answers(row["id"]))
    contents = copy_contents(state, who, session.lang)
    try:
        snapshot = stored_report(store, row, lang, _now(), who)
    except CopyRefused:
        store.log("report_refused", "assessment", row["id"], reason=f"reader={reader}")
        return None, contents
    store.log("report_previewed", "assessment", row["id"], reason=f"reader={reader}")
    return snapshot, contents


def save_pdf(session: Session, pdf: bytes, path: str, reader: str | None = None) -> None:
    Path(path).write_bytes(pdf)
    assert session.store is not None
    session.store.log("report_saved", "assessment", session.assessment_id,
                      reason=f"{Path(path).name}; reader={reader}")


def record_print(session: Session, reader: str | None = None) -> None:
    assert session.store is not None
    session.store.log("report_printed", "assessment", session.assessment_id,
                      reason=f"reader={reader}")


def submit(session: Session, missing: list[str] | None = None) -> dict:
    """Submit for review; required answers still missing are named in the audit trail."""
    assert session.store is not None
    row = session.store.submit_for_review(session.assessment_id)
    if missing:
        session.store.log("submitted_with_missing", "assessment", session.assessment_id,
                          reason=", ".join(missing))
    return row


def request_changes(session: Session, comment: str) -> dict:
    assert session.store is not None
    return session.store.request_changes(session.assessment_id, comment)


def reply_to_review(session: Session, text: str) -> dict:
    assert session.store is not None
    return session.store.reply_to_review(session.assessment_id, text)


def review_comments(session: Session) -> list[dict]:
    assert session.store is not None and session.assessment_id is not None
    return session.store.review_comments(session.assessment_id)


def countersign(session: Session, password: str) -> dict:
    """Countersign, then keep the final report in every language (its verification code
    stays the same on every later print)."""
    assert session.store is not None
    row = session.store.countersign(session.assessment_id, password)
    freeze_final_reports(session.store, row, _now())
    return row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def amend(session: Session, reason: str, password: str | None = None) -> dict:
    """Amend (the author; or a reviewer, with their password)."""
    assert session.store is not None
    return session.store.amend(session.assessment_id, reason, password)


def outcome_form(session: Session, case_number: str) -> dict[str, Any]:
    """What the outcome dialog shows for a case: who, when, where its assessment is, the
    outcomes recorded so far, and the one kept with the assessment (to start from)."""
    assert session.store is not None
    store = session.store
    case = store.case(case_number)
    status = store.assessment(case["assessment_id"])["status"] if case["assessment_id"] \
        else "listed"
    history = store.outcomes(case_number)
    record = next((o for o in history if o["kind"] == "record"), None)
    return {"case_number": case_number, "hearing_date": case["hearing_date"],
            "name": f"{case['given_names']} {case['family_name']}", "status": status,
            "history": history,
            "current": record["answers"] if record and status != "approved" else None}


def record_outcome(session: Session, case_number: str, answers: dict[str, Any],
                   supersedes: str | None = None) -> dict[str, Any]:
    """Record the court's outcome on the case: with the assessment before approval, as a
    signed addendum after it."""
    assert session.store is not None
    return session.store.record_outcome(load_bundle(), case_number, answers, supersedes)
