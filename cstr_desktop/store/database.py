"""The open database file, and its one owner.

A SQLCipher database (``store.db``) used through sqlite-utils, in WAL mode with
``synchronous=FULL``, keyed by a random key sealed to each account in the key file
(:mod:`cstr_desktop.trust.key_slots`). :class:`StoreFile` owns the connection:
its transactions, the integrity check on open and on close, the migrations, the
WAL checkpoint, re-keying and the backups. Nothing else opens or closes it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from cstr_desktop.errors import StoreCorrupt, StoreError, StoreUnavailable
from cstr_desktop.store import backups
from cstr_desktop.store.faults import corrupt, fault
from cstr_desktop.store.guarded import GuardedConnection
from cstr_desktop.store.migrations import migrations
from cstr_desktop.trust.key_file import SLOTS_FILE

DB_FILE = "store.db"
# How long a write waits for another program's write to finish before it is
# reported as busy (StoreBusy); the app then keeps the value and retries.
BUSY_TIMEOUT_MS = 2000
KNOWN_MIGRATIONS = {m.name for m in migrations._migrations}
STALE_SECONDS = 600


def secure_folder(folder: Path) -> None:
    """The data folder is the owner's alone (0700); its files 0600. Temporary files a
    crash left behind (a key file or a restore cut short) are cleared."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
        for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", SLOTS_FILE):
            if (folder / name).exists():
                os.chmod(folder / name, 0o600)
        now = datetime.now(UTC).timestamp()
        for pattern in (".keyslots-*.tmp", ".restoring-*.db"):
            for stale in folder.glob(pattern):
                if now - stale.stat().st_mtime > STALE_SECONDS:
                    stale.unlink()


def connect(folder: Path, key: bytes, must_exist: bool = True) -> Database:
    """Open the encrypted database; a damaged file raises StoreCorrupt."""
    path = folder / DB_FILE
    if must_exist and not path.exists():
        raise corrupt(folder, f"{DB_FILE} is missing")
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                                  factory=GuardedConnection, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlcipher3.Error as exc:
        raise fault(exc, folder) from None
    conn.folder = folder
    try:
        # SQLCipher would otherwise print its own errors to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except (sqlcipher3.Error, StoreUnavailable) as exc:
        conn.close()
        raise fault(exc, folder) from None
    if not must_exist:
        os.chmod(path, 0o600)
    return Database(conn)


def connect_any(folder: Path, keys: list[bytes]) -> tuple[Database, bytes]:
    """Open with the first key that works (the next key counts while a re-key is pending)."""
    last: StoreError | None = None
    for key in keys:
        try:
            return connect(folder, key), key
        except StoreCorrupt as exc:
            last = exc
    raise last or corrupt(folder, "no key")


def check_integrity(db: Database, folder: Path) -> None:
    """Check the file on open.

    After a clean close (which ran ``quick_check`` and wrote a backup) the check
    is light: the schema reads and the file is the size its pages say, which
    takes milliseconds whatever the store holds. After a crash or kill, every
    page is read (``quick_check``; about 0.8 s for 50,000 assessments).
    SQLCipher also checks each page's HMAC whenever it is read, so damage found
    later is reported as StoreCorrupt too.
    """
    wal = folder / f"{DB_FILE}-wal"
    # Committed pages may still sit in the write-ahead log (a kill between the close's
    # last write and its checkpoint, or another program with the store open): the
    # main file is then legitimately shorter than its pages, so read every page.
    wal_in_use = wal.exists() and wal.stat().st_size > 0
    try:
        if wal_in_use or meta(db, "clean_close") != "yes":
            result = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
        else:
            pages = int(db.execute("PRAGMA page_count").fetchone()[0])
            size = int(db.execute("PRAGMA page_size").fetchone()[0])
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            on_disk = (folder / DB_FILE).stat().st_size
            result = ["ok"] if on_disk >= pages * size else [
                f"the file is {on_disk} bytes but its pages need {pages * size}"]
    except (sqlcipher3.Error, StoreUnavailable) as exc:
        db.conn.close()
        raise fault(exc, folder) from None
    if result != ["ok"]:
        db.conn.close()
        raise corrupt(folder, "; ".join(result[:3]))


def newest_entry_time(db: Database) -> str:
    try:
        row = db.execute("SELECT at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlcipher3.Error:
        return ""
    return row[0] if row and row[0] else ""


def meta(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(db: Database, **values: str) -> None:
    db["meta"].upsert_all([{"key": k, "value": v} for k, v in values.items()], pk="key")


def migrate(db: Database, folder: Path) -> None:
    applied = {m.name for m in migrations.applied(db)}
    if applied - KNOWN_MIGRATIONS:
        db.conn.close()
        raise StoreError(f"the store in {folder} was made by a newer version of CSTR Court Day: "
                         "use that version")
    try:
        migrations.apply(db)
    except (sqlcipher3.Error, StoreUnavailable) as exc:
        db.conn.close()
        raise fault(exc, folder) from None


@contextlib.contextmanager
def write_transaction(db: Database, folder: Path | None = None) -> Iterator[None]:
    """One transaction for a group of writes (a savepoint when one is open already); a
    fault of the disk or the file comes out named (busy, disk full, read-only, damaged).

    It takes the write lock at the start (BEGIN IMMEDIATE), so another program's
    write is waited for up to the busy timeout rather than failing at once. Every
    writer takes it: the store's session, and sync's workers on their own connections.
    """
    conn = db.conn
    folder = folder or getattr(conn, "folder", None) or Path(".")
    try:
        if conn.in_transaction:
            with db.atomic():
                yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                try:
                    conn.rollback()
                except (StoreUnavailable, sqlcipher3.Error):
                    pass  # the first fault is the one to report; nothing was committed
            raise
    except (sqlcipher3.Error, OSError) as exc:
        raise fault(exc, folder) from None


class StoreFile:
    """The open database: the one owner of its connection."""

    def __init__(self, folder: Path, db: Database, key: bytes):
        self.folder = folder
        self.db = db
        self._key = key  # held while open: a new account's slot is sealed with it
        self.closed = False

    @property
    def key(self) -> bytes:
        return self._key

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One transaction for a group of writes (see :func:`write_transaction`)."""
        return write_transaction(self.db, self.folder)

    def mark_open(self) -> None:
        """Record that the store is open (a close that checks it says "clean" again)."""
        try:
            set_meta(self.db, clean_close="no")
        except (sqlcipher3.Error, StoreUnavailable) as exc:
            self.db.conn.close()
            raise fault(exc, self.folder) from None

    def quick_check(self) -> bool:
        return [r[0] for r in self.db.execute("PRAGMA quick_check").fetchall()] == ["ok"]

    def checkpoint_wal(self) -> None:
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def set_busy_timeout(self, seconds: float) -> None:
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def rekey(self, new: bytes) -> None:
        """Encrypt the file under a new key (``PRAGMA rekey``)."""
        try:
            self.db.conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
        except sqlcipher3.Error as exc:
            raise fault(exc, self.folder) from None
        self._key = new

    def backup(self, count: int, head: str, copy_key_file: Callable[[Path], None]) -> Path:
        """A checked backup of the file as it is now (with a copy of the key file)."""
        return backups.write(self.db.conn, self.folder, self._key, count, head, copy_key_file,
                             KNOWN_MIGRATIONS)

    def close_checked(self, before_backup: Callable[[], None],
                      backup: Callable[[], Path] | None) -> Path | None:
        """Check the file, mark it cleanly closed, then (if it is sound) keep a backup, and
        close. Whatever fails after each answer was saved is raised as the store's fault
        once the file is closed."""
        written = None
        try:
            ok = self.quick_check()
            if ok:
                set_meta(self.db, clean_close="yes")
            self.checkpoint_wal()
            before_backup()
            if ok and backup is not None:
                written = backup()
        except (sqlcipher3.Error, OSError, StoreError) as exc:
            raise fault(exc, self.folder) from None
        finally:
            self.close()
        return written

    def close(self) -> None:
        if not self.closed:
            self.db.conn.close()
            self.closed = True
