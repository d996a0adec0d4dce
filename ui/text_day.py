"""The app's words for the day's list, the import preview, the review, saving and errors,
in British English and Welsh (merged into :data:`ui.text.TEXT`).

A text with a count has ``_one`` and ``_other`` forms (see :func:`ui.text.tn`).
"""

from __future__ import annotations

DAY_TEXT: dict[str, dict[str, str]] = {
    # -- entering answers ---------------------------------------------------------
    "date_hint": {"en": "for example 12/10/2026", "cy": "er enghraifft 12/10/2026"},
    "time_hint": {"en": "for example 09:10, 0910 or 2.15pm",
                  "cy": "er enghraifft 09:10, 0910 neu 2.15pm"},
    "saved_as": {"en": "Saved: {value}", "cy": "Wedi'i gadw: {value}"},
    "not_saved_here": {"en": "Not saved: {reason}. Your answer is kept here and is saved as "
                             "soon as it can be (tried again every few seconds).",
                       "cy": "Heb ei gadw: {reason}. Mae eich ateb yn aros yma ac yn cael ei "
                             "gadw cyn gynted ag y bo modd (rhoddir cynnig arall bob ychydig "
                             "eiliadau)."},
    "discarded": {"en": "Not saved: the answer was discarded.",
                  "cy": "Heb ei gadw: cafodd yr ateb ei daflu."},
    "unsaved_title": {"en": "Answers not saved", "cy": "Atebion heb eu cadw"},
    "unsaved_question_one": {"en": "1 answer is not saved: {reason}. It is still on the screen. "
                                   "Try again now, or discard it and go on?",
                             "cy": "Mae 1 ateb heb ei gadw: {reason}. Mae'n dal ar y sgrin. "
                                   "Rhoi cynnig arall nawr, neu ei daflu a pharhau?"},
    "unsaved_question_other": {"en": "{n} answers are not saved: {reason}. They are still on "
                                     "the screen. Try again now, or discard them and go on?",
                               "cy": "Mae {n} ateb heb eu cadw: {reason}. Maen nhw'n dal ar y "
                                     "sgrin. Rhoi cynnig arall nawr, neu eu taflu a pharhau?"},
    "try_again": {"en": "&Try again", "cy": "&Rhoi cynnig arall"},
    "discard_and_go_on": {"en": "&Discard and go on", "cy": "&Taflu a pharhau"},
    "stay": {"en": "&Stay here", "cy": "&Aros yma"},
    "still_not_saved_one": {"en": "1 answer is not saved yet ({reason}): it is tried again "
                                  "every few seconds. Submit and preview wait until it is "
                                  "saved.",
                            "cy": "Mae 1 ateb heb ei gadw eto ({reason}): rhoddir cynnig arall "
                                  "bob ychydig eiliadau. Mae cyflwyno a rhagolwg yn aros nes "
                                  "iddo gael ei gadw."},
    "still_not_saved_other": {"en": "{n} answers are not saved yet ({reason}): they are tried "
                                    "again every few seconds. Submit and preview wait until "
                                    "they are saved.",
                              "cy": "Mae {n} ateb heb eu cadw eto ({reason}): rhoddir cynnig "
                                    "arall bob ychydig eiliadau. Mae cyflwyno a rhagolwg yn "
                                    "aros nes iddyn nhw gael eu cadw."},
    # -- the side panel -----------------------------------------------------------
    "notes": {"en": "Notes", "cy": "Nodiadau"},
    "req_reasons_missing_one": {"en": "criteria met; 1 reason still to give",
                                "cy": "meini prawf wedi'u bodloni; 1 rheswm i'w roi o hyd"},
    "req_reasons_missing_other": {"en": "criteria met; {n} reasons still to give",
                                  "cy": "meini prawf wedi'u bodloni; {n} rheswm i'w roi o hyd"},
    "reason_needed": {"en": "reason still to give", "cy": "rheswm i'w roi o hyd"},
    # -- why something could not be done ----------------------------------------------
    "cause_busy": {"en": "the store is busy: another program is writing to it",
                   "cy": "mae'r storfa'n brysur: mae rhaglen arall yn ysgrifennu ati"},
    "cause_full": {"en": "the disk is full", "cy": "mae'r ddisg yn llawn"},
    "cause_read_only": {"en": "the store's folder cannot be written to (it is read-only)",
                        "cy": "ni ellir ysgrifennu i ffolder y storfa (mae'n ddarllen yn unig)"},
    "cause_io": {"en": "the disk could not be written to (an input/output error)",
                 "cy": "ni ellid ysgrifennu i'r ddisg (gwall mewnbwn/allbwn)"},
    "store_open_elsewhere": {"en": "This store is already open in {program} ({where}). Close "
                                   "it there first, then press Try again.",
                             "cy": "Mae'r storfa hon eisoes ar agor yn {program} ({where}). "
                                   "Caewch hi yno yn gyntaf, yna pwyswch Rhoi cynnig arall."},
    "holder_where": {"en": "process {pid} on {host}, since {since}",
                     "cy": "proses {pid} ar {host}, ers {since}"},
    "another_program": {"en": "another program", "cy": "rhaglen arall"},
    "try_again_button": {"en": "Try again", "cy": "Rhoi cynnig arall"},
    "wrong_sign_in": {"en": "Wrong account name or password.",
                      "cy": "Enw cyfrif neu gyfrinair anghywir."},
    "too_many_attempts": {"en": "Too many wrong passwords: try again in {seconds} seconds.",
                          "cy": "Gormod o gyfrineiriau anghywir: rhowch gynnig arall ymhen "
                                "{seconds} eiliad."},
    "unlock_wrong": {"en": "That is not the password for {user}. Type it again to unlock.",
                     "cy": "Nid dyna'r cyfrinair ar gyfer {user}. Teipiwch ef eto i ddatgloi."},
    "current_password_wrong": {"en": "The current password is wrong.",
                               "cy": "Mae'r cyfrinair presennol yn anghywir."},
    "countersign_password_wrong": {"en": "The password is wrong: not countersigned.",
                                   "cy": "Mae'r cyfrinair yn anghywir: heb ei gydlofnodi."},
    "comment_required": {"en": "Type a comment for the assessor first: requesting changes "
                               "needs one.",
                         "cy": "Teipiwch sylw i'r asesydd yn gyntaf: mae angen un i ofyn am "
                               "newidiadau."},
    "comment_is_password": {"en": "That is your password, not a comment: it was not sent. "
                                  "Type the comment in the comment box.",
                            "cy": "Eich cyfrinair yw hwnna, nid sylw: ni chafodd ei anfon. "
                                  "Teipiwch y sylw yn y blwch sylwadau."},
    "reason_required": {"en": "Type the reason for the amendment first.",
                        "cy": "Teipiwch y rheswm dros y diwygiad yn gyntaf."},
    "own_assessment": {"en": "You wrote this assessment: another reviewer must do this.",
                       "cy": "Chi ysgrifennodd yr asesiad hwn: rhaid i adolygydd arall wneud "
                             "hyn."},
    "entry_date_form": {"en": "'{text}' is not a date: type it as DD/MM/YYYY (for example "
                              "12/10/2026) or YYYY-MM-DD.",
                        "cy": "Nid yw '{text}' yn ddyddiad: teipiwch ef fel DD/MM/BBBB (er "
                              "enghraifft 12/10/2026) neu BBBB-MM-DD."},
    "entry_date_year": {"en": "'{text}': write the year in full, for example 12/10/2026.",
                        "cy": "'{text}': ysgrifennwch y flwyddyn yn llawn, er enghraifft "
                              "12/10/2026."},
    "entry_date_none": {"en": "'{text}' is not a date in the calendar.",
                        "cy": "Nid yw '{text}' yn ddyddiad yn y calendr."},
    "entry_time_form": {"en": "'{text}' is not a time: type it as 09:10, 0910 or 2.15pm.",
                        "cy": "Nid yw '{text}' yn amser: teipiwch ef fel 09:10, 0910 neu "
                              "2.15pm."},
    "entry_time_none": {"en": "'{text}' is not a time: hours go up to 23 (or 12 with am or pm) "
                              "and minutes up to 59.",
                        "cy": "Nid yw '{text}' yn amser: mae'r oriau'n mynd hyd at 23 (neu 12 "
                              "gydag am neu pm) a'r munudau hyd at 59."},
    "answer_refused_cy": {"en": "{detail}", "cy": "Ni dderbyniwyd yr ateb ({what}): {detail}"},
    "field_required": {"en": "{field}: required", "cy": "{field}: gofynnol"},
    # -- sign in, lock ------------------------------------------------------------
    "locked_now": {"en": "Locked. {user}, enter your password to go on.",
                   "cy": "Wedi'i gloi. {user}, rhowch eich cyfrinair i barhau."},
    # -- the day's list -----------------------------------------------------------
    "list_heading": {"en": "Court list · {day}", "cy": "Rhestr y llys · {day}"},
    "previous_day": {"en": "◀ Previous day", "cy": "◀ Y diwrnod cynt"},
    "next_day": {"en": "Next day ▶", "cy": "Y diwrnod wedyn ▶"},
    "today_button": {"en": "Today", "cy": "Heddiw"},
    "choose_day": {"en": "Day of the list", "cy": "Diwrnod y rhestr"},
    "search_hint": {"en": "Search by name or case number (Ctrl+F)",
                    "cy": "Chwilio yn ôl enw neu rif achos (Ctrl+F)"},
    "count_listed_one": {"en": "1 listed", "cy": "1 wedi'i restru"},
    "count_listed_other": {"en": "{n} listed", "cy": "{n} wedi'u rhestru"},
    "count_draft_one": {"en": "1 in progress", "cy": "1 ar y gweill"},
    "count_draft_other": {"en": "{n} in progress", "cy": "{n} ar y gweill"},
    "count_awaiting_review_one": {"en": "1 awaiting review", "cy": "1 yn aros am adolygiad"},
    "count_awaiting_review_other": {"en": "{n} awaiting review",
                                    "cy": "{n} yn aros am adolygiad"},
    "count_changes_requested_one": {"en": "1 with changes requested",
                                    "cy": "1 â newidiadau wedi'u gofyn"},
    "count_changes_requested_other": {"en": "{n} with changes requested",
                                      "cy": "{n} â newidiadau wedi'u gofyn"},
    "count_approved_one": {"en": "1 countersigned", "cy": "1 wedi'i gydlofnodi"},
    "count_approved_other": {"en": "{n} countersigned", "cy": "{n} wedi'u cydlofnodi"},
    "no_cases": {"en": "No cases on this day's list. Import the court list (Ctrl+I) or add a "
                       "defendant.",
                 "cy": "Dim achosion ar restr y diwrnod hwn. Mewnforiwch restr y llys (Ctrl+I) "
                       "neu ychwanegwch ddiffynnydd."},
    "found_one": {"en": "1 case found", "cy": "1 achos wedi'i ganfod"},
    "found_other": {"en": "{n} cases found", "cy": "{n} achos wedi'u canfod"},
    "found_none": {"en": "No case matches.", "cy": "Does dim achos yn cyfateb."},
    "author": {"en": "Author", "cy": "Awdur"},
    "submitted_at": {"en": "Submitted", "cy": "Cyflwynwyd"},
    "review_empty": {"en": "Nothing is awaiting review.", "cy": "Does dim yn aros am adolygiad."},
    "waiting_one": {"en": "1 assessment awaiting review, oldest first",
                    "cy": "1 asesiad yn aros am adolygiad, yr hynaf yn gyntaf"},
    "waiting_other": {"en": "{n} assessments awaiting review, oldest first",
                      "cy": "{n} asesiad yn aros am adolygiad, yr hynaf yn gyntaf"},
    # -- importing a court list ------------------------------------------------------
    "preview_import_title": {"en": "Check the court list before it is imported",
                             "cy": "Gwiriwch restr y llys cyn ei mewnforio"},
    "preview_import_intro": {"en": "From {file}: {summary}. Nothing has changed yet: press "
                                   "Import to make these changes, or Cancel to leave the list "
                                   "as it is.",
                             "cy": "O {file}: {summary}. Does dim wedi newid eto: pwyswch "
                                   "Mewnforio i wneud y newidiadau hyn, neu Canslo i adael y "
                                   "rhestr fel y mae."},
    "sum_add": {"en": "{n} to add", "cy": "{n} i'w ychwanegu"},
    "sum_change": {"en": "{n} to change", "cy": "{n} i'w newid"},
    "sum_remove": {"en": "{n} to remove", "cy": "{n} i'w dileu"},
    "sum_keep": {"en": "{n} kept because work has started",
                 "cy": "{n} wedi'u cadw am fod gwaith wedi dechrau"},
    "sum_unchanged": {"en": "{n} unchanged", "cy": "{n} heb newid"},
    "sum_nothing": {"en": "nothing to change", "cy": "dim i'w newid"},
    "import_button": {"en": "&Import", "cy": "&Mewnforio"},
    "import_cancel": {"en": "Cancel", "cy": "Canslo"},
    "change_add": {"en": "Add", "cy": "Ychwanegu"},
    "change_change": {"en": "Change", "cy": "Newid"},
    "change_remove": {"en": "Remove", "cy": "Dileu"},
    "change_keep": {"en": "Keep", "cy": "Cadw"},
    "col_what": {"en": "What", "cy": "Beth"},
    "col_details": {"en": "Details", "cy": "Manylion"},
    "identity_changed": {"en": "Name or date of birth changed: check it is the same person. ",
                         "cy": "Enw neu ddyddiad geni wedi newid: gwiriwch mai'r un unigolyn "
                               "yw. "},
    "keep_detail": {"en": "Not on the new list: kept, because work has started.",
                    "cy": "Nid yw ar y rhestr newydd: wedi'i gadw, am fod gwaith wedi dechrau."},
    "remove_detail": {"en": "Not on the new list.", "cy": "Nid yw ar y rhestr newydd."},
    "nothing_to_import": {"en": "The list is the same as the one already imported: nothing "
                                "to change.",
                          "cy": "Mae'r rhestr yr un fath â'r un a fewnforiwyd eisoes: dim i'w "
                                "newid."},
    "import_cancelled": {"en": "The court list was not imported: nothing was changed.",
                         "cy": "Ni fewnforiwyd rhestr y llys: ni newidiwyd dim."},
    "offence": {"en": "Offence", "cy": "Trosedd"},
    "pnc_id": {"en": "PNC ID", "cy": "Rhif PNC"},
    "crn": {"en": "CRN", "cy": "CRN"},
    # -- the review -----------------------------------------------------------------
    "password_to_countersign": {"en": "Your password, to countersign",
                                "cy": "Eich cyfrinair, i gydlofnodi"},
    "reply_label": {"en": "Reply to the reviewer", "cy": "Ateb i'r adolygydd"},
    "send_reply": {"en": "Send reply", "cy": "Anfon ateb"},
    "reply_sent": {"en": "Reply sent.", "cy": "Ateb wedi'i anfon."},
    "review_history": {"en": "Review comments", "cy": "Sylwadau'r adolygiad"},
    "kind_changes_requested": {"en": "asked for changes", "cy": "wedi gofyn am newidiadau"},
    "kind_reply": {"en": "replied", "cy": "wedi ateb"},
}
