"""Every text the office pages show, in English and Welsh.

A test checks that both languages have every key and that each template uses only
keys found here.
"""

from __future__ import annotations

from central.text_outcomes import TEXT as _OUTCOME_TEXT

LANGS = ("en", "cy")

TEXT: dict[str, tuple[str, str]] = {
    "service": ("CSTR central records", "Cofnodion canolog CSTR"),
    "skip": ("Skip to main content", "Neidio i'r prif gynnwys"),
    "nav_label": ("Main menu", "Prif ddewislen"),
    "nav_records": ("Records", "Cofnodion"),
    "nav_verify": ("Verify a report", "Gwirio adroddiad"),
    "nav_quarantine": ("Quarantine", "Cwarantîn"),
    "nav_devices": ("Devices", "Dyfeisiau"),
    "nav_audit": ("Audit", "Archwilio"),
    "signed_in_as": ("Signed in as {name} ({role})", "Wedi mewngofnodi fel {name} ({role})"),
    "sign_out": ("Sign out", "Allgofnodi"),
    "role_office": ("office", "swyddfa"),
    "role_manager": ("manager", "rheolwr"),
    "role_admin": ("administrator", "gweinyddwr"),
    "marking": ("OFFICIAL-SENSITIVE. Every view of a record is recorded.",
                "SWYDDOGOL-SENSITIF. Cofnodir pob golwg ar gofnod."),
    # Sign in
    "signin_title": ("Sign in", "Mewngofnodi"),
    "signin_intro": ("Sign in with your own office account.",
                     "Mewngofnodwch gyda'ch cyfrif swyddfa eich hun."),
    "username": ("User name", "Enw defnyddiwr"),
    "password": ("Password", "Cyfrinair"),
    "signin_button": ("Sign in", "Mewngofnodi"),
    "signin_wrong": ("The user name or password is wrong.",
                     "Mae'r enw defnyddiwr neu'r cyfrinair yn anghywir."),
    "signin_locked": ("Too many wrong passwords: this account is locked for a few minutes.",
                      "Gormod o gyfrineiriau anghywir: mae'r cyfrif hwn wedi'i gloi am "
                      "ychydig funudau."),
    "signin_expired": ("Your session ended. Sign in again to go on.",
                       "Daeth eich sesiwn i ben. Mewngofnodwch eto i barhau."),
    "signed_out": ("You have signed out.", "Rydych wedi allgofnodi."),
    "csrf_failed": ("The form had expired or did not come from this site. Please try again.",
                    "Roedd y ffurflen wedi dod i ben neu heb ddod o'r wefan hon. "
                    "Rhowch gynnig arall arni."),
    # Records list
    "records_title": ("Records", "Cofnodion"),
    "search_legend": ("Search records", "Chwilio cofnodion"),
    "f_name": ("Name", "Enw"),
    "f_case": ("Case number", "Rhif achos"),
    "f_court": ("Court", "Llys"),
    "f_date": ("Hearing date", "Dyddiad y gwrandawiad"),
    "f_status": ("Status", "Statws"),
    "any_status": ("Any status", "Unrhyw statws"),
    "search_button": ("Search", "Chwilio"),
    "clear_search": ("Clear search", "Clirio'r chwiliad"),
    "records_count": ("{n} records", "{n} cofnod"),
    "records_count_one": ("1 record", "1 cofnod"),
    "no_records": ("No records match this search.", "Nid oes cofnod yn cyfateb i'r chwiliad hwn."),
    "records_caption": ("Records received, newest first", "Cofnodion a dderbyniwyd, y mwyaf "
                        "diweddar yn gyntaf"),
    "col_person": ("Person", "Unigolyn"),
    "col_case": ("Case number", "Rhif achos"),
    "col_court": ("Court", "Llys"),
    "col_hearing": ("Hearing", "Gwrandawiad"),
    "col_version": ("Version", "Fersiwn"),
    "col_received": ("Received", "Cyrhaeddodd"),
    "col_status": ("Status", "Statws"),
    "col_reason": ("Reason", "Rheswm"),
    "col_receipt": ("Receipt", "Derbynneb"),
    "col_hash": ("Content hash", "Stwnsh y cynnwys"),
    "status_accepted": ("Accepted", "Wedi'i dderbyn"),
    "status_quarantined": ("Quarantined", "Mewn cwarantîn"),
    "status_rejected": ("Rejected", "Gwrthodwyd"),
    "status_conflict": ("Conflict", "Gwrthdaro"),
    "pages_label": ("Pages", "Tudalennau"),
    "page_of": ("Page {page} of {pages}", "Tudalen {page} o {pages}"),
    "previous": ("Previous", "Blaenorol"),
    "next": ("Next", "Nesaf"),
    # One record
    "record_summary": ("Summary", "Crynodeb"),
    "case_number": ("Case number", "Rhif achos"),
    "court": ("Court", "Llys"),
    "hearing_date": ("Hearing date", "Dyddiad y gwrandawiad"),
    "date_of_birth": ("Date of birth", "Dyddiad geni"),
    "version": ("Version", "Fersiwn"),
    "version_central": ("{sent} as sent; version {central} at central",
                        "{sent} fel y'i hanfonwyd; fersiwn {central} yn y canol"),
    "form": ("Form", "Ffurflen"),
    "countersigned": ("Countersigned", "Gwrthlofnodwyd"),
    "countersigned_by": ("{who}, {at}", "{who}, {at}"),
    "received": ("Received", "Cyrhaeddodd"),
    "not_verified": ("Not verified", "Heb ei ddilysu"),
    "device": ("Device", "Dyfais"),
    "via_bundle": ("{device} (bundle on removable media)",
                   "{device} (bwndel ar gyfrwng symudadwy)"),
    "content_hash": ("Content hash", "Stwnsh y cynnwys"),
    "quarantine_banner": ("This version is quarantined: {reason}",
                          "Mae'r fersiwn hon mewn cwarantîn: {reason}"),
    "rejected_banner": ("This version was rejected by {who} on {at}: {reason}",
                        "Gwrthodwyd y fersiwn hon gan {who} ar {at}: {reason}"),
    "accepted_by_office": ("Accepted from the quarantine by {who} on {at}.",
                           "Derbyniwyd o'r cwarantîn gan {who} ar {at}."),
    "copies_title": ("Reader copies", "Copïau darllenwyr"),
    "copy_title": ("{reader} copy, {lang}", "Copi {reader}, {lang}"),
    "reader_court": ("Court", "y llys"),
    "reader_probation": ("Probation", "y gwasanaeth prawf"),
    "reader_provider": ("Treatment provider", "y darparwr triniaeth"),
    "lang_en": ("English", "Saesneg"),
    "lang_cy": ("Welsh", "Cymraeg"),
    "lang_both": ("English and Welsh", "Saesneg a Chymraeg"),
    "verification_code": ("Verification code", "Cod dilysu"),
    "open_pdf": ("Open the PDF of the {copy}", "Agor PDF y {copy}"),
    "pdf_frame": ("PDF of the {copy}", "PDF y {copy}"),
    "no_pdf": ("No PDF was sent for this copy.", "Ni anfonwyd PDF ar gyfer y copi hwn."),
    "versions_title": ("Every version of this assessment", "Pob fersiwn o'r asesiad hwn"),
    "this_version": ("(this page)", "(y dudalen hon)"),
    "no_receipt": ("none", "dim"),
    "receipt_title": ("Receipt", "Derbynneb"),
    "receipt_id": ("Receipt id", "Rhif y dderbynneb"),
    "receipt_signed": ("Signed by central's key {fp}", "Wedi'i llofnodi gan allwedd y canol {fp}"),
    "receipt_none": ("No receipt: a receipt is given only to an accepted version.",
                     "Dim derbynneb: dim ond fersiwn a dderbyniwyd sy'n cael derbynneb."),
    "receipt_json": ("The signed receipt", "Y dderbynneb wedi'i llofnodi"),
    "answers_title": ("Answers as sent", "Atebion fel y'u hanfonwyd"),
    "answer_id": ("Item", "Eitem"),
    "answer_value": ("Answer", "Ateb"),
    "views_title": ("Who has seen this record", "Pwy sydd wedi gweld y cofnod hwn"),
    "col_when": ("When", "Pryd"),
    "col_who": ("Who", "Pwy"),
    "col_action": ("What", "Beth"),
    "col_subject": ("Whose record", "Cofnod pwy"),
    "resolve_title": ("Resolve", "Datrys"),
    "resolve_intro": ("Accept this copy as a new version at central (it then gets a "
                      "receipt), or reject it with a reason. Nothing is deleted either way.",
                      "Derbyn y copi hwn fel fersiwn newydd yn y canol (mae'n cael derbynneb "
                      "wedyn), neu ei wrthod gyda rheswm. Ni ddilëir dim y naill ffordd na'r "
                      "llall."),
    "decision": ("Decision", "Penderfyniad"),
    "decision_accept": ("Accept as a new version", "Derbyn fel fersiwn newydd"),
    "decision_reject": ("Reject", "Gwrthod"),
    "resolve_reason": ("Reason (required to reject)", "Rheswm (yn ofynnol i wrthod)"),
    "resolve_button": ("Record the decision", "Cofnodi'r penderfyniad"),
    "resolve_need_reason": ("Give a reason to reject.", "Rhowch reswm i wrthod."),
    "resolve_need_decision": ("Choose accept or reject.", "Dewiswch dderbyn neu wrthod."),
    "resolved_accept": ("Accepted as version {n} at central.",
                        "Derbyniwyd fel fersiwn {n} yn y canol."),
    "resolved_reject": ("Rejected. The copy is kept.", "Gwrthodwyd. Cedwir y copi."),
    # Verify
    "verify_title": ("Verify a paper report", "Gwirio adroddiad papur"),
    "verify_intro": ("Type the verification code printed on the report (16 letters and "
                     "digits; spaces do not matter).",
                     "Teipiwch y cod dilysu sydd wedi'i argraffu ar yr adroddiad (16 llythyren "
                     "a digid; nid yw bylchau'n cyfrif)."),
    "verify_code": ("Verification code", "Cod dilysu"),
    "verify_button": ("Verify", "Gwirio"),
    "verify_bad": ("That is not a verification code: it has 16 letters A to Z and digits "
                   "2 to 7.", "Nid cod dilysu yw hwnnw: mae ganddo 16 llythyren A i Z a "
                   "digidau 2 i 7."),
    "verify_none": ("No record at central has this code.",
                    "Nid oes gan unrhyw gofnod yn y canol y cod hwn."),
    "verify_found": ("This code belongs to the {copy} of version {version} for {person}, "
                     "case {case}.", "Mae'r cod hwn yn perthyn i {copy} fersiwn {version} ar "
                     "gyfer {person}, achos {case}."),
    "verify_ok": ("The record verified when central received it.",
                  "Cafodd y cofnod ei ddilysu pan ddaeth i'r canol."),
    "verify_quarantined": ("Warning: this record is in the quarantine; do not rely on it.",
                           "Rhybudd: mae'r cofnod hwn yn y cwarantîn; peidiwch â dibynnu "
                           "arno."),
    "verify_amended": ("It has been amended since: version {version} is the newest.",
                       "Mae wedi'i ddiwygio ers hynny: fersiwn {version} yw'r diweddaraf."),
    "verify_current": ("It is the newest version central holds.",
                       "Dyma'r fersiwn ddiweddaraf sydd gan y canol."),
    "view_record": ("View the record", "Gweld y cofnod"),
    # Quarantine
    "quarantine_title": ("Quarantine", "Cwarantîn"),
    "quarantine_intro": ("Versions that did not verify, or that conflict with a version "
                         "already held. They are kept until someone resolves them.",
                         "Fersiynau na chawsant eu dilysu, neu sy'n gwrthdaro â fersiwn sydd "
                         "eisoes wedi'i chadw. Fe'u cedwir nes i rywun eu datrys."),
    "quarantine_empty": ("Nothing is waiting in the quarantine.",
                         "Nid oes dim yn aros yn y cwarantîn."),
    "quarantine_caption": ("Versions waiting for a decision", "Fersiynau'n aros am benderfyniad"),
    "resolve_link": ("Resolve {person}, version {version}", "Datrys {person}, fersiwn {version}"),
    # Devices
    "devices_title": ("Devices", "Dyfeisiau"),
    "devices_intro": ("Laptops that may send records. Add a device to get its one-time "
                      "enrolment code; revoke one to stop it at once.",
                      "Gliniaduron sy'n cael anfon cofnodion. Ychwanegwch ddyfais i gael ei "
                      "chod cofrestru untro; dirymwch un i'w hatal ar unwaith."),
    "device_name": ("Device name", "Enw'r ddyfais"),
    "device_name_hint": ("For example the laptop's asset tag.",
                         "Er enghraifft tag ased y gliniadur."),
    "device_add": ("Add device", "Ychwanegu dyfais"),
    "device_added": ("Device {name} added", "Ychwanegwyd y ddyfais {name}"),
    "device_code_intro": ("On the laptop, an administrator enrols it with this code. It "
                          "works once, until {expires}. It is not shown again.",
                          "Ar y gliniadur, mae gweinyddwr yn ei chofrestru gyda'r cod hwn. "
                          "Mae'n gweithio unwaith, tan {expires}. Ni chaiff ei ddangos eto."),
    "device_code": ("Enrolment code", "Cod cofrestru"),
    "devices_caption": ("Devices", "Dyfeisiau"),
    "col_device": ("Device", "Dyfais"),
    "col_enrolled": ("Enrolled", "Cofrestrwyd"),
    "col_key": ("Device key", "Allwedd y ddyfais"),
    "col_root": ("Store root key", "Allwedd wraidd y storfa"),
    "col_last_seen": ("Last seen", "Gwelwyd ddiwethaf"),
    "device_status_pending": ("Waiting for enrolment", "Yn aros i gofrestru"),
    "device_status_active": ("Active", "Gweithredol"),
    "device_status_revoked": ("Revoked", "Wedi'i dirymu"),
    "device_revoke": ("Revoke {name}", "Dirymu {name}"),
    "revoke_title": ("Revoke device {name}?", "Dirymu'r ddyfais {name}?"),
    "revoke_intro": ("The device will be refused from its next request. Records it has "
                     "already sent are kept. This cannot be undone: to use the laptop again, "
                     "add it as a new device.",
                     "Caiff y ddyfais ei gwrthod o'i chais nesaf. Cedwir y cofnodion y mae "
                     "eisoes wedi'u hanfon. Ni ellir dadwneud hyn: i ddefnyddio'r gliniadur "
                     "eto, ychwanegwch hi fel dyfais newydd."),
    "revoke_button": ("Revoke the device", "Dirymu'r ddyfais"),
    "cancel": ("Cancel", "Canslo"),
    "device_revoked": ("Device {name} is revoked.", "Mae'r ddyfais {name} wedi'i dirymu."),
    "never": ("never", "byth"),
    # Audit
    "audit_title": ("Audit", "Archwilio"),
    "audit_intro": ("The newest {n} events: sign-ins, records received and viewed, "
                    "decisions, devices.", "Y {n} digwyddiad diweddaraf: mewngofnodi, "
                    "cofnodion a dderbyniwyd ac a welwyd, penderfyniadau, dyfeisiau."),
    "audit_caption": ("Audit events, newest first", "Digwyddiadau archwilio, y diweddaraf yn "
                      "gyntaf"),
    "audit_filter_actor": ("Who", "Pwy"),
    "audit_filter": ("Show", "Dangos"),
    "action_record_view": ("viewed the record", "wedi gweld y cofnod"),
    "action_copy_open": ("opened a reader copy", "wedi agor copi darllenydd"),
    "action_record_receive": ("record received", "cofnod wedi dod i law"),
    "action_verify_code": ("verified a code", "wedi gwirio cod"),
    "action_quarantine_accept": ("accepted from the quarantine", "wedi derbyn o'r cwarantîn"),
    "action_quarantine_reject": ("rejected from the quarantine", "wedi gwrthod o'r cwarantîn"),
    "action_sign_in": ("signed in", "wedi mewngofnodi"),
    "action_sign_in_failed": ("failed to sign in", "wedi methu mewngofnodi"),
    "action_sign_out": ("signed out", "wedi allgofnodi"),
    "action_device_add": ("added a device", "wedi ychwanegu dyfais"),
    "action_device_enrol": ("device enrolled", "dyfais wedi'i chofrestru"),
    "action_device_revoke": ("revoked a device", "wedi dirymu dyfais"),
    "action_user_add": ("added a user", "wedi ychwanegu defnyddiwr"),
    "action_bundle_import": ("imported a bundle", "wedi mewnforio bwndel"),
    "action_export": ("exported records", "wedi allforio cofnodion"),
    "action_records_list": ("listed records", "wedi rhestru cofnodion"),
    # Errors
    "error_title": ("Sorry, there is a problem", "Mae'n ddrwg gennym, mae problem"),
    "error_403": ("Your role may not open this page.",
                  "Ni chaiff eich rôl agor y dudalen hon."),
    "error_404": ("There is no such page or record.", "Nid oes tudalen na chofnod o'r fath."),
    "back_to_records": ("Back to the records", "Yn ôl i'r cofnodion"),
}

_own = set(TEXT)
TEXT.update(_OUTCOME_TEXT)
assert len(TEXT) == len(_own) + len(_OUTCOME_TEXT), "a text key is defined twice"


def translate(lang: str, key: str, /, **values: object) -> str:
    if key not in TEXT and key.startswith("action_"):  # an action newer than this list
        return key[len("action_"):].replace("_", " ")
    pair = TEXT[key]
    text = pair[1] if lang == "cy" else pair[0]
    return text.format(**values) if values else text
