"""Integrity check on open, backups on clean close, and restoring a damaged store."""

from __future__ import annotations

import os

import pytest
from support.stores import KDF, assessor_store

from cstr_desktop.errors import StoreCorrupt
from cstr_desktop.store.recovery import restore
from cstr_desktop.store.session import DB_FILE, Store, list_backups

PASSWORD = "correct horse battery"


def open_store(folder):
    return Store.open(folder, "ann", PASSWORD, kdf=KDF)


def restore_backup(folder, backup=None):
    return restore(folder, "ann", PASSWORD, backup, kdf=KDF).backup


@pytest.fixture
def folder(tmp_path, bundle):
    folder = tmp_path / "data"
    with assessor_store(folder, "ann", PASSWORD) as store:
        a = store.create_assessment(bundle, "CF-1")
        store.save_answer(bundle, a, "person_family_name", "Gwilym")
    return folder


def test_a_damaged_store_names_the_backup_and_restores_it(folder, bundle):
    path = folder / DB_FILE
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # damage every page after the first
        data[offset + 100:offset + 200] = b"\0" * 100
    path.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt) as exc:
        open_store(folder)
    assert "restore the last good backup" in str(exc.value)
    assert exc.value.backups == list_backups(folder)
    restored = restore_backup(folder)
    assert restored == exc.value.backups[0]
    assert list(folder.glob(f"{DB_FILE}.damaged-*"))  # kept, never deleted
    with open_store(folder) as store:
        case = store.assessment_for_case("CF-1")
        assert store.answers(case["id"])["person_family_name"] == "Gwilym"


def test_a_truncated_file_is_found_on_open(folder):
    path = folder / DB_FILE
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(StoreCorrupt, match="damaged"):
        open_store(folder)


def test_a_missing_database_is_reported_not_recreated(folder):
    (folder / DB_FILE).unlink()
    with pytest.raises(StoreCorrupt, match="store.db is missing"):
        open_store(folder)
    assert not (folder / DB_FILE).exists()


def test_an_unclean_close_leads_to_a_full_check_next_time(folder):
    store = open_store(folder)
    # Simulate a crash: the connection is dropped without close().
    store.db.conn.close()
    with open_store(folder) as again:
        assert again.db.execute(
            "SELECT value FROM meta WHERE key = 'clean_close'").fetchone()[0] == "no"
    with open_store(folder) as again:
        assert again.verify_audit().ok


def test_a_kill_after_the_clean_mark_but_before_the_checkpoint_is_not_damage(folder):
    """The close marks the store clean, then checkpoints: killed between the two, the
    newest pages are only in the write-ahead log and the main file is shorter than its
    pages. That store is whole (found by the sync's SIGKILL test) and must open."""
    pid = os.fork()
    if pid == 0:  # the program that is killed
        try:
            store = open_store(folder)
            conn = store.db.conn
            conn.execute("PRAGMA wal_autocheckpoint = 0")
            with conn:
                conn.execute("CREATE TABLE filler (x BLOB)")
                conn.executemany("INSERT INTO filler VALUES (randomblob(3000))",
                                 [()] * 300)
                conn.execute("UPDATE meta SET value = 'yes' WHERE key = 'clean_close'")
        finally:
            os._exit(0)  # no close, no checkpoint: as SIGKILL leaves it
    os.waitpid(pid, 0)
    assert (folder / f"{DB_FILE}-wal").stat().st_size > 300 * 3000
    with open_store(folder) as store:
        assert store.db.execute("SELECT count(*) FROM filler").fetchone()[0] == 300
        assert store.answers(store.assessment_for_case("CF-1")["id"])[
            "person_family_name"] == "Gwilym"


def test_restore_without_backups_says_so(folder):
    for path in list_backups(folder):
        path.unlink()
    (folder / DB_FILE).unlink()  # the store cannot be opened: any account may restore
    with pytest.raises(Exception, match="there is no backup"):
        restore_backup(folder)
