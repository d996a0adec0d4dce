"""The words of the outcome at court (issue 13), in British English and Welsh (merged into
:data:`ui.text.TEXT`). The choices' own labels (results, sentences, requirements) are data,
in ``forms/outcomes/``."""

from __future__ import annotations

OUTCOME_TEXT: dict[str, dict[str, str]] = {
    "record_outcome": {"en": "Outcome at court…", "cy": "Canlyniad yn y llys…"},
    "outcome": {"en": "Outcome", "cy": "Canlyniad"},
    "outcome_title": {"en": "Outcome at court", "cy": "Canlyniad yn y llys"},
    "outcome_case": {"en": "{name} · {case} · heard {day}", "cy": "{name} · {case} · gwrandawyd "
                                                                  "{day}"},
    "outcome_goes_with_record": {
        "en": "Saved with the assessment as soon as you press Save, and sent with the record "
              "when it is countersigned.",
        "cy": "Caiff ei gadw gyda'r asesiad cyn gynted ag y pwyswch Cadw, a'i anfon gyda'r "
              "cofnod pan gaiff ei gydlofnodi."},
    "outcome_addendum": {
        "en": "The report is countersigned and is not changed: this outcome is kept as a "
              "signed addendum in your name and sent to central records.",
        "cy": "Mae'r adroddiad wedi'i gydlofnodi ac nid yw'n newid: cedwir y canlyniad hwn "
              "fel atodiad wedi'i lofnodi yn eich enw a'i anfon i'r cofnodion canolog."},
    "outcome_waits": {
        "en": "The assessment is waiting for its countersignature: record the outcome once "
              "it is countersigned, or once it is returned to you.",
        "cy": "Mae'r asesiad yn aros am ei gydlofnod: cofnodwch y canlyniad pan gaiff ei "
              "gydlofnodi, neu pan gaiff ei ddychwelyd atoch."},
    "outcome_not_admin": {"en": "Administrators record no outcome: an assessor does.",
                          "cy": "Nid yw gweinyddwyr yn cofnodi canlyniad: asesydd sy'n "
                                "gwneud hynny."},
    "outcome_reviewer_later": {
        "en": "Until the report is countersigned, the assessor records the outcome with the "
              "assessment.",
        "cy": "Nes i'r adroddiad gael ei gydlofnodi, yr asesydd sy'n cofnodi'r canlyniad gyda'r "
              "asesiad."},
    "outcome_result": {"en": "What happened", "cy": "Beth ddigwyddodd"},
    "outcome_date": {"en": "Date of the hearing", "cy": "Dyddiad y gwrandawiad"},
    "outcome_time_sentenced": {"en": "Time sentenced", "cy": "Amser y ddedfryd"},
    "outcome_sentence": {"en": "Sentence", "cy": "Dedfryd"},
    "outcome_order_months": {"en": "Length of the order", "cy": "Hyd y gorchymyn"},
    "outcome_requirements": {"en": "Requirements imposed, with their lengths",
                             "cy": "Gofynion a osodwyd, gyda'u hyd"},
    "outcome_no_requirements": {"en": "This sentence has no requirements.",
                                "cy": "Nid oes gofynion i'r ddedfryd hon."},
    "outcome_recommendation_followed": {"en": "Was the recommendation made?",
                                        "cy": "A wnaed yr argymhelliad?"},
    "outcome_court_said": {"en": "What the court said", "cy": "Beth ddywedodd y llys"},
    "outcome_court_said_hint": {"en": "Needed when the recommendation was not made in full",
                                "cy": "Angen pan na wnaed yr argymhelliad yn llawn"},
    "outcome_adjourned_to": {"en": "Adjourned to", "cy": "Gohiriwyd tan"},
    "outcome_adjournment_reason": {"en": "Why", "cy": "Pam"},
    "outcome_adjournment_other": {"en": "The other reason", "cy": "Y rheswm arall"},
    "outcome_detail": {"en": "Details (optional)", "cy": "Manylion (dewisol)"},
    "outcome_is": {"en": "This outcome", "cy": "Y canlyniad hwn"},
    "outcome_new": {"en": "is from a hearing (a new outcome)",
                    "cy": "o wrandawiad (canlyniad newydd)"},
    "outcome_corrects": {"en": "corrects: {what}", "cy": "yn cywiro: {what}"},
    "outcome_in_record": {"en": "the outcome saved with the report",
                          "cy": "y canlyniad a gadwyd gyda'r adroddiad"},
    "outcome_save": {"en": "Save outcome", "cy": "Cadw'r canlyniad"},
    "outcome_cancel": {"en": "Cancel", "cy": "Canslo"},
    "outcome_saved": {"en": "Outcome saved for {case}.", "cy": "Canlyniad wedi'i gadw ar gyfer "
                                                               "{case}."},
    "outcome_saved_addendum": {"en": "Outcome saved for {case} as a signed addendum, to be "
                                     "sent to central records.",
                               "cy": "Canlyniad wedi'i gadw ar gyfer {case} fel atodiad wedi'i "
                                     "lofnodi, i'w anfon i'r cofnodion canolog."},
    "outcome_pick_case": {"en": "Choose a case in the list first.",
                          "cy": "Dewiswch achos yn y rhestr yn gyntaf."},
    "outcome_to_send": {"en": "to send", "cy": "i'w anfon"},
    "outcome_at": {"en": "at {time}", "cy": "am {time}"},
    "outcome_to": {"en": "to {day}", "cy": "tan {day}"},
    "unit_one_hours": {"en": "hour", "cy": "awr"},
    "unit_one_days": {"en": "day", "cy": "diwrnod"},
    "unit_one_months": {"en": "month", "cy": "mis"},
    # -- the checks, said again from their codes ---------------------------------------
    "OUT_002": {"en": "Choose what happened: sentenced, adjourned, remanded or other.",
                "cy": "Dewiswch beth ddigwyddodd: dedfrydu, gohirio, remandio neu arall."},
    "OUT_003": {"en": "Give the date as DD/MM/YYYY.", "cy": "Rhowch y dyddiad fel DD/MM/BBBB."},
    "OUT_004": {"en": "The hearing's date cannot be before the sentencing hearing or in the "
                      "future ({hearing}).",
                "cy": "Ni all dyddiad y gwrandawiad fod cyn y gwrandawiad dedfrydu nac yn y "
                      "dyfodol ({hearing})."},
    "OUT_005": {"en": "An adjournment needs the date it is adjourned to.",
                "cy": "Mae gohirio angen y dyddiad y'i gohiriwyd tan."},
    "OUT_006": {"en": "The adjourned date must be on or after the hearing ({hearing}).",
                "cy": "Rhaid i'r dyddiad gohirio fod ar ddyddiad y gwrandawiad ({hearing}) neu "
                      "wedi hynny."},
    "OUT_007": {"en": "Choose why it was adjourned.", "cy": "Dewiswch pam y'i gohiriwyd."},
    "OUT_008": {"en": "Say what the other reason was.", "cy": "Dywedwch beth oedd y rheswm "
                                                              "arall."},
    "OUT_009": {"en": "Choose the sentence.", "cy": "Dewiswch y ddedfryd."},
    "OUT_010": {"en": "Give the time sentenced, for example 12:40.",
                "cy": "Rhowch amser y ddedfryd, er enghraifft 12:40."},
    "OUT_011": {"en": "Say whether the recommendation was made.",
                "cy": "Dywedwch a wnaed yr argymhelliad."},
    "OUT_012": {"en": "Say what the court said, since the recommendation was not made in full.",
                "cy": "Dywedwch beth ddywedodd y llys, gan na wnaed yr argymhelliad yn llawn."},
    "OUT_013": {"en": "The order's length is {low} to {high} months.",
                "cy": "Mae hyd y gorchymyn rhwng {low} a {high} mis."},
    "OUT_014": {"en": "A community order needs at least one requirement: tick those imposed.",
                "cy": "Mae gorchymyn cymunedol angen o leiaf un gofyniad: ticiwch y rhai a "
                      "osodwyd."},
    "OUT_015": {"en": "'{requirement}' is not a requirement of the s.201 table.",
                "cy": "Nid yw '{requirement}' yn un o ofynion tabl a.201."},
    "OUT_016": {"en": "{label}: give a length of {low} to {high} {unit}.",
                "cy": "{label}: rhowch hyd rhwng {low} a {high} {unit}."},
    "OUT_017": {"en": "Custody and other sentences have no requirements: untick them.",
                "cy": "Nid oes gofynion i garchar a dedfrydau eraill: dad-diciwch nhw."},
    "OUT_019": {"en": "The text is too long (at most {limit} characters) or has a control "
                      "character.",
                "cy": "Mae'r testun yn rhy hir (dim mwy na {limit} nod) neu mae ganddo nod "
                      "rheoli."},
    "OUT_021": {"en": "The assessment is waiting for its countersignature: record the outcome "
                      "once it is countersigned, or once it is returned to you.",
                "cy": "Mae'r asesiad yn aros am ei gydlofnod: cofnodwch y canlyniad pan gaiff ei "
                      "gydlofnodi, neu pan gaiff ei ddychwelyd atoch."},
}
