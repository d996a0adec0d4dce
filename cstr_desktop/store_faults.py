"""What can go wrong when the store writes, as the core's own errors.

SQLCipher reports a failed write as an ``OperationalError`` with an SQLite
code. None of them may escape the store: :class:`GuardedConnection` turns
the ones that mean "try again later" into :class:`StoreUnavailable`, naming
the cause in words (busy, disk full, read-only, input/output error), so the
app can say "Not saved" beside the question, keep the value and retry, and
the command line can say "busy" rather than "damaged". (No SQLCipher import
here: the app's first window needs these words before the store is opened.)
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

# SQLite's primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14

CAUSES = {
    "busy": "the store is busy: another program is writing to it",
    "full": "the disk is full",
    "read_only": "the store's folder cannot be written to (it is read-only)",
    "io": "the disk could not be written to (an input/output error)",
}


class StoreError(Exception):
    """The store cannot do what was asked (bad input or a missing record)."""


class StoreUnavailable(StoreError):
    """A change could not be written, and nothing was changed: the same change can be
    tried again once the cause has gone.

    ``cause`` is one of ``busy``, ``full``, ``read_only`` or ``io``.
    """

    def __init__(self, cause: str, detail: str = ""):
        self.cause = cause
        self.detail = detail
        super().__init__(CAUSES[cause])


class StoreBusy(StoreUnavailable):
    """The store's folder is in use by another copy of the app or another command.

    ``holder`` says who has it (program, process id, computer, since when), as far
    as the lock file tells.
    """

    def __init__(self, folder: Path, holder: dict | None):
        self.folder = Path(folder)
        self.holder = holder or {}
        super().__init__("busy", describe_holder(self.holder))
        self.args = (self.message(),)

    def message(self) -> str:
        return (f"the store in {self.folder} is open in {describe_holder(self.holder)}: "
                "close it there first, then try again")

    def __str__(self) -> str:
        return self.message()


def describe_holder(holder: dict) -> str:
    program = holder.get("program") or "another program"
    where = []
    if holder.get("pid"):
        where.append(f"process {holder['pid']}")
    if holder.get("host"):
        where.append(f"on {holder['host']}")
    if holder.get("since"):
        where.append(f"since {str(holder['since'])[:16].replace('T', ' ')}")
    return program + (f" ({', '.join(where)})" if where else "")


def diagnose(exc: BaseException, folder: Path | None) -> StoreUnavailable | None:
    """The StoreUnavailable an SQLite error means, or None when it means something else."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF  # the primary code of an extended one
    text = str(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        # SQLITE_BUSY also means "statements still in progress", which is not a fault
        # of the disk or of another program.
        return StoreUnavailable("busy", text) if "locked" in text else None
    if code == SQLITE_FULL:
        return StoreUnavailable("full", text)
    if code == SQLITE_READONLY:
        return StoreUnavailable("read_only", text)
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM):
        # SQLite says "disk I/O error" whether the disk failed or the file may not be
        # written (an immutable file, a read-only mount): look at the files to tell.
        return StoreUnavailable(_why_not_writable(folder) or "io", text)
    return None


def _why_not_writable(folder: Path | None) -> str | None:
    """``read_only`` or ``full`` when the store's files show why writing fails, else None."""
    if folder is None:
        return None
    for path in (folder, *sorted(Path(folder).glob("store.db*"))):
        try:
            if path.is_dir():
                stat = os.statvfs(path)
                if stat.f_flag & os.ST_RDONLY:
                    return "read_only"
                if stat.f_bavail == 0:
                    return "full"
                if not os.access(path, os.W_OK):
                    return "read_only"
                continue
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            os.close(fd)
        except PermissionError:
            return "read_only"
        except OSError as exc:
            if exc.errno == errno.EROFS:
                return "read_only"
            if exc.errno == errno.ENOSPC:
                return "full"
            return None
    return None
