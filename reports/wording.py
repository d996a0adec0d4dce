"""The report's own wording in English and Welsh.

Labels of questions and choices come from the form files; these are the
report's headings and fixed phrases.
"""

from __future__ import annotations

from cstr_desktop.local_text import tr

WORDING: dict[str, dict[str, str]] = {
    "title": {"en": "Assessment for a Community Sentence Treatment Requirement",
              "cy": "Asesiad ar gyfer Gofyniad Triniaeth Dedfryd Gymunedol"},
    "subtitle": {"en": "For the attention of the Probation Service and the Court",
                 "cy": "At sylw'r Gwasanaeth Prawf a'r Llys"},
    "draft": {"en": "DRAFT", "cy": "DRAFFT"},
    "amended": {"en": "AMENDED", "cy": "DIWYGIWYD"},
    "page_of": {"en": "Page {page} of {pages}", "cy": "Tudalen {page} o {pages}"},
    "author": {"en": "Author", "cy": "Awdur"},
    "generated": {"en": "Generated", "cy": "Cynhyrchwyd"},
    "case": {"en": "Case", "cy": "Achos"},
    "s_identifiers": {"en": "Identifiers and listing", "cy": "Manylion adnabod a rhestru"},
    "s_offences": {"en": "Offences and conviction", "cy": "Troseddau a chollfarn"},
    "s_sources": {"en": "Sources of information", "cy": "Ffynonellau gwybodaeth"},
    "s_needs": {"en": "Presenting needs and history", "cy": "Anghenion presennol a hanes"},
    "s_measures": {"en": "Standardised measures", "cy": "Mesurau safonol"},
    "s_risk": {"en": "Risk and safety", "cy": "Risg a diogelwch"},
    "s_opinion": {"en": "Opinion against the statutory criteria",
                  "cy": "Barn yn erbyn y meini prawf statudol"},
    "s_arrangements": {"en": "Arrangements", "cy": "Trefniadau"},
    "s_willingness": {"en": "Willingness and consent", "cy": "Parodrwydd a chydsyniad"},
    "s_recommendation": {"en": "Recommendation", "cy": "Argymhelliad"},
    "s_signatures": {"en": "Signatures", "cy": "Llofnodion"},
    "s_distribution": {"en": "Distribution", "cy": "Dosbarthu"},
    "name": {"en": "Name", "cy": "Enw"},
    "age": {"en": "Age on the hearing date", "cy": "Oed ar ddyddiad y gwrandawiad"},
    "instrument": {"en": "Measure", "cy": "Mesur"},
    "score": {"en": "Score", "cy": "Sgôr"},
    "band": {"en": "Band", "cy": "Band"},
    "key_items": {"en": "Key items", "cy": "Eitemau allweddol"},
    "incomplete": {"en": "incomplete", "cy": "anghyflawn"},
    "not_given": {"en": "Not given", "cy": "Heb ei roi"},
    "alerts": {"en": "Alerts", "cy": "Rhybuddion"},
    "criterion": {"en": "Criterion", "cy": "Maen prawf"},
    "finding": {"en": "Finding", "cy": "Canfyddiad"},
    "met": {"en": "Met", "cy": "Wedi'i fodloni"},
    "not_met": {"en": "Not met", "cy": "Heb ei fodloni"},
    "open": {"en": "Not answered", "cy": "Heb ei ateb"},
    "status_eligible": {"en": "All criteria met", "cy": "Pob maen prawf wedi'i fodloni"},
    "status_not_eligible": {"en": "Not all criteria met", "cy": "Nid yw pob maen prawf wedi'i "
                                                                "fodloni"},
    "status_incomplete": {"en": "Criteria not all answered", "cy": "Nid yw pob maen prawf "
                                                                   "wedi'i ateb"},
    "assessor": {"en": "Assessor", "cy": "Asesydd"},
    "countersigned": {"en": "Countersigned by", "cy": "Wedi'i gydlofnodi gan"},
    "not_countersigned": {"en": "Not yet countersigned: this report is a draft.",
                          "cy": "Heb ei gydlofnodi eto: drafft yw'r adroddiad hwn."},
    "verification": {"en": "Verification code", "cy": "Cod dilysu"},
    "audit_trail": {"en": "Audit trail when countersigned", "cy": "Trywydd archwilio wrth "
                    "gydlofnodi"},
    "audit_entries": {"en": "{n} entries, newest {head}", "cy": "{n} cofnod, y diweddaraf "
                      "{head}"},
    "verification_help": {"en": "Check this code against the record to confirm that this "
                                "paper copy is the countersigned report.",
                          "cy": "Gwiriwch y cod hwn yn erbyn y cofnod i gadarnhau mai'r "
                                "copi papur hwn yw'r adroddiad a gydlofnodwyd."},
    "distribution_text": {"en": "Probation court team; defence and prosecution through the "
                                "probation disclosure; the court; the treatment provider; the "
                                "GP (where the person agreed).",
                          "cy": "Tîm prawf y llys; yr amddiffyniad a'r erlyniad drwy "
                                "ddatgeliad y gwasanaeth prawf; y llys; y darparwr triniaeth; "
                                "y meddyg teulu (lle cytunodd yr unigolyn)."},
    "read_note": {"en": "Written on the basis that the person assessed will read it.",
                  "cy": "Wedi'i ysgrifennu ar y sail y bydd yr unigolyn a aseswyd yn ei "
                        "ddarllen."},
    "amendment": {"en": "Amended after countersignature. Reason", "cy": "Diwygiwyd ar ôl "
                  "cydlofnodi. Rheswm"},
    "nothing_recorded": {"en": "Nothing recorded.", "cy": "Dim wedi'i gofnodi."},
    "continued_in_report": {"en": "given in full in the court report",
                            "cy": "wedi'i roi yn llawn yn adroddiad y llys"},
    "reason_below": {"en": "Given in full below the table.",
                     "cy": "Wedi'i roi yn llawn o dan y tabl."},
    "summary_title": {"en": "Summary for court", "cy": "Crynodeb ar gyfer y llys"},
    "proposed": {"en": "Proposed", "cy": "Arfaethedig"},
    "first_appointment": {"en": "First appointment", "cy": "Apwyntiad cyntaf"},
    "criteria_glance": {"en": "Criteria at a glance", "cy": "Meini prawf yn gryno"},
    "flags": {"en": "Notes", "cy": "Nodiadau"},
    "yes": {"en": "Yes", "cy": "Ie"},
    "no": {"en": "No", "cy": "Na"},
    "item": {"en": "Item", "cy": "Eitem"},
    "gates": {"en": "Conditions for any treatment requirement",
              "cy": "Amodau ar gyfer unrhyw ofyniad triniaeth"},
    "assessor_reasons": {"en": "Reasons", "cy": "Rhesymau"},
}


WORDING.update({
    "caveat": {"en": "Each score is a screening score, not a diagnosis.",
               "cy": "Sgôr sgrinio yw pob sgôr, nid diagnosis."},
    "band_caveat": {"en": "Band (a screening score, not a diagnosis)",
                    "cy": "Band (sgôr sgrinio, nid diagnosis)"},
    "asked_in": {"en": "Asked in", "cy": "Iaith"},
    "copy_for": {"en": "Copy for", "cy": "Copi i"},
    "withheld": {"en": "Some information has been left out of this copy at the person's "
                       "request.",
                 "cy": "Mae rhywfaint o wybodaeth wedi'i gadael allan o'r copi hwn ar gais yr "
                       "unigolyn."},
    "notice_title": {"en": "Notice: this assessment cannot be shared with the court",
                     "cy": "Hysbysiad: ni ellir rhannu'r asesiad hwn â'r llys"},
    "notice_text_no": {"en": "The person was assessed for a community sentence treatment "
                             "requirement, but did not agree to the assessment being shared "
                             "with {reader}. For that reason this copy holds no scores, answers "
                             "or opinion. The probation court team can advise the court on the "
                             "next steps.",
                       "cy": "Cafodd yr unigolyn ei asesu ar gyfer gofyniad triniaeth dedfryd "
                             "gymunedol, ond ni chytunodd i rannu'r asesiad â {reader}. Am y "
                             "rheswm hwnnw, nid oes sgoriau, atebion na barn yn y copi hwn. "
                             "Gall tîm prawf y llys gynghori'r llys ar y camau nesaf."},
    "notice_text_unknown": {"en": "The person's agreement to the assessment being shared with "
                                  "{reader} has not been recorded. Until it is, this copy holds "
                                  "no scores, answers or opinion. The probation court team can "
                                  "advise the court on the next steps.",
                            "cy": "Nid yw cytundeb yr unigolyn i rannu'r asesiad â {reader} wedi'i "
                                  "gofnodi. Hyd nes y caiff ei gofnodi, nid oes sgoriau, atebion "
                                  "na barn yn y copi hwn. Gall tîm prawf y llys gynghori'r llys "
                                  "ar y camau nesaf."},
    "declined_title": {"en": "No assessment took place", "cy": "Ni chynhaliwyd asesiad"},
    "declined_text": {"en": "The person was offered an assessment for a community sentence "
                            "treatment requirement for the hearing on {date} and declined it. No "
                            "assessment took place, so no opinion is given on the statutory "
                            "criteria for any treatment requirement.",
                      "cy": "Cynigiwyd asesiad i'r unigolyn ar gyfer gofyniad triniaeth dedfryd "
                            "gymunedol ar gyfer y gwrandawiad ar {date}, a gwrthododd. Ni "
                            "chynhaliwyd asesiad, felly ni roddir barn ar y meini prawf statudol "
                            "ar gyfer unrhyw ofyniad triniaeth."},
    "risk_identified": {"en": "Risk to self was identified at this assessment.",
                        "cy": "Nodwyd risg i'r hunan yn yr asesiad hwn."},
    "risk_actions": {"en": "Immediate actions taken: {actions}.",
                     "cy": "Camau a gymerwyd ar unwaith: {actions}."},
    "risk_no_actions": {"en": "No immediate actions were recorded.",
                        "cy": "Ni chofnodwyd unrhyw gamau ar unwaith."},
    "risk_details_in": {"en": "The details are in the {copy}.",
                        "cy": "Mae'r manylion yn y {copy}."},
    "risk_not_identified": {"en": "No risk to self was identified at this assessment.",
                            "cy": "Ni nodwyd risg i'r hunan yn yr asesiad hwn."},
    "risk_not_assessed": {"en": "Risk to self was not recorded at this assessment.",
                          "cy": "Ni chofnodwyd risg i'r hunan yn yr asesiad hwn."},
    "age_convicted": {"en": "Age when convicted", "cy": "Oed pan gafodd ei gollfarnu"},
    "court": {"en": "Court", "cy": "Llys"},
    "offence": {"en": "Main offence", "cy": "Y brif drosedd"},
    "hearing": {"en": "Hearing date", "cy": "Dyddiad y gwrandawiad"},
    "profession": {"en": "Profession", "cy": "Proffesiwn"},
    "registration": {"en": "Registration", "cy": "Cofrestriad"},
    "supervisor": {"en": "Supervising clinician", "cy": "Clinigydd goruchwylio"},
    "recommended": {"en": "Recommended", "cy": "Argymhellir"},
    "not_recommended": {"en": "Considered, not recommended", "cy": "Wedi'i ystyried, heb ei "
                                                                   "argymell"},
    "nothing_recommended": {"en": "No treatment requirement is recommended.",
                            "cy": "Nid argymhellir unrhyw ofyniad triniaeth."},
    "open_warnings": {"en": "Open warnings: this draft cannot be countersigned until they are "
                            "resolved",
                      "cy": "Rhybuddion agored: ni ellir cydlofnodi'r drafft hwn nes eu datrys"},
    "status_not_assessed": {"en": "Not assessed (the person declined)",
                            "cy": "Heb ei asesu (gwrthododd yr unigolyn)"},
    "this_copy": {"en": "This copy is for {reader}.", "cy": "Mae'r copi hwn ar gyfer {reader}."},
    "notes": {"en": "Notes", "cy": "Nodiadau"},
    "period": {"en": "Period", "cy": "Cyfnod"},
    "arrangements_none": {"en": "No arrangements recorded.", "cy": "Dim trefniadau wedi'u "
                                                                  "cofnodi."},
})

# The protective marking, in each language (the marking itself is set per deployment).
MARKINGS = {"OFFICIAL": {"en": "OFFICIAL", "cy": "SWYDDOGOL"},
            "OFFICIAL-SENSITIVE": {"en": "OFFICIAL-SENSITIVE", "cy": "SWYDDOGOL-SENSITIF"}}


def marking_text(marking: str, lang: str) -> str:
    """The marking in a language: SWYDDOGOL-SENSITIF on a Welsh page; a marking the app
    does not know is printed as it was set."""
    return MARKINGS.get(marking, {}).get(lang, marking)


def say(key: str, lang: str = "en", **values: object) -> str:
    text = tr(WORDING[key], lang)
    return text.format(**values) if values else text
