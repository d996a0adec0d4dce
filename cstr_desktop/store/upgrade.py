"""Upgrading a store made by an earlier version (key file ``cstr-keyslots/1``).

Such a store has no signing keys: one key per store, sealed once per account,
and roles in a column. ``cstr-desktop upgrade --user ADMIN`` (an administrator's
password) makes that administrator the root: a signing key and a self-signed
certificate; every other account gets a new key pair, a certificate with its
role as recorded, and a one-time password printed for its owner (as a password
reset does). The audit trail's earlier entries stay as they are, checked by their
hashes; the first signed entry says how many came before. The database is then
re-keyed, so the old key file, readable by anyone before, opens nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3
from argon2.exceptions import HashingError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cstr_desktop.errors import NotAllowed, SignInError, StoreError
from cstr_desktop.store import backups
from cstr_desktop.store.database import check_integrity, connect, migrate, set_meta
from cstr_desktop.store.session import Account, Store
from cstr_desktop.trust.key_file import LEGACY_FORMAT, KeyFileStore
from cstr_desktop.trust.key_slots import DEFAULT_KDF, KdfParams, KeySlots
from cstr_desktop.trust.key_wrap import KDF_LIMITS, derive
from cstr_desktop.trust.signatures import (
    CertificateBook,
    cert_payload,
    content_hash,
    fold_name,
    public_b64,
    sign,
)

UPGRADE_ACTION = "store_upgraded"


@dataclass
class Upgraded:
    store: Store
    passwords: list[tuple[str, str, str]] = field(default_factory=list)


def _legacy_key(raw: dict, username: str, password: str) -> bytes:
    """The database key from a version-1 slot (argon2id, AES-256-GCM, the name's SHA-256)."""
    try:
        salt = base64.b64decode(raw["name_salt"])
        tag = hashlib.sha256(salt + username.casefold().encode("utf-8")).hexdigest()
        slot = raw["slots"].get(tag)
        if slot is None:
            raise SignInError("wrong account name or password")
        kdf = slot["kdf"]
        for name, (low, high) in KDF_LIMITS.items():
            if not isinstance(kdf.get(name), int) or not low <= kdf[name] <= high:
                raise StoreError(f"the old key file's cost {name} is out of range")
        kek = derive(password, base64.b64decode(slot["salt"]),
                     KdfParams(kdf["time_cost"], kdf["memory_cost"], kdf["parallelism"]))
        return AESGCM(kek).decrypt(base64.b64decode(slot["nonce"]),
                                   base64.b64decode(slot["wrapped"]), tag.encode("ascii"))
    except InvalidTag:
        raise SignInError("wrong account name or password") from None
    except (KeyError, TypeError, ValueError, AttributeError, HashingError) as exc:
        raise StoreError(f"the old key file is damaged ({exc})") from None


def one_time_password() -> str:
    text = base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def upgrade(folder: Path | str, username: str, password: str,
            kdf: KdfParams = DEFAULT_KDF) -> Upgraded:
    folder = Path(folder)
    raw = KeyFileStore(folder).raw()
    if raw.get("format") != LEGACY_FORMAT:
        raise StoreError(f"the store in {folder} is already in the current format")
    key = _legacy_key(raw, username, password)
    db = connect(folder, key)
    check_integrity(db, folder)
    legacy = int((db.execute("SELECT value FROM meta WHERE key = 'audit_count'").fetchone()
                  or ["0"])[0])
    migrate(db, folder)
    rows = list(db["accounts"].rows_where("removed_at IS NULL", order_by="created_at"))
    admin = next((r for r in rows if r["name_key"] == fold_name(username)), None)
    if admin is None or admin["role"] != "admin":
        db.conn.close()
        raise NotAllowed("only an administrator can upgrade the store")
    store_id = str(uuid.uuid4())
    root_key = Ed25519PrivateKey.generate()
    root = public_b64(root_key)
    slots = KeySlots(folder, kdf)
    store = Store(folder, db, Account(admin["id"], admin["username"], "admin"), slots, key,
                  root_key, CertificateBook(store_id, root, []), store_id)
    result = Upgraded(store)
    others = []
    with store.unit.transaction():
        db.execute("DELETE FROM certificates")  # from an upgrade cut short, never usable
        set_meta(db, store_id=store_id, root_public_key=root, root_account_id=admin["id"])
        store.account_book.insert_certificate(sign(
            cert_payload(store_id, admin["id"], admin["username"], "admin", root,
                         store.unit.now(), admin["id"]),
            root_key, admin["id"]))
        db["accounts"].update(admin["id"], {"public_key": root})
        for row in rows:
            if row["id"] == admin["id"]:
                continue
            account_key = Ed25519PrivateKey.generate()
            store.account_book.certify(row["id"], row["username"], row["role"],
                                       public_b64(account_key))
            db["accounts"].update(row["id"], {"public_key": public_b64(account_key)})
            others.append((row, account_key, one_time_password()))
        # What was countersigned before signatures, as it stands now, attested by the
        # root administrator (its reports keep the codes they were printed with).
        countersigned = [[r["assessment_id"], r["version"],
                          content_hash(json.loads(r["answers"]))]
                         for r in db["assessment_versions"].rows if r["countersigned_by"]]
        codes = sorted(r["verification"] for r in db["frozen_reports"].rows)
        store.unit.audit(UPGRADE_ACTION, "store", store_id,
                     new={"legacy_entries": legacy, "legacy_countersigned": countersigned,
                          "legacy_codes": codes},
                     reason=f"upgraded from {LEGACY_FORMAT}: {len(rows)} account(s) certified; "
                            f"{len(countersigned)} countersigned version(s) attested")
    store.account_book.reload_book()
    _, recovery = slots.create(store_id, admin["id"], admin["username"], password, root_key,
                               db_key=key, replace=True)
    store.recovery_key = recovery
    for row, account_key, one_time in others:
        slots.add(row["username"], one_time, row["id"], account_key, key)
        result.passwords.append((row["username"], row["role"], one_time))
    _adopt_old_backups(folder, key, store)
    store.checkpoint()
    store.rekey()  # the store and every backup: the old key file opens nothing
    return result


OLD_BACKUP = re.compile(r"^store-(\d{8}T\d{12})\.db$")


def _adopt_old_backups(folder: Path, key: bytes, store: Store) -> None:
    """Backups named by an earlier version get today's names (with their trail's count and
    head) and a copy of the key file, so the re-key covers them too."""
    backup_dir = folder / backups.BACKUP_DIR
    if not backup_dir.is_dir():
        return
    for path in sorted(backup_dir.iterdir()):
        match = OLD_BACKUP.match(path.name)
        if not match:
            continue
        try:
            conn = backups._connect(path, key)
            try:
                meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN "
                                         "('audit_head', 'audit_count')").fetchall())
            finally:
                conn.close()
        except sqlcipher3.Error:
            continue  # not readable with this store's key: left as it is
        head = meta.get("audit_head", "0" * 64)
        target = path.with_name(f"store-{match.group(1)}-{meta.get('audit_count', 0)}-"
                                f"{head[:12]}.db")
        store.unit.copy_key_file(backups.keys_path(target))
        os.rename(path, target)
