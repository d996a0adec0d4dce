"""The outbox and purge rules that need no central: queued in the countersignature's
own transaction, redacted audit entries only for purged assessments, the status words."""

from __future__ import annotations

import json

import pytest
from support.sync_stores import KDF, REVIEWER, REVIEWER_PW, admin, approve, make_laptop

from cstr_desktop.store.session import Store
from cstr_desktop.sync import outbox, purge
from cstr_desktop.sync.record import build_record


def test_a_failed_queue_undoes_the_countersignature(tmp_path):
    """Approving and queuing are one transaction: if the outbox row cannot be written,
    the version is not approved either (no step, no kept version, status unchanged)."""
    from support.sync_stores import ASSESSOR, ASSESSOR_PW, approved_answers, case_number

    from cstr_desktop.forms.loader import load_bundle

    folder = tmp_path / "laptop"
    make_laptop(folder)
    bundle = load_bundle()
    with Store.open(folder, ASSESSOR, ASSESSOR_PW, kdf=KDF) as sam:
        ident = sam.create_assessment(bundle, case_number(1))
        sam.import_answers(bundle, ident, approved_answers(1))
        sam.submit_for_review(ident)
    with Store.open(folder, REVIEWER, REVIEWER_PW, kdf=KDF) as rita:
        rita.db.execute("CREATE TRIGGER no_outbox BEFORE INSERT ON outbox "
                        "BEGIN SELECT RAISE(ABORT, 'the disk went away'); END")
        with pytest.raises(Exception, match="the disk went away"):
            rita.countersign(ident, REVIEWER_PW)
        assert rita.assessment(ident)["status"] == "awaiting_review"
        assert rita.db["assessment_versions"].count == 0
        assert rita.db["steps"].count_where("action = 'countersign'") == 0
        assert rita.db["outbox"].count == 0
        rita.db.execute("DROP TRIGGER no_outbox")
        rita.countersign(ident, REVIEWER_PW)
        rows = outbox.rows(rita.db)
        assert [(r["assessment_id"], r["version"], r["state"]) for r in rows] == \
            [(ident, 1, "queued")]
        assert rita.verify_audit().ok


def test_the_record_is_what_central_checks(tmp_path):
    from central.record_check import check_record

    folder = tmp_path / "laptop"
    make_laptop(folder)
    ident = approve(folder, [3])[0]
    with admin(folder) as store:
        record = build_record(store.db, ident, 1)
        kept = json.loads(store.db["assessment_versions"].get((ident, 1))["answers"])
    assert record["answers"] == kept and record["case_number"] == "CF-2026-0003"
    assert record["countersignature"] == record["steps"][-1]
    assert sorted(record["snapshots"]) == sorted(record["verification_codes"])
    assert {e["entity_id"] for e in record["audit"]} == {ident}
    proved = check_record(record, record["root_fingerprint"], record["store_id"])
    assert proved.countersigner == "rita" and proved.authors == ["sam"]


def test_redacted_entries_pass_only_for_purged_assessments(tmp_path):
    folder = tmp_path / "laptop"
    make_laptop(folder)
    ident = approve(folder, [4])[0]
    with admin(folder) as store:
        entry = next(store.db["audit"].rows_where("entity_id = ? AND action = "
                                                  "'answer_imported'", [ident], limit=1))
        # Someone with the database key blanks an entry and marks it redacted: the
        # assessment was never purged, so the trail is broken.
        store.db["audit"].update(entry["seq"], {"new": None, "redacted": 1})
        report = store.verify_audit()
        assert not report.ok and f"entry {entry['seq']} was altered" in report.problem


def test_purge_dry_run_lists_and_is_audited_without_enrolment(tmp_path):
    folder = tmp_path / "laptop"
    make_laptop(folder)
    approve(folder, [5])
    with admin(folder) as store:
        assert purge.purge(store, grace=0, dry_run=True) == []
        assert purge.purge(store, grace=0) == []  # nothing received: nothing goes
        assert store.db["answers"].count > 0
        actions = [e["action"] for e in store.audit_entries()]
        assert actions[-2:] == ["sync_purge_listed", "sync_purge_none"]


def test_status_words_in_english_and_welsh():
    from ui.sync_status import status_text

    counts = outbox.Counts(waiting=3, received=4, needs_office=1)
    assert status_text(counts, "2026-12-03T10:42:05.000Z", "en").startswith(
        "3 waiting to sync · 1 held at central · last synced ")
    assert status_text(outbox.Counts(), None, "en") == \
        "All sent to central records · not synced yet"
    assert status_text(counts, None, "cy") == \
        "3 yn aros i'w cysoni · 1 wedi'u dal gan y gwasanaeth canolog · heb ei gysoni eto"
    assert status_text(counts, None, "en", enrolled=False) == \
        "Not enrolled with central records"
