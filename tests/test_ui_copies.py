"""The report screen: whose copy it is, what that copy holds and leaves out, before it is
printed; a copy the person did not agree to is not made."""

from __future__ import annotations

from support.reporting import pdf_text
from support.ui_driver import make_window, shortcut

from cstr_desktop.demo import create_demo_store


def open_demo_case(qtbot, tmp_path, bundle, name="demo-assessor",
                   password="demo-assessor-password"):
    create_demo_store(tmp_path / "data", bundle)
    window = make_window(qtbot, tmp_path / "data", tmp_path)
    window.sign_in_submitted("sign_in", name, password)
    window.open_case(f"CF-{window.session.day[:4]}-0101")
    return window


def test_the_app_shows_what_each_copy_holds_before_printing(qtbot, tmp_path, bundle):
    window = open_demo_case(qtbot, tmp_path, bundle)
    shortcut(window, "Ctrl+P")
    view = window.report_view
    qtbot.waitUntil(lambda: bool(view.pdf), timeout=10_000)
    assert [view.readers.itemText(i) for i in range(view.readers.count())] == [
        "Copy for the court", "Copy for the Probation Service",
        "Copy for the treatment provider"]
    court = view.contents.text()
    assert "What this copy holds" in court and "Summary of needs for the court" in court
    assert "Not in this copy (for other readers)" in court
    assert "Current presentation" in court.split("Not in this copy")[1]  # left out
    assert "A statement: whether risk to self was identified" in court
    assert "Copy for the court" in pdf_text(view.pdf)
    # Another reader's copy: rendered anew, its own contents.
    before = view.pdf
    view.readers.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.pdf != before, timeout=10_000)
    assert "Copy for the Probation Service" in pdf_text(view.pdf)
    assert "Current presentation" in view.contents.text().split("Not in this copy")[0]
    actions = [e["reason"] for e in window.session.store.audit_entries()
               if e["action"] == "report_previewed"]
    assert actions[-2:] == ["reader=court", "reader=probation"]


def test_a_copy_without_consent_is_refused_in_words_and_cannot_be_printed(qtbot, tmp_path,
                                                                           bundle):
    window = open_demo_case(qtbot, tmp_path, bundle)  # the assessor (administrators write
    store = window.session.store                      # no assessment)
    assessment = window.session.assessment_id
    # Back to the assessor's draft: the person withdraws their agreement for the provider.
    store.db["assessments"].update(assessment, {"status": "draft"})
    window.save_answer("consent_share_provider", "no")
    window.save_answer("consent_share_court", "no")
    shortcut(window, "Ctrl+P")
    view = window.report_view
    qtbot.waitUntil(lambda: bool(view.pdf), timeout=10_000)
    assert "Notice: this assessment cannot be shared with the court" in " ".join(
        pdf_text(view.pdf).split())
    assert "A one-page notice" in view.contents.text()
    view.readers.setCurrentIndex(2)
    assert view.pdf == b""
    assert "No copy for the treatment provider: consent_share_provider is answered 'no'" in \
        view.contents.text()
    assert view.status.text().startswith("No copy for the treatment provider")
    assert not view.print_button.isEnabled() and not view.save_button.isEnabled()
    view.readers.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(view.pdf), timeout=10_000)
    assert view.print_button.isEnabled()


def test_an_administrator_sets_a_profile_and_the_marking_in_accounts(qtbot, tmp_path, bundle):
    create_demo_store(tmp_path / "data", bundle)
    window = make_window(qtbot, tmp_path / "data", tmp_path)
    window.sign_in_submitted("sign_in", "demo-admin", "demo-admin-password")
    window.show_accounts()
    view = window.accounts_view
    row = next(r for r in range(view.table.rowCount())
               if view.table.item(r, 0).data(0x0100) == "demo-reviewer")
    view.table.selectRow(row)
    assert view.profile["full_name"].text() == "Tomos Evans"
    view.profile["registration"].setText("HCPC SW000000")
    view._save_profile()
    assert "Profile of demo-reviewer saved." in view.message.text()
    account = next(a for a in window.session.store.accounts() if a.username == "demo-reviewer")
    assert account.registration == "HCPC SW000000"
    view.marking.setCurrentText("official")
    view.marking_requested.emit(view.marking.currentText())
    assert window.session.store.marking() == "OFFICIAL"
    assert "Protective marking set to OFFICIAL." in view.message.text()


def test_ctrl_m_goes_to_the_question_an_open_warning_names(qtbot, tmp_path, bundle):
    window = open_demo_case(qtbot, tmp_path, bundle)
    window.session.store.db["assessments"].update(window.session.assessment_id,
                                                  {"status": "draft"})
    window.open_case(window.session.case_number)
    view = window.interview_view
    view.show_section("offences")
    view._answered("sentence_indicated", "custody")
    assert "The court has indicated immediate custody" in view.side.text()
    assert view.state.still_needed() == ["sentence_indicated"]
    window.review_bar.buttons["preview"].setFocus()
    shortcut(window, "Ctrl+M")
    assert view.focused_question() == "sentence_indicated"
    view._answered("sentence_indicated", "community_order")
    assert "Warnings" not in view.side.text()


def test_a_version_1_draft_opens_and_previews_its_one_report(qtbot, tmp_path):
    import shutil

    from support.paths import ROOT

    from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
    from cstr_desktop.upgrade import upgrade

    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("store.db", "keyslots.json"):
        shutil.copyfile(ROOT / "tests" / "data" / "store_v1" / name, folder / name)
    # Made before signed accounts: upgraded once by its administrator (test_store_v1.py).
    with upgrade(folder, "admin", "admin password", kdf=FAST_KDF_FOR_TESTS).store as admin:
        admin.reset_password("sam", "assessor password")
    window = make_window(qtbot, folder, tmp_path)
    window.sign_in_submitted("sign_in", "sam", "assessor password")
    window.open_case("CF-V1-0002")
    assert window.session.bundle().version == 1
    side = window.interview_view.side.text()
    assert "PHQ-9" in side and "Warnings" not in side and "Period limits" not in side
    shortcut(window, "Ctrl+P")
    view = window.report_view
    qtbot.waitUntil(lambda: bool(view.pdf), timeout=10_000)
    assert [view.readers.itemText(i) for i in range(view.readers.count())] == [
        "Everyone (one report)"]
    assert not view.readers.isEnabled()
    assert "Aled Lloyd" in pdf_text(view.pdf) and "Copy for" not in pdf_text(view.pdf)
