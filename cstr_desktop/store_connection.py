"""The store's SQLCipher connection, whose "try again later" faults come out as
:class:`cstr_desktop.store_faults.StoreUnavailable` (busy, disk full, read-only,
input/output error) wherever a statement runs or its rows are read."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from .store_faults import diagnose


class GuardedCursor(sqlcipher3.Cursor):
    """A cursor whose faults come out as StoreUnavailable."""

    folder: Path | None = None

    def _guard(self, exc: BaseException) -> BaseException:
        return diagnose(exc, self.connection.folder) or exc

    def execute(self, *args):
        try:
            return super().execute(*args)
        except sqlcipher3.OperationalError as exc:
            raise self._guard(exc) from exc

    def executemany(self, *args):
        try:
            return super().executemany(*args)
        except sqlcipher3.OperationalError as exc:
            raise self._guard(exc) from exc

    def fetchone(self):
        try:
            return super().fetchone()
        except sqlcipher3.OperationalError as exc:
            raise self._guard(exc) from exc

    def fetchall(self):
        try:
            return super().fetchall()
        except sqlcipher3.OperationalError as exc:
            raise self._guard(exc) from exc

    def __next__(self):
        try:
            return super().__next__()
        except sqlcipher3.OperationalError as exc:
            raise self._guard(exc) from exc


class GuardedConnection(sqlcipher3.Connection):
    """A SQLCipher connection whose "try again later" faults are StoreUnavailable.

    Set ``folder`` after connecting, so a fault can be traced to its cause.
    """

    folder: Path | None = None

    def cursor(self, factory=GuardedCursor):  # noqa: D401 - sqlite3's signature
        return super().cursor(factory)

    def execute(self, *args):
        return self.cursor().execute(*args)

    def executemany(self, *args):
        return self.cursor().executemany(*args)

    def commit(self):
        try:
            return super().commit()
        except sqlcipher3.OperationalError as exc:
            raise (diagnose(exc, self.folder) or exc) from exc
