"""One function per user action: each calls the core (or the reports) and returns what to show.

No Qt here beyond what is passed in: the window calls these and updates itself.
Errors come back as exceptions whose text is written for the person using
the app.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cstr_desktop.court_list import CourtListError, parse_court_list, read_court_list
from cstr_desktop.form_errors import AnswerError
from cstr_desktop.form_loader import load_bundle
from cstr_desktop.interview import InterviewState
from cstr_desktop.key_slots import DEFAULT_KDF, KdfParams, SignInError, TooManyAttempts
from cstr_desktop.lifecycle import LifecycleError
from cstr_desktop.readers import CopyContents, copy_contents
from cstr_desktop.store import Store, StoreError
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


def unlock(session: Session, password: str) -> str | None:
    """Unlock the locked window; None, or why not (wrong guesses back off as at sign-in)."""
    assert session.store is not None
    store = session.store
    try:
        store.confirm_password(password)
    except TooManyAttempts as exc:
        store.log("unlock_refused", "account", store.user.id, reason="waiting")
        return str(exc)
    except SignInError as exc:
        store.log("unlock_refused", "account", store.user.id)
        return str(exc)
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
    assert session.store is not None
    rows = session.store.awaiting_review()
    return [{"case_number": r["case_number"] or "-", "family_name": r["family_name"] or "",
             "given_names": r["given_names"] or "", "list_time": "", "courtroom": "",
             "status": r["status"]} for r in rows]


def import_court_list(session: Session, path: str) -> str:
    assert session.store is not None
    plan = session.store.import_court_list(read_court_list(path))
    return plan.summary()


def add_defendant(session: Session, fields: dict[str, str]) -> None:
    assert session.store is not None
    header = ",".join(fields)
    row = ",".join('"' + v.replace('"', '""') + '"' for v in fields.values())
    try:
        case = parse_court_list(f"{header}\n{row}\n")[0]
    except CourtListError as exc:
        raise StoreError("; ".join(p.split(": ", 1)[-1] for p in exc.problems)) from None
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


def save_answer(session: Session, name: str, value: Any) -> tuple[InterviewState | None,
                                                                  str | None]:
    """Save one answer now; returns the new state, or the reason it was not saved."""
    assert session.store is not None and session.assessment_id is not None
    bundle = session.bundle()
    try:
        session.store.save_answer(bundle, session.assessment_id, name, value)
    except AnswerError as exc:
        return None, exc.detail
    except (LifecycleError, StoreError) as exc:
        return None, str(exc)
    return InterviewState(bundle, session.store.answers(session.assessment_id)), None


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
