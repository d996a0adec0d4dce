"""Review and countersignature: the rules in the core, and the store applying them."""

from __future__ import annotations

import pytest
from support.reporting import REASONS, full_answers, without_reasons
from support.stores import TEAM

from cstr_desktop.errors import LifecycleError, RoleError, SignInError
from cstr_desktop.store.lifecycle import Actor, check_move, outcome_refusal
from cstr_desktop.store.session import Store
from cstr_desktop.trust.key_slots import FAST_KDF_FOR_TESTS

KDF = FAST_KDF_FOR_TESTS
AUTHOR = Actor("a1", "assessor")
REVIEWER = Actor("r1", "reviewer")


@pytest.mark.parametrize(("action", "status", "actor", "text", "to"), [
    ("submit", "draft", AUTHOR, None, "awaiting_review"),
    ("submit", "changes_requested", AUTHOR, None, "awaiting_review"),
    ("request_changes", "awaiting_review", REVIEWER, "Add the GP details.", "changes_requested"),
    ("countersign", "awaiting_review", REVIEWER, None, "approved"),
    ("amend", "approved", AUTHOR, "Wrong date of birth.", "draft"),
])
def test_allowed_moves(action, status, actor, text, to):
    assert check_move(action, status, actor, "a1", text) == to


@pytest.mark.parametrize(("action", "status", "actor", "text", "error", "message"), [
    ("countersign", "awaiting_review", AUTHOR, None, RoleError, "assessor role cannot"),
    ("countersign", "awaiting_review", Actor("a1", "reviewer"), None, RoleError,
     "you wrote this assessment"),
    ("countersign", "draft", REVIEWER, None, LifecycleError, "a draft"),
    ("submit", "approved", AUTHOR, None, LifecycleError, "approved"),
    ("submit", "awaiting_review", REVIEWER, None, RoleError, "reviewer role cannot"),
    ("request_changes", "awaiting_review", REVIEWER, "  ", LifecycleError, "comment is required"),
    ("amend", "approved", AUTHOR, "", LifecycleError, "reason is required"),
    ("amend", "draft", AUTHOR, "why", LifecycleError, "a draft"),
])
def test_refused_moves(action, status, actor, text, error, message):
    with pytest.raises(error, match=message):
        check_move(action, status, actor, "a1", text)


@pytest.fixture
def folder(fresh_store):
    return fresh_store(TEAM)


PASSWORDS = {"sam": "assessor password", "rita": "reviewer password"}


def sign_in(folder, name):
    return Store.open(folder, name, PASSWORDS[name], kdf=KDF)


def test_the_review_round_trip(folder, bundle):
    with sign_in(folder, "sam") as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, without_reasons(full_answers()))
        assert sam.submit_for_review(a)["status"] == "awaiting_review"
        with pytest.raises(LifecycleError, match="awaiting review"):
            sam.save_answer(bundle, a, "convicted", "no")
    with sign_in(folder, "rita") as rita:
        # Not final without a reason for each criterion that asks for one.
        with pytest.raises(LifecycleError, match=r"not countersigned: the opinion on the "
                           r"statutory criteria is not final \(all requirements: Has capacity "
                           r"to consent \(no reason given\); .* and \d+ more\)"):
            rita.countersign(a, "reviewer password")
        row = rita.request_changes(a, "Please give your reasons.")
        assert (row["status"], row["review_comment"]) == ("changes_requested",
                                                          "Please give your reasons.")
    with sign_in(folder, "sam") as sam:
        for name, text in REASONS.items():
            sam.save_answer(bundle, a, name, text)
        sam.submit_for_review(a)
    with sign_in(folder, "rita") as rita:
        with pytest.raises(SignInError):
            rita.countersign(a, "not my password")
        row = rita.countersign(a, "reviewer password")
        assert (row["status"], row["countersigned_by"], row["version"]) == (
            "approved", rita.user.id, 1)
        version = rita.db["assessment_versions"].get((a, 1))
        assert version["content_hash"] == row["content_hash"]
    with sign_in(folder, "sam") as sam:
        with pytest.raises(LifecycleError, match="locked"):
            sam.save_answer(bundle, a, "convicted", "no")
        with pytest.raises(LifecycleError, match="reason is required"):
            sam.amend(a, "")
        row = sam.amend(a, "The date of birth was wrong.")
        assert (row["status"], row["version"], row["countersigned_by"],
                row["amendment_reason"]) == ("draft", 2, None, "The date of birth was wrong.")
        sam.save_answer(bundle, a, "convicted", "no")
        moves = [e["action"] for e in sam.audit_entries()
                 if e["entity_id"] == a and not e["action"].startswith("answer_")]
        assert moves == ["assessment_created", "submit", "request_changes", "submit",
                         "countersign", "amend"]
        assert sam.verify_audit().ok


def test_an_assessor_cannot_countersign_their_own(folder, bundle):
    with sign_in(folder, "sam") as sam:
        a = sam.create_assessment(bundle)
        sam.import_answers(bundle, a, full_answers())
        sam.submit_for_review(a)
        with pytest.raises(RoleError, match="assessor role cannot countersign"):
            sam.countersign(a, "assessor password")
    with sign_in(folder, "rita") as rita:
        assert rita.countersign(a, "reviewer password")["status"] == "approved"


def test_a_countersignature_is_one_transaction(folder, bundle):
    """The approval, its signed step, its audit entry and the version kept as
    countersigned are written together: a failure between them (here a real one, the
    version row refused by the database) leaves the assessment as it was."""
    from cstr_desktop.errors import StoreError

    with sign_in(folder, "sam") as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, full_answers())
        sam.submit_for_review(a)
    with sign_in(folder, "rita") as rita:
        entries = len(rita.audit_entries())
        rita.db.execute("CREATE TRIGGER refuse_version BEFORE INSERT ON assessment_versions "
                        "BEGIN SELECT RAISE(ABORT, 'the version row failed'); END")
        with pytest.raises(StoreError):
            rita.countersign(a, "reviewer password")
        row = rita.assessment(a)
        assert (row["status"], row["countersigned_by"]) == ("awaiting_review", None)
        assert [s["action"] for s in rita.signed_steps(a)] == ["submit"]
        assert rita.db["assessment_versions"].count == 0
        assert len(rita.audit_entries()) == entries
        assert rita.verify_audit().ok
        # With the fault gone, the same countersignature goes through whole.
        rita.db.execute("DROP TRIGGER refuse_version")
        row = rita.countersign(a, "reviewer password")
        assert row["status"] == "approved"
        assert rita.db["assessment_versions"].get((a, 1))["countersignature"] == \
            rita.signed_steps(a)[-1]["signature"]
        assert rita.countersignature_problem(a, 1) is None


def test_the_sql_driver_s_exceptions_never_leave_the_store(folder):
    import sqlcipher3

    from cstr_desktop.errors import StoreError

    with sign_in(folder, "sam") as sam:
        sam.db.execute("DROP TABLE review_comments")
        try:
            sam.review_comments("no such assessment")
        except StoreError:
            pass
        except sqlcipher3.Error as exc:  # pragma: no cover - the failure this test is for
            pytest.fail(f"the driver's {type(exc).__name__} left the store")
        else:
            pytest.fail("a missing table went unnoticed")


@pytest.mark.parametrize("status,role,refusal", [
    ("listed", "assessor", None), ("draft", "assessor", None),
    ("changes_requested", "assessor", None), ("approved", "assessor", None),
    ("approved", "reviewer", None),
    ("awaiting_review", "assessor", "waits"), ("awaiting_review", "reviewer", "waits"),
    ("awaiting_review", "admin", "waits"),
    ("listed", "reviewer", "after_approval"), ("draft", "reviewer", "after_approval"),
    ("changes_requested", "reviewer", "after_approval"),
    ("listed", "admin", "role"), ("approved", "admin", "role"),
])
def test_who_may_record_the_court_s_outcome(status, role, refusal):
    # The one statement of it the app asks before opening the outcome dialog (the store
    # refuses the same: tests/test_outcomes.py).
    assert outcome_refusal(status, role) == refusal
