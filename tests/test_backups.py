"""Backups: named only once checked, each with a copy of the key file, kept by a rotation
that never loses the last good one; the key file restored from a backup's copy; re-key
and recovery."""

from __future__ import annotations

import io
import json
import os
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from support.stores import ADMIN, ADMIN_PASSWORD, KDF, admin_session

from cstr_desktop import backups
from cstr_desktop.cli import main
from cstr_desktop.key_slots import KeySlots, SignInError
from cstr_desktop.store import Store, list_backups
from cstr_desktop.store_recovery import recover, restore

PASSWORD = "correct horse battery"


@pytest.fixture
def folder(fresh_store, bundle):
    with fresh_store({"ann": (PASSWORD, "assessor")}, sign_in="ann") as ann:
        folder = ann.folder
        a = ann.create_assessment(bundle, "CF-1")
        ann.save_answer(bundle, a, "person_family_name", "Gwilym")
    return folder


def fake_backups(folder, times):
    backup_dir = folder / backups.BACKUP_DIR
    backup_dir.mkdir(parents=True, exist_ok=True)
    for old in backup_dir.iterdir():
        old.unlink()
    for i, when in enumerate(times):
        name = f"store-{when.strftime('%Y%m%dT%H%M%S%f')}-{i + 1}-{'a' * 12}.db"
        (backup_dir / name).write_bytes(b"x")
        backups.keys_path(backup_dir / name).write_text("{}")


def test_the_rotation_keeps_the_newest_few_and_one_a_day_for_a_week(tmp_path):
    now = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    # Twelve switches of user in the last minute, and one backup a day for ten days.
    times = [now - timedelta(seconds=5 * i) for i in range(12)]
    times += [now - timedelta(days=d, hours=2) for d in range(1, 11)]
    fake_backups(tmp_path, times)
    backups.rotate(tmp_path, now=now)
    kept = [b.made for b in backups.backups(tmp_path)]
    assert kept[:5] == times[:5]  # the newest five
    assert kept[5:] == [now - timedelta(days=d, hours=2) for d in range(1, 7)]  # 7 days
    assert all(backups.keys_path(b.path).exists() for b in backups.backups(tmp_path))
    assert len(list((tmp_path / "backups").iterdir())) == 2 * len(kept)


def test_the_rotation_never_deletes_the_last_good_backup(tmp_path):
    now = datetime(2026, 12, 3, tzinfo=UTC)
    fake_backups(tmp_path, [now - timedelta(days=400)])
    backups.rotate(tmp_path, keep=0, now=now)
    assert len(backups.backups(tmp_path)) == 1


def test_each_backup_is_checked_named_with_the_trail_and_has_the_key_file(folder):
    store = Store.open(folder, "ann", PASSWORD, kdf=KDF)
    count = len(store.audit_entries())
    head = store.audit_entries()[-1]["hash"]
    written = store.close()
    info = backups.info(written)
    assert (info.entries, info.head) == (count, head[:12])
    copy = json.loads(info.keys_path.read_text())
    assert copy == json.loads((folder / "keyslots.json").read_text())
    assert oct(written.stat().st_mode & 0o777) == "0o600"


def test_stale_files_of_a_backup_cut_short_are_cleared(folder):
    stale = folder / "backups" / ".tmp-0123.db"
    stale.write_bytes(b"half a backup")
    journal = folder / "backups" / "store-x.db-journal"
    journal.write_bytes(b"")
    Store.open(folder, "ann", PASSWORD, kdf=KDF).close()
    assert not stale.exists() and not journal.exists()


def test_a_damaged_key_file_comes_back_from_the_newest_backup(folder):
    (folder / "keyslots.json").write_text('{"format": "cstr-keyslots/2", "slots": ')
    newest = list_backups(folder)[0]
    done = restore(folder, "ann", PASSWORD, kdf=KDF)
    assert done.key_file_from == backups.keys_path(newest) and not done.store_replaced
    assert list(folder.glob("keyslots.json.damaged-*"))
    with Store.open(folder, "ann", PASSWORD, kdf=KDF) as ann:
        assert ann.answers(ann.assessment_for_case("CF-1")["id"])["person_family_name"] == \
            "Gwilym"


def test_rekey_changes_the_key_of_the_store_and_every_backup(folder):
    before = KeySlots(folder, KDF).unlock("ann", PASSWORD).db_keys[0]
    with admin_session(folder) as admin:
        kept = admin.rekey()
        assert kept == len(list_backups(folder)) >= 2
    after = KeySlots(folder, KDF).unlock("ann", PASSWORD).db_keys[0]
    assert after != before
    from support.stores import opens_with

    assert opens_with(folder / "store.db", after) and not opens_with(folder / "store.db", before)
    assert all(opens_with(b, after) for b in list_backups(folder))
    with Store.open(folder, "ann", PASSWORD, kdf=KDF) as ann:  # everyone signs in as before
        assert any(e["action"] == "rekeyed" for e in ann.audit_entries())
        assert ann.verify_audit().ok


def test_rekey_from_the_command_line_needs_an_administrator(folder, monkeypatch):
    monkeypatch.setenv("CSTR_PASSWORD", PASSWORD)
    err = io.StringIO()
    assert main(["rekey", "--data-dir", str(folder), "--user", "ann"], out=io.StringIO(),
                err=err) == 3
    monkeypatch.setenv("CSTR_PASSWORD", ADMIN_PASSWORD)
    out = io.StringIO()
    assert main(["rekey", "--data-dir", str(folder), "--user", ADMIN], out=out,
                err=io.StringIO()) == 0
    assert "Re-keyed the store and" in out.getvalue()


def test_the_recovery_key_gives_the_first_administrator_a_new_password(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    store = Store.create(folder, "root-admin", "forgotten password", kdf=KDF)
    key = store.recovery_key
    fingerprint = store.root_fingerprint()
    store.close()
    with pytest.raises(ValueError, match="check each group"):
        recover(folder, key[:20] + ("A" if key[20] != "A" else "B") + key[21:],
                "a new password!", kdf=KDF)
    with recover(folder, key.lower().replace("-", " "), "a new password!", kdf=KDF) as admin:
        assert admin.user.role == "admin" and admin.root_fingerprint() == fingerprint
        assert admin.audit_entries()[-1]["action"] == "recovered"
        assert admin.verify_audit().ok
    with pytest.raises(SignInError):
        Store.open(folder, "root-admin", "forgotten password", kdf=KDF)


def test_recover_from_the_command_line(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("CSTR_PASSWORD", "first password")
    out = io.StringIO()
    assert main(["init", "--user", "root", "--data-dir", str(folder)], out=out,
                err=io.StringIO()) == 0
    key = out.getvalue().split("\n\n    ")[1].split("\n")[0]
    assert len(key.replace("-", "")) == 55
    monkeypatch.setenv("CSTR_RECOVERY_KEY", key)
    monkeypatch.setenv("CSTR_NEW_PASSWORD", "second password")
    out = io.StringIO()
    assert main(["recover", "--data-dir", str(folder)], out=out, err=io.StringIO()) == 0
    assert "'root' has a new password" in out.getvalue()
    monkeypatch.setenv("CSTR_PASSWORD", "second password")
    out = io.StringIO()
    assert main(["fingerprint", "--data-dir", str(folder)], out=out, err=io.StringIO()) == 0
    assert len(out.getvalue().split()) == 8


def test_a_backup_from_before_a_rekey_outside_the_folder_still_restores(folder, tmp_path):
    outside = tmp_path / "usb"
    outside.mkdir()
    newest = list_backups(folder)[0]
    shutil.copy(newest, outside / newest.name)
    shutil.copy(backups.keys_path(newest), outside / backups.keys_path(newest).name)
    with admin_session(folder) as admin:
        admin.rekey()
    os.unlink(folder / "store.db")
    done = restore(folder, "ann", PASSWORD, outside / newest.name, kdf=KDF)
    assert done.damaged
    with Store.open(folder, "ann", PASSWORD, kdf=KDF) as ann:  # under the current key now
        assert ann.assessment_for_case("CF-1")


def test_removing_an_account_from_the_command_line_rekeys(folder, monkeypatch):
    before = KeySlots(folder, KDF).unlock(ADMIN, ADMIN_PASSWORD).db_keys[0]
    monkeypatch.setenv("CSTR_PASSWORD", ADMIN_PASSWORD)
    out = io.StringIO()
    assert main(["user", "remove", "ANN", "--data-dir", str(folder), "--user", ADMIN],
                out=out, err=io.StringIO()) == 0
    assert "Removed the account 'ANN' and re-keyed the store" in out.getvalue()
    assert KeySlots(folder, KDF).unlock(ADMIN, ADMIN_PASSWORD).db_keys[0] != before
    with pytest.raises(SignInError):
        Store.open(folder, "ann", PASSWORD, kdf=KDF)
