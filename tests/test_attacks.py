"""The attack suite (issue 9): an insider with an account, and a laptop having a bad day.

One test per finding. Each was run once against the code before issue 9 and
failed there; each passes only because of a defence: signatures an insider
cannot make, a key file written safely under a lock, backups checked before they
are named or restored, a re-key on removal, names folded, a back-off everywhere
a password is asked for.

The insider here holds an account (sam, an assessor) and so the database key:
they open ``store.db`` directly with it and write what they like.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.cli import run
from support.paths import ROOT
from support.reporting import full_answers
from support.stores import opens_with, raw_db

from cstr_desktop.audit_chain import GENESIS, entry_hash
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS, KeySlots, SignInError
from cstr_desktop.store import Store, StoreError, list_backups

KDF = FAST_KDF_FOR_TESTS
ACCOUNTS = {"admin": "admin password", "sam": "assessor password",
            "rita": "reviewer password"}
ROLES = {"sam": "assessor", "rita": "reviewer"}


# -- helpers ---------------------------------------------------------------------------------------

def sign_in(folder, name):
    return Store.open(folder, name, ACCOUNTS[name], kdf=KDF)


def db_key(folder, name, password=None, slots_folder=None):
    """The database key, as any account holder can unwrap it from their own slot."""
    opened = KeySlots(slots_folder or folder, KDF).unlock(name, password or ACCOUNTS[name])
    return opened.db_keys[0] if hasattr(opened, "db_keys") else opened


def cli(*args, password=None, **env_extra):
    return run(*args, password=password, **env_extra)


def as_user(name, *args, folder):
    return cli(*args, "--data-dir", str(folder), "--user", name, password=ACCOUNTS[name])


def one_line(proc, code):
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, \
        proc.stderr
    return proc.stderr


def recompute_chain(conn, start_seq=1):
    """What an insider does after editing the trail: renumber and re-hash every entry from
    ``start_seq`` and set the recorded head and count (they cannot re-sign)."""
    rows = [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY seq")]
    conn.execute("DELETE FROM audit")
    prev = GENESIS
    for seq, row in enumerate(rows, start=1):
        row["seq"] = seq
        if seq >= start_seq:
            row["prev_hash"] = prev
            row["hash"] = entry_hash(row)
        prev = row["hash"]
        cols = ",".join(row)
        conn.execute(f"INSERT INTO audit ({cols}) VALUES ({','.join('?' * len(row))})",
                     list(row.values()))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", [prev])
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_count'", [str(len(rows))])


@pytest.fixture
def folder(fresh_store):
    return fresh_store({name: (ACCOUNTS[name], role) for name, role in ROLES.items()})


@pytest.fixture
def submitted(folder, bundle):
    """A finished assessment by sam, awaiting rita's review; returns its id."""
    with sign_in(folder, "sam") as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, full_answers())
        sam.submit_for_review(a)
    return a


# -- 1. Forging an approval with the raw key -------------------------------------------------------

def test_an_approval_forged_with_the_raw_key_does_not_verify(folder, submitted):
    key = db_key(folder, "sam")
    conn = raw_db(folder, key)
    rita = conn.execute("SELECT id FROM accounts WHERE username = 'rita'").fetchone()[0]
    now = datetime.now(UTC).isoformat()
    answers = {r["name"]: json.loads(r["value"]) for r in conn.execute(
        "SELECT name, value FROM answers WHERE assessment_id = ?", [submitted])}
    conn.execute("UPDATE assessments SET status = 'approved', countersigned_by = ?, "
                 "countersigned_at = ? WHERE id = ?", [rita, now, submitted])
    conn.execute("INSERT INTO assessment_versions (assessment_id, version, answers, "
                 "content_hash, countersigned_by, countersigned_at) VALUES (?, 1, ?, '', ?, ?)",
                 [submitted, json.dumps(answers), rita, now])
    code = "AAAA-BBBB-CCCC-DDDD"
    conn.execute("INSERT INTO frozen_reports (assessment_id, version, lang, snapshot, "
                 "verification, frozen_at) VALUES (?, 1, 'en', '{}', ?, ?)",
                 [submitted, code, now])
    columns = {r[1] for r in conn.execute("PRAGMA table_info(frozen_reports)")}
    if "reader" in columns:
        conn.execute("UPDATE frozen_reports SET reader = 'court'")
    if "steps" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}:
        payload = {"type": "cstr-lifecycle/1", "assessment_id": submitted, "version": 1,
                   "action": "countersign", "actor": rita, "at": now}
        conn.execute("INSERT INTO steps (assessment_id, version, action, payload, signer, "
                     "signature, audit_seq) VALUES (?, 1, 'countersign', ?, ?, ?, NULL)",
                     [submitted, json.dumps(payload), rita, "A" * 86 + "=="])
    # The trail gets a countersign entry "by rita", chained properly.
    count, head = (int(conn.execute("SELECT value FROM meta WHERE key = 'audit_count'")
                       .fetchone()[0]),
                   conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()[0])
    entry = {"seq": count + 1, "id": str(uuid.uuid4()), "at": now, "actor": rita,
             "action": "countersign", "entity": "assessment", "entity_id": submitted,
             "field": None, "old": '"awaiting_review"', "new": '"approved"', "reason": None,
             "prev_hash": head}
    entry["hash"] = entry_hash(entry)
    conn.execute(f"INSERT INTO audit ({','.join(entry)}) VALUES ({','.join('?' * len(entry))})",
                 list(entry.values()))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", [entry["hash"]])
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_count'", [str(count + 1)])
    conn.close()

    err = one_line(as_user("sam", "verify", code, folder=folder), 1)
    assert "does not verify" in err
    err = one_line(as_user("sam", "report", "--case", "CF-1", "--out",
                           str(folder.parent / "forged.pdf"), folder=folder), 1)
    assert "not printed as countersigned" in err
    assert not (folder.parent / "forged.pdf").exists()
    err = one_line(as_user("admin", "audit-verify", folder=folder), 1)
    assert "is not signed" in err


def test_a_kept_report_changed_afterwards_does_not_verify(folder, submitted):
    from reports.record import freeze_final_reports
    from reports.snapshot import verification_code

    with sign_in(folder, "rita") as rita:  # countersigned, the final report kept (the app)
        freeze_final_reports(rita, rita.countersign(submitted, ACCOUNTS["rita"]),
                             "2026-12-03T10:00:00+00:00")
    conn = raw_db(folder, db_key(folder, "sam"))
    kept = json.loads(conn.execute("SELECT snapshot FROM frozen_reports WHERE lang = 'en' "
                                   "LIMIT 1").fetchone()[0])
    kept["marking"] = "OFFICIAL: changed after the review"  # any change to what prints
    code = verification_code(kept)
    conn.execute("UPDATE frozen_reports SET snapshot = ?, verification = ? WHERE rowid = "
                 "(SELECT rowid FROM frozen_reports WHERE lang = 'en' LIMIT 1)",
                 [json.dumps(kept), code])
    conn.close()
    with sign_in(folder, "sam") as sam:  # and a signed record of it, of their own
        for reason in (f"version=1; lang=en; verification={code}",
                       f"version=1; reader=court; lang=en; verification={code}"):
            sam.log("report_frozen", "assessment", submitted, reason=reason)
    err = one_line(as_user("sam", "verify", code, folder=folder), 1)
    assert "does not verify" in err


# -- 2. Escalating a role --------------------------------------------------------------------------

def test_a_role_written_into_the_database_gives_no_power(folder):
    key = db_key(folder, "sam")
    conn = raw_db(folder, key)
    conn.execute("UPDATE accounts SET role = 'admin' WHERE username = 'sam'")
    if "certificates" in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}:
        # A certificate of their own making, signed with their own key.
        from cstr_desktop.trust import cert_payload, public_b64, sign

        own = KeySlots(folder, KDF).unlock("sam", ACCOUNTS["sam"]).signing_key
        sam_id, store_id = (conn.execute("SELECT id FROM accounts WHERE username = 'sam'")
                            .fetchone()[0],
                            conn.execute("SELECT value FROM meta WHERE key = 'store_id'")
                            .fetchone()[0])
        cert = sign(cert_payload(store_id, sam_id, "sam", "admin", public_b64(own),
                                 datetime.now(UTC).isoformat(), sam_id), own, sam_id)
        conn.execute("INSERT INTO certificates (account_id, payload, signer, signature) "
                     "VALUES (?, ?, ?, ?)", [sam_id, json.dumps(cert["payload"]), sam_id,
                                             cert["signature"]])
    conn.close()
    env = {"CSTR_NEW_PASSWORD": "eve's password"}
    proc = cli("user", "add", "eve", "--role", "admin", "--data-dir", str(folder), "--user",
               "sam", password=ACCOUNTS["sam"], **env)
    err = one_line(proc, 3)
    assert "assessor role cannot" in err
    with sign_in(folder, "sam") as sam:
        assert sam.user.role == "assessor"
    err = one_line(as_user("admin", "audit-verify", folder=folder), 1)
    assert "certificate" in err


# -- 3. Deleting entries and recomputing the chain -------------------------------------------------

def test_deleted_entries_with_a_recomputed_chain_are_found(folder, submitted):
    with sign_in(folder, "rita") as rita:
        rita.request_changes(submitted, "Please add the GP's details.")
    with sign_in(folder, "sam") as sam:  # and the day goes on
        sam.log("view", "assessment", submitted)
    key = db_key(folder, "sam")
    conn = raw_db(folder, key)
    first = conn.execute("SELECT min(seq) FROM audit WHERE action = 'request_changes'"
                         ).fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq = ?", [first])  # rita's request, gone
    recompute_chain(conn, start_seq=first)
    conn.close()
    proc = as_user("admin", "audit-verify", folder=folder)
    err = one_line(proc, 1)
    assert f"at entry {first}" in err and "signature does not verify" in err


def test_emptying_the_trail_is_never_intact(folder):
    key = db_key(folder, "sam")
    conn = raw_db(folder, key)
    conn.execute("DELETE FROM audit")
    conn.execute("DELETE FROM meta WHERE key IN ('audit_head', 'audit_count')")
    conn.close()
    err = one_line(as_user("admin", "audit-verify", folder=folder), 1)
    assert "rollback" in err or "rolled back" in err


# -- 4. Cutting off the tail -----------------------------------------------------------------------

def test_a_truncated_tail_shows_as_a_rollback(folder, submitted):
    key = db_key(folder, "sam")
    conn = raw_db(folder, key)
    count = int(conn.execute("SELECT value FROM meta WHERE key = 'audit_count'").fetchone()[0])
    keep = count - 3  # the submission and what followed it, gone
    conn.execute("DELETE FROM audit WHERE seq > ?", [keep])
    head = conn.execute("SELECT hash FROM audit WHERE seq = ?", [keep]).fetchone()[0]
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", [head])
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_count'", [str(keep)])
    conn.close()
    err = one_line(as_user("admin", "audit-verify", folder=folder), 1)
    assert f"had recorded {count}" in err or f"recorded {count} entries" in err


# -- 5. Rolling back to an old backup --------------------------------------------------------------

def test_an_old_backup_copied_in_shows_as_a_rollback(folder, submitted):
    oldest = list_backups(folder)[-1]
    shutil.copyfile(oldest, folder / "store.db")  # no restore command: a plain copy
    for extra in ("store.db-wal", "store.db-shm"):
        (folder / extra).unlink(missing_ok=True)
    err = one_line(as_user("admin", "audit-verify", folder=folder), 1)
    assert "rollback" in err


def test_a_restore_says_how_far_the_trail_went_back(folder, submitted):
    oldest = list_backups(folder)[-1]
    proc = as_user("admin", "restore", "--backup", str(oldest), folder=folder)
    assert proc.returncode == 0, proc.stderr
    assert "went back from" in proc.stdout
    proc = as_user("admin", "audit-verify", folder=folder)
    assert proc.returncode == 0, proc.stderr
    assert "went back from" in proc.stdout and "rolled back" in proc.stdout


# -- 6. Wrong passwords in parallel ----------------------------------------------------------------

NAMES = [f"user{i}" for i in range(6)]


def _guess(folder, name, now, barrier):
    barrier.wait()
    try:
        KeySlots(folder, KDF, clock=lambda: now).unlock(name, "not the password")
    except SignInError:
        pass


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_parallel_wrong_passwords_never_damage_or_lose_a_count(tmp_path, fresh_store):
    folder = fresh_store({name: (f"{name} password", "assessor") for name in NAMES})
    ctx = multiprocessing.get_context("fork")
    for round_ in range(1, 31):
        barrier = ctx.Barrier(len(NAMES))
        now = 1_000_000.0 + 1000 * round_  # each round long after the last: no waiting
        procs = [ctx.Process(target=_guess, args=(folder, name, now, barrier))
                 for name in NAMES]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        data = json.loads((folder / "keyslots.json").read_text())  # always readable
        counts = sorted(f["count"] for f in data["failures"].values())
        assert counts == [round_] * len(NAMES), (round_, counts)
        assert not list(folder.glob("*.tmp")) and not list(folder.glob(".keyslots-*"))
    for name in NAMES:  # and every account still signs in
        KeySlots(folder, KDF, clock=lambda: 9e9).unlock(name, f"{name} password")


# -- 7. A backup cut short by kill -9 --------------------------------------------------------------

BALLAST_MB = 60


def add_ballast(folder, megabytes):
    """Make the store large (random, so it does not compress), as a busy year would."""
    conn = raw_db(folder, db_key(folder, "admin"))
    conn.execute("CREATE TABLE IF NOT EXISTS ballast (x BLOB)")
    for _ in range(megabytes):
        conn.execute("INSERT INTO ballast SELECT randomblob(1024) FROM "
                     "(WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
                     "WHERE n < 1000) SELECT n FROM c)")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


CLOSER = textwrap.dedent("""
    import sys
    from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
    from cstr_desktop.store import Store
    store = Store.open(sys.argv[1], "sam", "assessor password", kdf=FAST_KDF_FOR_TESTS)
    print("closing", flush=True)
    store.close()
""")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_backup_killed_half_way_is_never_restored(folder):
    add_ballast(folder, BALLAST_MB)
    before = set((folder / "backups").iterdir())
    child = subprocess.Popen([sys.executable, "-c", CLOSER, str(folder)],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout.readline().strip() == "closing"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        new = [p for p in (folder / "backups").iterdir() if p not in before]
        if any(p.stat().st_size > 1024 * 1024 for p in new if p.exists()):
            break
        time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    child.wait()
    key = db_key(folder, "admin")
    assert all(opens_with(p, key) for p in list_backups(folder))  # only whole backups listed
    proc = as_user("admin", "restore", folder=folder)
    assert proc.returncode == 0, proc.stderr
    proc = as_user("sam", "cases", "--json", folder=folder)
    assert proc.returncode == 0, proc.stderr


# -- 8. The disk fills up during close -------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_close_leaves_no_bad_backup(folder, small_disk):
    add_ballast(folder, 7)
    data = small_disk / "data"
    shutil.copytree(folder, data)  # the store and its good backups, on a small disk
    for old in list_backups(data)[1:]:
        old.unlink()
    filler = small_disk / "filler"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(0, free - 3 * 1024 * 1024))  # room to work, not to copy
    store = sign_in(data, "sam")
    store.close()  # the backup cannot be written: the close still completes
    assert "full" in (getattr(store, "backup_problem", None) or "")
    key = db_key(data, "admin")
    for path in (data / "backups").iterdir():
        if path.name.endswith(".db"):
            assert opens_with(path, key), path.name  # nothing empty or half-written
    assert not [p for p in (data / "backups").iterdir() if p.name.startswith(".tmp")]
    filler.unlink()
    proc = as_user("admin", "restore", folder=data)
    assert proc.returncode == 0, proc.stderr
    proc = as_user("sam", "cases", "--json", folder=data)
    assert proc.returncode == 0, proc.stderr


# -- 9. Restoring something that is not a backup ---------------------------------------------------

@pytest.mark.parametrize("kind", ["passwd", "plain_sqlite", "empty"])
def test_restore_refuses_a_file_that_is_not_a_backup(folder, tmp_path, kind):
    bogus = {"passwd": Path("/etc/passwd"), "plain_sqlite": tmp_path / "plain.db",
             "empty": tmp_path / "empty.db"}[kind]
    if kind == "plain_sqlite":
        sqlite3.connect(bogus).execute("CREATE TABLE t (x)").connection.commit()
    if kind == "empty":
        bogus.write_bytes(b"")
    before = (folder / "store.db").read_bytes()
    err = one_line(as_user("admin", "restore", "--backup", str(bogus), folder=folder), 2)
    assert "not" in err and str(bogus) in err
    assert (folder / "store.db").read_bytes() == before
    assert as_user("sam", "cases", folder=folder).returncode == 0


# -- 10. A removed account's old key file ----------------------------------------------------------

def test_a_removed_accounts_old_key_file_opens_nothing(folder, tmp_path):
    copy = tmp_path / "old-keys"
    copy.mkdir()
    shutil.copy(folder / "keyslots.json", copy / "keyslots.json")
    old_key = db_key(folder, "sam", slots_folder=copy)
    assert opens_with(folder / "store.db", old_key)  # before the removal, it did
    with sign_in(folder, "admin") as admin:
        admin.remove_account("sam")
    assert not opens_with(folder / "store.db", old_key)
    assert list_backups(folder)
    assert not any(opens_with(b, old_key) for b in list_backups(folder))
    with sign_in(folder, "rita") as rita:  # everyone else signs in as before
        assert rita.user.role == "reviewer"


# -- 11. Names differing only in case --------------------------------------------------------------

@pytest.mark.parametrize("twin", ["Rita", "RITA", "ｒｉｔａ"])
def test_a_name_differing_only_in_case_cannot_take_over_an_account(folder, twin):
    with sign_in(folder, "admin") as admin:
        with pytest.raises(StoreError, match="already exists"):
            admin.add_account(twin, "taken over at last", "reviewer")
    with sign_in(folder, "rita") as rita:
        assert rita.user.username == "rita"


# -- 12. Guessing at the lock screen ---------------------------------------------------------------

def test_guessing_at_the_lock_screen_backs_off(qtbot, folder, tmp_path):
    from support.ui_driver import make_window, sign_in_by_keys

    window = make_window(qtbot, folder, tmp_path)
    sign_in_by_keys(window, "sam", ACCOUNTS["sam"])
    window.lock()
    for _ in range(3):
        sign_in_by_keys(window, "sam", "a wrong guess")
        assert window.stack.currentWidget() is window.sign_in_view
    sign_in_by_keys(window, "sam", ACCOUNTS["sam"])  # even the right one must wait now
    assert window.stack.currentWidget() is window.sign_in_view
    assert "Too many wrong passwords: try again in" in window.sign_in_view.error.text()


# -- and the rest of what the issue found ----------------------------------------------------------

def test_guessing_the_password_to_countersign_backs_off(folder, submitted):
    from cstr_desktop.key_slots import TooManyAttempts

    with sign_in(folder, "rita") as rita:
        for _ in range(3):
            with pytest.raises(SignInError):
                rita.countersign(submitted, "a wrong guess")
        with pytest.raises(TooManyAttempts):
            rita.countersign(submitted, ACCOUNTS["rita"])
        assert rita.assessment(submitted)["status"] == "awaiting_review"


def test_a_failure_time_in_the_future_locks_no_one_out(folder):
    with pytest.raises(SignInError):
        sign_in_folder = KeySlots(folder, KDF)
        sign_in_folder.unlock("sam", "one wrong guess")
    path = folder / "keyslots.json"
    data = json.loads(path.read_text())
    (entry,) = data["failures"].values()
    entry.update(count=40, last=time.time() + 10 * 365 * 24 * 3600)
    path.write_text(json.dumps(data))
    sign_in(folder, "sam").close()


def test_failure_counters_stay_bounded(folder):
    slots = KeySlots(folder, KDF, clock=lambda: 5e9)
    for i in range(40):
        with pytest.raises(SignInError):
            slots.unlock(f"nobody-{i}", "not the password")
    data = json.loads((folder / "keyslots.json").read_text())
    assert len(data["failures"]) <= 1  # one shared counter for names that are not accounts


def restore_now(folder):
    """Restore the newest backup in this process (as fast as a script would)."""
    try:
        from cstr_desktop.store_recovery import restore
    except ImportError:  # the code before issue 9
        from cstr_desktop.store import restore_backup

        return restore_backup(folder)
    return restore(folder, "sam", ACCOUNTS["sam"], kdf=KDF)  # any account: it cannot open


def test_two_restores_in_one_second_keep_both_damaged_copies(folder):
    while time.time() % 1 > 0.3:  # start early in a second, so both fall within it
        time.sleep(0.05)
    for marker in (b"\1", b"\2"):
        (folder / "store.db").write_bytes(marker * 8192)  # damaged
        restore_now(folder)
    kept = sorted(p.read_bytes()[:1] for p in folder.glob("store.db.damaged-*"))
    assert kept == [b"\1", b"\2"]


def test_restore_of_a_store_that_opens_needs_an_administrator_and_is_audited(folder):
    err = one_line(cli("restore", "--data-dir", str(folder)), 2)
    assert "--user" in err
    err = one_line(as_user("sam", "restore", folder=folder), 3)
    assert "only an administrator" in err
    assert as_user("admin", "restore", folder=folder).returncode == 0
    with sign_in(folder, "admin") as admin:
        assert [e["actor"] for e in admin.audit_entries()
                if e["action"] == "store_restored"] == [admin.user.id]


def test_key_file_store_and_backups_are_the_owners_alone(folder):
    assert (folder.stat().st_mode & 0o777) == 0o700
    for path in [folder / "keyslots.json", folder / "store.db", *list_backups(folder)]:
        assert (path.stat().st_mode & 0o777) == 0o600, path.name


def test_an_administrator_writes_no_assessment(folder, bundle):
    with sign_in(folder, "admin") as admin:
        with pytest.raises(StoreError, match="admin role cannot"):
            admin.create_assessment(bundle, "CF-2")


def test_a_reviewer_who_amended_cannot_countersign_the_result(folder, submitted, bundle):
    with sign_in(folder, "rita") as rita:
        rita.countersign(submitted, ACCOUNTS["rita"])
    with sign_in(folder, "admin") as admin:
        admin.add_account("rhys", "second reviewer", "reviewer")
    with Store.open(folder, "rhys", "second reviewer", kdf=KDF) as rhys:
        rhys.amend(submitted, "The date of birth was taken from the wrong listing.",
                   "second reviewer")
    with sign_in(folder, "sam") as sam:
        sam.save_answer(bundle, submitted, "person_dob", "1988-03-03")
        sam.submit_for_review(submitted)
    with Store.open(folder, "rhys", "second reviewer", kdf=KDF) as rhys:
        with pytest.raises(Exception, match="you edited this version"):
            rhys.countersign(submitted, "second reviewer")
    with sign_in(folder, "rita") as rita:
        assert rita.countersign(submitted, ACCOUNTS["rita"])["version"] == 2
