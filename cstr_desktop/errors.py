"""Every error the core raises, each with its exit code and its message code.

One module, importing nothing of the project's and nothing outside the standard
library, so the command line, the desktop app and the reports can all import it
cheaply (the app's first window needs these words before any store is open).

- ``exit_code``: what the command line exits with (contract.md section 3): 1 a check
  failed, 2 bad input, 3 not allowed (a wrong password too), 4 busy.
- ``label``: the word the command line puts before the message ("error",
  "not allowed", "busy"; none for a failed check).
- ``code``: a stable message code, for the interface's own wording in English and
  Welsh (``ui/error_text.py``) and for support notes. A class has a default; a raise
  may give a more precise one (``LifecycleError("...", code="comment_required")``).

The SQL driver's exceptions never leave the store: it turns them into the
:class:`StoreError` they stand for (``cstr_desktop.store.faults.fault``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_NOT_ALLOWED = 3
EXIT_BUSY = 4


class CstrError(Exception):
    """Something the core refuses or cannot do, said in one line."""

    exit_code = EXIT_BAD_INPUT
    label = "error"
    code = "error"

    def __init__(self, *args: object, code: str | None = None):
        super().__init__(*args)
        if code is not None:
            self.code = code

    def command_line(self) -> str:
        """The one line the command line writes on stderr."""
        return f"{self.label}: {self}" if self.label else str(self)


class CheckFailed(CstrError):
    """A check found a fault (the audit trail, a verification code)."""

    exit_code = EXIT_CHECK_FAILED
    label = ""
    code = "check_failed"


class UsageError(CstrError):
    """Bad command-line use."""

    code = "usage"


# -- forms and answers ----------------------------------------------------------------


@dataclass(frozen=True)
class FormProblem:
    code: str
    file: str
    subject: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        subject = f"{self.subject}: " if self.subject else ""
        return f"{self.code}: {where}{subject}{self.detail}"


class FormError(CstrError):
    """One or more faults in the form files. ``problems[0]`` is the first found; ``code``
    is its code (``FORM_001`` ...)."""

    def __init__(self, problems: list[FormProblem]):
        assert problems
        self.problems = problems
        lines = [str(p) for p in problems[:20]]
        if len(problems) > 20:
            lines.append(f"... and {len(problems) - 20} more")
        super().__init__("\n".join(lines))

    @property  # type: ignore[override]
    def code(self) -> str:
        return self.problems[0].code

    def command_line(self) -> str:
        return f"error: the form files are faulty: {str(self).splitlines()[0]}"


class AnswerError(CstrError, ValueError):
    """An answer (or an answers file) that cannot be accepted; ``code`` is ``ANS_...`` or
    ``FILE_...``."""

    def __init__(self, code: str, question: str | None, detail: str):
        self.question = question
        self.detail = detail
        prefix = f"{code}: "
        if question:
            prefix += f"'{question}': "
        super().__init__(prefix + detail, code=code)


class OutcomeError(AnswerError):
    """An outcome at court that cannot be kept (``OUT_...``). ``params`` carries the values
    the message names, so the app can say the same in Welsh."""

    def __init__(self, code: str, question: str | None, detail: str, **params: object):
        super().__init__(code, question, detail)
        self.params = params


class EntryError(CstrError, ValueError):
    """Typed text that is not a date or time. ``code`` names the fault for translation."""

    def __init__(self, code: str, text: str, message: str):
        self.text = text
        super().__init__(message, code=code)


class DuplicateKey(CstrError, ValueError):
    """A JSON object that gives the same key twice."""

    code = "duplicate_key"

    def __init__(self, key: str):
        self.key = key
        super().__init__(f"the key '{key}' appears twice")


class CopyRefused(CstrError):
    """A copy that may not be made: the reader's consent is not given (or no such reader)."""

    code = "copy_refused"


class CourtListError(CstrError, ValueError):
    """The list cannot be imported. ``problems`` holds one line per fault."""

    code = "court_list"

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"]
                                 if len(problems) > 20 else [])
        count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
        super().__init__(f"the court list has {count}; nothing was "
                         "imported:\n" + "\n".join(shown))

    def command_line(self) -> str:
        return f"error: {' | '.join(self.problems)} (nothing was imported)"


# -- signing in and the lifecycle -------------------------------------------------------


class RecoveryKeyError(CstrError, ValueError):
    """Typed text that is not the recovery key (or not a recovery key at all)."""

    code = "recovery_key"


class SignInError(CstrError):
    """Wrong account or password (never says which)."""

    exit_code = EXIT_NOT_ALLOWED
    label = "not allowed"
    code = "wrong_sign_in"


class TooManyAttempts(SignInError):
    code = "too_many_attempts"

    def __init__(self, wait_seconds: int):
        self.wait_seconds = wait_seconds
        super().__init__(f"too many wrong passwords: try again in {wait_seconds} seconds")


class LifecycleError(CstrError):
    """The move is not possible from the assessment's status."""

    code = "lifecycle"


class RoleError(LifecycleError):
    """The account may not make this move."""

    exit_code = EXIT_NOT_ALLOWED
    label = "not allowed"
    code = "role"


# -- the store -------------------------------------------------------------------------


class StoreError(CstrError):
    """The store cannot do what was asked (bad input or a missing record)."""

    code = "store"


class NotAllowed(StoreError):
    """The signed-in account's role does not allow the action."""

    exit_code = EXIT_NOT_ALLOWED
    label = "not allowed"
    code = "not_allowed"


class StoreExists(StoreError):
    code = "store_exists"


class RecordAltered(StoreError):
    """A signed record does not verify: someone changed it without the signer's key."""

    exit_code = EXIT_CHECK_FAILED
    label = ""
    code = "record_altered"


class BackupRefused(StoreError):
    """A file that is not a good backup of this store (one line, naming why)."""

    code = "backup_refused"


class StoreUnavailable(StoreError):
    """Nothing could be written for a reason outside the store (``cause``: ``busy``,
    ``full``, ``read_only`` or ``io``); nothing was changed, and the same change can be
    tried again once the cause has gone."""

    cause = "io"
    code = "cause_io"

    def __init__(self, folder: Path | str, detail: str = ""):
        self.folder = Path(folder)
        self.detail = detail
        super().__init__(self.describe(folder, detail))

    @staticmethod
    def describe(folder: Path | str, detail: str) -> str:
        return (f"the disk holding {folder} could not be written (an input/output error: "
                f"{detail or 'no detail'})")


class StoreBusy(StoreUnavailable):
    """Another program is using the store: it holds the write lock longer than the busy
    timeout, or it holds the store's folder (the app, or another command; ``holder``
    says who, as far as the folder's lock file tells)."""

    cause = "busy"
    code = "cause_busy"
    exit_code = EXIT_BUSY
    label = "busy"

    def __init__(self, folder: Path | str, detail: str = "", holder: dict | None = None):
        self.holder = holder
        super().__init__(folder, detail)
        if holder is not None:
            self.args = (f"the store in {folder} is open in {describe_holder(holder)}: "
                         "close it there first, then try again",)

    @staticmethod
    def describe(folder: Path | str, detail: str) -> str:
        return (f"the store in {folder} is busy: another window or program is using it; try "
                "again in a moment (nothing was lost)")


class DiskFull(StoreUnavailable):
    cause = "full"
    code = "cause_full"

    @staticmethod
    def describe(folder: Path | str, detail: str) -> str:
        return (f"the disk holding {folder} is full: nothing more can be saved until space "
                "is freed (what was saved before is safe)")


class ReadOnly(StoreUnavailable):
    cause = "read_only"
    code = "cause_read_only"

    @staticmethod
    def describe(folder: Path | str, detail: str) -> str:
        return (f"the store's folder {folder} is read-only: nothing can be saved (check the "
                "disk and the folder's permissions)")


CAUSES: dict[str, type[StoreUnavailable]] = {
    "busy": StoreBusy, "full": DiskFull, "read_only": ReadOnly, "io": StoreUnavailable}


def describe_holder(holder: dict) -> str:
    """Who holds a store's folder, in words: "CSTR Court Day (process 12, on host, since
    2026-11-23 09:10)"."""
    program = holder.get("program") or "another program"
    where = []
    if holder.get("pid"):
        where.append(f"process {holder['pid']}")
    if holder.get("host"):
        where.append(f"on {holder['host']}")
    if holder.get("since"):
        where.append(f"since {str(holder['since'])[:16].replace('T', ' ')}")
    return program + (f" ({', '.join(where)})" if where else "")


class StoreCorrupt(StoreError):
    """The database file is damaged. ``backups`` lists what can be restored, newest first
    (the store finds them: :func:`cstr_desktop.store.faults.corrupt`)."""

    code = "store_corrupt"

    def __init__(self, folder: Path | str, detail: str, backups: list | None = None):
        self.folder = Path(folder)
        self.detail = detail
        self.backups = list(backups or [])
        hint = (f"restore the last good backup ({self.backups[0].name}) with "
                "'cstr-desktop restore'" if self.backups else "no backup is available")
        super().__init__(f"the store in {folder} is damaged ({detail}): {hint}")


class KeyFileDamaged(StoreError):
    code = "key_file_damaged"

    def __init__(self, path: Path | str, detail: str):
        self.path = Path(path)
        super().__init__(f"the key file {path} is damaged ({detail}): 'cstr-desktop restore' "
                         "puts back the copy kept with the newest backup")


class LegacyStore(StoreError):
    code = "legacy_store"

    def __init__(self, folder: Path | str):
        super().__init__(f"the store in {folder} was made by an earlier version of CSTR Court "
                         "Day, before signed accounts: an administrator upgrades it once with "
                         "'cstr-desktop upgrade --user NAME'")


# -- central records (cstr_desktop/sync) -----------------------------------------------


class SyncError(StoreError):
    """Sync could not do what was asked (a bad code, an unreachable server, ...)."""

    code = "sync"


class NotEnrolled(SyncError):
    """This laptop has not been enrolled with central records."""

    code = "not_enrolled"


class CentralUnreachable(SyncError):
    """Central could not be reached, timed out, or answered with a server error: nothing
    was lost, try again later."""

    code = "central_unreachable"


class CentralRefused(SyncError):
    """Central answered with a refusal (``{"error": code, "message": ...}``); ``code`` is
    central's."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(message, code=code)
        self.status = status


class WrongCertificate(SyncError):
    """The server's TLS certificate is not the pinned one (or not trusted at enrolment)."""

    code = "wrong_certificate"

