"""One signed-in session on the encrypted local store: :class:`Store`.

The store is put together by composition: :class:`~cstr_desktop.store.database.StoreFile`
owns the open database (connection, migrations, integrity, backups); a
:class:`~cstr_desktop.store.unit.UnitOfWork` carries the connection, the signed-in
account, the clock and the audit writer; one repository per concern (accounts,
profiles, cases, assessments, review, verification, outcomes, the audit trail) is given the
unit explicitly. ``Store`` assembles them and keeps the public methods callers use,
each handing over to its repository.

Every change that matters writes its audit entry, signed by the account that made
it, in the same transaction; roles come from certificates signed by an administrator
(:mod:`cstr_desktop.trust.signatures`), never from a column anyone with the database
key could edit. The SQL driver's exceptions never leave: each public method turns
them into the store error they stand for.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from cstr_desktop.errors import (
    DiskFull,
    KeyFileDamaged,
    NotAllowed,
    ReadOnly,
    RecordAltered,
    SignInError,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreExists,
    StoreUnavailable,
)
from cstr_desktop.outcomes.store_outcomes import Outcomes
from cstr_desktop.store.accounts import ROLES, Accounts, check_new_account
from cstr_desktop.store.assessments import Assessments
from cstr_desktop.store.audit import AuditTrail
from cstr_desktop.store.backups import BACKUP_DIR, BACKUPS_KEPT, list_backups
from cstr_desktop.store.cases import Cases
from cstr_desktop.store.database import (
    DB_FILE,
    KNOWN_MIGRATIONS,
    StoreFile,
    check_integrity,
    connect,
    connect_any,
    meta,
    migrate,
    secure_folder,
    set_meta,
)
from cstr_desktop.store.faults import fault
from cstr_desktop.store.profiles import Profiles
from cstr_desktop.store.review import Review
from cstr_desktop.store.unit import Account, UnitOfWork, dump, wall_clock
from cstr_desktop.store.verification import Verification
from cstr_desktop.trust.key_file import SLOTS_FILE
from cstr_desktop.trust.key_slots import DEFAULT_KDF, KdfParams, KeySlots, Unlocked
from cstr_desktop.trust.signatures import CertificateBook, cert_payload, fold_name, public_b64, sign

__all__ = ["BACKUPS_KEPT", "BACKUP_DIR", "DB_FILE", "KNOWN_MIGRATIONS", "ROLES", "Account",
           "DiskFull", "KeyFileDamaged", "NotAllowed", "ReadOnly", "RecordAltered", "Store",
           "StoreBusy", "StoreCorrupt", "StoreError", "StoreExists", "StoreUnavailable", "dump",
           "list_backups"]


def _translated(method: Callable, folder: Path) -> Callable:
    """``method`` with the SQL driver's exceptions turned into the store's errors."""
    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except sqlcipher3.Error as exc:
            raise fault(exc, folder) from None

    return call


class _Done:
    """A public method of the store, done by one of its repositories (``part``)."""

    def __init__(self, part: str, name: str | None = None):
        self.part = part
        self.name = name

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = self.name or name

    def __get__(self, store: Store | None, owner: type | None = None) -> Any:
        if store is None:
            return self
        return _translated(getattr(getattr(store, self.part), self.name), store.folder)


class Store:
    """One signed-in session on the local store."""

    def __init__(self, folder: Path, db: Database, user: Account, slots: KeySlots,
                 key: bytes, signing_key: Ed25519PrivateKey, book: CertificateBook,
                 store_id: str, clock: Callable[[], str] = wall_clock):
        self.folder = folder
        self.file = StoreFile(folder, db, key)
        self.unit = UnitOfWork(self.file, user, signing_key, store_id, slots, book, clock)
        self.slots = slots
        self.store_id = store_id
        # The repositories, each given the unit of work.
        self.account_book = Accounts(self.unit)
        self.profiles = Profiles(self.unit, self.account_book)
        self.case_list = Cases(self.unit)
        self.assessments = Assessments(self.unit, self.case_list)
        self.verification = Verification(self.unit, self.assessments, self.account_book)
        self.review = Review(self.unit, self.assessments, self.account_book, self.verification)
        self.outcome_book = Outcomes(self.unit, self.assessments)
        self.trail = AuditTrail(self.unit, self.verification, self.outcome_book)
        self.recovery_key: str | None = None  # set once, by create()
        self.backup_problem: str | None = None
        # What stopped close's check and backup (each answer was already on disk).
        self.close_problem: Exception | None = None
        self._closed = False

    # -- what the session holds -------------------------------------------------------

    @property
    def db(self) -> Database:
        return self.file.db

    @property
    def user(self) -> Account:
        return self.unit.user

    @property
    def book(self) -> CertificateBook:
        return self.unit.book

    @property
    def rollback_seen(self):
        return self.unit.rollback_seen

    @property
    def _signing_key(self) -> Ed25519PrivateKey:
        return self.unit.signing_key

    def _key(self) -> bytes:
        """The database key of this session (for tests and tools that open the file)."""
        return self.file.key

    def _head(self) -> tuple[int, str]:
        return self.unit.head()

    def _clock(self) -> str:
        return self.unit.now()

    # -- the public methods, each done by its repository ------------------------------

    # cases and the court list
    plan_court_list = _Done("case_list")
    import_court_list = _Done("case_list")
    add_case = _Done("case_list")
    case = _Done("case_list")
    cases = _Done("outcome_book", "cases_with_outcomes")
    # assessments and their answers
    create_assessment = _Done("assessments")
    start_assessment = _Done("assessments")
    assessment = _Done("assessments")
    assessment_for_case = _Done("assessments")
    answers = _Done("assessments")
    save_answer = _Done("assessments")
    import_answers = _Done("assessments")
    set_position = _Done("assessments")
    awaiting_review = _Done("assessments")
    # review and countersignature
    allowed_moves = _Done("review")
    submit_for_review = _Done("review")
    request_changes = _Done("review")
    reply_to_review = _Done("review")
    review_comments = _Done("review")
    countersign = _Done("review")
    amend = _Done("review")
    # signed steps, countersignatures and kept reports, checked
    signed_steps = _Done("verification")
    step_problems = _Done("verification")
    countersignature_problem = _Done("verification")
    countersignature = _Done("verification")
    frozen_report = _Done("verification")
    freeze_report = _Done("verification")
    find_verification = _Done("verification")
    # accounts
    certificates = _Done("account_book")
    root_fingerprint = _Done("account_book")
    add_account = _Done("account_book")
    remove_account = _Done("account_book")
    change_password = _Done("account_book")
    reset_password = _Done("account_book")
    confirm_password = _Done("account_book")
    verify_password = _Done("account_book")
    accounts = _Done("account_book", "all")
    rekey = _Done("account_book")
    # profiles and the marking
    set_profile = _Done("profiles")
    marking = _Done("profiles")
    set_marking = _Done("profiles")
    # the outcome at court (issue 13)
    record_outcome = _Done("outcome_book")
    outcomes = _Done("outcome_book")
    latest_outcomes = _Done("outcome_book")
    pending_outcome_addenda = _Done("outcome_book")
    outcome_problems = _Done("outcome_book")
    # the audit trail
    log = _Done("trail")
    audit_entries = _Done("trail")
    verify_audit = _Done("trail")
    checkpoint = _Done("unit")

    # -- creating and opening -------------------------------------------------

    @classmethod
    def create(cls, folder: Path | str, username: str, password: str,
               kdf: KdfParams = DEFAULT_KDF, clock: Callable[[], str] = wall_clock) -> Store:
        """A new store with its first account (the root administrator).

        ``store.recovery_key`` holds the recovery key, to be shown once.
        """
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
        db = connect(folder, key, must_exist=False)
        migrate(db, folder)
        root = public_b64(root_key)
        now = clock()
        cert = sign(cert_payload(store_id, account_id, username, "admin", root, now, account_id),
                    root_key, account_id)
        book = CertificateBook(store_id, root, [(1, cert)])
        store = cls(folder, db, Account(account_id, username, "admin"), slots, key, root_key,
                    book, store_id, clock)
        unit = store.unit
        try:
            with unit.transaction():
                set_meta(db, store_id=store_id, root_public_key=root, root_account_id=account_id)
                db["accounts"].insert({"id": account_id, "username": username,
                                       "name_key": fold_name(username), "role": "admin",
                                       "public_key": root, "created_at": now})
                store.account_book.insert_certificate(cert)
                unit.audit("store_created", "account", account_id,
                           new={"root_fingerprint": slots.read().root_fingerprint})
            unit.checkpoint()
        except sqlcipher3.Error as exc:
            raise fault(exc, folder) from None
        store.recovery_key = recovery
        return store

    @classmethod
    def open(cls, folder: Path | str, username: str, password: str,
             kdf: KdfParams = DEFAULT_KDF, clock: Callable[[], str] = wall_clock) -> Store:
        folder = Path(folder)
        slots = KeySlots(folder, kdf)
        if not slots.exists():
            raise SignInError(f"there is no store in {folder}")
        unlocked = slots.unlock(username, password)
        return cls.from_unlocked(folder, slots, unlocked, clock)

    @classmethod
    def from_unlocked(cls, folder: Path, slots: KeySlots, unlocked: Unlocked,
                      clock: Callable[[], str] = wall_clock, log: bool = True) -> Store:
        """The session of an account whose keys are open (after the password, or recovery)."""
        secure_folder(folder)
        db, key = connect_any(folder, unlocked.db_keys)
        if len(unlocked.db_keys) > 1:
            # A re-key was under way: finish it, or drop it, as the file says.
            slots.finish_rekey(done=key == unlocked.db_keys[1])
        check_integrity(db, folder)
        migrate(db, folder)
        try:
            return cls._signed_in(folder, db, key, slots, unlocked, clock, log)
        except sqlcipher3.Error as exc:
            db.conn.close()
            raise fault(exc, folder) from None

    @classmethod
    def _signed_in(cls, folder: Path, db: Database, key: bytes, slots: KeySlots,
                   unlocked: Unlocked, clock: Callable[[], str], log: bool) -> Store:
        data = slots.read()
        store_id = meta(db, "store_id")
        if store_id != data.store_id or meta(db, "root_public_key") != data.root_public_key:
            db.conn.close()
            raise RecordAltered(f"the key file and the store in {folder} name different stores "
                                "or root keys: one of them was replaced")
        book = CertificateBook(store_id, data.root_public_key, [
            (r["seq"], {"payload": json.loads(r["payload"]), "signer": r["signer"],
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
        store.file.mark_open()
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
        self._closed = True
        try:
            return self.file.close_checked(self.unit.checkpoint,
                                           self._backup if backup else None)
        except StoreError as exc:
            # What was saved is safe (each save is durable); only the check, the record or
            # the backup failed: they wait for the next close that can write.
            self.close_problem = exc
            self.backup_problem = str(exc)
            return None

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another program's write before it is "busy"."""
        self.file.set_busy_timeout(seconds)

    def _backup(self) -> Path:
        count, head = self.unit.head()
        return self.file.backup(count, head, self.unit.copy_key_file)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
