"""Who may move an assessment from which status to which (contract.md section 3).

    draft -> awaiting_review -> approved
    awaiting_review -> changes_requested -> (edited) -> awaiting_review
    approved -> (amended, with a reason) -> draft, as the next version

The rules live here, not in the widgets. Only a reviewer who is not the
assessment's author countersigns; an approved assessment is locked. Duties are
separate: assessors write and submit, reviewers review and countersign,
administrators manage accounts and the store and do none of these. Only the
author, or a reviewer (with their password), amends an approved assessment, with
a reason of at least a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("draft", "awaiting_review", "changes_requested", "approved")
EDITABLE = ("draft", "changes_requested")
# "At least a sentence": this many characters and words.
MIN_REASON_CHARS = 20
MIN_REASON_WORDS = 3


class LifecycleError(Exception):
    """The move is not possible from the assessment's status."""


class RoleError(LifecycleError):
    """The account may not make this move."""


@dataclass(frozen=True)
class Actor:
    id: str
    role: str


@dataclass(frozen=True)
class Move:
    action: str
    from_statuses: tuple[str, ...]
    to_status: str
    roles: tuple[str, ...]
    author_allowed: bool = True
    needs_text: str | None = None  # "comment" or "reason"
    others_roles: tuple[str, ...] | None = None  # roles that may act on others' work


MOVES = {
    "submit": Move("submit", EDITABLE, "awaiting_review", ("assessor",)),
    "request_changes": Move("request_changes", ("awaiting_review",), "changes_requested",
                            ("reviewer",), author_allowed=False, needs_text="comment"),
    "countersign": Move("countersign", ("awaiting_review",), "approved", ("reviewer",),
                        author_allowed=False),
    "amend": Move("amend", ("approved",), "draft", ("assessor", "reviewer"),
                  needs_text="reason", others_roles=("reviewer",)),
}

_WORDS = {"draft": "a draft", "awaiting_review": "awaiting review",
          "changes_requested": "returned for changes", "approved": "approved"}


def check_move(action: str, status: str, actor: Actor, author_id: str,
               text: str | None = None) -> str:
    """The status after ``action``; raises if the move is not allowed. Pure."""
    move = MOVES[action]
    if actor.role not in move.roles:
        raise RoleError(f"the {actor.role} role cannot {action.replace('_', ' ')} (needs "
                        f"{' or '.join(move.roles)})")
    if not move.author_allowed and actor.id == author_id:
        raise RoleError("you wrote this assessment: another reviewer must "
                        f"{action.replace('_', ' ')}")
    if move.others_roles is not None and actor.id != author_id and \
            actor.role not in move.others_roles:
        raise RoleError(f"only the assessment's author, or a reviewer, may "
                        f"{action.replace('_', ' ')} it")
    if status not in move.from_statuses:
        raise LifecycleError(f"cannot {action.replace('_', ' ')} an assessment that is "
                             f"{_WORDS.get(status, status)}")
    if move.needs_text and not (text or "").strip():
        raise LifecycleError(f"a {move.needs_text} is required to "
                             f"{action.replace('_', ' ')}")
    if move.needs_text == "reason" and (len(text.strip()) < MIN_REASON_CHARS
                                        or len(text.split()) < MIN_REASON_WORDS):
        raise LifecycleError(f"the reason to {action.replace('_', ' ')} must be at least a "
                             f"sentence ({MIN_REASON_CHARS} characters or more), saying what "
                             "was wrong")
    return move.to_status


def check_editable(status: str) -> None:
    if status not in EDITABLE:
        word = "locked: amend it, with a reason, to change it" if status == "approved" \
            else "awaiting review: it cannot be changed until the review is done"
        raise LifecycleError(f"the assessment is {word}")
