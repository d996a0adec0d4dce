"""The encrypted local store: the only code that touches SQL.

A SQLCipher database (``store.db``) used through sqlite-utils, in WAL mode
with ``synchronous=FULL``. Its key is random and held in per-account key
slots (:mod:`cstr_desktop.key_slots`). Every change that matters writes its
audit entry in the same transaction.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlite_utils import Database

from .audit_chain import GENESIS, ChainReport, entry_hash, verify
from .key_slots import DEFAULT_KDF, KdfParams, KeySlots, SignInError
from .store_assessments import AssessmentsMixin, dump
from .store_cases import CasesMixin
from .store_profiles import PROFILE_FIELDS, ProfilesMixin
from .store_schema import migrations

DB_FILE = "store.db"
BACKUP_DIR = "backups"
BACKUPS_KEPT = 5
ROLES = ("assessor", "reviewer", "admin")


class StoreError(Exception):
    """The store cannot do what was asked (bad input or a missing record)."""


class NotAllowed(StoreError):
    """The signed-in account's role does not allow the action."""


class StoreExists(StoreError):
    pass


class StoreCorrupt(StoreError):
    """The database file is damaged. ``backups`` lists what can be restored, newest first."""

    def __init__(self, folder: Path, detail: str):
        self.folder = folder
        self.backups = list_backups(folder)
        hint = (f"restore the last good backup ({self.backups[0].name}) with "
                "'cstr-desktop restore'" if self.backups else "no backup is available")
        super().__init__(f"the store in {folder} is damaged ({detail}): {hint}")


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


def _connect(folder: Path, key: bytes, must_exist: bool = True) -> Database:
    """Open the encrypted database; a damaged file raises StoreCorrupt."""
    path = folder / DB_FILE
    if must_exist and not path.exists():
        raise StoreCorrupt(folder, f"{DB_FILE} is missing")
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        # SQLCipher would otherwise print its own errors to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        # The key came from a valid key slot, so the file itself is at fault.
        raise StoreCorrupt(folder, str(exc)) from None
    return Database(conn)


def _check_integrity(db: Database, folder: Path) -> None:
    """Check the file on open.

    After a clean close (which ran ``quick_check`` and wrote a backup) the check
    is light: the schema reads and the file is the size its pages say, which
    takes milliseconds whatever the store holds. After a crash or kill, every
    page is read (``quick_check``; about 0.8 s for 50,000 assessments).
    SQLCipher also checks each page's HMAC whenever it is read, so damage found
    later is reported as StoreCorrupt too.
    """
    try:
        if _meta(db, "clean_close") != "yes":
            result = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
        else:
            pages = int(db.execute("PRAGMA page_count").fetchone()[0])
            size = int(db.execute("PRAGMA page_size").fetchone()[0])
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            on_disk = (folder / DB_FILE).stat().st_size
            result = ["ok"] if on_disk >= pages * size else [
                f"the file is {on_disk} bytes but its pages need {pages * size}"]
    except sqlcipher3.DatabaseError as exc:
        db.conn.close()
        raise StoreCorrupt(folder, str(exc)) from None
    if result != ["ok"]:
        db.conn.close()
        raise StoreCorrupt(folder, "; ".join(result[:3]))


def list_backups(folder: Path | str) -> list[Path]:
    """The store's backups, newest first."""
    backup_dir = Path(folder) / BACKUP_DIR
    return sorted(backup_dir.glob("store-*.db"), reverse=True) if backup_dir.exists() else []


def restore_backup(folder: Path | str, backup: Path | None = None) -> Path:
    """Put a backup (default: the newest) in place of the store.

    The damaged file is kept beside it, renamed, never deleted.
    """
    folder = Path(folder)
    backups = list_backups(folder)
    if backup is None:
        if not backups:
            raise StoreError(f"there is no backup in {folder / BACKUP_DIR}")
        backup = backups[0]
    if not Path(backup).exists():
        raise StoreError(f"no such backup: {backup}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for suffix in ("", "-wal", "-shm"):
        damaged = folder / f"{DB_FILE}{suffix}"
        if damaged.exists():
            damaged.rename(folder / f"{DB_FILE}{suffix}.damaged-{stamp}")
    tmp = folder / f"{DB_FILE}.restoring"
    shutil.copyfile(backup, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, folder / DB_FILE)
    return Path(backup)


class Store(CasesMixin, AssessmentsMixin, ProfilesMixin):
    """One signed-in session on the local store."""

    def __init__(self, folder: Path, db: Database, user: Account, slots: KeySlots,
                 hasher: PasswordHasher, key: bytes, clock: Callable[[], str] = _now):
        self.folder = folder
        # Held while signed in: a new or changed password wraps it in a new slot.
        self._db_key = key
        self._closed = False
        self.db = db
        self.user = user
        self.slots = slots
        self._hasher = hasher
        self._clock = clock

    # -- creating and opening -------------------------------------------------

    @classmethod
    def create(cls, folder: Path | str, username: str, password: str,
               kdf: KdfParams = DEFAULT_KDF) -> Store:
        """A new store with its first account (role admin)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        slots = KeySlots(folder, kdf)
        if slots.exists() or (folder / DB_FILE).exists():
            raise StoreExists(f"a store already exists in {folder}")
        _check_new_account(username, password, "admin")
        key = slots.create()
        db = _connect(folder, key, must_exist=False)
        migrations.apply(db)
        hasher = _hasher(kdf)
        account = Account(str(uuid.uuid4()), username, "admin")
        store = cls(folder, db, account, slots, hasher, key)
        with store._transaction():
            db["accounts"].insert({"id": account.id, "username": username, "role": "admin",
                                   "password_hash": hasher.hash(password),
                                   "created_at": store._clock()})
            store._audit("store_created", "account", account.id)
        slots.add(username, password, key)
        return store

    @classmethod
    def open(cls, folder: Path | str, username: str, password: str,
             kdf: KdfParams = DEFAULT_KDF) -> Store:
        folder = Path(folder)
        slots = KeySlots(folder, kdf)
        key = slots.unlock(username, password)
        db = _connect(folder, key)
        _check_integrity(db, folder)
        migrations.apply(db)
        db["meta"].upsert({"key": "clean_close", "value": "no"}, pk="key")
        row = next(db["accounts"].rows_where("username = ? AND removed_at IS NULL", [username]),
                   None)
        if row is None:
            db.conn.close()
            raise SignInError("wrong account name or password")
        store = cls(folder, db, Account(row["id"], row["username"], row["role"]), slots,
                    _hasher(kdf), key)
        store.log("sign_in", "account", row["id"])
        return store

    def close(self, backup: bool = True) -> Path | None:
        """Check the file, keep an encrypted backup, and close. Safe to call twice.

        Returns the backup written, if any. The newest ``BACKUPS_KEPT`` are kept.
        """
        if self._closed:
            return None
        written = None
        ok = [r[0] for r in self.db.execute("PRAGMA quick_check").fetchall()] == ["ok"]
        if ok:
            self.db["meta"].upsert({"key": "clean_close", "value": "yes"}, pk="key")
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if ok and backup:
            written = self._backup()
        self.db.conn.close()
        self._closed = True
        return written

    def _backup(self) -> Path:
        backup_dir = self.folder / BACKUP_DIR
        backup_dir.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = backup_dir / f"store-{stamp}.db"
        # VACUUM INTO writes a compact copy encrypted with the same key.
        self.db.conn.execute("VACUUM INTO ?", [str(target)])
        for old in list_backups(self.folder)[BACKUPS_KEPT:]:
            old.unlink()
        return target

    def error(self, message: str) -> StoreError:
        return StoreError(message)

    def sign_in_error(self, message: str) -> SignInError:
        return SignInError(message)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self):
        return self.db.atomic()

    # -- accounts -------------------------------------------------------------

    def _require(self, *roles: str) -> None:
        if self.user.role not in roles:
            raise NotAllowed(f"the {self.user.role} role cannot do this (needs "
                             f"{' or '.join(roles)})")

    def add_account(self, username: str, password: str, role: str) -> Account:
        self._require("admin")
        _check_new_account(username, password, role)
        if self._account_row(username) is not None:
            raise StoreError(f"an account named '{username}' already exists")
        account = Account(str(uuid.uuid4()), username, role)
        with self._transaction():
            self.db["accounts"].insert({"id": account.id, "username": username, "role": role,
                                        "password_hash": self._hasher.hash(password),
                                        "created_at": self._clock()})
            self._audit("account_added", "account", account.id, new={"username": username,
                                                                    "role": role})
        self.slots.add(username, password, self._key())
        return account

    def remove_account(self, username: str) -> None:
        self._require("admin")
        row = self._account_row(username)
        if row is None:
            raise StoreError(f"no account named '{username}'")
        if row["id"] == self.user.id:
            raise StoreError("you cannot remove the account you are signed in with")
        with self._transaction():
            self.db["accounts"].update(row["id"], {"removed_at": self._clock()})
            self._audit("account_removed", "account", row["id"])
        self.slots.remove(username)

    def change_password(self, old_password: str, new_password: str) -> None:
        row = self._account_row(self.user.username)
        if not self.verify_password(old_password):
            raise SignInError("the current password is wrong")
        _check_new_account(self.user.username, new_password, self.user.role)
        with self._transaction():
            self.db["accounts"].update(row["id"],
                                       {"password_hash": self._hasher.hash(new_password)})
            self._audit("password_changed", "account", row["id"])
        self.slots.add(self.user.username, new_password, self._key())

    def reset_password(self, username: str, new_password: str) -> None:
        """An administrator sets a new password for someone who has forgotten theirs.

        The old password is not needed: the administrator's session holds the
        database key and wraps it afresh for that account.
        """
        self._require("admin")
        row = self._account_row(username)
        if row is None:
            raise StoreError(f"no account named '{username}'")
        if row["id"] == self.user.id:
            raise StoreError("change your own password with your current one, not as a reset")
        _check_new_account(username, new_password, row["role"])
        with self._transaction():
            self.db["accounts"].update(row["id"],
                                       {"password_hash": self._hasher.hash(new_password)})
            self._audit("password_reset", "account", row["id"])
        self.slots.add(username, new_password, self._key())

    def verify_password(self, password: str) -> bool:
        """Check the signed-in account's password (for re-authentication, e.g. countersigning)."""
        row = self._account_row(self.user.username)
        try:
            return self._hasher.verify(row["password_hash"], password)
        except VerificationError:
            return False

    def accounts(self, include_removed: bool = False) -> list[Account]:
        where = None if include_removed else "removed_at IS NULL"
        return [Account(r["id"], r["username"], r["role"],
                        *(r.get(f) for f in PROFILE_FIELDS))
                for r in self.db["accounts"].rows_where(where, order_by="username")]

    # -- audit ------------------------------------------------------------------

    def log(self, action: str, entity: str | None = None, entity_id: str | None = None,
            reason: str | None = None) -> None:
        """Record a view, print, export or sign-in in the audit trail."""
        with self._transaction():
            self._audit(action, entity, entity_id, reason=reason)

    def _audit(self, action: str, entity: str | None, entity_id: str | None,
               field: str | None = None, old: Any = None, new: Any = None,
               reason: str | None = None) -> None:
        head = {r["key"]: r["value"] for r in self.db["meta"].rows_where(
            "key IN ('audit_head', 'audit_count')")}
        count = int(head.get("audit_count", 0))
        entry = {"seq": count + 1, "id": str(uuid.uuid4()), "at": self._clock(),
                 "actor": self.user.id if self.user else None, "action": action,
                 "entity": entity, "entity_id": entity_id, "field": field, "old": dump(old),
                 "new": dump(new), "reason": reason,
                 "prev_hash": head.get("audit_head", GENESIS)}
        entry["hash"] = entry_hash(entry)
        self.db["audit"].insert(entry)
        self.db["meta"].upsert_all([{"key": "audit_head", "value": entry["hash"]},
                                    {"key": "audit_count", "value": str(entry["seq"])}],
                                   pk="key")

    def audit_entries(self) -> list[dict]:
        return list(self.db["audit"].rows_where(order_by="seq"))

    def verify_audit(self) -> ChainReport:
        head = {r["key"]: r["value"] for r in self.db["meta"].rows}
        count = head.get("audit_count")
        return verify(self.db["audit"].rows_where(order_by="seq"), head.get("audit_head"),
                      int(count) if count is not None else None)


def _meta(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _hasher(kdf: KdfParams) -> PasswordHasher:
    return PasswordHasher(time_cost=kdf.time_cost, memory_cost=kdf.memory_cost,
                          parallelism=kdf.parallelism)


def _check_new_account(username: str, password: str, role: str) -> None:
    if role not in ROLES:
        raise StoreError(f"unknown role '{role}' (one of: {', '.join(ROLES)})")
    if not username or len(username) > 64 or not username.replace("_", "").replace(
            ".", "").replace("-", "").isalnum():
        raise StoreError("an account name is 1 to 64 letters, digits, '.', '-' or '_'")
    if len(password) < 10:
        raise StoreError("a password needs at least 10 characters")
