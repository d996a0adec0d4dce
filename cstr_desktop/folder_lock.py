"""One program at a time on a store's folder: the app, or one command.

A lock file (``cstr-desktop.lock``) beside the store holds the holder's
program, process id, computer and start time, so whoever is refused is told
plainly who has the store. The lock itself is the operating system's (an
``flock`` on POSIX, a byte-range lock on Windows), so it goes when its
holder's process ends, even after a crash: a lock file left behind never
blocks anyone.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from .store_errors import StoreBusy, fault

LOCK_FILE = "cstr-desktop.lock"
# Windows locks a byte range: one beyond the holder's details, so they stay readable.
_WINDOWS_LOCK_OFFSET = 1 << 20


class FolderLock:
    """Held from :meth:`acquire` to :meth:`release` (or the end of the process)."""

    def __init__(self, folder: Path | str, program: str):
        self.folder = Path(folder)
        self.program = program
        self.path = self.folder / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> FolderLock:
        """Take the lock; raises StoreBusy naming the holder when another program has it."""
        if self._fd is not None:
            return self
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            # A read-only folder, a full disk or a failing one, each named as such.
            raise fault(exc, self.folder) from None
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise StoreBusy(self.folder, holder=holder)
        self._fd = fd
        details = {"program": self.program, "pid": os.getpid(), "host": socket.gethostname(),
                   "since": datetime.now().astimezone().isoformat(timespec="seconds")}
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, (json.dumps(details) + "\n").encode("utf-8"))
        except OSError:
            pass  # the lock holds even if its details cannot be written (a full disk)
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)

    def holder(self) -> dict | None:
        """Who holds the lock now (None when nobody does)."""
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return None
        try:
            if _try_lock(fd):
                _unlock(fd)
                return None
            return _read_holder(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_holder(fd: int) -> dict:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096).decode("utf-8", "replace").strip()
        holder = json.loads(raw) if raw else {}
        return holder if isinstance(holder, dict) else {}
    except (OSError, ValueError):
        return {}


if sys.platform == "win32":  # pragma: no cover - exercised on Windows laptops only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
