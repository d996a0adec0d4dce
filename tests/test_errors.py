"""One error module: every error the core raises, with its exit code and message code;
the command line maps them in one place; the lifecycle says who may do what."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cstr_desktop import errors
from cstr_desktop.store.lifecycle import Actor, allowed_moves, check_move, password_needed


def _error_classes() -> list[type[errors.CstrError]]:
    return [v for v in vars(errors).values()
            if isinstance(v, type) and issubclass(v, errors.CstrError)]


def test_the_error_module_imports_nothing_of_the_project_or_outside_the_standard_library():
    script = ("import sys; before = set(sys.modules); import cstr_desktop.errors; "
              "new = sorted(set(sys.modules) - before); print(' '.join(new))")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    loaded = proc.stdout.split()
    assert "cstr_desktop.errors" in loaded
    ours = [m for m in loaded if m.split(".")[0] in ("cstr_desktop", "cli", "reports", "ui")]
    assert ours == ["cstr_desktop", "cstr_desktop.errors"]
    assert not [m for m in loaded if m.split(".")[0] in ("pydantic", "sqlcipher3",
                                                         "sqlite_utils", "cryptography")]


def test_every_error_has_an_exit_code_of_the_contract_and_a_message_code():
    classes = _error_classes()
    assert len(classes) >= 20
    for cls in classes:
        assert cls.exit_code in (1, 2, 3, 4), cls
        assert isinstance(cls.label, str)
    # The contract's exit codes, by kind (contract.md section 3).
    assert errors.SignInError.exit_code == errors.NotAllowed.exit_code == 3
    assert errors.RoleError.exit_code == errors.TooManyAttempts.exit_code == 3
    assert errors.StoreBusy.exit_code == 4
    assert errors.CheckFailed.exit_code == errors.RecordAltered.exit_code == 1
    for cls in (errors.StoreError, errors.LifecycleError, errors.CourtListError,
                errors.StoreExists, errors.StoreCorrupt, errors.DiskFull, errors.ReadOnly):
        assert cls.exit_code == 2, cls


@pytest.mark.parametrize("error, line", [
    (errors.SignInError("wrong"), "not allowed: wrong"),
    (errors.StoreBusy("/d"), "busy: the store in /d is busy: another window or program is "
                             "using it; try again in a moment (nothing was lost)"),
    (errors.CheckFailed("broken"), "broken"),
    (errors.CourtListError(["row 2: x", "row 3: y"]),
     "error: row 2: x | row 3: y (nothing was imported)"),
    (errors.AnswerError("ANS_004", "q", "not one of the choices"),
     "error: ANS_004: 'q': not one of the choices"),
    (errors.FormError([errors.FormProblem("FORM_003", "f.yaml", "q", "unknown")]),
     "error: the form files are faulty: FORM_003: f.yaml: q: unknown"),
])
def test_the_command_line_says_each_error_in_one_line(error, line):
    assert error.command_line() == line
    assert "\n" not in error.command_line()


def test_a_raise_may_give_a_precise_message_code():
    assert errors.LifecycleError("x").code == "lifecycle"
    assert errors.LifecycleError("x", code="comment_required").code == "comment_required"
    assert errors.AnswerError("ANS_002", None, "x").code == "ANS_002"


ASSESSOR, OTHER_ASSESSOR = Actor("a1", "assessor"), Actor("a2", "assessor")
REVIEWER, ADMIN = Actor("r1", "reviewer"), Actor("ad", "admin")


@pytest.mark.parametrize("status, actor, moves", [
    ("draft", ASSESSOR, ("submit", "edit", "reply")),
    ("draft", OTHER_ASSESSOR, ("submit", "edit", "reply")),
    ("draft", REVIEWER, ()),
    ("draft", ADMIN, ()),
    ("awaiting_review", ASSESSOR, ()),
    ("awaiting_review", REVIEWER, ("request_changes", "countersign")),
    ("awaiting_review", ADMIN, ()),
    ("changes_requested", ASSESSOR, ("submit", "edit", "reply")),
    ("approved", ASSESSOR, ("amend",)),
    ("approved", OTHER_ASSESSOR, ()),
    ("approved", REVIEWER, ("amend",)),
    ("approved", ADMIN, ()),
])
def test_allowed_moves_says_who_may_do_what(status, actor, moves):
    assert allowed_moves(status, actor, "a1") == moves


def test_allowed_moves_and_check_move_agree():
    for status in ("draft", "awaiting_review", "changes_requested", "approved"):
        for actor in (ASSESSOR, OTHER_ASSESSOR, REVIEWER, ADMIN, Actor("a1", "reviewer")):
            allowed = allowed_moves(status, actor, "a1")
            for action in ("submit", "request_changes", "countersign", "amend"):
                text = "the dose was recorded in the wrong field"
                try:
                    check_move(action, status, actor, "a1", text)
                except errors.LifecycleError:
                    assert action not in allowed, (status, actor, action)
                else:
                    assert action in allowed, (status, actor, action)


def test_an_author_reviewer_may_not_countersign_their_own_work():
    author = Actor("a1", "reviewer")
    assert "countersign" not in allowed_moves("awaiting_review", author, "a1")
    with pytest.raises(errors.RoleError) as caught:
        check_move("countersign", "awaiting_review", author, "a1")
    assert caught.value.code == "own_assessment"


def test_who_confirms_with_a_password():
    assert password_needed("countersign", REVIEWER)
    assert password_needed("amend", REVIEWER)
    assert not password_needed("amend", ASSESSOR)
    assert not password_needed("submit", ASSESSOR)
