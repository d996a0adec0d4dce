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

from cstr_desktop.errors import LifecycleError, RoleError

STATUSES = ("draft", "awaiting_review", "changes_requested", "approved")
EDITABLE = ("draft", "changes_requested")
# "At least a sentence": this many characters and words.
MIN_REASON_CHARS = 20
MIN_REASON_WORDS = 3


@dataclass(frozen=True)
class Actor:
    id: str
    role: str


@dataclass(frozen=True)
class Move:
    action: str
    from_statuses: tuple[str, ...]
    to_status: str | None  # None: the status stays (editing, replying)
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
    # Steps that leave the status as it is: changing the answers, and the assessor's
    # reply to the reviewer's comments.
    "edit": Move("edit", EDITABLE, None, ("assessor",)),
    "reply": Move("reply", EDITABLE, None, ("assessor",), needs_text="reply"),
}

_WORDS = {"draft": "a draft", "awaiting_review": "awaiting review",
          "changes_requested": "returned for changes", "approved": "approved"}


def _refusal(move: Move, status: str, actor: Actor, author_id: str) -> Exception | None:
    """Why ``actor`` may not make ``move`` now (the text it needs aside), or None."""
    action = move.action.replace("_", " ")
    if actor.role not in move.roles:
        return RoleError(f"the {actor.role} role cannot {action} (needs "
                         f"{' or '.join(move.roles)})", code="role")
    if not move.author_allowed and actor.id == author_id:
        return RoleError(f"you wrote this assessment: another reviewer must {action}",
                         code="own_assessment")
    if move.others_roles is not None and actor.id != author_id and \
            actor.role not in move.others_roles:
        return RoleError(f"only the assessment's author, or a reviewer, may {action} it",
                         code="role")
    if status not in move.from_statuses:
        if move.to_status is None:
            return _not_editable(status)
        return LifecycleError(f"cannot {action} an assessment that is "
                              f"{_WORDS.get(status, status)}", code="wrong_status")
    return None


def allowed_moves(status: str, actor: Actor, author_id: str) -> tuple[str, ...]:
    """What ``actor`` may do with an assessment in ``status`` written by ``author_id``
    (in the order of :data:`MOVES`): the one place that says who may do what; the
    store checks each step with it and the app shows only these."""
    return tuple(a for a, move in MOVES.items()
                 if _refusal(move, status, actor, author_id) is None)


def password_needed(action: str, actor: Actor) -> bool:
    """Whether the step is confirmed with the actor's password: a countersignature, and
    an amendment by a reviewer (an author amends their own work without one)."""
    return action == "countersign" or (action == "amend" and actor.role == "reviewer")


def check_move(action: str, status: str, actor: Actor, author_id: str,
               text: str | None = None) -> str:
    """The status after ``action``; raises if the move is not allowed. Pure."""
    move = MOVES[action]
    refusal = _refusal(move, status, actor, author_id)
    if refusal is not None:
        raise refusal
    words = action.replace("_", " ")
    if move.needs_text and not (text or "").strip():
        raise LifecycleError(f"a {move.needs_text} is required to {words}",
                             code=f"{move.needs_text}_required")
    if move.needs_text == "reason" and (len(text.strip()) < MIN_REASON_CHARS
                                        or len(text.split()) < MIN_REASON_WORDS):
        raise LifecycleError(f"the reason to {words} must be at least a "
                             f"sentence ({MIN_REASON_CHARS} characters or more), saying what "
                             "was wrong", code="reason_too_short")
    return move.to_status or status


def _not_editable(status: str) -> LifecycleError:
    word = "locked: amend it, with a reason, to change it" if status == "approved" \
        else "awaiting review: it cannot be changed until the review is done"
    return LifecycleError(f"the assessment is {word}", code="not_editable")


def check_editable(status: str) -> None:
    if status not in EDITABLE:
        raise _not_editable(status)


# The court's outcome on a case (docs/outcomes.md): with the assessment, by an assessor,
# before its approval; as a signed addendum, by an assessor or a reviewer, after it; never
# while it awaits its countersignature. Administrators record none.
OUTCOME_ROLES = ("assessor", "reviewer")


def outcome_refusal(status: str, role: str) -> str | None:
    """Why an account of ``role`` may not record the court's outcome on a case whose
    assessment is in ``status`` (``"listed"``: none started), or None if it may:
    ``"waits"`` (it awaits its countersignature), ``"role"`` (a role that records no
    outcome) or ``"after_approval"`` (a reviewer adds one to an approved assessment only)."""
    if status == "awaiting_review":
        return "waits"
    if role not in OUTCOME_ROLES:
        return "role"
    if role != "assessor" and status != "approved":
        return "after_approval"
    return None
