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
    "summary_title": {"en": "Summary for court", "cy": "Crynodeb ar gyfer y llys"},
    "proposed": {"en": "Proposed", "cy": "Arfaethedig"},
    "first_appointment": {"en": "First appointment", "cy": "Apwyntiad cyntaf"},
    "criteria_glance": {"en": "Criteria at a glance", "cy": "Meini prawf yn gryno"},
    "flags": {"en": "Notes for the court", "cy": "Nodiadau i'r llys"},
    "yes": {"en": "Yes", "cy": "Ie"},
    "no": {"en": "No", "cy": "Na"},
    "item": {"en": "Item", "cy": "Eitem"},
    "gates": {"en": "Conditions for any treatment requirement",
              "cy": "Amodau ar gyfer unrhyw ofyniad triniaeth"},
    "assessor_reasons": {"en": "Reasons", "cy": "Rhesymau"},
}


def say(key: str, lang: str = "en", **values: object) -> str:
    text = tr(WORDING[key], lang)
    return text.format(**values) if values else text
