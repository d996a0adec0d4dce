"""The app's own words, in British English and Welsh."""

from __future__ import annotations

from cstr_desktop.local_text import tr

from .text_day import DAY_TEXT
from .text_outcome import OUTCOME_TEXT
from .text_sync import SYNC_TEXT

TEXT: dict[str, dict[str, str]] = {
    "app": {"en": "CSTR Court Day", "cy": "Diwrnod Llys CSTR"},
    "sign_in": {"en": "Sign in", "cy": "Mewngofnodi"},
    "account": {"en": "Account name", "cy": "Enw'r cyfrif"},
    "password": {"en": "Password", "cy": "Cyfrinair"},
    "password_again": {"en": "Password again", "cy": "Cyfrinair eto"},
    "first_run": {"en": "Create the first account (administrator) for this laptop's store.",
                  "cy": "Crëwch y cyfrif cyntaf (gweinyddwr) ar gyfer storfa'r gliniadur hwn."},
    "create": {"en": "Create store", "cy": "Creu storfa"},
    "locked": {"en": "Locked after a period without use. {user}, enter your password to go "
                     "on.", "cy": "Wedi'i gloi ar ôl cyfnod heb ei ddefnyddio. {user}, rhowch "
                                  "eich cyfrinair i barhau."},
    "unlock": {"en": "Unlock", "cy": "Datgloi"},
    "passwords_differ": {"en": "The two passwords differ.", "cy": "Mae'r ddau gyfrinair yn "
                                                                  "wahanol."},
    "today": {"en": "Court list", "cy": "Rhestr y llys"},
    "date": {"en": "Date", "cy": "Dyddiad"},
    "search": {"en": "Search by name or case number", "cy": "Chwilio yn ôl enw neu rif achos"},
    "import_list": {"en": "Import court list…", "cy": "Mewnforio rhestr y llys…"},
    "add_defendant": {"en": "Add defendant…", "cy": "Ychwanegu diffynnydd…"},
    "open_case": {"en": "Open case", "cy": "Agor achos"},
    "review_queue": {"en": "Awaiting review", "cy": "Yn aros am adolygiad"},
    "time": {"en": "Time", "cy": "Amser"},
    "courtroom": {"en": "Room", "cy": "Ystafell"},
    "case": {"en": "Case", "cy": "Achos"},
    "name": {"en": "Name", "cy": "Enw"},
    "status": {"en": "Status", "cy": "Statws"},
    "status_listed": {"en": "Listed", "cy": "Wedi'i restru"},
    "status_draft": {"en": "In progress", "cy": "Ar y gweill"},
    "status_awaiting_review": {"en": "Awaiting review", "cy": "Yn aros am adolygiad"},
    "status_changes_requested": {"en": "Changes requested", "cy": "Newidiadau wedi'u gofyn"},
    "status_approved": {"en": "Countersigned", "cy": "Wedi'i gydlofnodi"},
    "required": {"en": "(required)", "cy": "(gofynnol)"},
    "not_answered": {"en": "Not answered", "cy": "Heb ei ateb"},
    "saved": {"en": "Saved", "cy": "Wedi'i gadw"},
    "not_saved": {"en": "Not saved", "cy": "Heb ei gadw"},
    "sections": {"en": "Sections", "cy": "Adrannau"},
    "scores": {"en": "Scores", "cy": "Sgoriau"},
    "alerts": {"en": "Alerts", "cy": "Rhybuddion"},
    "criteria": {"en": "Statutory criteria", "cy": "Meini prawf statudol"},
    "missing": {"en": "Still to answer", "cy": "I'w ateb o hyd"},
    "incomplete": {"en": "incomplete", "cy": "anghyflawn"},
    "req_eligible": {"en": "all criteria met", "cy": "pob maen prawf wedi'i fodloni"},
    "req_not_eligible": {"en": "not met", "cy": "heb ei fodloni"},
    "req_incomplete": {"en": "not all answered", "cy": "heb ei ateb i gyd"},
    "gates": {"en": "For every requirement", "cy": "Ar gyfer pob gofyniad"},
    "not_considered": {"en": "Not considered", "cy": "Heb eu hystyried"},
    "n_required": {"en": "{n} required", "cy": "{n} gofynnol"},
    "next_missing": {"en": "Next answer still needed", "cy": "Yr ateb nesaf sydd ei angen"},
    "missing_before_submit_other": {"en": "{n} answers are still needed (required ones, "
                                          "reasons for the statutory criteria, or answers a "
                                          "warning asks you to correct). Ctrl+M goes to each; "
                                          "press Submit again to submit anyway.",
                                    "cy": "Mae angen {n} ateb o hyd (rhai gofynnol, rhesymau "
                                          "dros y meini prawf statudol, neu atebion y mae "
                                          "rhybudd yn gofyn i chi eu cywiro). Mae Ctrl+M yn "
                                          "mynd at bob un; pwyswch Cyflwyno eto i gyflwyno "
                                          "beth bynnag."},
    "missing_before_submit_one": {"en": "1 answer is still needed (a required one, a reason for "
                                        "a statutory criterion, or an answer a warning asks you "
                                        "to correct). Ctrl+M goes to it; press Submit again to "
                                        "submit anyway.",
                                  "cy": "Mae angen 1 ateb o hyd (un gofynnol, rheswm dros faen "
                                        "prawf statudol, neu ateb y mae rhybudd yn gofyn i chi "
                                        "ei gywiro). Mae Ctrl+M yn mynd ato; pwyswch Cyflwyno "
                                        "eto i gyflwyno beth bynnag."},
    "screening_caveat": {"en": "Screening scores, not diagnoses.",
                         "cy": "Sgoriau sgrinio, nid diagnosau."},
    "warnings": {"en": "Warnings", "cy": "Rhybuddion"},
    "warnings_hint": {"en": "Ctrl+M goes to each. It cannot be countersigned while a warning "
                            "is open.",
                      "cy": "Mae Ctrl+M yn mynd at bob un. Ni ellir ei gydlofnodi tra bo "
                            "rhybudd ar agor."},
    "declined_panel": {"en": "The person declined the assessment: no assessment takes place and "
                             "no opinion is given. Record what they said in Willingness.",
                       "cy": "Gwrthododd yr unigolyn yr asesiad: ni chynhelir asesiad ac ni "
                             "roddir barn. Cofnodwch yr hyn a ddywedodd yn Parodrwydd i "
                             "gydymffurfio."},
    "period_limits": {"en": "Period limits", "cy": "Terfynau'r cyfnod"},
    "copy_for": {"en": "Copy for", "cy": "Copi i"},
    "copy_choice": {"en": "Copy", "cy": "Copi"},
    "copy_holds": {"en": "What this copy holds", "cy": "Beth sydd yn y copi hwn"},
    "copy_notice": {"en": "A one-page notice that the assessment cannot be shared with the "
                          "court: no scores, answers or opinion.",
                    "cy": "Hysbysiad un dudalen nad oes modd rhannu'r asesiad â'r llys: dim "
                          "sgoriau, atebion na barn."},
    "copy_declined": {"en": "The person declined the assessment: the copy says that no "
                            "assessment took place.",
                      "cy": "Gwrthododd yr unigolyn yr asesiad: mae'r copi yn dweud na "
                            "chynhaliwyd asesiad."},
    "risk_statement_only": {"en": "A statement: whether risk to self was identified, and the "
                                  "immediate actions taken",
                            "cy": "Datganiad: a nodwyd risg i'r hunan, a'r camau a gymerwyd ar "
                                  "unwaith"},
    "copy_withheld": {"en": "Left out at the person's request",
                      "cy": "Wedi'u gadael allan ar gais yr unigolyn"},
    "copy_not_for_reader": {"en": "Not in this copy (for other readers)",
                            "cy": "Nid yn y copi hwn (i ddarllenwyr eraill)"},
    "whole_report": {"en": "Everyone (one report)", "cy": "Pawb (un adroddiad)"},
    "uncertain": {"en": "UNCERTAIN", "cy": "ANSICR"},
    "nothing_missing": {"en": "No answer is still needed.",
                        "cy": "Does dim ateb arall ei angen."},
    "next_section": {"en": "Next section", "cy": "Adran nesaf"},
    "previous_section": {"en": "Previous section", "cy": "Adran flaenorol"},
    "back_to_case": {"en": "← Back to the interview", "cy": "← Yn ôl i'r cyfweliad"},
    "back_to_list": {"en": "Back to the list", "cy": "Yn ôl i'r rhestr"},
    "preview": {"en": "Preview report", "cy": "Rhagolwg o'r adroddiad"},
    "summary_card": {"en": "Summary card", "cy": "Cerdyn crynodeb"},
    "submit": {"en": "Submit for review", "cy": "Cyflwyno i'w adolygu"},
    "request_changes": {"en": "Request changes", "cy": "Gofyn am newidiadau"},
    "countersign": {"en": "Countersign", "cy": "Cydlofnodi"},
    "amend": {"en": "Amend…", "cy": "Diwygio…"},
    "comment": {"en": "Comment for the assessor", "cy": "Sylw i'r asesydd"},
    "reason": {"en": "Reason for the amendment", "cy": "Rheswm dros y diwygiad"},
    "reviewer_comment": {"en": "Reviewer's comment: {text}", "cy": "Sylw'r adolygydd: {text}"},
    "save_pdf": {"en": "Save as PDF…", "cy": "Cadw fel PDF…"},
    "print": {"en": "Print…", "cy": "Argraffu…"},
    "printed": {"en": "Sent to the printer.", "cy": "Wedi'i anfon i'r argraffydd."},
    "generating": {"en": "Preparing the report…", "cy": "Yn paratoi'r adroddiad…"},
    "switch_user": {"en": "Switch user", "cy": "Newid defnyddiwr"},
    "lock_now": {"en": "Lock now", "cy": "Cloi nawr"},
    "quit": {"en": "Quit", "cy": "Gadael"},
    "file_menu": {"en": "&File", "cy": "&Ffeil"},
    "case_menu": {"en": "&Case", "cy": "&Achos"},
    "go_menu": {"en": "&Go", "cy": "&Mynd"},
    "language_menu": {"en": "&Language / Iaith", "cy": "&Iaith / Language"},
    "english": {"en": "English", "cy": "English"},
    "welsh": {"en": "Cymraeg", "cy": "Cymraeg"},
    "signed_in_as": {"en": "Signed in as {user} · {role}", "cy": "Wedi mewngofnodi fel {user} "
                                                                "· {role}"},
    "imported": {"en": "Court list imported: {summary}.", "cy": "Rhestr y llys wedi'i "
                                                               "mewnforio: {summary}."},
    "cannot_import": {"en": "The court list was not imported:", "cy": "Ni fewnforiwyd rhestr y "
                                                                      "llys:"},
    "family_name": {"en": "Family name", "cy": "Cyfenw"},
    "given_names": {"en": "Given names", "cy": "Enwau cyntaf"},
    "date_of_birth": {"en": "Date of birth (DD/MM/YYYY)", "cy": "Dyddiad geni (DD/MM/BBBB)"},
    "hearing_date": {"en": "Hearing date (DD/MM/YYYY)", "cy": "Dyddiad y gwrandawiad "
                                                            "(DD/MM/BBBB)"},
    "court_name": {"en": "Court", "cy": "Llys"},
    "list_time": {"en": "Listed time (for example 09:30)",
                  "cy": "Amser rhestru (er enghraifft 09:30)"},
    "add": {"en": "Add", "cy": "Ychwanegu"},
    "cancel": {"en": "Cancel", "cy": "Canslo"},
    "item_hint": {"en": "Press the number of an answer to choose it.",
                  "cy": "Pwyswch rif ateb i'w ddewis."},
    "accounts": {"en": "Accounts", "cy": "Cyfrifon"},
    "manage_accounts": {"en": "Accounts…", "cy": "Cyfrifon…"},
    "role": {"en": "Role", "cy": "Rôl"},
    "role_assessor": {"en": "Assessor", "cy": "Asesydd"},
    "role_reviewer": {"en": "Reviewer (probation officer)", "cy": "Adolygydd (swyddog prawf)"},
    "role_admin": {"en": "Administrator", "cy": "Gweinyddwr"},
    "you": {"en": "you", "cy": "chi"},
    "add_account": {"en": "Add account", "cy": "Ychwanegu cyfrif"},
    "remove_account": {"en": "Remove selected account", "cy": "Dileu'r cyfrif a ddewiswyd"},
    "reset_password": {"en": "Set a new password for the selected account",
                       "cy": "Gosod cyfrinair newydd i'r cyfrif a ddewiswyd"},
    "password_rule": {"en": "A password needs at least 10 characters. A few unrelated words "
                            "make one that is long and easy to remember.",
                      "cy": "Mae angen o leiaf 10 nod ar gyfrinair. Mae ychydig o eiriau "
                            "digyswllt yn gwneud un hir sy'n hawdd ei gofio."},
    "accounts_hint": {"en": "To add an account, fill in all four fields (a password needs at "
                            "least 10 characters). To set a new password "
                            "for someone who has forgotten theirs, select them above and fill "
                            "in the two password fields.",
                      "cy": "I ychwanegu cyfrif, llenwch y pedwar maes (mae angen o leiaf 10 "
                            "nod ar gyfrinair). I osod cyfrinair newydd "
                            "i rywun sydd wedi anghofio'u cyfrinair, dewiswch nhw uchod a "
                            "llenwch y ddau faes cyfrinair."},
    "choose_account": {"en": "Select an account in the table first.",
                       "cy": "Dewiswch gyfrif yn y tabl yn gyntaf."},
    "confirm_remove": {"en": "Remove {name}? They will no longer be able to sign in on this "
                             "laptop. Press Remove again to confirm.",
                       "cy": "Dileu {name}? Ni fyddant yn gallu mewngofnodi ar y gliniadur hwn "
                             "mwyach. Pwyswch Dileu eto i gadarnhau."},
    "cannot_remove_self": {"en": "You cannot remove the account you are signed in with.",
                           "cy": "Ni allwch ddileu'r cyfrif rydych wedi mewngofnodi ag ef."},
    "account_added": {"en": "Account {name} added.", "cy": "Cyfrif {name} wedi'i ychwanegu."},
    "account_removed": {"en": "Account {name} removed: it can no longer sign in.",
                        "cy": "Cyfrif {name} wedi'i ddileu: ni all fewngofnodi mwyach."},
    "password_was_reset": {"en": "New password set for {name}.",
                           "cy": "Cyfrinair newydd wedi'i osod i {name}."},
    "change_password": {"en": "Change my password…", "cy": "Newid fy nghyfrinair…"},
    "current_password": {"en": "Current password", "cy": "Cyfrinair presennol"},
    "new_password": {"en": "New password", "cy": "Cyfrinair newydd"},
    "password_changed": {"en": "Your password has been changed.",
                         "cy": "Mae eich cyfrinair wedi'i newid."},
    "profile": {"en": "Profile of the selected account", "cy": "Proffil y cyfrif a ddewiswyd"},
    "profile_hint": {"en": "Printed where this person signs a report, instead of the account "
                           "name.",
                     "cy": "Caiff ei argraffu lle mae'r person hwn yn llofnodi adroddiad, yn lle "
                           "enw'r cyfrif."},
    "profile_full_name": {"en": "Full name", "cy": "Enw llawn"},
    "profile_profession": {"en": "Profession", "cy": "Proffesiwn"},
    "profile_registration": {"en": "Registration (HCPC, NMC or GMC number)",
                             "cy": "Cofrestriad (rhif HCPC, NMC neu GMC)"},
    "profile_supervisor": {"en": "Supervising clinician", "cy": "Clinigydd goruchwylio"},
    "save_profile": {"en": "Save profile", "cy": "Cadw'r proffil"},
    "profile_saved": {"en": "Profile of {name} saved.", "cy": "Proffil {name} wedi'i gadw."},
    "marking": {"en": "Protective marking", "cy": "Marc diogelu"},
    "marking_hint": {"en": "Printed at the top and bottom of every page of every report from "
                           "this laptop (in Welsh on Welsh pages).",
                     "cy": "Caiff ei argraffu ar frig a gwaelod pob tudalen o bob adroddiad o'r "
                           "gliniadur hwn (yn Gymraeg ar dudalennau Cymraeg)."},
    "save_marking": {"en": "Save marking", "cy": "Cadw'r marc"},
    "marking_saved": {"en": "Protective marking set to {name}.",
                      "cy": "Marc diogelu wedi'i osod i {name}."},
    "alert_action": {"en": "Record the immediate actions in Risk and safety.",
                     "cy": "Cofnodwch y camau uniongyrchol yn Risg a diogelwch."},
    "recovery_title": {"en": "Your recovery key", "cy": "Eich allwedd adfer"},
    "recovery_intro": {
        "en": "This key is shown once, now. If every password is forgotten, it opens the store "
              "and gives the first administrator a new password. Print it or write it down, "
              "and keep it locked away from the laptop: anyone holding it can read the store.",
        "cy": "Dim ond unwaith, nawr, y dangosir yr allwedd hon. Os anghofir pob cyfrinair, "
              "mae'n agor y storfa ac yn rhoi cyfrinair newydd i'r gweinyddwr cyntaf. "
              "Argraffwch hi neu ei hysgrifennu, a'i chadw dan glo i ffwrdd o'r gliniadur: "
              "gall unrhyw un sydd â hi ddarllen y storfa."},
    "print_recovery": {"en": "Print the recovery key…", "cy": "Argraffu'r allwedd adfer…"},
    "recovery_kept": {"en": "I have kept it safe: continue",
                      "cy": "Rwyf wedi'i chadw'n ddiogel: parhau"},
    "fingerprint": {"en": "Root key fingerprint", "cy": "Ôl bys yr allwedd wraidd"},
    "fingerprint_help": {
        "en": "Central records checks everything this laptop signs against this fingerprint. "
              "Compare it with the one enrolled.",
        "cy": "Mae'r cofnodion canolog yn gwirio popeth y mae'r gliniadur hwn yn ei lofnodi yn "
              "erbyn yr ôl bys hwn. Cymharwch ef â'r un a gofrestrwyd."},
    "help_menu": {"en": "&Help", "cy": "&Cymorth"},
    "about": {"en": "About CSTR Court Day", "cy": "Ynghylch Diwrnod Llys CSTR"},
    "version": {"en": "Version", "cy": "Fersiwn"},
    "data_folder": {"en": "Data folder", "cy": "Ffolder data"},
    "no_store_yet": {"en": "No store yet", "cy": "Dim storfa eto"},
    "back": {"en": "Back", "cy": "Yn ôl"},
    "idle_setting": {"en": "The idle_minutes setting ({value}) is not 1 to 60 minutes: the "
                           "window locks after 5 minutes without use.",
                     "cy": "Nid yw'r gosodiad idle_minutes ({value}) rhwng 1 a 60 munud: "
                           "mae'r ffenestr yn cloi ar ôl 5 munud heb ei defnyddio."},
    "amend_password": {"en": "Your password (to amend)", "cy": "Eich cyfrinair (i ddiwygio)"},
    "store_problem": {"en": "The store could not be opened", "cy": "Ni ellid agor y storfa"},
}


# The words of the court day's lists, review, saving and errors (kept in their own module).
TEXT.update(DAY_TEXT)
TEXT.update(OUTCOME_TEXT)
TEXT.update(SYNC_TEXT)


def t(key: str, lang: str = "en", **values: object) -> str:
    text = tr(TEXT[key], lang)
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = "en", **values: object) -> str:
    """A text with a count: ``key_one`` for 1, ``key_other`` otherwise ("1 answer is",
    "2 answers are"; Welsh takes the singular noun after a number, so both read alike)."""
    return t(f"{key}_{'one' if n == 1 else 'other'}", lang, n=n, **values)


def sentence(text: str) -> str:
    """A message from the core (written to follow a colon) as a sentence on its own."""
    return text[:1].upper() + text[1:]
