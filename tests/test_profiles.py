"""Who signs: the account's profile (name, profession, registration, supervising clinician)
is printed instead of the account name; the protective marking is set per laptop."""

from __future__ import annotations

import pytest
from support.cli import one_line_error, run
from support.reporting import ARRANGEMENTS, REASONS, full_answers, pdf_text
from support.stores import TEAM

from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import NotAllowed, Store, StoreError
from reports.court_report import render
from reports.record import context_for, stored_report

NOW = "2026-11-25T12:00:00+00:00"


@pytest.fixture
def folder(fresh_store):
    return fresh_store(TEAM)


def open_as(folder, name, password):
    return Store.open(folder, name, password, kdf=FAST_KDF_FOR_TESTS)


def test_an_administrator_sets_anyones_profile_and_anyone_their_own(folder):
    with open_as(folder, "admin", "admin password") as admin:
        account = admin.set_profile("sam", full_name="Rhiannon Price",
                                    profession="Mental health nurse",
                                    registration="NMC 12A3456E",
                                    supervisor="Dr Eleri Hughes (HCPC PYL01234)")
        assert (account.display_name, account.registration) == ("Rhiannon Price",
                                                                 "NMC 12A3456E")
        changed = [e for e in admin.audit_entries() if e["action"] == "profile_changed"]
        assert len(changed) == 1 and "Rhiannon Price" in changed[0]["new"]
    with open_as(folder, "rita", "reviewer password") as rita:
        assert rita.set_profile("rita", full_name="Tomos Evans").full_name == "Tomos Evans"
        with pytest.raises(NotAllowed):
            rita.set_profile("sam", full_name="Someone else")
        with pytest.raises(StoreError, match="one line of at most 120 characters"):
            rita.set_profile("rita", profession="x" * 121)
        with pytest.raises(StoreError, match="unknown profile field 'role'"):
            rita.set_profile("rita", role="admin")
        # A cleared field is cleared, not kept.
        assert rita.set_profile("rita", full_name="  ").full_name is None


def test_the_report_prints_the_profile_not_the_account_name(folder, bundle):
    with open_as(folder, "admin", "admin password") as admin:
        admin.set_profile("sam", full_name="Rhiannon Price", profession="Mental health nurse",
                          registration="NMC 12A3456E",
                          supervisor="Dr Eleri Hughes, clinical psychologist (HCPC PYL01234)")
        admin.set_profile("rita", full_name="Tomos Evans", profession="Probation officer")
    with open_as(folder, "sam", "assessor password") as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, full_answers(**REASONS, **ARRANGEMENTS))
        sam.submit_for_review(a)
    with open_as(folder, "rita", "reviewer password") as rita:
        row = rita.countersign(a, "reviewer password")
        context = context_for(rita, row)
        assert (context.assessor, context.assessor_role, context.assessor_registration,
                context.countersigned_by, context.countersigner_role) == (
            "Rhiannon Price", "Mental health nurse", "NMC 12A3456E", "Tomos Evans",
            "Probation officer")
        text = " ".join(pdf_text(render(stored_report(rita, row, "en", NOW))).split())
    assert "Rhiannon Price, Mental health nurse, NMC 12A3456E" in text
    assert "Supervising clinician Dr Eleri Hughes, clinical psychologist (HCPC PYL01234)" in text
    assert "Tomos Evans, Probation officer" in text
    assert "Author: Rhiannon Price" in text
    assert " sam" not in text and " rita" not in text


def test_the_marking_is_set_per_laptop_by_an_administrator(folder, bundle):
    with open_as(folder, "sam", "assessor password") as sam:
        assert sam.marking() == "OFFICIAL-SENSITIVE"
        with pytest.raises(NotAllowed):
            sam.set_marking("OFFICIAL")
        a = sam.create_assessment(bundle, "CF-2")
        sam.import_answers(bundle, a, full_answers())
    with open_as(folder, "admin", "admin password") as admin:
        with pytest.raises(StoreError, match="a protective marking is 1 to 40 letters"):
            admin.set_marking("<b>")
        admin.set_marking(" official ")
        assert admin.marking() == "OFFICIAL"
        assert [e["new"] for e in admin.audit_entries()
                if e["action"] == "marking_changed"] == ['"OFFICIAL"']
        snap = stored_report(admin, admin.assessment(a), "cy", NOW)
        assert snap["marking"] == {"cy": "SWYDDOGOL"}


def test_profile_and_marking_on_the_command_line(folder):
    proc = run("user", "profile", "sam", "--full-name", "Rhiannon Price", "--registration",
               "NMC 12A3456E", "--data-dir", str(folder), "--user", "admin",
               password="admin password")
    assert proc.returncode == 0, proc.stderr
    assert "full name Rhiannon Price; profession -; registration NMC 12A3456E" in proc.stdout
    err = one_line_error(run("user", "profile", "sam", "--data-dir", str(folder), "--user",
                             "admin", password="admin password"), 2)
    assert "give at least one of --full-name" in err
    err = one_line_error(run("user", "profile", "admin", "--full-name", "X", "--data-dir",
                             str(folder), "--user", "sam", password="assessor password"), 3)
    assert "not allowed" in err
    proc = run("marking", "--data-dir", str(folder), "--user", "sam",
               password="assessor password")
    assert proc.stdout == "Protective marking: OFFICIAL-SENSITIVE\n"
    proc = run("marking", "OFFICIAL", "--data-dir", str(folder), "--user", "admin",
               password="admin password")
    assert proc.returncode == 0 and proc.stdout == "Protective marking: OFFICIAL\n"
