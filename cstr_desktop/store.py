"""The encrypted local store: the only code that touches SQL.

A SQLCipher database (``store.db``) used through sqlite-utils, in WAL mode
with ``synchronous=FULL``. Its key is random and held in per-account key
slots (:mod:`cstr_desktop.key_slots`). Every change that matters writes its
audit entry in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from .answers import check_answer
from .audit_chain import GENESIS, ChainReport, entry_hash, verify
from .form_loader import FormBundle
from .key_slots import DEFAULT_KDF, KdfParams, KeySlots, SignInError
from .store_schema import migrations

DB_FILE = "store.db"
ROLES = ("assessor", "reviewer", "admin")


class StoreError(Exception):
    """The store cannot do what was asked (bad input or a missing record)."""


class NotAllowed(StoreError):
    """The signed-in account's role does not allow the action."""


class StoreExists(StoreError):
    pass


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    role: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def content_hash(answers: Mapping[str, Any]) -> str:
    canonical = json.dumps(dict(answers), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _connect(path: Path, key: bytes) -> Database:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise SignInError(f"the store cannot be opened with this key: {exc}") from None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn)


class Store:
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
        db = _connect(folder / DB_FILE, key)
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
        db = _connect(folder / DB_FILE, key)
        migrations.apply(db)
        row = next(db["accounts"].rows_where("username = ? AND removed_at IS NULL", [username]),
                   None)
        if row is None:
            db.conn.close()
            raise SignInError("wrong account name or password")
        store = cls(folder, db, Account(row["id"], row["username"], row["role"]), slots,
                    _hasher(kdf), key)
        store.log("sign_in", "account", row["id"])
        return store

    def close(self) -> None:
        """Checkpoint the write-ahead log into the database and close. Safe to call twice."""
        if self._closed:
            return
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.conn.close()
        self._closed = True

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

    def verify_password(self, password: str) -> bool:
        """Check the signed-in account's password (for re-authentication, e.g. countersigning)."""
        row = self._account_row(self.user.username)
        try:
            return self._hasher.verify(row["password_hash"], password)
        except VerificationError:
            return False

    def accounts(self) -> list[Account]:
        return [Account(r["id"], r["username"], r["role"])
                for r in self.db["accounts"].rows_where("removed_at IS NULL",
                                                        order_by="username")]

    def _account_row(self, username: str) -> dict | None:
        return next(self.db["accounts"].rows_where(
            "username = ? AND removed_at IS NULL", [username]), None)

    def _key(self) -> bytes:
        return self._db_key

    # -- assessments and answers ----------------------------------------------

    def create_assessment(self, bundle: FormBundle, case_number: str | None = None) -> str:
        self._require("assessor", "admin")
        ident = str(uuid.uuid4())
        now = self._clock()
        with self._transaction():
            self.db["assessments"].insert({
                "id": ident, "case_number": case_number, "form_id": bundle.id,
                "form_version": bundle.version, "version": 1, "status": "draft",
                "content_hash": content_hash({}), "created_by": self.user.id,
                "created_at": now, "updated_at": now})
            self._audit("assessment_created", "assessment", ident,
                        new={"form_id": bundle.id, "form_version": bundle.version})
        return ident

    def assessment(self, ident: str) -> dict:
        try:
            return self.db["assessments"].get(ident)
        except NotFoundError:
            raise StoreError(f"no assessment {ident}") from None

    def answers(self, assessment_id: str) -> dict[str, Any]:
        return {r["name"]: json.loads(r["value"]) for r in self.db["answers"].rows_where(
            "assessment_id = ?", [assessment_id], order_by="rowid")}

    def save_answer(self, bundle: FormBundle, assessment_id: str, name: str, value: Any) -> None:
        """Save one answer (``None`` clears it) with its audit entry, in one transaction.

        When this returns, the answer is on disk (WAL, synchronous=FULL).
        """
        current = self.answers(assessment_id)
        if value is not None:
            check_answer(bundle, name, value, current)
        old = current.get(name)
        if old == value and type(old) is type(value):
            return
        if value is None:
            current.pop(name, None)
        else:
            current[name] = value
        now = self._clock()
        with self._transaction():
            if value is None:
                self.db["answers"].delete_where("assessment_id = ? AND name = ?",
                                                [assessment_id, name])
            else:
                self.db["answers"].upsert({"assessment_id": assessment_id, "name": name,
                                           "value": _dump(value), "updated_at": now,
                                           "updated_by": self.user.id},
                                          pk=("assessment_id", "name"))
            self.db["assessments"].update(assessment_id, {"content_hash": content_hash(current),
                                                          "updated_at": now})
            self._audit("answer_saved", "assessment", assessment_id, field=name, old=old,
                        new=value)

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
                 "entity": entity, "entity_id": entity_id, "field": field, "old": _dump(old),
                 "new": _dump(new), "reason": reason,
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
