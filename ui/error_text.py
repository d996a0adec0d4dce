"""The core's errors in the interface's language, as sentences for the screen.

The core words its errors in English for the command line; here the ones a
person meets on a court day are said again in English or Welsh from the
error's type and code. Anything else is shown as the core wrote it.
"""

from __future__ import annotations

from .text import sentence, t

# What each answer check means, for the Welsh screen (the detail stays as the core says).
_ANSWER_CODES_CY = {
    "ANS_002": "math anghywir o werth", "ANS_003": "y tu allan i'r amrediad",
    "ANS_004": "nid yw'n un o'r dewisiadau", "ANS_005": "nid yw'n ddyddiad dilys",
    "ANS_006": "nid yw'n amser dilys", "ANS_008": "nid yw yn y ffurf ofynnol",
    "ANS_009": "testun rhy hir neu'n cynnwys nodau rheoli",
    "ANS_010": "yn anghyson ag ateb arall",
}

# Refusals from the review, by the start of the core's words.
_LIFECYCLE = (
    ("the password is wrong: not countersigned", "countersign_password_wrong"),
    ("a comment is required", "comment_required"),
    ("that is your password, not a comment", "comment_is_password"),
    ("a reason is required", "reason_required"),
    ("you wrote this assessment", "own_assessment"),
    ("the current password is wrong", "current_password_wrong"),
)


def say_error(error: object, lang: str) -> str:
    """``error`` (an exception, or text from the core) as a sentence in ``lang``."""
    from cstr_desktop.form_errors import AnswerError
    from cstr_desktop.key_slots import SignInError, TooManyAttempts
    from cstr_desktop.store_errors import StoreBusy, StoreUnavailable
    from cstr_desktop.uk_formats import EntryError

    if isinstance(error, StoreBusy) and error.holder is not None:
        return store_busy(error.holder, lang)
    if isinstance(error, StoreUnavailable):
        return t("cause_" + error.cause, lang)
    if isinstance(error, EntryError):
        return t("entry_" + error.code, lang, text=error.text)
    if isinstance(error, TooManyAttempts):
        return t("too_many_attempts", lang, seconds=error.wait_seconds)
    if isinstance(error, AnswerError):
        detail = sentence(error.detail)
        if lang == "cy":
            what = _ANSWER_CODES_CY.get(error.code, error.code)
            return t("answer_refused_cy", lang, what=what, detail=detail)
        return detail
    text = str(error)
    for start, key in _LIFECYCLE:
        if text.lower().startswith(start):
            return t(key, lang)
    if isinstance(error, SignInError):
        return t("wrong_sign_in", lang)
    return sentence(text)


def store_busy(holder: dict, lang: str) -> str:
    """Who has the store open, in words."""
    program = holder.get("program") or t("another_program", lang)
    since = str(holder.get("since") or "")[:16].replace("T", " ")
    where = t("holder_where", lang, pid=holder.get("pid", "?"), host=holder.get("host", "?"),
              since=since or "?")
    return t("store_open_elsewhere", lang, program=program, where=where)
