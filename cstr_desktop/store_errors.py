"""What can go wrong with the store, each named as what it is.

Busy, disk full, read-only and damaged are four different one-line messages;
only real damage suggests ``restore``. :func:`fault` turns a SQLite or
operating-system error into one of them.
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
        return f"the disk holding {folder} reported an error: {detail}"


class StoreBusy(StoreUnavailable):
    cause = "busy"

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


# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, \
    14, 26


def writable(folder: Path | str) -> bool:
    """Whether files can be made in ``folder`` (tried, since root ignores permissions)."""
    probe = Path(folder) / f".cstr-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    except FileExistsError:
        return True
    except OSError:
        return False
    os.close(fd)
    probe.unlink(missing_ok=True)
    return True


def _nearly_full(folder: Path | str) -> bool:
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


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
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc)
    if code in (_BUSY, _LOCKED) or "database is locked" in text:
        return StoreBusy(folder, text)
    if code == _FULL or "disk is full" in text:
        return DiskFull(folder, text)
    if code == _READONLY or "readonly database" in text:
        return ReadOnly(folder, text)
    if code in (_CANTOPEN, _IOERR):
        if _nearly_full(folder):
            return DiskFull(folder, text)
        if not writable(folder):
            return ReadOnly(folder, text)
        return StoreUnavailable(folder, text)
    return StoreCorrupt(folder, text)
