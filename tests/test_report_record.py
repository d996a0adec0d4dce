"""The approved report is kept at countersignature: later prints match it exactly."""

from __future__ import annotations

import pytest
from support.reporting import full_answers
from support.stores import TEAM

import reports.record as record
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store, StoreError
from reports.snapshot import verification_code

NOW = "2026-11-25T12:00:00+00:00"
LATER = "2027-03-01T09:00:00+00:00"


@pytest.fixture
def approved(fresh_store, bundle):
    folder = fresh_store(TEAM)
    with Store.open(folder, "sam", "assessor password", kdf=FAST_KDF_FOR_TESTS) as sam:
        a = sam.create_assessment(bundle, "CF-2026-0101")
        sam.import_answers(bundle, a, full_answers())
        sam.submit_for_review(a)
        draft = record.stored_report(sam, sam.assessment(a), "en", NOW)
        assert not draft["assessment"]["approved"]
        assert sam.frozen_report(a, 1, "en") is None  # a draft is never kept
    store = Store.open(folder, "rita", "reviewer password", kdf=FAST_KDF_FOR_TESTS)
    row = store.countersign(a, "reviewer password")
    codes = record.freeze_final_reports(store, row, NOW)
    yield store, a, codes
    store.close()


def test_countersigning_keeps_each_readers_copy_in_every_language(approved):
    store, a, codes = approved
    # The demo interview agrees to share with the court, probation and the provider.
    assert set(codes) == {f"{who}/{lang}" for who in ("court", "probation", "provider")
                          for lang in ("en", "cy", "both")}
    assert len(set(codes.values())) == 9  # each copy has its own code
    for key, code in codes.items():
        who, lang = key.split("/")
        kept = store.frozen_report(a, 1, lang, who)
        assert kept["langs"] == (["en", "cy"] if lang == "both" else [lang])
        assert kept["reader"]["id"] == who
        assert verification_code(kept) == code
    frozen = [e for e in store.audit_entries() if e["action"] == "report_frozen"]
    assert len(frozen) == 9 and codes["court/en"] in frozen[0]["reason"]


def test_a_later_print_uses_the_kept_report_not_a_rebuilt_one(approved, monkeypatch):
    store, a, codes = approved

    def changed_app(*_args, **_kwargs):
        raise AssertionError("an approved report was rebuilt instead of reprinted")

    monkeypatch.setattr(record, "build_snapshot", changed_app)
    again = record.stored_report(store, store.assessment(a), "cy", LATER, "probation")
    assert verification_code(again) == codes["probation/cy"]
    assert again["generated_at"] == LATER  # the time of this print, outside the hash


def test_the_first_kept_report_stays(approved):
    store, a, codes = approved
    other = {**store.frozen_report(a, 1, "en"), "person": {"name": "Someone Else"}}
    kept = store.freeze_report(a, 1, "en", other, "XXXX-XXXX-XXXX-XXXX")
    assert kept["person"]["name"] != "Someone Else"
    assert store.find_verification("XXXX-XXXX-XXXX-XXXX") is None


def test_only_the_approved_version_can_be_kept(approved):
    store, a, _ = approved
    snap = store.frozen_report(a, 1, "en")
    with pytest.raises(StoreError, match="version 2 of this assessment is not the approved"):
        store.freeze_report(a, 2, "en", snap, "AAAA-AAAA-AAAA-AAAA")


def test_find_verification_reads_any_spelling_and_knows_an_amendment(approved, bundle):
    store, a, codes = approved
    found = store.find_verification(codes["provider/both"].lower().replace("-", ""))
    assert (found["case_number"], found["version"], found["lang"], found["reader"],
            found["countersigned_by"], found["superseded"]) == (
        "CF-2026-0101", 1, "both", "provider", "rita", False)
    store.close()
    folder = store.folder
    with Store.open(folder, "sam", "assessor password", kdf=FAST_KDF_FOR_TESTS) as sam:
        sam.amend(a, "Wrong provider named")
        found = sam.find_verification(codes["court/en"])
        assert found["superseded"] and found["current_version"] == 2
        # The amended draft is printed afresh, as a draft.
        draft = record.stored_report(sam, sam.assessment(a), "en", LATER)
        assert not draft["assessment"]["approved"] and draft["assessment"]["version"] == 2
