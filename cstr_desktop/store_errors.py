"""What can go wrong with the store, each named as what it is.

Busy, disk full, read-only and damaged are four different one-line messages;
only real damage suggests ``restore``. A fault that means "try again later"
(busy, full, read-only, an input/output error) is a :class:`StoreUnavailable`
with its ``cause`` in one word, so the app can say "Not saved" beside the
question, keep the value and retry, and the command line can say "busy" rather
than "damaged". :func:`unavailable` names such a fault from a SQLite error (the
store's guarded connection, :mod:`cstr_desktop.store_connection`, calls it on
every statement); :func:`fault` names any SQLite or operating-system error,
calling what is none of these damage. (No SQLCipher import here: the app's
first window needs these words before the store is opened.)
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path


class StoreError(Exception):
    """The store cannot do what was asked (bad input or a missing record)."""


class NotAllowed(StoreError):
    """The signed-in account's role does not allow the action."""


class StoreExists(StoreError):
    pass


class StoreUnavailable(StoreError):
    """Nothing could be written for a reason outside the store (``cause``: ``busy``,
    ``full``, ``read_only`` or ``io``); nothing was changed, and the same change can be
    tried again once the cause has gone."""

    cause = "io"

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

    @staticmethod
    def describe(folder: Path | str, detail: str) -> str:
        return (f"the disk holding {folder} is full: nothing more can be saved until space "
                "is freed (what was saved before is safe)")


class ReadOnly(StoreUnavailable):
    cause = "read_only"

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
    """The database file is damaged. ``backups`` lists what can be restored, newest first."""

    def __init__(self, folder: Path | str, detail: str):
        from .backups import list_backups

        self.folder = Path(folder)
        self.detail = detail
        self.backups = list_backups(folder)
        hint = (f"restore the last good backup ({self.backups[0].name}) with "
                "'cstr-desktop restore'" if self.backups else "no backup is available")
        super().__init__(f"the store in {folder} is damaged ({detail}): {hint}")


class KeyFileDamaged(StoreError):
    def __init__(self, path: Path | str, detail: str):
        self.path = Path(path)
        super().__init__(f"the key file {path} is damaged ({detail}): 'cstr-desktop restore' "
                         "puts back the copy kept with the newest backup")


class LegacyStore(StoreError):
    def __init__(self, folder: Path | str):
        super().__init__(f"the store in {folder} was made by an earlier version of CSTR Court "
                         "Day, before signed accounts: an administrator upgrades it once with "
                         "'cstr-desktop upgrade --user NAME'")


class RecordAltered(StoreError):
    """A signed record does not verify: someone changed it without the signer's key."""


# SQLite's primary result codes (the low byte of an extended code,
# https://sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = \
    3, 5, 6, 8, 10, 11, 13, 14, 26


def _probe(folder: Path | str) -> str | None:
    """Try making a file in ``folder`` (root ignores permissions, so asking is not enough):
    None when it can be made, else ``read_only``, ``full`` or ``io``."""
    probe = Path(folder) / f".cstr-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    except FileExistsError:
        return None
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read_only"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "full"
        return "io"
    os.close(fd)
    probe.unlink(missing_ok=True)
    return None


def writable(folder: Path | str) -> bool:
    """Whether files can be made in ``folder`` (tried, since root ignores permissions)."""
    return _probe(folder) is None


def _nearly_full(folder: Path | str) -> bool:
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def _why_not_writable(folder: Path | str) -> str | None:
    """``read_only`` or ``full`` when the folder or the store's files show why writing
    fails, else None (an input/output error).

    SQLite says "disk I/O error" whether the disk failed or the file may not be written
    (an immutable file, a read-only mount): the folder and each of the store's files are
    looked at to tell.
    """
    for path in (Path(folder), *sorted(Path(folder).glob("store.db*"))):
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
            return None  # the disk itself fails
    if _nearly_full(folder):
        return "full"
    found = _probe(folder)
    return found if found != "io" else None


def unavailable(exc: BaseException, folder: Path | str) -> StoreUnavailable | None:
    """The "try again later" fault a SQLite error means (busy, full, read-only, an
    input/output error), or None when it means something else."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    code &= 0xFF
    text = str(exc)
    if code in (_BUSY, _LOCKED):
        # SQLITE_BUSY also means "statements still in progress", which is not a fault of
        # the disk or of another program.
        return StoreBusy(folder, text) if "locked" in text else None
    if code == _FULL:
        return DiskFull(folder, text)
    if code == _READONLY:
        return ReadOnly(folder, text)
    if code in (_IOERR, _CANTOPEN, _PERM):
        return CAUSES[_why_not_writable(folder) or "io"](folder, text)
    return None


def fault(exc: BaseException, folder: Path | str) -> StoreError:
    """The store fault an exception from SQLite or the operating system stands for."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        detail = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull(folder, detail)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnly(folder, detail)
        return StoreUnavailable(folder, detail)
    found = unavailable(exc, folder)
    if found is not None:
        return found
    text = str(exc)
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_BUSY, _LOCKED) or "database is locked" in text:
        return StoreBusy(folder, text)
    if "disk is full" in text:
        return DiskFull(folder, text)
    if "readonly database" in text:
        return ReadOnly(folder, text)
    return StoreCorrupt(folder, text)
