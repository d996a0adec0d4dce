"""Accounts: certified by an administrator's signature, names unique after case folding,
passwords checked by the key slots, and the database re-keyed when one is removed.

A repository of the store (:class:`cstr_desktop.store.session.Store` puts it together).
"""

from __future__ import annotations

import json
import secrets
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cstr_desktop.errors import NotAllowed, SignInError, StoreError
from cstr_desktop.hygiene import refuse_hidden_characters
from cstr_desktop.store import backups
from cstr_desktop.store.unit import Account, Repository
from cstr_desktop.trust.key_slots import Unlocked
from cstr_desktop.trust.signatures import (
    CertificateBook,
    cert_payload,
    fingerprint,
    fold_name,
    public_b64,
    sign,
)

ROLES = ("assessor", "reviewer", "admin")
MIN_PASSWORD = 10


def check_new_account(username: str, password: str, role: str) -> None:
    if role not in ROLES:
        raise StoreError(f"unknown role '{role}' (one of: {', '.join(ROLES)})")
    if not isinstance(username, str) or not username or len(username) > 64 or \
            not username.replace("_", "").replace(".", "").replace("-", "").isalnum():
        raise StoreError("an account name is 1 to 64 letters, digits, '.', '-' or '_'")
    refuse_hidden_characters(username, "an account name")
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"a password needs at least {MIN_PASSWORD} characters")


class Accounts(Repository):
    """Accounts, their certificates and key slots, passwords, and re-keying."""

    # -- certificates ------------------------------------------------------------------

    def insert_certificate(self, signed: dict) -> None:
        p = signed["payload"]
        self.unit.db["certificates"].insert({"account_id": p["account_id"],
                                        "payload": json.dumps(p, ensure_ascii=False),
                                        "signer": signed["signer"],
                                        "signature": signed["signature"]})

    def certify(self, account_id: str, username: str, role: str, public_key: str,
                 revoked: bool = False) -> dict:
        signed = sign(cert_payload(self.unit.store_id, account_id, username, role, public_key,
                                   self.unit.now(), self.unit.user.id, revoked),
                      self.unit.signing_key, self.unit.user.id)
        self.insert_certificate(signed)
        return signed

    def reload_book(self) -> None:
        self.unit.book = CertificateBook(self.unit.store_id, self.unit.book.root_public_key, [
            (r["seq"], {"payload": json.loads(r["payload"]), "signer": r["signer"],
                        "signature": r["signature"]})
            for r in self.unit.db["certificates"].rows_where(order_by="seq")])

    def certificates(self) -> list[dict]:
        """Every certificate as a signed object, in the order received (root first)."""
        return [{"payload": json.loads(r["payload"]), "signer": r["signer"],
                 "signature": r["signature"]}
                for r in self.unit.db["certificates"].rows_where(order_by="seq")]

    def root_fingerprint(self) -> str:
        return fingerprint(self.unit.book.root_public_key)

    def _root_account_id(self) -> str | None:
        row = self.unit.db.execute(
            "SELECT value FROM meta WHERE key = 'root_account_id'").fetchone()
        return row[0] if row else None

    # -- accounts ----------------------------------------------------------------------

    def _require_admin(self) -> None:
        if self.unit.user.role != "admin":
            raise NotAllowed(f"the {self.unit.user.role} role cannot manage accounts (needs admin)")

    def add_account(self, username: str, password: str, role: str) -> Any:
        self._require_admin()
        check_new_account(username, password, role)
        if self.account_row(username) is not None:
            raise StoreError(f"an account named '{username}' already exists (names are "
                             "compared ignoring case)")
        account = Account(str(uuid.uuid4()), username, role)
        key = Ed25519PrivateKey.generate()
        with self.unit.transaction():
            self.unit.db["accounts"].insert({"id": account.id, "username": username,
                                        "name_key": fold_name(username), "role": role,
                                        "public_key": public_b64(key),
                                        "created_at": self.unit.now()})
            self.certify(account.id, username, role, public_b64(key))
            self.unit.audit("account_added", "account", account.id, new={"username": username,
                                                                    "role": role})
        self.reload_book()
        self.unit.slots.add(username, password, account.id, key, self.unit.file.key)
        self.unit.checkpoint()
        return account

    def remove_account(self, username: str) -> None:
        """Remove an account: its certificate is revoked, its slot goes, and the database
        is re-keyed, so an old copy of the key file opens nothing."""
        self._require_admin()
        row = self.account_row(username)
        if row is None:
            raise StoreError(f"no account named '{username}'")
        if row["id"] == self.unit.user.id:
            raise StoreError("you cannot remove the account you are signed in with")
        if row["id"] == self._root_account_id():
            raise StoreError("the first administrator's account holds the store's root key "
                             "and cannot be removed")
        cert = self.unit.book.current(row["id"])
        with self.unit.transaction():
            self.unit.db["accounts"].update(row["id"], {"removed_at": self.unit.now()})
            self.certify(row["id"], row["username"], cert.role if cert else row["role"],
                          cert.public_key if cert else row["public_key"], revoked=True)
            self.unit.audit("account_removed", "account", row["id"])
        self.reload_book()
        self.unit.slots.remove(username)
        self.rekey()

    def change_password(self, old_password: str, new_password: str) -> None:
        unlocked = self.confirm_password(old_password, "the current password is wrong",
                                         code="current_password_wrong")
        check_new_account(self.unit.user.username, new_password, self.unit.user.role)
        with self.unit.transaction():
            self.unit.audit("password_changed", "account", self.unit.user.id)
        user = self.unit.user
        self.unit.slots.add(user.username, new_password, user.id, self.unit.signing_key,
                            self.unit.file.key, box_key=unlocked.box_key)
        self.unit.checkpoint()

    def reset_password(self, username: str, new_password: str) -> None:
        """An administrator sets a new password for someone who has forgotten theirs.

        The old password is not needed; the account gets a new signing key (its old
        one stays wrapped under the forgotten password) and a new certificate.
        """
        self._require_admin()
        row = self.account_row(username)
        if row is None:
            raise StoreError(f"no account named '{username}'")
        if row["id"] == self.unit.user.id:
            raise StoreError("change your own password with your current one, not as a reset")
        cert = self.unit.book.current(row["id"])
        if cert is None:
            raise StoreError(f"the account '{username}' has no valid certificate")
        check_new_account(username, new_password, cert.role)
        key = Ed25519PrivateKey.generate()
        with self.unit.transaction():
            self.unit.db["accounts"].update(row["id"], {"public_key": public_b64(key)})
            self.certify(row["id"], row["username"], cert.role, public_b64(key))
            self.unit.audit("password_reset", "account", row["id"])
        self.reload_book()
        self.unit.slots.add(row["username"], new_password, row["id"], key, self.unit.file.key)
        self.unit.checkpoint()

    def confirm_password(self, password: str, wrong: str = "the password is wrong",
                         code: str = "wrong_password") -> Unlocked:
        """Check the signed-in account's password again (the lock screen, a countersignature):
        through the key slot, so wrong guesses count and back off as at sign-in."""
        try:
            unlocked = self.unit.slots.unlock(self.unit.user.username, password)
        except SignInError as exc:
            if type(exc) is SignInError:
                raise SignInError(wrong, code=code) from None
            raise
        if unlocked.account_id != self.unit.user.id:
            raise SignInError(wrong, code=code)
        return unlocked

    def verify_password(self, password: str) -> bool:
        """Whether ``password`` is the signed-in account's (wrong guesses count)."""
        try:
            self.confirm_password(password)
        except SignInError:
            return False
        return True

    def all(self, include_removed: bool = False) -> list:
        """Accounts, each with the role its certificate gives it."""
        from cstr_desktop.store.profiles import PROFILE_FIELDS

        where = None if include_removed else "removed_at IS NULL"
        out = []
        for r in self.unit.db["accounts"].rows_where(where, order_by="username"):
            cert = self.unit.book.current(r["id"])
            out.append(Account(r["id"], r["username"], cert.role if cert else "none",
                               *(r.get(f) for f in PROFILE_FIELDS)))
        return out

    def account_row(self, username: str) -> dict | None:
        return next(self.unit.db["accounts"].rows_where(
            "name_key = ? AND removed_at IS NULL", [fold_name(username)]), None)

    # -- re-key --------------------------------------------------------------------------

    def rekey(self) -> int:
        """A new database key (``PRAGMA rekey``), sealed for every remaining account and
        the recovery slot; every kept backup is re-encrypted too. Returns how many
        backups were re-keyed."""
        self._require_admin()
        old = self.unit.file.key
        new = secrets.token_bytes(32)
        # The device key for central records is wrapped under the next key too first.
        from cstr_desktop.sync import device_key

        with self.unit.transaction():
            device_key.before_rekey(self.unit.db, old, new, self.unit.store_id)
        self.unit.slots.begin_rekey(new)
        try:
            self.unit.file.rekey(new)
        except StoreError:
            self.unit.slots.finish_rekey(done=False)
            raise
        self.unit.slots.finish_rekey(done=True)
        with self.unit.transaction():
            device_key.after_rekey(self.unit.db, done=True)
            self.unit.audit("rekeyed", "store", self.unit.store_id)
        self.unit.checkpoint()
        return backups.rekey(self.unit.folder, [old], new, self.unit.copy_key_file)
