"""The core's errors in the interface's language, as sentences for the screen.

The core words its errors in English for the command line; here the ones a
person meets on a court day are said again in English or Welsh from the
error's type and code. Anything else is shown as the core wrote it.
"""

from __future__ import annotations

from cstr_desktop import wording

from .text import sentence, t

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
            # What each answer check means (the detail stays as the core says).
            key = f"answer_code_{error.code}"
            what = t(key, lang) if wording.has("app." + key) else error.code
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
