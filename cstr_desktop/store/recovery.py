"""Putting things back: a backup in place of the store, the key file from a backup's copy,
and an administrator's access from the recovery key.

``restore`` checks a backup before it goes in (encrypted, opens with the store's
key, ``quick_check``, a schema this version knows) and refuses anything else in
one line. It needs an administrator's sign-in while the store still opens; when
it does not, any account's password will do (it unlocks the key that checks the
backup). The file replaced is kept aside under a name of its own, and the restore
is written to the restored store's audit trail, signed, saying how many entries
were rolled back.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from cstr_desktop.errors import KeyFileDamaged, NotAllowed, SignInError, StoreCorrupt, StoreError
from cstr_desktop.store import backups
from cstr_desktop.store.database import KNOWN_MIGRATIONS, connect_any, meta
from cstr_desktop.store.session import Store
from cstr_desktop.trust.key_file import KeyFileStore
from cstr_desktop.trust.key_slots import DEFAULT_KDF, KdfParams, KeySlots
from cstr_desktop.trust.signatures import public_b64


@dataclass
class Restored:
    backup: Path
    kept: list[Path] = field(default_factory=list)
    damaged: str | None = None
    entries_before: int | None = None
    entries_after: int = 0
    skipped: list[str] = field(default_factory=list)
    key_file_from: Path | None = None
    store_replaced: bool = True


def restore_key_file(folder: Path) -> Path:
    """Put the newest backup's copy of the key file in place of a damaged or missing one
    (the damaged one is kept aside). Returns the copy used."""
    kf = KeyFileStore(folder)
    for b in backups.backups(folder):
        copy = KeyFileStore(folder)
        copy.path = b.keys_path
        try:
            data = copy.read()
        except (KeyFileDamaged, SignInError):
            continue
        with kf.locked():
            if kf.path.exists():
                os.rename(kf.path, backups.unique_aside(kf.path, "damaged"))
            kf.write(data)
        return b.keys_path
    raise StoreError(f"no backup in {folder / backups.BACKUP_DIR} has a good copy of the key "
                     "file")


def _companion_keys(backup: Path, username: str, password: str, kdf: KdfParams) -> list[bytes]:
    """The database keys in the key file kept beside a backup (for one made before a re-key)."""
    companion = backups.keys_path(backup)
    if not companion.exists():
        return []
    slots = KeySlots(companion.parent, kdf)
    slots.file.path = slots.path = companion
    try:
        return slots.unlock(username, password).db_keys
    except (SignInError, StoreError):
        return []


def restore(folder: Path | str, username: str, password: str, backup: Path | None = None,
            kdf: KdfParams = DEFAULT_KDF) -> Restored:
    folder = Path(folder)
    slots = KeySlots(folder, kdf)
    key_file_from = None
    try:
        slots.read()
    except KeyFileDamaged:
        key_file_from = restore_key_file(folder)
    unlocked = slots.unlock(username, password)
    if key_file_from is not None and backup is None:
        # Only the key file was damaged? Then the store stays as it is.
        try:
            store = Store.from_unlocked(folder, slots, unlocked, log=False)
        except StoreError:
            pass
        else:
            with store:
                store.log("key_file_restored", "store", store.store_id,
                          reason=f"from the copy kept with {key_file_from.name}")
                store.checkpoint()
                count = store.unit.head()[0]
            return Restored(key_file_from, key_file_from=key_file_from, store_replaced=False,
                            entries_before=count, entries_after=count)
    # The backup is checked first: a file that is not a good backup changes nothing.
    candidates = [Path(backup)] if backup else backups.list_backups(folder)
    if not candidates:
        raise StoreError(f"there is no backup in {folder / backups.BACKUP_DIR}")
    chosen, key, skipped = None, None, []
    for candidate in candidates:
        try:
            keys = unlocked.db_keys + _companion_keys(candidate, username, password, kdf)
            key = backups.check(candidate, keys, KNOWN_MIGRATIONS)
        except backups.BackupRefused as exc:
            if backup:
                raise
            skipped.append(str(exc))
            continue
        chosen = candidate
        break
    if chosen is None:
        raise StoreError("no backup passed the checks: " + "; ".join(skipped[:3]))
    damaged = None
    before = None
    try:
        store = Store.from_unlocked(folder, slots, unlocked, log=False)
    except StoreCorrupt as exc:
        damaged = exc.detail
    else:
        try:
            if store.user.role != "admin":
                raise NotAllowed("the store opens and is not damaged: only an administrator "
                                 "may replace it with a backup")
            before = store.unit.head()
        finally:
            store.file.close()
    result = Restored(chosen, damaged=damaged, skipped=skipped, key_file_from=key_file_from,
                      entries_before=before[0] if before else None)
    result.kept = backups.put_in_place(folder, chosen, key, unlocked.db_keys[0],
                                       damaged is not None)
    store = Store.from_unlocked(folder, slots, unlocked, log=False)
    try:
        restored_count, restored_head = store.unit.head()
        with store.unit.transaction():
            store.unit.audit("store_restored", "store", store.store_id,
                         old={"entries": before[0], "head": before[1]} if before
                         else {"damaged": damaged},
                         new={"backup": result.backup.name, "entries": restored_count,
                              "head": restored_head},
                         reason=_reason(result, before, restored_count))
        store.slots.set_audit_mark(*store.unit.head())
        result.entries_after = restored_count
    finally:
        store.close()
    return result


def _reason(result: Restored, before: tuple[int, str] | None, after: int) -> str:
    if before is None:
        return (f"the store could not be opened ({result.damaged}); restored "
                f"{result.backup.name} with {after} audit entries")
    lost = before[0] - after
    return (f"restored {result.backup.name}: the trail went back from {before[0]} to {after} "
            f"entries" + (f" ({lost} rolled back)" if lost > 0 else ""))


def recover(folder: Path | str, recovery_text: str, new_password: str,
            kdf: KdfParams = DEFAULT_KDF) -> Store:
    """Every password lost: the recovery key gives the root administrator a new password.

    Returns that administrator's session (its recovery is in the audit trail).
    """
    from cstr_desktop.store.accounts import check_new_account

    folder = Path(folder)
    slots = KeySlots(folder, kdf)
    keys, root_key = slots.recover(recovery_text)
    data = slots.read()
    if public_b64(root_key) != data.root_public_key:
        raise SignInError("the recovery slot holds another key than the store's root key")
    db, key = connect_any(folder, keys)
    try:
        root_id = meta(db, "root_account_id")
        row = next(db["accounts"].rows_where("id = ?", [root_id]), None)
    finally:
        db.conn.close()
    if row is None:
        raise StoreError("the store does not name its first administrator")
    check_new_account(row["username"], new_password, "admin")
    slots.add(row["username"], new_password, root_id, root_key, key)
    store = Store.open(folder, row["username"], new_password, kdf=kdf)
    with contextlib.suppress(StoreError):
        store.log("recovered", "account", root_id,
                  reason="a new password set with the recovery key")
    return store
