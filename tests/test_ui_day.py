"""The day's list, the import preview, the review bar and what the screens say, driven by
the keyboard in the app's own window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.ui_driver import (
    ADMIN,
    ASSESSOR,
    choose_file,
    first_run,
    focused,
    key,
    make_window,
    shortcut,
    sign_in_by_keys,
)

from cstr_desktop.court_list import ListedCase
from cstr_desktop.demo import DUAL
from ui.question_widgets import ChoiceInput, MultiChoiceInput

TODAY = date.today()
HEADER = ("hearing_date,court_name,courtroom,list_time,case_number,family_name,given_names,"
          "date_of_birth,offence\n")


def listing(day: date, rows: list[tuple]) -> str:
    return HEADER + "".join(
        f"{day.isoformat()},Cardiff,{room},{time},{case},{family},{given},{dob},{offence}\n"
        for room, time, case, family, given, dob, offence in rows)


FIRST = [("1", "09:30", "CF-1", "O'Brien", "Seán", "1979-12-31", "Theft"),
         ("2", "10:00", "CF-2", "O'Connor", "Aoife", "1990-01-01", "Affray"),
         ("1", "11:00", "CF-3", "Gwilym", "Siân", "1988-03-02", "Criminal damage")]


def signed_in(qtbot, tmp_path, lang="en", as_=ASSESSOR):
    """The app on a new store, signed in as its assessor (sam) unless said otherwise."""
    window = make_window(qtbot, tmp_path / "data", tmp_path, lang=lang)
    first_run(window, as_)
    return window


def import_list(qtbot, window, tmp_path, text: str, name="list.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    shortcut(window, "Ctrl+I")
    choose_file(qtbot, path)


def test_import_shows_the_reconcile_first_and_changes_nothing_until_confirmed(qtbot,
                                                                              tmp_path):
    window = signed_in(qtbot, tmp_path)
    import_list(qtbot, window, tmp_path, listing(TODAY, FIRST))
    key(Qt.Key.Key_Return)  # Import
    store = window.session.store
    # Work starts on CF-3; CF-1 is left untouched.
    window.open_case("CF-3")
    window.interview_view._answered("interpreter_used", "no")
    window.show_list()
    changed = [("1", "09:45", "CF-3", "Gwilym", "Siân", "1988-03-02", "Criminal damage"),
               ("2", "10:00", "CF-2", "O'Connor", "Aoife", "1991-01-01", "Affray"),
               ("3", "12:00", "CF-4", "Ahmed", "Yusuf", "1999-11-03", "Burglary")]
    import_list(qtbot, window, tmp_path, listing(TODAY, changed), "second.csv")
    preview = window.import_view
    assert window.stack.currentWidget() is preview
    rows = {r[1]: r for r in preview.rows()}
    assert rows["CF-4"][:3] == ("Add", "CF-4", "Ahmed, Yusuf")
    assert rows["CF-3"][0] == "Change" and "Listed time: 11:00 → 09:45" in rows["CF-3"][3]
    # A change of date of birth may be a different person: said, and marked.
    assert rows["CF-2"][3].startswith("Name or date of birth changed: check it is the same "
                                      "person. Date of birth: 1990-01-01 → 1991-01-01")
    assert preview.table.item(list(rows).index("CF-2"), 0).font().bold()
    assert rows["CF-1"] == ("Remove", "CF-1", "O'Brien, Seán", "Not on the new list.")
    assert "1 to add, 2 to change, 1 to remove" in preview.intro.text()
    assert "Nothing has changed yet" in preview.intro.text()
    assert store.case("CF-1")["listing"] == "listed"  # nothing changed while looking
    # Escape cancels: still nothing changed.
    key(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.list_view
    assert window.list_view.message.text() == ("The court list was not imported: nothing was "
                                               "changed.")
    assert store.case("CF-2")["date_of_birth"] == "1990-01-01"
    # Again, confirmed: applied as shown; started work is never removed.
    import_list(qtbot, window, tmp_path, listing(TODAY, changed[:2]), "third.csv")
    rows = {r[1]: r for r in window.import_view.rows()}
    assert rows["CF-1"][0] == "Remove"
    key(Qt.Key.Key_Return)
    assert store.case("CF-2")["date_of_birth"] == "1991-01-01"
    assert store.case("CF-1")["listing"] == "removed"
    assert store.case("CF-3")["listing"] == "listed"
    # The same list again: nothing to look at, and said so.
    import_list(qtbot, window, tmp_path, listing(TODAY, changed[:2]), "third.csv")
    assert window.list_view.message.text() == ("The list is the same as the one already "
                                               "imported: nothing to change.")


def test_the_day_list_keyboard_dates_and_counts(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    import_list(qtbot, window, tmp_path, listing(TODAY, FIRST))
    key(Qt.Key.Key_Return)
    tomorrow = TODAY + timedelta(days=1)
    import_list(qtbot, window, tmp_path, listing(tomorrow, [
        ("1", "09:30", "CF-9", "Okonkwo", "Chidi", "1990-05-14", "Drink driving")]), "t.csv")
    key(Qt.Key.Key_Return)
    view = window.list_view
    # Focus starts in search; the heading names the day in words.
    assert focused() is view.search
    assert view.heading.text() == f"Court list · {TODAY:%A} {TODAY.day} {TODAY:%B %Y}"
    assert view.case_numbers() == ["CF-1", "CF-2", "CF-3"]
    assert view.table.isColumnHidden(0)  # no date column on one day's list
    # Opening a case changes nothing until an answer is given.
    window.open_case("CF-1")
    window.show_list()
    assert view.counts.text() == "3 listed"
    window.open_case("CF-2")
    window.interview_view._answered("interpreter_used", "no")
    window.show_list()
    assert view.counts.text() == "2 listed, 1 in progress"
    # Alt+Right: the next day; Alt+Left: back.
    shortcut(window, "Alt+Right")
    assert view.case_numbers() == ["CF-9"]
    assert view.day.date().toPython() == tomorrow and view.counts.text() == "1 listed"
    shortcut(window, "Alt+Left")
    assert view.case_numbers() == ["CF-1", "CF-2", "CF-3"]
    # The table is one stop for Tab; typing in it goes to the search box.
    view.table.setFocus()
    key(Qt.Key.Key_Tab)
    assert focused() is not view.table and not view.table.isAncestorOf(focused())
    view.table.setFocus()
    for ch in "obrien":
        key(ch)
    assert focused() is view.search and view.search.text() == "obrien"
    # Punctuation folded like accents; results from every day, with their dates.
    assert view.case_numbers() == ["CF-1"]
    assert not view.table.isColumnHidden(0)
    assert view.column_texts("date") == [f"{TODAY:%a} {TODAY.day} {TODAY:%b %Y}"]
    view.search.clear()
    shortcut(window, "Ctrl+F")
    for ch in "oconnor":
        key(ch)
    assert view.case_numbers() == ["CF-2"]
    assert view.counts.text() == "1 case found"
    for ch in "zz":
        key(ch)
    assert view.counts.text() == "No case matches."
    # Down from the search box goes into the table; Enter opens.
    view.search.clear()
    key(Qt.Key.Key_Down)
    assert focused() is view.table
    key(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.case_page
    # The listed offence fills "Main offence".
    assert window.interview_view.state.answers["offence_main"] == "Theft"


def test_review_bar_comment_box_history_and_reply(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    window.session.store.add_case(ListedCase(TODAY.isoformat(), "Cardiff", "1", "10:00", "CF-1",
                                             "Ali", "Sara", "1990-01-01"))
    window.open_case("CF-1")
    window.session.store.import_answers(window.session.bundle(), window.session.assessment_id,
                                        DUAL)
    window.session.store.submit_for_review(window.session.assessment_id)
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "rita", "reviewer password")
    shortcut(window, "Ctrl+Shift+R")
    view = window.list_view
    assert view.counts.text() == "1 assessment awaiting review, oldest first"
    assert view.column_texts("author") == ["sam"] and view.column_texts("time") == ["10:00"]
    assert view.column_texts("courtroom") == ["1"] and view.column_texts("submitted_at")[0]
    view.table.setFocus()
    key(Qt.Key.Key_Return)
    bar = window.review_bar
    # Two labelled boxes: the comment, and the password (hidden as typed).
    assert bar.comment.isVisibleTo(window) and bar.password.isVisibleTo(window)
    assert bar.password.echoMode() == bar.password.EchoMode.Password
    # A password typed in the comment box is refused, not sent.
    bar.comment.setFocus()
    QTest.keyClicks(bar.comment, "reviewer password")
    key(Qt.Key.Key_Return)  # Enter in the comment box requests changes
    assert window.interview_view.problem.text() == ("That is your password, not a comment: it "
                                                    "was not sent. Type the comment in the "
                                                    "comment box.")
    assert window.session.store.assessment(window.session.assessment_id)["status"] == \
        "awaiting_review"
    # The password box and Request changes: the password is never used as the comment.
    bar.password.setText("reviewer password")
    bar.comment.clear()
    bar.buttons["request_changes"].click()
    assert window.interview_view.problem.text().startswith("Type a comment for the assessor")
    assert bar.password.text() == ""
    bar.comment.setText("Please add the GP's name.")
    bar.buttons["request_changes"].click()
    comments = window.session.store.review_comments(window.session.assessment_id)
    assert [(c["kind"], c["text"], c["author"]) for c in comments] == [
        ("changes_requested", "Please add the GP's name.", "rita")]
    assert "reviewer password" not in str(window.session.store.audit_entries())
    # The assessor sees the history and replies.
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "sam", "assessor password")
    window.open_case("CF-1")
    banner = window.interview_view.banner.text()
    assert "Review comments" in banner and "rita" in banner and "Please add the GP" in banner
    assert bar.reply_row.isVisibleTo(window) and not bar.review_row.isVisibleTo(window)
    bar.reply.setFocus()
    QTest.keyClicks(bar.reply, "Added: Dr Jones.")
    key(Qt.Key.Key_Return)
    comments = window.session.store.review_comments(window.session.assessment_id)
    assert [(c["kind"], c["text"], c["author"]) for c in comments][-1] == (
        "reply", "Added: Dr Jones.", "sam")
    banner = window.interview_view.banner.text()
    assert banner.index("Please add") < banner.index("Added: Dr Jones.")  # oldest first


def test_review_queue_says_when_it_is_empty(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    shortcut(window, "Ctrl+Shift+R")
    assert window.list_view.counts.text() == "Nothing is awaiting review."


def test_choices_ten_and_above_by_keyboard_and_a_focus_ring(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    window.session.store.add_case(ListedCase(TODAY.isoformat(), "Cardiff", "1", "10:00", "CF-1",
                                             "Ali", "Sara", "1990-01-01"))
    window.open_case("CF-1")
    view = window.interview_view
    view.show_section("sources", "sources_of_information")
    box = view.blocks()["sources_of_information"].input
    assert isinstance(box, MultiChoiceInput) and len(box.values) >= 11
    for ch in "10":
        key(ch)
    key(Qt.Key.Key_1)  # "1" waits for a second digit...
    qtbot.waitUntil(lambda: box.boxes[0].isChecked(), timeout=3000)  # ...then picks option 1
    assert [b.isChecked() for b in box.boxes][:1] == [True] and box.boxes[9].isChecked()
    for ch in "11":
        key(ch)
    assert box.boxes[10].isChecked()
    saved = window.session.store.answers(window.session.assessment_id)["sources_of_information"]
    assert set(saved) == {box.values[0], box.values[9], box.values[10]}
    # The focused choice group draws a ring (a two-pixel frame in the accent colour).
    view.show_section("language", "interpreter_used")
    group = view.blocks()["interpreter_used"].input
    assert isinstance(group, ChoiceInput) and group.hasFocus()
    image = group.grab().toImage()
    assert image.pixelColor(1, image.height() // 2).name() == "#1d3557"
    view.show_section("sources", "sources_of_information")
    image = group.grab().toImage()
    assert image.pixelColor(1, image.height() // 2).name() != "#1d3557"


def test_side_panel_reasons_aamr_note_and_units(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    window.session.store.add_case(ListedCase(TODAY.isoformat(), "Cardiff", "1", "10:00", "CF-1",
                                             "Ali", "Sara", "1990-01-01"))
    window.open_case("CF-1")
    reasons = ("capacity_notes", "alcohol_dependence_evidence", "alcohol_susceptible_reason")
    window.session.store.import_answers(window.session.bundle(), window.session.assessment_id,
                                        {k: v for k, v in DUAL.items() if k not in reasons})
    window.open_case("CF-1")
    side = window.interview_view.side.text()
    assert "ATR</b>: criteria met; 3 reasons still to give" in side
    assert "✔ ATR" not in side
    assert "must not be imposed" in side and "Notes" in side  # the AAMR note
    window.session.store.import_answers(window.session.bundle(), window.session.assessment_id,
                                        {k: DUAL[k] for k in reasons})
    window.open_case("CF-1")
    assert "✔ ATR</b>: all criteria met" in window.interview_view.side.text()
    view = window.interview_view
    view.show_section(window.session.bundle().section_of["atr_period_months"],
                      "atr_period_months")
    line = view.blocks()["atr_period_months"].input
    assert line.unit.text() == "months" and line.unit.isVisibleTo(window)


def test_preview_escape_and_page_keys(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    window.session.store.add_case(ListedCase(TODAY.isoformat(), "Cardiff", "1", "10:00", "CF-1",
                                             "Ali", "Sara", "1990-01-01"))
    window.open_case("CF-1")
    window.session.store.import_answers(window.session.bundle(), window.session.assessment_id,
                                        DUAL)
    shortcut(window, "Ctrl+P")
    qtbot.waitUntil(lambda: bool(window.report_view.pdf), timeout=10_000)
    bar = window.report_view.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    start = bar.value()
    key(Qt.Key.Key_PageDown)
    assert bar.value() > start
    key(Qt.Key.Key_PageUp)
    assert bar.value() == start
    key(Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.case_page


def test_words_lock_unlock_roles_and_welsh_errors(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path, as_=ADMIN)
    shortcut(window, "Ctrl+L")
    assert window.sign_in_view.intro.text() == "Locked. admin, enter your password to go on."
    sign_in_by_keys(window, "admin", "not the password")
    assert window.sign_in_view.error.text() == ("That is not the password for admin. Type it "
                                                "again to unlock.")
    sign_in_by_keys(window, "admin", "admin password")
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "rita", "reviewer password")
    assert window.status_label.text() == "Signed in as rita · Reviewer (probation officer)"
    window.set_language("cy")
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "rita", "wrong password!")
    assert window.sign_in_view.error.text() == "Enw cyfrif neu gyfrinair anghywir."


def test_add_defendant_errors_name_the_fields_and_uk_dates_are_taken(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    window.show_add_defendant()
    view = window.add_view
    view.edits["family_name"].setText("Price")
    view.edits["given_names"].setText("Ffion")
    view.edits["date_of_birth"].setText("31/02/1990")
    view.edits["case_number"].setText("CF-77")
    view.edits["list_time"].setText("2.15pm")
    view._submit()
    assert view.error.text() == ("Date of birth: '31/02/1990' is not a date in the calendar.\n"
                                 "Court: required\nRoom: required")
    assert "date_of_birth" not in view.error.text()
    view.edits["date_of_birth"].setText("03/02/1991")
    view.edits["courtroom"].setText("2")
    view.edits["court_name"].setText("Cardiff")
    view._submit()
    case = window.session.store.case("CF-77")
    assert (case["date_of_birth"], case["list_time"], case["hearing_date"]) == (
        "1991-02-03", "14:15", TODAY.isoformat())


def test_the_section_list_shows_the_current_section_whole(qtbot, tmp_path):
    window = signed_in(qtbot, tmp_path)
    window.session.store.add_case(ListedCase(TODAY.isoformat(), "Cardiff", "1", "10:00", "CF-1",
                                             "Ali", "Sara", "1990-01-01"))
    window.open_case("CF-1")
    window.resize(1000, 500)  # a short window: the list must scroll
    view = window.interview_view
    for section in [s.name for s in view.state.visible_sections()][::-1]:
        view.show_section(section)
        qtbot.wait(10)
        item = view.sections.currentItem()
        rect = view.sections.visualItemRect(item)
        assert view.sections.viewport().rect().contains(rect), section
