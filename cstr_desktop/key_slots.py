"""Key slots: what each account needs to open the store and sign, under its password.

The database key is 32 random bytes. Each account has an Ed25519 signing key and
an X25519 "box" key; both private keys are wrapped (AES-256-GCM) under a key
derived from the account's password with argon2id and a salt of its own. The
database key is sealed to each account's box key, so a re-key can wrap the new
database key for every account without knowing their passwords, and an old copy
of the key file then opens nothing. A recovery slot seals the database key and
the root administrator's signing key to a recovery key shown once, at ``init``.

The file holds no account names, only a salted argon2id hash of each (NFKC and
case folded, so ``Ann`` and ``ann`` are one account), and no personal data.
Wrong passwords are counted per known account (and in one shared counter for
names that are not accounts), never past a bound; after three, each attempt must
wait, doubling up to five minutes; a time in the future is ignored.
"""

from __future__ import annotations

import math
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from .key_file import (
    MAX_COUNT,
    SLOTS_FILE,
    UNKNOWN,
    AuditMark,
    Failure,
    Kdf,
    KeyFile,
    KeyFileStore,
    Recovery,
    Rollback,
    Sealed,
    Slot,
    Wrapped,
)
from .key_wrap import (
    DEFAULT_KDF,
    FAST_KDF_FOR_TESTS,
    NAME_KDF,
    KdfParams,
    Unwrap,
    box_private_raw,
    box_public,
    derive,
    open_sealed,
    recovery_key_from_text,
    recovery_key_text,
    seal,
    unwrap,
    wrap,
)
from .store_errors import LegacyStore
from .trust import b64, fingerprint, fold_name, public_b64, unb64

__all__ = ["DEFAULT_KDF", "FAST_KDF_FOR_TESTS", "SLOTS_FILE", "KdfParams", "KeySlots",
           "LegacyStore", "SignInError", "TooManyAttempts", "Unlocked"]

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 300
CLOCK_SKEW_SECONDS = 60  # a failure time further ahead than this is ignored


class SignInError(Exception):
    """Wrong account or password (never says which)."""


class TooManyAttempts(SignInError):
    def __init__(self, wait_seconds: int):
        self.wait_seconds = wait_seconds
        super().__init__(f"too many wrong passwords: try again in {wait_seconds} seconds")


@dataclass
class Unlocked:
    """What a right password opens: the account, its private keys and the database key."""

    account_id: str
    tag: str
    db_keys: list[bytes]  # the current key, then the next one while a re-key is under way
    signing_key: Ed25519PrivateKey
    box_key: X25519PrivateKey


def _private_raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _kdf(params: Kdf | KdfParams) -> KdfParams:
    return KdfParams(params.time_cost, params.memory_cost, params.parallelism)


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class KeySlots:
    """The key file of one data folder."""

    def __init__(self, folder: Path | str, kdf: KdfParams = DEFAULT_KDF,
                 clock: Callable[[], float] = time.time):
        self.file = KeyFileStore(folder)
        self.folder = self.file.folder
        self.path = self.file.path
        self.kdf = kdf
        self.clock = clock
        self._tags: dict[tuple[str, str], str] = {}

    def exists(self) -> bool:
        return self.file.exists()

    def read(self) -> KeyFile:
        return self.file.read()

    # -- names and wrapping ---------------------------------------------------------

    def tag(self, data: KeyFile, username: str) -> str:
        """An account name's salted argon2id hash (the slot's key in the file)."""
        folded = fold_name(username)
        cache = (data.name_salt, folded)
        if cache not in self._tags:
            self._tags[cache] = derive(folded, unb64(data.name_salt, 16),
                                       _kdf(data.name_kdf)).hex()
        return self._tags[cache]

    @staticmethod
    def _slot_aad(data: KeyFile, tag: str, account_id: str) -> bytes:
        return f"cstr-slot/2|{data.store_id}|{data.root_fingerprint}|{tag}|{account_id}".encode()

    @staticmethod
    def _db_aad(data: KeyFile, who: str) -> bytes:
        return f"cstr-db-key/2|{data.store_id}|{data.root_fingerprint}|{who}".encode()

    @staticmethod
    def _root_aad(data: KeyFile) -> bytes:
        return f"cstr-root-key/2|{data.store_id}|{data.root_fingerprint}".encode()

    def _make_slot(self, data: KeyFile, tag: str, account_id: str, password: str,
                   signing_key: Ed25519PrivateKey, box_key: X25519PrivateKey,
                   db_key: bytes) -> Slot:
        salt = secrets.token_bytes(16)
        kek = derive(password, salt, self.kdf)
        keys = wrap(kek, _private_raw(signing_key) + box_private_raw(box_key),
                    self._slot_aad(data, tag, account_id))
        public = box_public(box_key)
        return Slot(account_id=account_id, kdf=Kdf(**asdict(self.kdf)), salt=b64(salt),
                    keys=Wrapped(**keys), box_public=public,
                    db_key=Sealed(**seal(public, db_key, self._db_aad(data, account_id))))

    # -- creating -------------------------------------------------------------------

    def create(self, store_id: str, account_id: str, username: str, password: str,
               signing_key: Ed25519PrivateKey, db_key: bytes | None = None,
               replace: bool = False) -> tuple[bytes, str]:
        """A new key file with the root administrator's slot.

        Returns the database key (new and random unless given) and the recovery key
        (to be shown once).
        """
        if self.path.exists() and not replace:
            raise FileExistsError(self.path)
        db_key = db_key or secrets.token_bytes(32)
        recovery = X25519PrivateKey.generate()
        root = public_b64(signing_key)
        data = KeyFile.model_construct(
            format="cstr-keyslots/2", store_id=store_id, root_public_key=root,
            root_fingerprint=fingerprint(root), name_salt=b64(secrets.token_bytes(16)),
            name_kdf=Kdf(**asdict(NAME_KDF)), slots={}, failures={}, audit=None,
            rollbacks=[], generation=0, recovery=None)
        data.recovery = self._recovery(data, box_public(recovery), db_key, signing_key)
        tag = self.tag(data, username)
        data.slots[tag] = self._make_slot(data, tag, account_id, password, signing_key,
                                          X25519PrivateKey.generate(), db_key)
        self.file.write(KeyFile.model_validate(data.model_dump(mode="json")))
        return db_key, recovery_key_text(recovery)

    def _recovery(self, data: KeyFile, public: str, db_key: bytes,
                  root_key: Ed25519PrivateKey) -> Recovery:
        return Recovery(box_public=public,
                        db_key=Sealed(**seal(public, db_key, self._db_aad(data, "recovery"))),
                        root_key=Sealed(**seal(public, _private_raw(root_key),
                                               self._root_aad(data))))

    # -- slots ----------------------------------------------------------------------

    def add(self, username: str, password: str, account_id: str,
            signing_key: Ed25519PrivateKey, db_key: bytes,
            box_key: X25519PrivateKey | None = None) -> None:
        """Wrap an account's keys under its password (replacing any slot it had)."""
        with self.file.update() as data:
            tag = self.tag(data, username)
            for other, slot in list(data.slots.items()):
                if slot.account_id == account_id and other != tag:
                    del data.slots[other]
            data.slots[tag] = self._make_slot(data, tag, account_id, password, signing_key,
                                              box_key or X25519PrivateKey.generate(), db_key)
            data.failures.pop(tag, None)

    def remove(self, username: str) -> bool:
        with self.file.update() as data:
            tag = self.tag(data, username)
            removed = data.slots.pop(tag, None) is not None
            data.failures.pop(tag, None)
        return removed

    def has(self, username: str) -> bool:
        data = self.read()
        return self.tag(data, username) in data.slots

    def account_ids(self) -> set[str]:
        return {slot.account_id for slot in self.read().slots.values()}

    # -- signing in -----------------------------------------------------------------

    def _wait(self, failure: Failure | None, now: float) -> int:
        if failure is None or failure.count < FREE_ATTEMPTS:
            return 0
        if failure.last > now + CLOCK_SKEW_SECONDS:
            return 0  # a time in the future is not believed
        delay = min(MAX_DELAY_SECONDS, 2 ** min(failure.count - FREE_ATTEMPTS + 1, 16))
        return max(0, math.ceil(failure.last + delay - now))

    def unlock(self, username: str, password: str) -> Unlocked:
        """The account's keys and the database key, if the password is right.

        Otherwise SignInError; after a few wrong passwords for an account,
        TooManyAttempts until the wait is over (even for the right password).
        """
        data = self.read()
        tag = self.tag(data, username)
        bucket = tag if tag in data.slots else UNKNOWN
        now = self.clock()
        wait = self._wait(data.failures.get(bucket), now)
        if wait > 0:
            raise TooManyAttempts(wait)
        slot = data.slots.get(tag)
        opened = self._open_slot(data, tag, slot, password) if slot else None
        if slot is None:
            # Spend the same effort, so timing does not tell which accounts exist.
            derive(password, b"\0" * 16, self.kdf)
        if opened is None:
            self._count_failure(bucket, now)
            raise SignInError("wrong account name or password")
        if bucket in data.failures:
            with self.file.update() as fresh:
                fresh.failures.pop(bucket, None)
        return opened

    def matches(self, username: str, password: str) -> bool:
        """Whether ``password`` opens the account's slot, counting no failure: only to refuse
        a password typed where a comment goes. (No quiet guessing: a text that is not the
        password is sent as the comment, in the audit trail; while the account must wait
        after wrong passwords, nothing is tried.)"""
        data = self.read()
        tag = self.tag(data, username)
        slot = data.slots.get(tag)
        if slot is None or self._wait(data.failures.get(tag), self.clock()) > 0:
            return False
        return self._open_slot(data, tag, slot, password) is not None

    def _open_slot(self, data: KeyFile, tag: str, slot: Slot, password: str) -> Unlocked | None:
        kek = derive(password, unb64(slot.salt, 16), _kdf(slot.kdf))
        try:
            raw = unwrap(kek, slot.keys.model_dump(), self._slot_aad(data, tag, slot.account_id))
        except Unwrap:
            return None
        if len(raw) != 64:
            return None
        box = X25519PrivateKey.from_private_bytes(raw[32:])
        aad = self._db_aad(data, slot.account_id)
        keys = []
        for sealed in (slot.db_key, slot.db_key_next):
            if sealed is not None:
                try:
                    keys.append(open_sealed(box, sealed.model_dump(), aad))
                except Unwrap:
                    pass
        if not keys:
            return None
        return Unlocked(slot.account_id, tag, keys,
                        Ed25519PrivateKey.from_private_bytes(raw[:32]), box)

    def _count_failure(self, bucket: str, now: float) -> None:
        with self.file.update() as fresh:
            if bucket != UNKNOWN and bucket not in fresh.slots:
                return
            old = fresh.failures.get(bucket)
            fresh.failures[bucket] = Failure(count=min(MAX_COUNT, (old.count if old else 0) + 1),
                                             last=now)

    # -- recovery -------------------------------------------------------------------

    def recover(self, recovery_text: str) -> tuple[list[bytes], Ed25519PrivateKey]:
        """The database key(s) and the root signing key, from the recovery key."""
        private = recovery_key_from_text(recovery_text)
        data = self.read()
        rec = data.recovery
        if box_public(private) != rec.box_public:
            raise SignInError("that recovery key does not belong to this store")
        try:
            root = open_sealed(private, rec.root_key.model_dump(), self._root_aad(data))
            keys = [open_sealed(private, s.model_dump(), self._db_aad(data, "recovery"))
                    for s in (rec.db_key, rec.db_key_next) if s is not None]
        except Unwrap:
            raise SignInError("the recovery slot does not open: the key file was altered") \
                from None
        return keys, Ed25519PrivateKey.from_private_bytes(root)

    # -- re-keying ------------------------------------------------------------------

    def begin_rekey(self, new_key: bytes) -> None:
        """Seal the next database key for every account and the recovery slot."""
        with self.file.update() as data:
            for slot in data.slots.values():
                slot.db_key_next = Sealed(**seal(slot.box_public, new_key,
                                                 self._db_aad(data, slot.account_id)))
            data.recovery.db_key_next = Sealed(**seal(data.recovery.box_public, new_key,
                                                      self._db_aad(data, "recovery")))

    def finish_rekey(self, done: bool) -> None:
        """After the database is re-keyed (``done``), the next key becomes the key;
        otherwise (a re-key that did not happen) the next key is dropped."""
        with self.file.update() as data:
            for holder in (*data.slots.values(), data.recovery):
                if done and holder.db_key_next is not None:
                    holder.db_key = holder.db_key_next
                holder.db_key_next = None
            if done:
                data.generation += 1

    def pending_rekey(self) -> bool:
        data = self.read()
        return data.recovery.db_key_next is not None

    # -- the audit trail's newest entry ---------------------------------------------

    def audit_mark(self) -> AuditMark | None:
        return self.read().audit

    def checkpoint(self, count: int, head: str,
                   consistent: Callable[[AuditMark], tuple[bool, str | None]]) -> Rollback | None:
        """Record the trail's newest entry. If the one recorded before is no longer in
        the trail (``consistent`` says so, and what is there instead), the store was
        rolled back or cut short: that is kept in the file, and returned."""
        seen = None
        with self.file.update() as data:
            mark = data.audit
            if mark is not None and (mark.count, mark.head) != (count, head):
                ok, found = consistent(mark)
                if not ok:
                    seen = Rollback(seen_at=_now_iso(), recorded_count=mark.count,
                                    recorded_head=mark.head, found_count=count,
                                    found_head=found)
                    data.rollbacks.append(seen)
            data.audit = AuditMark(count=count, head=head)
        return seen

    def set_audit_mark(self, count: int, head: str) -> None:
        with self.file.update() as data:
            data.audit = AuditMark(count=count, head=head)
