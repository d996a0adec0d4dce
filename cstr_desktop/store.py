"""The encrypted local store: the only code that touches SQL.

A SQLCipher database (``store.db``) used through sqlite-utils, in WAL mode
with ``synchronous=FULL``. Its key is random and sealed to each account in the
key file (:mod:`cstr_desktop.key_slots`). Every change that matters writes its
audit entry, signed by the account that made it, in the same transaction; roles
come from certificates signed by an administrator (:mod:`cstr_desktop.trust`),
never from a column anyone with the database key could edit.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from . import backups
from .backups import BACKUP_DIR, BACKUPS_KEPT, list_backups
from .key_file import SLOTS_FILE
from .key_slots import DEFAULT_KDF, KdfParams, KeySlots, SignInError, Unlocked
from .outcomes.store_outcomes import OutcomesMixin
from .store_accounts import AccountsMixin
from .store_assessments import AssessmentsMixin, dump
from .store_audit import AuditMixin
from .store_cases import CasesMixin
from .store_connection import GuardedConnection
from .store_errors import (
    DiskFull,
    KeyFileDamaged,
    NotAllowed,
    ReadOnly,
    RecordAltered,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreExists,
    StoreUnavailable,
    fault,
)
from .store_profiles import ProfilesMixin
from .store_review import ReviewMixin
from .store_schema import migrations
from .trust import CertificateBook, cert_payload, fold_name, public_b64, sign

__all__ = ["BACKUPS_KEPT", "BACKUP_DIR", "DB_FILE", "ROLES", "Account", "DiskFull",
           "KeyFileDamaged", "NotAllowed", "ReadOnly", "RecordAltered", "Store", "StoreBusy",
           "StoreCorrupt", "StoreError", "StoreExists", "StoreUnavailable", "dump",
           "list_backups"]

DB_FILE = "store.db"
ROLES = ("assessor", "reviewer", "admin")
# How long a write waits for another program's write to finish before it is
# reported as busy (StoreBusy); the app then keeps the value and retries.
BUSY_TIMEOUT_MS = 2000
KNOWN_MIGRATIONS = {m.name for m in migrations._migrations}


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    role: str
    # The profile printed where this person signs a report.
    full_name: str | None = None
    profession: str | None = None
    registration: str | None = None
    supervisor: str | None = None

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


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


def _connect(folder: Path, key: bytes, must_exist: bool = True) -> Database:
    """Open the encrypted database; a damaged file raises StoreCorrupt."""
    path = folder / DB_FILE
    if must_exist and not path.exists():
        raise StoreCorrupt(folder, f"{DB_FILE} is missing")
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


def _connect_any(folder: Path, keys: list[bytes]) -> tuple[Database, bytes]:
    """Open with the first key that works (the next key counts while a re-key is pending)."""
    last: StoreError | None = None
    for key in keys:
        try:
            return _connect(folder, key), key
        except StoreCorrupt as exc:
            last = exc
    raise last or StoreCorrupt(folder, "no key")


def _check_integrity(db: Database, folder: Path) -> None:
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
        if wal_in_use or _meta(db, "clean_close") != "yes":
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
        raise StoreCorrupt(folder, "; ".join(result[:3]))


def _newest_entry_time(db: Database) -> str:
    try:
        row = db.execute("SELECT at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlcipher3.Error:
        return ""
    return row[0] if row and row[0] else ""


def _meta(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _set_meta(db: Database, **values: str) -> None:
    db["meta"].upsert_all([{"key": k, "value": v} for k, v in values.items()], pk="key")


def _migrate(db: Database, folder: Path) -> None:
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


class Store(CasesMixin, AssessmentsMixin, ReviewMixin, AccountsMixin, AuditMixin,
            ProfilesMixin, OutcomesMixin):
    """One signed-in session on the local store."""

    def __init__(self, folder: Path, db: Database, user: Account, slots: KeySlots,
                 key: bytes, signing_key: Ed25519PrivateKey, book: CertificateBook,
                 store_id: str, clock: Callable[[], str] = _now):
        self.folder = folder
        # Held while signed in: a new account's slot is sealed with it.
        self._db_key = key
        self._signing_key = signing_key
        self._closed = False
        self.db = db
        self.user = user
        self.slots = slots
        self.book = book
        self.store_id = store_id
        self._wall_clock = clock
        # Never earlier than the newest entry or certificate: a clock set back (say, by
        # the network's time) must not make a signature seem older than its certificate.
        self._latest = max([c.issued_at for certs in book.valid.values() for c in certs]
                           + [_newest_entry_time(db)], default="")
        self.recovery_key: str | None = None  # set once, by create()
        self.backup_problem: str | None = None
        # What stopped close's check and backup (each answer was already on disk).
        self.close_problem: Exception | None = None
        self.rollback_seen = None

    # -- creating and opening -------------------------------------------------

    @classmethod
    def create(cls, folder: Path | str, username: str, password: str,
               kdf: KdfParams = DEFAULT_KDF, clock: Callable[[], str] = _now) -> Store:
        """A new store with its first account (the root administrator).

        ``store.recovery_key`` holds the recovery key, to be shown once.
        """
        from .store_accounts import check_new_account

        folder = Path(folder)
        check_new_account(username, password, "admin")
        if (folder / SLOTS_FILE).exists() or (folder / DB_FILE).exists():
            raise StoreExists(f"a store already exists in {folder}")
        try:
            secure_folder(folder)
        except OSError as exc:
            raise fault(exc, folder) from None
        slots = KeySlots(folder, kdf)
        store_id, account_id = str(uuid.uuid4()), str(uuid.uuid4())
        root_key = Ed25519PrivateKey.generate()
        key, recovery = slots.create(store_id, account_id, username, password, root_key)
        db = _connect(folder, key, must_exist=False)
        _migrate(db, folder)
        root = public_b64(root_key)
        now = clock()
        cert = sign(cert_payload(store_id, account_id, username, "admin", root, now, account_id),
                    root_key, account_id)
        book = CertificateBook(store_id, root, [(1, cert)])
        store = cls(folder, db, Account(account_id, username, "admin"), slots, key, root_key,
                    book, store_id, clock)
        with store._transaction():
            _set_meta(db, store_id=store_id, root_public_key=root, root_account_id=account_id)
            db["accounts"].insert({"id": account_id, "username": username,
                                   "name_key": fold_name(username), "role": "admin",
                                   "public_key": root, "created_at": now})
            store._insert_certificate(cert)
            store._audit("store_created", "account", account_id,
                         new={"root_fingerprint": slots.read().root_fingerprint})
        store.checkpoint()
        store.recovery_key = recovery
        return store

    @classmethod
    def open(cls, folder: Path | str, username: str, password: str,
             kdf: KdfParams = DEFAULT_KDF, clock: Callable[[], str] = _now) -> Store:
        folder = Path(folder)
        slots = KeySlots(folder, kdf)
        if not slots.exists():
            raise SignInError(f"there is no store in {folder}")
        unlocked = slots.unlock(username, password)
        return cls.from_unlocked(folder, slots, unlocked, clock)

    @classmethod
    def from_unlocked(cls, folder: Path, slots: KeySlots, unlocked: Unlocked,
                      clock: Callable[[], str] = _now, log: bool = True) -> Store:
        """The session of an account whose keys are open (after the password, or recovery)."""
        secure_folder(folder)
        db, key = _connect_any(folder, unlocked.db_keys)
        if len(unlocked.db_keys) > 1:
            # A re-key was under way: finish it, or drop it, as the file says.
            slots.finish_rekey(done=key == unlocked.db_keys[1])
        _check_integrity(db, folder)
        _migrate(db, folder)
        data = slots.read()
        store_id = _meta(db, "store_id")
        if store_id != data.store_id or _meta(db, "root_public_key") != data.root_public_key:
            db.conn.close()
            raise RecordAltered(f"the key file and the store in {folder} name different stores "
                                "or root keys: one of them was replaced")
        book = CertificateBook(store_id, data.root_public_key, [
            (r["seq"], {"payload": _loads(r["payload"]), "signer": r["signer"],
                        "signature": r["signature"]})
            for r in db["certificates"].rows_where(order_by="seq")])
        cert = book.current(unlocked.account_id)
        if cert is None or cert.revoked:
            db.conn.close()
            raise SignInError("this account has no valid certificate in this store: an "
                              "administrator must add it again")
        if cert.public_key != public_b64(unlocked.signing_key):
            db.conn.close()
            raise SignInError("this account's signing key is not the certified one: an "
                              "administrator must reset its password")
        row = next(db["accounts"].rows_where("id = ?", [unlocked.account_id]), None)
        name = row["username"] if row else cert.username
        store = cls(folder, db, Account(unlocked.account_id, name, cert.role), slots, key,
                    unlocked.signing_key, book, store_id, clock)
        try:
            _set_meta(db, clean_close="no")
        except (sqlcipher3.Error, StoreUnavailable) as exc:
            db.conn.close()
            raise fault(exc, folder) from None
        if log:
            store.log("sign_in", "account", unlocked.account_id)
            store.checkpoint()
        return store

    def close(self, backup: bool = True) -> Path | None:
        """Check the file, keep a checked backup, and close. Safe to call twice.

        Returns the backup written, if any. A backup that cannot be written (say,
        the disk is full) leaves no file behind and is named in ``backup_problem``;
        the store itself is closed all the same.
        """
        if self._closed:
            return None
        written = None
        ok = False
        try:
            ok = [r[0] for r in self.db.execute("PRAGMA quick_check").fetchall()] == ["ok"]
            if ok:
                _set_meta(self.db, clean_close="yes")
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.checkpoint()
            if ok and backup:
                written = self._backup()
        except (sqlcipher3.Error, OSError, StoreError) as exc:
            # What was saved is safe (each save is durable); only the check, the record or
            # the backup failed: they wait for the next close that can write.
            self.close_problem = fault(exc, self.folder)
            self.backup_problem = str(self.close_problem)
        finally:
            self.db.conn.close()
            self._closed = True
        return written

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another program's write before it is "busy"."""
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def _key(self) -> bytes:
        """The database key of this session (for tests and tools that open the file)."""
        return self._db_key

    def _backup(self) -> Path:
        count, head = self._head()
        return backups.write(self.db.conn, self.folder, self._db_key, count, head,
                             self._copy_key_file, KNOWN_MIGRATIONS)

    def _copy_key_file(self, target: Path) -> None:
        self.slots.file.write(self.slots.read(), path=target)

    def _clock(self) -> str:
        now = self._wall_clock()
        if now < self._latest:
            return self._latest
        self._latest = now
        return now

    def error(self, message: str) -> StoreError:
        return StoreError(message)

    def sign_in_error(self, message: str) -> SignInError:
        return SignInError(message)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction for a group of writes (a savepoint when one is open already); a
        fault of the disk or the file comes out named (busy, disk full, read-only, damaged).

        It takes the write lock at the start (BEGIN IMMEDIATE), so another program's
        write is waited for up to the busy timeout rather than failing at once.
        """
        conn = self.db.conn
        try:
            if conn.in_transaction:
                with self.db.atomic():
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
            raise fault(exc, self.folder) from None

    def _require(self, *roles: str) -> None:
        if self.user.role not in roles:
            raise NotAllowed(f"the {self.user.role} role cannot do this (needs "
                             f"{' or '.join(roles)})")


def _loads(text: str):
    import json

    return json.loads(text)
