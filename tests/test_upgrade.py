"""A store made by the version before signed accounts (key file ``cstr-keyslots/1``): a clear
message until an administrator upgrades it, then every account certified, the trail kept
and the old key file opening nothing."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import secrets
import shutil
import uuid

import pytest
import sqlcipher3
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlite_utils import Database

from cstr_desktop.audit_chain import GENESIS, entry_hash
from cstr_desktop.cli import main
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS as KDF
from cstr_desktop.store import Store, list_backups
from cstr_desktop.store_schema import migrations

OLD = {"ann": ("admin", "admin password"), "sam": ("assessor", "assessor password"),
       "rita": ("reviewer", "reviewer password")}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def make_version_1_store(folder):
    """A store as version 0.1 wrote it: one key sealed per account by name hash, roles in a
    column, an unsigned hash-chained trail."""
    folder.mkdir()
    key = secrets.token_bytes(32)
    conn = sqlcipher3.connect(str(folder / "store.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    db = Database(conn)
    names = [m.name for m in migrations._migrations]
    migrations.apply(db, stop_before=names[names.index("m004_frozen_reports") + 1])
    ids = {}
    entries, prev = [], GENESIS
    for name, (role, _) in OLD.items():
        ids[name] = str(uuid.uuid4())
        db["accounts"].insert({"id": ids[name], "username": name, "role": role,
                               "password_hash": "$argon2id$old", "created_at":
                               "2026-11-01T09:00:00+00:00"})
        entry = {"seq": len(entries) + 1, "id": str(uuid.uuid4()),
                 "at": "2026-11-01T09:00:00+00:00", "actor": ids["ann"],
                 "action": "account_added", "entity": "account", "entity_id": ids[name],
                 "field": None, "old": None, "new": None, "reason": None, "prev_hash": prev}
        entry["hash"] = prev = entry_hash(entry)
        entries.append(entry)
    db["audit"].insert_all(entries)
    db["meta"].insert_all([{"key": "audit_head", "value": prev},
                           {"key": "audit_count", "value": str(len(entries))},
                           {"key": "clean_close", "value": "yes"}], pk="key")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    salt = secrets.token_bytes(16)
    slots = {}
    for name, (_, password) in OLD.items():
        tag = hashlib.sha256(salt + name.encode()).hexdigest()
        slot_salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        kek = hash_secret_raw(password.encode(), slot_salt, time_cost=1, memory_cost=8192,
                              parallelism=1, hash_len=32, type=Type.ID)
        slots[tag] = {"salt": b64(slot_salt), "nonce": b64(nonce),
                      "wrapped": b64(AESGCM(kek).encrypt(nonce, key, tag.encode())),
                      "kdf": {"time_cost": 1, "memory_cost": 8192, "parallelism": 1}}
    (folder / "keyslots.json").write_text(json.dumps(
        {"format": "cstr-keyslots/1", "name_salt": b64(salt), "slots": slots,
         "failures": {}}))
    return key


def run(args, password, **env):
    out, err = io.StringIO(), io.StringIO()
    import os

    saved = dict(os.environ)
    os.environ.update({"CSTR_PASSWORD": password, **env})
    try:
        code = main(args, out=out, err=err)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, out.getvalue(), err.getvalue()


def test_an_old_store_says_what_to_do_and_is_upgraded_by_an_administrator(tmp_path):
    folder = tmp_path / "data"
    old_key = make_version_1_store(folder)
    (folder / "backups").mkdir()
    shutil.copy(folder / "store.db", folder / "backups" / "store-20261101T090000000000.db")
    code, _, err = run(["cases", "--data-dir", str(folder), "--user", "sam"],
                       "assessor password")
    assert code == 2 and "made by an earlier version" in err and "cstr-desktop upgrade" in err
    code, _, err = run(["upgrade", "--data-dir", str(folder), "--user", "sam"],
                       "assessor password")
    assert code == 3 and "only an administrator" in err

    code, out, err = run(["upgrade", "--data-dir", str(folder), "--user", "ann"],
                         "admin password")
    assert code == 0, err
    assert "RECOVERY KEY" in out
    one_time = dict(re.findall(r"^  \w+ +(sam|rita) +(\S+)$", out, re.M))
    assert set(one_time) == {"sam", "rita"}

    with Store.open(folder, "ann", "admin password", kdf=KDF) as ann:
        report = ann.verify_audit()
        assert report.ok, report.problems
        assert report.legacy == 3 and "entries 1 to 3 were written before signatures" in \
            report.notices[0]
        assert {a.username: a.role for a in ann.accounts()} == {
            "ann": "admin", "sam": "assessor", "rita": "reviewer"}
    with Store.open(folder, "sam", one_time["sam"], kdf=KDF) as sam:
        assert sam.user.role == "assessor"
        sam.change_password(one_time["sam"], "sam's own password")
    # The old key file, readable by anyone before, opens nothing now.
    (backup,) = list_backups(folder)[-1:]
    assert backup.name.startswith("store-20261101T090000000000-3-")  # named as today's are
    for path in (folder / "store.db", backup):
        conn = sqlcipher3.connect(str(path))
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{old_key.hex()}'\"")
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()
    assert (folder / "keyslots.json").stat().st_mode & 0o777 == 0o600
    code, _, err = run(["upgrade", "--data-dir", str(folder), "--user", "ann"],
                       "admin password")
    assert code == 2 and "already in the current format" in err


def test_what_was_countersigned_before_signatures_is_attested_and_tamper_shows(tmp_path):
    from support.paths import ROOT

    from cstr_desktop.store_errors import RecordAltered
    from cstr_desktop.upgrade import upgrade
    from reports.record import stored_report

    store_v1 = ROOT / "tests" / "data" / "store_v1"
    expected = json.loads((store_v1 / "expected.json").read_text(encoding="utf-8"))
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("store.db", "keyslots.json"):
        shutil.copyfile(store_v1 / name, folder / name)
    with upgrade(folder, "admin", "admin password", kdf=KDF).store as admin:
        row = admin.assessment_for_case("CF-V1-0001")
        assert admin.countersignature_problem(row["id"], row["version"]) is None
        code = expected["verification_codes"]["en"]
        found = admin.find_verification(code)
        assert found["legacy"] and found["problem"] is None
        # Someone with the database key changes the countersigned answers afterwards.
        kept = json.loads(admin.db.execute(
            "SELECT answers FROM assessment_versions WHERE assessment_id = ?",
            [row["id"]]).fetchone()[0])
        kept["mh_requires_treatment"] = "no"
        admin.db.execute("UPDATE assessment_versions SET answers = ? WHERE assessment_id = ?",
                         [json.dumps(kept), row["id"]])
        assert "not the ones countersigned" in admin.find_verification(code)["problem"]
        with pytest.raises(RecordAltered):
            stored_report(admin, row, "en", "2027-01-05T09:00:00+00:00")
