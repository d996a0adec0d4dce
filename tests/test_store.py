"""The encrypted store on real SQLCipher files: keys, accounts, autosave, audit chain."""

from __future__ import annotations

import json
import sqlite3

import pytest
from support.stores import KDF, assessor_store

from cstr_desktop.form_errors import AnswerError
from cstr_desktop.key_slots import KeySlots, SignInError, TooManyAttempts
from cstr_desktop.store import NotAllowed, Store, StoreError, StoreExists

PASSWORD = "correct horse battery"


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def store(fresh_store, folder):
    """An assessor's session (ann) on a new store made by its administrator."""
    return fresh_store({"ann": (PASSWORD, "assessor")}, sign_in="ann", folder=folder)


@pytest.fixture
def admin(fresh_store, folder):
    """The administrator's session (ann) on a new store."""
    return fresh_store(sign_in="ann", folder=folder, admin=("ann", PASSWORD))


def reopen(folder, user="ann", password=PASSWORD):
    return Store.open(folder, user, password, kdf=KDF)


def test_answers_survive_close_and_reopen(folder, store, bundle):
    a = store.create_assessment(bundle, "MK-2026-0412")
    store.save_answer(bundle, a, "person_family_name", "Nguyễn")
    store.save_answer(bundle, a, "phq9_1", 2)
    store.save_answer(bundle, a, "drug_substances", ["cannabis", "other"])
    store.close()
    with reopen(folder) as again:
        assert again.answers(a) == {"person_family_name": "Nguyễn", "phq9_1": 2,
                                    "drug_substances": ["cannabis", "other"]}
        row = again.assessment(a)
        assert (row["form_id"], row["form_version"], row["version"], row["status"]) == (
            "cstr_court_day", bundle.version, 1, "draft")


def test_no_name_case_number_or_answer_in_any_byte_of_the_folder(folder, bundle):
    # A long user name, so a chance match in random ciphertext is impossible
    # (a three-letter name turns up by chance in a large encrypted WAL file).
    username = "annwen.pritchard-assessor"
    store = assessor_store(folder, username, PASSWORD)
    a = store.create_assessment(bundle, "MK-2026-0412")
    secrets_ = {"person_family_name": "Gwilym-Nguyễn", "person_given_names": "Siân",
                "case_number": "MK-2026-0412", "risk_to_self": "Hears voices at night"}
    for name, value in secrets_.items():
        store.save_answer(bundle, a, name, value)
    # Check while open (WAL holds the newest pages) and after closing.
    for _ in range(2):
        for path in (p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            for value in secrets_.values():
                for encoded in (value.encode("utf-8"), value.encode("utf-16-le")):
                    assert encoded not in data, (path.name, value)
            for encoded in (username.encode("utf-8"), username.encode("utf-16-le")):
                assert encoded not in data, (path.name, username)  # slots hold no names
        store.close()
        store = reopen(folder, user=username)
    store.close()
    assert list((folder / "backups").iterdir())  # the backups were checked too


def test_plain_sqlite_cannot_read_the_store(folder, store):
    store.close()
    conn = sqlite3.connect(folder / "store.db")
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def test_wrong_password_and_unknown_account_are_refused(folder, store):
    store.close()
    with pytest.raises(SignInError, match="wrong account name or password"):
        reopen(folder, password="not the password")
    with pytest.raises(SignInError, match="wrong account name or password"):
        reopen(folder, user="nobody")


def test_repeated_wrong_passwords_slow_down(folder, admin):
    admin.close()
    now = [1000.0]
    slots = KeySlots(folder, KDF, clock=lambda: now[0])
    for _ in range(3):
        with pytest.raises(SignInError):
            slots.unlock("ann", "wrong password!")
    # The fourth attempt is refused outright, even with the right password.
    with pytest.raises(TooManyAttempts) as exc:
        slots.unlock("ann", PASSWORD)
    assert exc.value.wait_seconds == 2
    now[0] += 2.5
    with pytest.raises(SignInError):
        slots.unlock("ann", "wrong again!!")
    with pytest.raises(TooManyAttempts) as exc:
        slots.unlock("ann", PASSWORD)
    assert exc.value.wait_seconds == 4
    now[0] += 5
    assert len(slots.unlock("ann", PASSWORD).db_keys[0]) == 32
    # A success clears the count.
    with pytest.raises(SignInError) as exc:
        slots.unlock("ann", "wrong password!")
    assert not isinstance(exc.value, TooManyAttempts)


def test_store_cannot_be_created_twice(folder, admin):
    with pytest.raises(StoreExists):
        Store.create(folder, "bob", PASSWORD, kdf=KDF)


def test_password_change_rewraps_only_that_slot(folder, admin):
    admin.add_account("rita", "reviewer pass 1", "reviewer")
    before = json.loads((folder / "keyslots.json").read_text())["slots"]
    admin.change_password(PASSWORD, "a brand new password")
    after = json.loads((folder / "keyslots.json").read_text())["slots"]
    changed = [tag for tag in before if before[tag] != after[tag]]
    assert len(changed) == 1 and len(after) == 2
    # The same keys, wrapped under the new password: the database key is sealed as before.
    assert before[changed[0]]["box_public"] == after[changed[0]]["box_public"]
    admin.close()
    with pytest.raises(SignInError):
        reopen(folder)
    reopen(folder, password="a brand new password").close()
    reopen(folder, user="rita", password="reviewer pass 1").close()


def test_admin_resets_a_forgotten_password(folder, admin):
    admin.add_account("sam", "assessor pass 1", "assessor")
    admin.reset_password("sam", "assessor pass 2")
    entries = [e for e in admin.audit_entries() if e["action"] == "password_reset"]
    assert len(entries) == 1
    with pytest.raises(StoreError, match="your own password"):
        admin.reset_password("ann", "another password")
    with pytest.raises(StoreError, match="no account named 'nobody'"):
        admin.reset_password("nobody", "another password")
    with pytest.raises(StoreError, match="at least 10"):
        admin.reset_password("sam", "short")
    admin.close()
    with pytest.raises(SignInError):
        reopen(folder, user="sam", password="assessor pass 1")
    with reopen(folder, user="sam", password="assessor pass 2") as sam:
        with pytest.raises(NotAllowed, match="assessor role cannot"):
            sam.reset_password("ann", "taken over at last")
    reopen(folder).close()  # the admin's own slot is untouched


def test_removed_account_loses_its_slot(folder, admin):
    admin.add_account("sam", "assessor pass 1", "assessor")
    admin.remove_account("sam")
    assert [a.username for a in admin.accounts()] == ["ann"]
    admin.close()
    with pytest.raises(SignInError):
        reopen(folder, user="sam", password="assessor pass 1")
    assert len(json.loads((folder / "keyslots.json").read_text())["slots"]) == 1


def test_roles(folder, admin, bundle):
    admin.add_account("sam", "assessor pass 1", "assessor")
    admin.add_account("rita", "reviewer pass 1", "reviewer")
    with pytest.raises(NotAllowed, match="admin role cannot"):
        admin.create_assessment(bundle)  # administrators write no assessment
    admin.close()
    with reopen(folder, "sam", "assessor pass 1") as sam:
        assert sam.user.role == "assessor"
        with pytest.raises(NotAllowed, match="assessor role cannot"):
            sam.add_account("eve", "whatever pass", "admin")
        sam.create_assessment(bundle)
    with reopen(folder, "rita", "reviewer pass 1") as rita:
        with pytest.raises(NotAllowed):
            rita.create_assessment(bundle)


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("bob", "short", "assessor", "at least 10"),
    ("bob", "long enough pass", "judge", "unknown role"),
    ("bob smith", "long enough pass", "assessor", "account name"),
    ("ann", "long enough pass", "assessor", "already exists"),
])
def test_bad_accounts_are_refused(admin, name, password, role, message):
    with pytest.raises(StoreError, match=message):
        admin.add_account(name, password, role)


def test_a_bad_answer_is_refused_and_writes_nothing(store, bundle):
    a = store.create_assessment(bundle)
    entries = len(store.audit_entries())
    with pytest.raises(AnswerError) as exc:
        store.save_answer(bundle, a, "phq9_1", 7)
    assert exc.value.code == "ANS_004"
    assert store.answers(a) == {} and len(store.audit_entries()) == entries


def test_each_save_writes_its_audit_entry_with_old_and_new(store, bundle):
    a = store.create_assessment(bundle)
    store.save_answer(bundle, a, "convicted", "no")
    store.save_answer(bundle, a, "convicted", "yes")
    store.save_answer(bundle, a, "convicted", "yes")  # unchanged: no entry
    store.save_answer(bundle, a, "convicted", None)
    saves = [e for e in store.audit_entries() if e["action"] == "answer_saved"]
    assert [(e["field"], e["old"], e["new"]) for e in saves] == [
        ("convicted", None, '"no"'), ("convicted", '"no"', '"yes"'),
        ("convicted", '"yes"', None)]
    assert all(e["actor"] == store.user.id for e in saves)
    assert store.answers(a) == {}


def test_content_hash_follows_the_answers(store, bundle):
    a = store.create_assessment(bundle)
    empty = store.assessment(a)["content_hash"]
    store.save_answer(bundle, a, "convicted", "yes")
    assert store.assessment(a)["content_hash"] != empty
    store.save_answer(bundle, a, "convicted", None)
    assert store.assessment(a)["content_hash"] == empty


def test_wal_and_full_sync(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_migrations_are_applied_once(folder, store):
    store.close()
    with reopen(folder) as again:
        names = [r["name"] for r in again.db["_sqlite_migrations"].rows]
        # Each once, in the order of store_schema.py: issue 8's m005 was made beside m006
        # and m007 and comes after them (stores made before it take it last too).
        assert names == ["m001_core_tables", "m002_cases_lifecycle_versions",
                         "m003_resume_position", "m004_frozen_reports",
                         "m007_profiles_and_reader_copies", "m006_signed_accounts_and_steps",
                         "m005_started_review_comments_search", "m008_sync_outbox",
                         "m009_outcome_addenda"]


def filled(store, bundle, count=5):
    a = store.create_assessment(bundle)
    for i in range(count):
        store.save_answer(bundle, a, "phq9_1", i % 4)
    return store.verify_audit()


def test_audit_chain_is_intact(store, bundle):
    before = len(store.audit_entries())
    report = filled(store, bundle)
    assert report.ok and report.entries == before + 6 and report.first_bad_seq is None
    assert report.signed == report.entries  # every entry signed, and every signature checked


def test_audit_chain_finds_an_edited_entry(store, bundle):
    filled(store, bundle)
    n = len(store.audit_entries())
    store.db.execute(f"UPDATE audit SET new = '\"3\"' WHERE seq = {n - 2}")
    report = store.verify_audit()
    assert (report.ok, report.first_bad_seq) == (False, n - 2)
    assert "altered" in report.problem


def test_audit_chain_finds_a_deleted_entry(store, bundle):
    filled(store, bundle)
    n = len(store.audit_entries())
    store.db.execute(f"DELETE FROM audit WHERE seq = {n - 3}")
    report = store.verify_audit()
    assert (report.ok, report.first_bad_seq) == (False, n - 3)
    assert "missing" in report.problem


def test_audit_chain_finds_a_rewritten_tail(store, bundle):
    filled(store, bundle)
    n = len(store.audit_entries())
    store.db.execute(f"DELETE FROM audit WHERE seq >= {n - 1}")
    report = store.verify_audit()
    assert (report.ok, report.first_bad_seq) == (False, n - 1)
    assert "removed" in report.problem


def test_views_and_exports_are_audited(store):
    store.log("export", "assessment", "x", reason="sent to probation")
    last = store.audit_entries()[-1]
    assert (last["action"], last["entity_id"], last["reason"]) == (
        "export", "x", "sent to probation")


def test_a_slot_unlocks_with_its_own_cost_after_the_default_changes(folder):
    import uuid

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from cstr_desktop.key_slots import KdfParams

    old = KdfParams(time_cost=2, memory_cost=9 * 1024, parallelism=1)
    new = KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=2)
    slots = KeySlots(folder, old)
    folder.mkdir()
    account, signing = str(uuid.uuid4()), Ed25519PrivateKey.generate()
    key, _ = slots.create(str(uuid.uuid4()), account, "ann", PASSWORD, signing)
    assert KeySlots(folder, new).unlock("ann", PASSWORD).db_keys == [key]
    # A re-wrapped slot (a password change) takes the cost of the day.
    KeySlots(folder, new).add("ann", "a new password!", account, signing, key)
    stored = json.loads((folder / "keyslots.json").read_text())["slots"]
    assert [s["kdf"] for s in stored.values()] == [
        {"time_cost": 1, "memory_cost": 8192, "parallelism": 2}]


def test_a_clock_set_back_does_not_make_signatures_older_than_their_certificates(folder,
                                                                                admin):
    admin.add_account("sam", "assessor pass 1", "assessor")
    admin.close()
    # The laptop's clock goes back a day (say, the network's time corrects it).
    with Store.open(folder, "sam", "assessor pass 1", kdf=KDF,
                    clock=lambda: "2020-01-01T00:00:00.000000+00:00") as sam:
        sam.log("view", "assessment", "x")
        entries = sam.audit_entries()
        assert entries[-1]["at"] >= entries[-3]["at"]
        assert sam.verify_audit().ok


def test_m005_upgrades_a_store_made_before_it(tmp_path, bundle):
    """A store from before m005: its started work stays started, its review comment is kept
    in the history, and search finds names without their punctuation."""
    from cstr_desktop.court_list import ListedCase

    old = assessor_store(tmp_path / "data", "ann", PASSWORD)
    old.add_case(ListedCase("2026-11-25", "Cardiff", "1", "10:00", "CF-1", "O'Brien", "Seán",
                            "1979-12-31"))
    old.add_case(ListedCase("2026-11-25", "Cardiff", "1", "11:00", "CF-2", "Ali", "Sara",
                            "1990-01-01"))
    a = old.start_assessment(bundle, "CF-1")
    old.save_answer(bundle, a, "interpreter_used", "no")
    old.start_assessment(bundle, "CF-2")  # opened, nothing answered
    # Back to how a store was before m005.
    db = old.db
    db.execute("DROP TABLE review_comments")
    db.execute("ALTER TABLE assessments DROP COLUMN started_at")
    db.execute("UPDATE assessments SET status = 'changes_requested', "
               "review_comment = 'Add the GP.' WHERE id = ?", [a])
    db.execute("UPDATE cases SET search_text = 'o''brien sean cf-1' WHERE case_number = 'CF-1'")
    db.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm005%'")
    old.close()
    with reopen(tmp_path / "data") as upgraded:
        assert upgraded.case("CF-1")["status"] == "changes_requested"
        assert upgraded.case("CF-2")["status"] == "listed"
        assert [c["text"] for c in upgraded.review_comments(a)] == ["Add the GP."]
        assert [c["case_number"] for c in upgraded.cases(search="obrien")] == ["CF-1"]
