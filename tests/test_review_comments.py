"""The review's comments and the assessor's replies, in the core: kept in order with who
wrote each, each reply a signed step; a password typed as a comment is refused and never
stored, without counting as a wrong password; only the assessor replies."""

from __future__ import annotations

import pytest
from support.reporting import full_answers
from support.stores import KDF

from cstr_desktop.lifecycle import LifecycleError
from cstr_desktop.store import NotAllowed, Store

ACCOUNTS = {"admin": "admin password", "sam": "assessor password",
            "rita": "reviewer password"}


@pytest.fixture
def folder(fresh_store):
    return fresh_store({"sam": (ACCOUNTS["sam"], "assessor"),
                        "rita": (ACCOUNTS["rita"], "reviewer")})


def sign_in(folder, name):
    return Store.open(folder, name, ACCOUNTS[name], kdf=KDF)


@pytest.fixture
def submitted(folder, bundle):
    with sign_in(folder, "sam") as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, full_answers())
        sam.submit_for_review(a)
    return a


def test_comments_and_replies_are_kept_in_order_and_each_reply_is_a_signed_step(
        folder, submitted):
    with sign_in(folder, "rita") as rita:
        rita.request_changes(submitted, "Please add the GP's name.")
    with sign_in(folder, "sam") as sam:
        sam.reply_to_review(submitted, "Added: Dr Jones.")
        sam.reply_to_review(submitted, "And the practice, Cathays Surgery.")
        comments = sam.review_comments(submitted)
        assert [(c["kind"], c["text"], c["author"], c["author_role"]) for c in comments] == [
            ("changes_requested", "Please add the GP's name.", "rita", "reviewer"),
            ("reply", "Added: Dr Jones.", "sam", "assessor"),
            ("reply", "And the practice, Cathays Surgery.", "sam", "assessor")]
        steps = [s for s in sam.signed_steps(submitted) if s["action"] == "reply"]
        assert [s["payload"]["comment"] for s in steps] == [
            "Added: Dr Jones.", "And the practice, Cathays Surgery."]
        assert sam.assessment(submitted)["status"] == "changes_requested"  # unchanged
        report = sam.verify_audit()
        assert report.ok and report.signed == report.entries, report.problem


def test_a_password_as_a_comment_is_refused_and_counts_as_no_wrong_guess(folder, submitted):
    with sign_in(folder, "rita") as rita:
        for _ in range(4):  # more than the free attempts, were they counted
            with pytest.raises(LifecycleError, match="that is your password"):
                rita.request_changes(submitted, ACCOUNTS["rita"])
        assert rita.review_comments(submitted) == []
        assert ACCOUNTS["rita"] not in str(rita.audit_entries())
        assert rita.assessment(submitted)["status"] == "awaiting_review"
        # Ordinary comments do not count as wrong passwords either: countersigning later
        # is not held back.
        rita.request_changes(submitted, "Please check the dates.")
    with sign_in(folder, "sam") as sam:
        sam.submit_for_review(submitted)
    with sign_in(folder, "rita") as rita:
        assert rita.countersign(submitted, ACCOUNTS["rita"])["status"] == "approved"


def test_only_the_assessor_replies_and_only_to_a_comment(folder, submitted):
    with sign_in(folder, "sam") as sam:
        with pytest.raises(LifecycleError, match="no reviewer's comment"):
            sam.reply_to_review(submitted, "Nothing to reply to yet.")
    with sign_in(folder, "rita") as rita:
        rita.request_changes(submitted, "Please add the GP's name.")
    for name in ("admin", "rita"):
        with sign_in(folder, name) as other:
            with pytest.raises(NotAllowed):
                other.reply_to_review(submitted, "Not mine to answer.")
    with sign_in(folder, "sam") as sam:
        with pytest.raises(LifecycleError, match="at most 4000 characters"):
            sam.reply_to_review(submitted, "x" * 4001)
        with pytest.raises(LifecycleError, match="needs some text"):
            sam.reply_to_review(submitted, "   ")
