"""The outcome at court on the laptop (issue 13): recorded before approval as answers that
go with the record, after approval as a signed cstr-outcome/1 addendum; audited, checked,
shown on the day list, and read by central's own parser."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from outcome_helpers import (
    ADJOURNED,
    HEARING,
    SENTENCED,
    approve,
    list_cases,
    make_folder,
    sign_in,
)

from cstr_desktop.answers import check_answers
from cstr_desktop.form_errors import FormError
from cstr_desktop.outcomes import OutcomeError, check_outcome, outcome_definitions
from cstr_desktop.outcomes.addendum import (
    addendum_hash,
    addendum_problem,
    root_hex,
)
from cstr_desktop.outcomes.definitions import load_definitions
from cstr_desktop.sync import outbox
from cstr_desktop.sync.sender import SyncReport, apply_result
from cstr_desktop.trust import canonical, content_hash, public_b64, sign, signature_ok


@pytest.fixture
def folder(tmp_path):
    folder = make_folder(tmp_path)
    list_cases(folder, "CF-1", "CF-2", "CF-3")
    return folder


# -- each kind, before approval: answers that go with the record -----------------------

@pytest.mark.parametrize("answers", [
    SENTENCED,
    ADJOURNED,
    {"outcome_result": "adjourned", "outcome_date": HEARING, "outcome_adjourned_to": HEARING,
     "outcome_adjournment_reason": "other", "outcome_adjournment_other": "Interpreter absent"},
    {"outcome_result": "remanded", "outcome_date": HEARING, "outcome_detail": "In custody"},
    {"outcome_result": "other", "outcome_date": HEARING},
    {"outcome_result": "sentenced", "outcome_date": HEARING, "outcome_time_sentenced": "15:05",
     "outcome_sentence": "custody", "outcome_recommendation_followed": "no",
     "outcome_court_said": "  Offence too serious for a community order.  "},
    {"outcome_result": "sentenced", "outcome_date": HEARING, "outcome_time_sentenced": "09:30",
     "outcome_sentence": "suspended_sentence_order", "outcome_order_months": 24,
     "outcome_recommendation_followed": "partly", "outcome_court_said": "DRR, not ATR",
     "outcome_requirements": ["drr", "unpaid_work"], "outcome_length_drr": 6,
     "outcome_length_unpaid_work": 120},
], ids=["community", "adjourned", "adjourned-other", "remanded", "other", "custody", "sso"])
def test_each_kind_is_saved_as_answers_with_signed_audit_entries(folder, bundle, answers):
    with sign_in(folder, "sam") as sam:
        kept = sam.record_outcome(bundle, "CF-1", answers)
        assert kept["kind"] == "record" and kept["outcome_id"] is None
        stored = sam.answers(kept["assessment_id"])
        outcome = {k: v for k, v in stored.items() if k.startswith("outcome_")}
        assert outcome == kept["answers"]
        assert outcome["outcome_result"] == answers["outcome_result"]
        if "outcome_court_said" in answers:  # trimmed
            assert outcome["outcome_court_said"] == answers["outcome_court_said"].strip()
        if "outcome_requirements" in answers:  # in the order of the s.201 table
            codes = outcome_definitions().codes
            assert outcome["outcome_requirements"] == sorted(answers["outcome_requirements"],
                                                             key=codes.index)
        # The content hash covers them (so the countersignature will).
        assert sam.assessment(kept["assessment_id"])["content_hash"] == content_hash(stored)
        entries = [e for e in sam.audit_entries() if e["entity_id"] == kept["assessment_id"]
                   and (e["field"] or "").startswith("outcome_")]
        assert {e["field"] for e in entries} == set(outcome)
        assert all(e["action"] == "answer_saved" and e["signature"] for e in entries)
        report = sam.verify_audit()
        assert report.ok, report.problems
        # The answers file of the case carries the outcome, and reads back.
        assert check_answers(bundle, stored) == stored


def test_a_new_outcome_before_approval_replaces_the_old_one_and_says_so(folder, bundle):
    with sign_in(folder, "sam") as sam:
        first = sam.record_outcome(bundle, "CF-1", ADJOURNED)
        second = sam.record_outcome(bundle, "CF-1", SENTENCED)
        stored = sam.answers(second["assessment_id"])
        assert first["assessment_id"] == second["assessment_id"]
        assert "outcome_adjourned_to" not in stored
        assert stored["outcome_sentence"] == "community_order"
        cleared = [e for e in sam.audit_entries() if e["field"] == "outcome_adjourned_to"]
        assert [json.loads(e["new"] or "null") for e in cleared] == ["2026-12-09", None]
        assert sam.verify_audit().ok


def test_the_outcome_goes_with_the_record_and_under_the_countersignature(folder, bundle):
    with sign_in(folder, "sam") as sam:
        ident = sam.start_assessment(bundle, "CF-2")
        from support.reporting import full_answers
        sam.import_answers(bundle, ident, {**full_answers(), "case_number": "CF-2"})
        sam.record_outcome(bundle, "CF-2", SENTENCED)
        sam.submit_for_review(ident)
    with sign_in(folder, "rita") as rita:
        rita.countersign(ident, "reviewer password")
        version = rita.db["assessment_versions"].rows_where("assessment_id = ?", [ident])
        kept = json.loads(next(version)["answers"])
        assert kept["outcome_length_mhtr"] == 6
        assert rita.countersignature_problem(ident, 1) is None


# -- checks ------------------------------------------------------------------------------

def _with(**changes):
    out = {**SENTENCED, **changes}
    return {k: v for k, v in out.items() if v is not None}


@pytest.mark.parametrize(("answers", "code", "question", "words"), [
    ({"outcome_date": HEARING}, "OUT_002", "outcome_result", "missing"),
    ({**ADJOURNED, "outcome_adjourned_to": None}, "OUT_005", "outcome_adjourned_to",
     "needs the date"),
    ({**ADJOURNED, "outcome_adjourned_to": "2026-11-24"}, "OUT_006", "outcome_adjourned_to",
     "before the hearing"),
    ({**ADJOURNED, "outcome_adjourned_to": "2026-02-30"}, "OUT_003", "outcome_adjourned_to",
     "not a date"),
    ({**ADJOURNED, "outcome_adjournment_reason": None}, "OUT_007",
     "outcome_adjournment_reason", "missing"),
    ({**ADJOURNED, "outcome_adjournment_reason": "other"}, "OUT_008",
     "outcome_adjournment_other", "other reason"),
    (_with(outcome_date="2026-11-24"), "OUT_004", "outcome_date", "before the sentencing"),
    (_with(outcome_sentence=None), "OUT_009", "outcome_sentence", "missing"),
    (_with(outcome_time_sentenced="25:00"), "OUT_010", "outcome_time_sentenced", "HH:MM"),
    (_with(outcome_recommendation_followed=None), "OUT_011",
     "outcome_recommendation_followed", "missing"),
    (_with(outcome_recommendation_followed="no"), "OUT_012", "outcome_court_said",
     "what the court said"),
    (_with(outcome_order_months=37), "OUT_013", "outcome_order_months", "from 1 to 36"),
    (_with(outcome_requirements=None, outcome_length_mhtr=None, outcome_length_atr=None),
     "OUT_014", "outcome_requirements", "at least one requirement"),
    (_with(outcome_requirements=["mhtr", "curfews"]), "OUT_015", "outcome_requirements",
     "'curfews' is not a requirement"),
    (_with(outcome_length_mhtr=37), "OUT_016", "outcome_length_mhtr",
     "whole number of months from 1 to 36"),
    (_with(outcome_requirements=["mhtr", "atr", "unpaid_work"]), "OUT_016",
     "outcome_length_unpaid_work", "length is missing; a whole number of hours from 1 to 1000"),
    (_with(outcome_sentence="custody"), "OUT_017", "outcome_requirements", "no requirements"),
    ({**ADJOURNED, "outcome_sentence": "custody"}, "OUT_018", "outcome_sentence",
     "does not apply"),
    (_with(outcome_weather="rain"), "OUT_001", "outcome_weather", "not an outcome id"),
    (_with(outcome_court_said="x" * 2001), "OUT_019", "outcome_court_said", "2001 characters"),
])
def test_each_fault_is_named(answers, code, question, words):
    with pytest.raises(OutcomeError) as caught:
        check_outcome(answers, HEARING)
    assert caught.value.code == code
    assert caught.value.question == question
    assert words in str(caught.value)


def test_an_outcome_in_the_future_is_refused(folder, bundle):
    with sign_in(folder, "sam") as sam, pytest.raises(OutcomeError, match="in the future"):
        sam.record_outcome(bundle, "CF-1", {**ADJOURNED, "outcome_date": "2999-01-01",
                                            "outcome_adjourned_to": "2999-01-02"})
        assert sam.case("CF-1")["assessment_id"] is None  # nothing started, nothing kept


def test_a_refused_outcome_loses_nothing_already_kept(folder, bundle):
    with sign_in(folder, "sam") as sam:
        kept = sam.record_outcome(bundle, "CF-1", ADJOURNED)
        before = sam.answers(kept["assessment_id"])
        with pytest.raises(OutcomeError):
            sam.record_outcome(bundle, "CF-1", _with(outcome_sentence="custody"))
        assert sam.answers(kept["assessment_id"]) == before


def test_awaiting_review_waits_and_a_reviewer_writes_no_answers(folder, bundle):
    from support.reporting import full_answers

    with sign_in(folder, "sam") as sam:
        ident = sam.start_assessment(bundle, "CF-2")
        sam.import_answers(bundle, ident, {**full_answers(), "case_number": "CF-2"})
        sam.submit_for_review(ident)
        with pytest.raises(OutcomeError, match="waiting for its countersignature") as caught:
            sam.record_outcome(bundle, "CF-2", SENTENCED)
        assert caught.value.code == "OUT_021"
    with sign_in(folder, "rita") as rita:
        from cstr_desktop.store import NotAllowed

        with pytest.raises(NotAllowed):
            rita.record_outcome(bundle, "CF-1", SENTENCED)


def test_the_data_file_is_checked_with_coded_errors(tmp_path):
    shipped = Path(outcome_definitions.__wrapped__.__code__.co_filename).parents[2] / \
        "forms" / "outcomes" / "court_outcome.v1.yaml"
    text = shipped.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("max: 36, short: {en: MHTR", "max: 0, short: {en: MHTR"),
                   encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_definitions(bad)
    assert caught.value.code == "FORM_002"
    assert "requirements" in str(caught.value)
    bad.write_text(text.replace("requirement_needed: [community_order]",
                                "requirement_needed: [community_orders]"), encoding="utf-8")
    with pytest.raises(FormError, match="'community_orders' is not one of the sentences"):
        load_definitions(bad)
    bad.write_text(text.replace("- {value: remanded,", "- {value: remanded_x,"),
                   encoding="utf-8")
    with pytest.raises(FormError, match="results: 'remanded' is missing"):
        load_definitions(bad)


# -- after approval: the signed addendum --------------------------------------------------

def test_after_approval_an_outcome_is_a_signed_addendum_not_an_amendment(folder, bundle):
    ident = approve(folder, bundle, "CF-3")
    with sign_in(folder, "sam") as sam:
        answers_before = sam.answers(ident)
        kept = sam.record_outcome(bundle, "CF-3", SENTENCED)
        assert kept["kind"] == "addendum"
        row = sam.assessment(ident)
        assert row["status"] == "approved" and row["version"] == 1
        assert sam.answers(ident) == answers_before  # the report is not amended
        [pending] = sam.pending_outcome_addenda()
        body = pending["body"]
        assert pending["path"] == f"/api/v1/outcomes/{kept['outcome_id']}"
        assert body["type"] == "cstr-outcome-addendum/1"
        payload = body["outcome"]["payload"]
        assert payload == {
            "type": "cstr-outcome/1", "outcome_id": kept["outcome_id"],
            "store_id": sam.store_id, "assessment_id": ident, "version": 1,
            "case_number": "CF-3", "answers": check_outcome(SENTENCED, HEARING),
            "supersedes": None, "at": payload["at"], "actor": sam.user.id}
        # Signed by the assessor's account key, checked with the laptop's trust functions.
        cert = sam.book.at(sam.user.id, payload["at"])
        assert cert.role == "assessor" and body["outcome"]["signer"] == sam.user.id
        assert signature_ok(cert.key, body["outcome"]["signature"], payload)
        assert pending["content_hash"] == addendum_hash(payload)
        assert body["root_fingerprint"] == root_hex(sam.book.root_public_key)
        assert body["root_fingerprint"] == sam.root_fingerprint().replace(" ", "")
        assert body["certificates"][0]["payload"]["account_id"] == \
            body["certificates"][0]["payload"]["issued_by"]
        assert sam.user.id in {c["payload"]["account_id"] for c in body["certificates"]}
        assert addendum_problem(body, sam.book, sam.store_id) is None
        # Audited, signed, and the audit check covers the addendum too.
        [entry] = [e for e in sam.audit_entries() if e["action"] == "outcome_addendum"]
        assert json.loads(entry["new"])["content_hash"] == pending["content_hash"]
        report = sam.verify_audit()
        assert report.ok, report.problems
        # A changed payload (someone with the database key) no longer verifies.
        forged = {**payload, "answers": {**payload["answers"], "outcome_length_mhtr": 12}}
        sam.db["outcome_addenda"].update(kept["outcome_id"], {"payload": json.dumps(forged)})
        report = sam.verify_audit()
        assert not report.ok
        assert any("signature does not verify" in p for p in report.problems)


def test_a_reviewer_may_record_an_addendum_and_a_correction_supersedes(folder, bundle):
    ident = approve(folder, bundle, "CF-3")
    with sign_in(folder, "rita") as rita:
        first = rita.record_outcome(bundle, "CF-3", ADJOURNED)
        later = {**SENTENCED, "outcome_date": "2026-12-01"}
        with pytest.raises(OutcomeError, match="no earlier outcome"):
            rita.record_outcome(bundle, "CF-3", later, supersedes="not-an-id")
        with pytest.raises(OutcomeError, match="holds no outcome"):
            rita.record_outcome(bundle, "CF-3", later, supersedes="record")
        fixed = rita.record_outcome(bundle, "CF-3", {**ADJOURNED,
                                                     "outcome_adjourned_to": "2026-12-01"},
                                    supersedes=first["outcome_id"])
        sentenced = rita.record_outcome(bundle, "CF-3", later)
        history = rita.outcomes("CF-3")
        assert [o["outcome_id"] for o in history] == [first["outcome_id"], fixed["outcome_id"],
                                                      sentenced["outcome_id"]]
        assert [o["superseded"] for o in history] == [True, False, False]
        latest = rita.latest_outcomes([ident])[ident]
        assert latest["outcome_id"] == sentenced["outcome_id"] and latest["pending"] == 3
        assert rita.verify_audit().ok
        bodies = rita.pending_outcome_addenda()
        assert bodies[1]["body"]["outcome"]["payload"]["supersedes"] == first["outcome_id"]
        assert bodies[0]["body"]["outcome"]["signer"] == rita.user.id


def test_a_receipt_is_kept_only_when_the_pinned_central_key_verifies_it(folder, bundle):
    """The sync's one path for an addendum's answer (cstr_desktop.sync.sender.apply_result):
    a receipt by another key, or for other content, is refused and the addendum waits."""
    ident = approve(folder, bundle, "CF-3")
    central = Ed25519PrivateKey.generate()
    pinned = SimpleNamespace(signing_key=public_b64(central))
    with sign_in(folder, "sam") as sam:
        kept = sam.record_outcome(bundle, "CF-3", SENTENCED)
        [pending] = sam.pending_outcome_addenda()
        [row] = outbox.rows(sam.db, kind="outcome")
        assert (row["item_id"], row["content_hash"]) == (kept["outcome_id"],
                                                         pending["content_hash"])

        def answer(key, **changes):
            names = {"assessment_id": ident, "outcome_id": kept["outcome_id"],
                     "content_hash": pending["content_hash"]}
            return {**names, "status": "accepted", "receipt": sign(
                {"type": "cstr-outcome-receipt/1", "receipt_id": "r-1", **names,
                 "received_at": "2026-11-25T13:00:00Z", **changes}, key, "central:x")}

        for wrong, why in ((answer(Ed25519PrivateKey.generate()), "not signed by the central "
                                                                  "key pinned"),
                           (answer(central, content_hash="0" * 64), "another outcome")):
            report = SyncReport()
            with sam._transaction():
                apply_result(sam.db, pinned, row, wrong, sam._clock(), report)
            assert report.received == 0 and why in report.not_sent[0][1]
            assert len(sam.pending_outcome_addenda()) == 1
            assert [o["sent_at"] for o in sam.outcomes("CF-3")] == [None]
        report = SyncReport()
        with sam._transaction():
            apply_result(sam.db, pinned, row, answer(central), sam._clock(), report)
        assert report.received == 1 and report.not_sent == []
        assert sam.pending_outcome_addenda() == []
        assert [o["sent_at"] is not None for o in sam.outcomes("CF-3")] == [True]
        assert sam.verify_audit().ok


# -- the day list ---------------------------------------------------------------------------

def test_the_day_list_shows_each_case_s_outcome(folder, bundle):
    approve(folder, bundle, "CF-3")
    with sign_in(folder, "sam") as sam:
        sam.record_outcome(bundle, "CF-1", ADJOURNED)
        sam.record_outcome(bundle, "CF-3", SENTENCED)
        rows = {r["case_number"]: r for r in sam.cases(day=HEARING)}
        assert rows["CF-1"]["outcome"]["answers"]["outcome_result"] == "adjourned"
        assert rows["CF-1"]["outcome"]["kind"] == "record"
        assert rows["CF-2"]["outcome"] is None
        assert rows["CF-3"]["outcome"]["kind"] == "addendum"
        assert rows["CF-3"]["outcome"]["pending"] == 1


# -- central reads what the laptop writes ------------------------------------------------------

def test_central_s_own_parser_accepts_the_laptop_s_outcomes(folder, bundle):
    central_outcomes = pytest.importorskip(
        "central.outcomes", reason="central's outcomes (issue 13, central half) are not on "
                                   "this branch yet")
    from central.outcome_fields import parse_outcome

    ident = approve(folder, bundle, "CF-3")
    with sign_in(folder, "sam") as sam:
        record = sam.record_outcome(bundle, "CF-1", SENTENCED)
        parsed = parse_outcome(sam.answers(record["assessment_id"]), HEARING, strict=False)
        assert parsed.cstrs == ("mhtr", "atr") and parsed.requirements == {"mhtr": 6, "atr": 6}
        sam.record_outcome(bundle, "CF-3", ADJOURNED)
        [pending] = sam.pending_outcome_addenda()
        body = json.loads(canonical(pending["body"]))
        verified = central_outcomes.check_addendum(body, body["root_fingerprint"],
                                                   sam.store_id)
        assert verified.outcome.result == "adjourned"
        assert str(verified.outcome.adjourned_to) == "2026-12-09"
        assert central_outcomes.identity(body) == (pending["outcome_id"], ident,
                                                   pending["content_hash"])


def test_the_requirements_are_central_s_own_list():
    """The laptop's s.201 table (forms/outcomes) and central's (central/data) agree: codes,
    treatment requirements, units, bounds and words."""
    import yaml

    path = Path(__file__).resolve().parent.parent / "central" / "data" / "requirements.yaml"
    if not path.exists():
        pytest.skip("central's requirements (issue 13, central half) are not on this branch")
    theirs = yaml.safe_load(path.read_text(encoding="utf-8"))
    defs = outcome_definitions()
    assert [(r.code, r.cstr, r.unit, r.max, dict(r.label)) for r in defs.requirements] == [
        (r["code"], r["cstr"], r["unit"], r["max"], r["label"]) for r in theirs["requirements"]]
    assert {k: dict(v) for k, v in defs.units.items()} == theirs["units"]


def test_an_assessment_whose_case_is_on_no_list_takes_its_outcome_too(tmp_path, bundle):
    from support.reporting import full_answers

    folder = make_folder(tmp_path)
    with sign_in(folder, "sam") as sam:
        ident = sam.create_assessment(bundle, "CF-9")  # an answers file, imported on its own
        sam.import_answers(bundle, ident, {**full_answers(), "case_number": "CF-9"})
        with pytest.raises(OutcomeError, match="before the sentencing hearing"):
            sam.record_outcome(bundle, "CF-9", {**ADJOURNED, "outcome_date": "2026-11-01"})
        kept = sam.record_outcome(bundle, "CF-9", ADJOURNED)
        assert kept["assessment_id"] == ident
        assert [o["answers"]["outcome_result"] for o in sam.outcomes("CF-9")] == ["adjourned"]
        from cstr_desktop.store import StoreError

        with pytest.raises(StoreError, match="no assessment for case CF-404"):
            sam.record_outcome(bundle, "CF-404", ADJOURNED)


def test_the_command_line_offers_the_results_of_the_data_file():
    from cstr_desktop.outcomes.cli_args import RESULTS

    assert RESULTS == outcome_definitions().values("result")
