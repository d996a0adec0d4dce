"""Backups you can trust: written aside, checked, then named; kept by a rotation; restored
only after the same checks.

A backup is written to a temporary name, opened with the store's key, checked
(``quick_check`` and the schema), flushed to disk and only then renamed to
``store-<UTC time>-<entries>-<head>.db``, with a copy of the key file beside it
(``.keys.json``). So a backup cut short (the process killed, the disk full) never
has a backup's name, and ``restore`` never picks it. The rotation keeps the newest
few and the newest of each of the last seven days, and never deletes the newest.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3

from cstr_desktop.errors import BackupRefused
from cstr_desktop.store.faults import fault

BACKUP_DIR = "backups"
BACKUPS_KEPT = 5  # the newest few, whatever their day
DAYS_KEPT = 7  # and the newest of each of the last seven days
NAME = re.compile(r"^store-(\d{8}T\d{12})-(\d+)-([0-9a-f]{12})\.db$")
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
MAX_BACKUP_BYTES = 64 * 1024 ** 3


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    entries: int
    head: str

    @property
    def keys_path(self) -> Path:
        return keys_path(self.path)


def keys_path(backup: Path) -> Path:
    return backup.with_name(backup.stem + ".keys.json")


def info(path: Path) -> Backup | None:
    match = NAME.match(path.name)
    if not match:
        return None
    made = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    return Backup(path, made, int(match.group(2)), match.group(3))


def backups(folder: Path | str) -> list[Backup]:
    """The store's backups (only files that were checked and named), newest first."""
    backup_dir = Path(folder) / BACKUP_DIR
    if not backup_dir.is_dir():
        return []
    found = [b for b in (info(p) for p in backup_dir.iterdir()) if b is not None]
    return sorted(found, key=lambda b: b.made, reverse=True)


def list_backups(folder: Path | str) -> list[Path]:
    return [b.path for b in backups(folder)]


def clear_stale(backup_dir: Path) -> None:
    """Remove what a backup cut short left behind: temporary files and journals."""
    for path in backup_dir.iterdir():
        if path.name.startswith(".tmp-") or path.name.endswith(("-journal", "-wal", "-shm")):
            with contextlib.suppress(OSError):
                path.unlink()


def _connect(path: Path, key: bytes, readonly: bool = True):
    uri = f"file:{path}?mode={'ro' if readonly else 'rw'}"
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def check(path: Path, keys: list[bytes], known_migrations: set[str]) -> bytes:
    """Check that ``path`` is a good backup of this store; returns the key that opens it.

    Refuses (BackupRefused, one line) anything else: a missing or empty file, a
    plain (unencrypted) SQLite file or any other file, one that does not open with
    the store's key, fails ``quick_check``, or has a schema this version does not know.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise BackupRefused(f"{path} cannot be read: {exc.strerror or exc}") from None
    if not path.is_file() or size == 0:
        raise BackupRefused(f"{path} is empty or not a file: not a backup")
    if header == SQLITE_PLAIN_HEADER:
        raise BackupRefused(f"{path} is a plain SQLite file, not an encrypted backup of the "
                            "store")
    if size % 512 or size > MAX_BACKUP_BYTES:
        raise BackupRefused(f"{path} is not a backup of this store (its size is not that of "
                            "an encrypted store)")
    for key in keys:
        try:
            conn = _connect(path, key)
        except sqlcipher3.Error:
            continue
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.Error:
            conn.close()
            continue
        try:
            result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            applied = set()
            if "_sqlite_migrations" in tables:
                applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
        except sqlcipher3.Error as exc:
            raise BackupRefused(f"{path} is damaged ({exc})") from None
        finally:
            conn.close()
        if result != ["ok"]:
            raise BackupRefused(f"{path} is damaged ({'; '.join(result[:2])})")
        if not {"meta", "audit", "accounts"} <= tables or "m001_core_tables" not in applied:
            raise BackupRefused(f"{path} opens but is not a CSTR store")
        if applied - known_migrations:
            raise BackupRefused(f"{path} was made by a newer version of CSTR Court Day")
        return key
    raise BackupRefused(f"{path} is not a backup of this store (it does not open with the "
                        "store's key)")


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def write(conn, folder: Path, key: bytes, entries: int, head: str,
          copy_key_file: Callable[[Path], None], known: set[str],
          now: datetime | None = None) -> Path:
    """Write, check and name one backup of the open connection ``conn``."""
    from cstr_desktop.trust.key_file import sync_folder

    backup_dir = Path(folder) / BACKUP_DIR
    tmp = backup_dir / f".tmp-{uuid.uuid4().hex}.db"
    try:
        backup_dir.mkdir(mode=0o700, exist_ok=True)
        clear_stale(backup_dir)
        conn.execute("VACUUM INTO ?", [str(tmp)])
        os.chmod(tmp, 0o600)
        check(tmp, [key], known)
        _fsync(tmp)
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%f")
        final = backup_dir / f"store-{stamp}-{entries}-{head[:12]}.db"
        copy_key_file(keys_path(final))
        os.replace(tmp, final)
        sync_folder(backup_dir)
    except (OSError, sqlcipher3.Error) as exc:
        raise fault(exc, folder) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    rotate(folder, now=now)
    return final


def rotate(folder: Path | str, keep: int = BACKUPS_KEPT, days: int = DAYS_KEPT,
           now: datetime | None = None) -> list[Path]:
    """Delete backups beyond the newest ``keep`` and the newest of each of the last
    ``days`` days; never the newest one. Returns what was deleted."""
    found = backups(folder)
    now = now or datetime.now(UTC)
    kept = {b.path for b in found[:max(1, keep)]}
    first_day = (now - timedelta(days=days - 1)).date()
    seen_days = set()
    for b in found:
        day = b.made.date()
        if day >= first_day and day not in seen_days:
            seen_days.add(day)
            kept.add(b.path)
    deleted = []
    for b in found:
        if b.path not in kept:
            for path in (b.path, b.keys_path):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            deleted.append(b.path)
    return deleted


def rekey(folder: Path | str, old_keys: list[bytes], new_key: bytes,
          copy_key_file: Callable[[Path], None]) -> int:
    """Re-encrypt every kept backup under the new key; returns how many."""
    done = 0
    for b in backups(folder):
        for key in [new_key, *old_keys]:
            conn = None
            try:
                conn = _connect(b.path, key, readonly=False)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher3.Error:
                if conn is not None:
                    conn.close()
                continue
            try:
                if key != new_key:
                    conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            finally:
                conn.close()
            copy_key_file(b.keys_path)
            done += 1
            break
    return done


def unique_aside(path: Path, label: str) -> Path:
    """A name beside ``path`` that nothing has: ``store.db.<label>-<time>-<random>``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    while True:
        target = path.with_name(f"{path.name}.{label}-{stamp}-{uuid.uuid4().hex[:8]}")
        if not target.exists():
            return target


def put_in_place(folder: Path, backup: Path, key: bytes, store_key: bytes,
                 damaged: bool) -> list[Path]:
    """Swap a checked backup in for ``store.db``; the file it replaces is kept aside
    under a name of its own (never over an earlier one). Returns the kept files."""
    from cstr_desktop.trust.key_file import sync_folder

    db = folder / "store.db"
    tmp = folder / f".restoring-{uuid.uuid4().hex}.db"
    kept = []
    try:
        shutil.copyfile(backup, tmp)
        os.chmod(tmp, 0o600)
        if key != store_key:
            conn = _connect(tmp, key, readonly=False)
            try:
                conn.execute(f"PRAGMA rekey = \"x'{store_key.hex()}'\"")
            finally:
                conn.close()
        _fsync(tmp)
        label = "damaged" if damaged else "replaced"
        for suffix in ("", "-wal", "-shm"):
            current = folder / f"store.db{suffix}"
            if current.exists():
                target = unique_aside(current, label)
                os.rename(current, target)
                kept.append(target)
        os.replace(tmp, db)
        sync_folder(folder)
    except (OSError, sqlcipher3.Error) as exc:
        raise fault(exc, folder) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return kept
