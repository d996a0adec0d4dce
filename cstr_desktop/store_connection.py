"""The store's SQLCipher connection, whose "try again later" faults come out as
:class:`cstr_desktop.store_errors.StoreUnavailable` (busy, disk full, read-only,
input/output error) wherever a statement runs or its rows are read.

Once the disk has failed under it (an input/output error), SQLite may go on to
report what it then reads as malformed, or even as out of memory: those are the
same fault, and are reported as it, not as damage to the store.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from .store_errors import StoreUnavailable, unavailable


def _translate(connection: GuardedConnection, exc: BaseException) -> BaseException:
    folder = connection.folder or Path(".")
    found = unavailable(exc, folder)
    if found is not None:
        if found.cause == "io":
            connection.disk_failed = True
        return found
    if connection.disk_failed and isinstance(exc, sqlcipher3.DatabaseError | MemoryError):
        return StoreUnavailable(folder, str(exc))
    return exc


class GuardedCursor(sqlcipher3.Cursor):
    """A cursor whose faults come out as StoreUnavailable."""

    def execute(self, *args):
        try:
            return super().execute(*args)
        except (sqlcipher3.DatabaseError, MemoryError) as exc:
            raise _translate(self.connection, exc) from exc

    def executemany(self, *args):
        try:
            return super().executemany(*args)
        except (sqlcipher3.DatabaseError, MemoryError) as exc:
            raise _translate(self.connection, exc) from exc

    def fetchone(self):
        try:
            return super().fetchone()
        except (sqlcipher3.DatabaseError, MemoryError) as exc:
            raise _translate(self.connection, exc) from exc

    def fetchall(self):
        try:
            return super().fetchall()
        except (sqlcipher3.DatabaseError, MemoryError) as exc:
            raise _translate(self.connection, exc) from exc

    def __next__(self):
        try:
            return super().__next__()
        except (sqlcipher3.DatabaseError, MemoryError) as exc:
            raise _translate(self.connection, exc) from exc


class GuardedConnection(sqlcipher3.Connection):
    """A SQLCipher connection whose "try again later" faults are StoreUnavailable.

    Set ``folder`` after connecting, so a fault can be traced to its cause.
    """

    folder: Path | None = None
    disk_failed = False

    def cursor(self, factory=GuardedCursor):
        return super().cursor(factory)

    def execute(self, *args):
        return self.cursor().execute(*args)

    def executemany(self, *args):
        return self.cursor().executemany(*args)

    def commit(self):
        try:
            return super().commit()
        except (sqlcipher3.DatabaseError, MemoryError) as exc:
            raise _translate(self, exc) from exc
