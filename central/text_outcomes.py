"""The office pages' texts about outcomes, follow-ups, the dashboard and the steering
report, in English and Welsh (merged into ``central.text.TEXT``)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "nav_dashboard": ("Dashboard", "Dangosfwrdd"),
    "nav_follow_ups": ("Import follow-ups", "Mewnforio dilyniant"),
    # The court outcome on a record's page
    "outcome_title": ("Outcome at court", "Canlyniad yn y llys"),
    "outcome_none": ("No court outcome has been recorded for this assessment yet.",
                     "Nid oes canlyniad llys wedi'i gofnodi ar gyfer yr asesiad hwn eto."),
    "outcome_from_record": ("Recorded in the assessment", "Wedi'i gofnodi yn yr asesiad"),
    "outcome_from_addendum": ("Recorded after approval (signed addendum)",
                              "Wedi'i gofnodi ar ôl cymeradwyo (atodiad wedi'i lofnodi)"),
    "outcome_state_counted": ("Counted", "Yn cyfrif"),
    "outcome_state_replaced": ("Replaced by a later outcome",
                               "Disodlwyd gan ganlyniad diweddarach"),
    "outcome_state_quarantined": ("Quarantined", "Mewn cwarantîn"),
    "outcome_state_rejected": ("Rejected", "Gwrthodwyd"),
    "outcome_state_unusable": ("Not counted", "Ddim yn cyfrif"),
    "outcome_signed": ("Signed by {who} at {at}; received {received}.",
                       "Llofnodwyd gan {who} am {at}; daeth i law {received}."),
    "outcome_result": ("Outcome", "Canlyniad"),
    "outcome_adjourned_to": ("Adjourned to", "Gohiriwyd tan"),
    "outcome_reason": ("Why", "Pam"),
    "outcome_sentence": ("Sentence", "Dedfryd"),
    "outcome_requirements": ("Requirements imposed", "Gofynion a osodwyd"),
    "outcome_followed": ("Recommendation followed", "Dilynwyd yr argymhelliad"),
    "outcome_court_said": ("What the court said", "Beth ddywedodd y llys"),
    "outcome_detail": ("Details", "Manylion"),
    "not_given": ("not given", "heb ei roi"),
    "months_n": ("{n} months", "{n} mis"),
    "result_sentenced": ("Sentenced", "Dedfrydwyd"),
    "result_adjourned": ("Adjourned", "Gohiriwyd"),
    "result_remanded": ("Remanded", "Remandiwyd"),
    "result_other": ("Other", "Arall"),
    "reason_awaiting_assessment": ("Awaiting assessment", "Yn aros am asesiad"),
    "reason_report_not_ready": ("Report not ready", "Adroddiad heb fod yn barod"),
    "reason_no_treatment_place": ("No treatment place", "Dim lle triniaeth"),
    "reason_other": ("Other", "Arall"),
    "sentence_community_order": ("Community order", "Gorchymyn cymunedol"),
    "sentence_suspended_sentence_order": ("Suspended sentence order",
                                          "Gorchymyn dedfryd ohiriedig"),
    "sentence_custody": ("Immediate custody", "Carchar ar unwaith"),
    "sentence_other": ("Other", "Arall"),
    "followed_yes": ("Yes", "Do"),
    "followed_partly": ("In part", "Yn rhannol"),
    "followed_no": ("No", "Naddo"),
    "end_completed": ("Completed", "Cwblhawyd"),
    "end_revoked": ("Revoked", "Dirymwyd"),
    "end_transferred": ("Transferred to another area", "Trosglwyddwyd i ardal arall"),
    "counts_as": ("In the figures: assessed on {assessed}.",
                  "Yn y ffigurau: aseswyd ar {assessed}."),
    "counts_sentenced": ("Sentenced on {on}.", "Dedfrydwyd ar {on}."),
    "counts_on_day": ("(on the day of the assessment)", "(ar ddiwrnod yr asesiad)"),
    "counts_cstr": ("Treatment requirements: {which}.", "Gofynion triniaeth: {which}."),
    # What happened next
    "next_title": ("What happened next", "Beth ddigwyddodd nesaf"),
    "next_intro": ("Record the start of treatment and the order's progress. Treatment "
                   "providers' files can also be imported.",
                   "Cofnodwch ddechrau'r driniaeth a hynt y gorchymyn. Gellir hefyd fewnforio "
                   "ffeiliau darparwyr triniaeth."),
    "next_import_link": ("Import a CSV file", "Mewnforio ffeil CSV"),
    "follow_saved": ("Saved: {n} values changed.", "Cadwyd: newidiwyd {n} gwerth."),
    "fu_problems": ("There is a problem", "Mae problem"),
    "fu_no_order_yet": ("No order with a treatment requirement is recorded yet: the "
                        "requirements below are all three, in case.",
                        "Nid oes gorchymyn gyda gofyniad triniaeth wedi'i gofnodi eto: mae'r "
                        "gofynion isod yn cynnwys y tri, rhag ofn."),
    "fu_treatment_legend": ("{name}: starting treatment", "{name}: dechrau triniaeth"),
    "fu_order_legend": ("The order", "Y gorchymyn"),
    "fu_first_date": ("First appointment offered: its date",
                      "Apwyntiad cyntaf a gynigiwyd: ei ddyddiad"),
    "fu_first_date_hint": ("The date of the first treatment appointment offered.",
                           "Dyddiad yr apwyntiad triniaeth cyntaf a gynigiwyd."),
    "fu_first_attended": ("Attended the first appointment?", "Wedi mynychu'r apwyntiad cyntaf?"),
    "fu_not_recorded": ("Not recorded yet", "Heb ei gofnodi eto"),
    "fu_attended_yes": ("Attended", "Wedi mynychu"),
    "fu_attended_no": ("Did not attend", "Heb fynychu"),
    "fu_notified_date": ("Attendance notified to probation on",
                         "Hysbyswyd y gwasanaeth prawf am bresenoldeb ar"),
    "fu_notified_date_hint": ("The provider tells probation; probation decides on warnings.",
                              "Mae'r darparwr yn dweud wrth y gwasanaeth prawf; y gwasanaeth "
                              "prawf sy'n penderfynu ar rybuddion."),
    "fu_warnings": ("Warnings given so far", "Rhybuddion a roddwyd hyd yma"),
    "fu_warnings_hint": ("The number of warnings (Sentencing Act 2020, Sch. 10 para 6).",
                         "Nifer y rhybuddion (Deddf Dedfrydu 2020, Atod. 10 para 6)."),
    "fu_breach_date": ("Breach proceedings: date referred", "Achos torri amodau: dyddiad cyfeirio"),
    "fu_breach_date_hint": ("Leave blank if there have been none.",
                            "Gadewch yn wag os na fu dim."),
    "fu_end_status": ("How the order ended", "Sut y daeth y gorchymyn i ben"),
    "fu_ongoing": ("Not ended", "Heb ddod i ben"),
    "fu_end_date": ("Date it ended", "Y dyddiad y daeth i ben"),
    "fu_phq9_end": ("PHQ-9 total at the end of treatment",
                    "Cyfanswm PHQ-9 ar ddiwedd y driniaeth"),
    "fu_gad7_end": ("GAD-7 total at the end of treatment",
                    "Cyfanswm GAD-7 ar ddiwedd y driniaeth"),
    "fu_audit_end": ("AUDIT total at the end of treatment",
                     "Cyfanswm AUDIT ar ddiwedd y driniaeth"),
    "fu_range": ("A whole number from 0 to {high}.", "Rhif cyfan o 0 i {high}."),
    "fu_save": ("Save what happened next", "Cadw beth ddigwyddodd nesaf"),
    # Problems with values (page and CSV)
    "fu_bad_date": ("'{value}' is not a date (YYYY-MM-DD)",
                    "nid yw '{value}' yn ddyddiad (BBBB-MM-DD)"),
    "fu_future": ("{value} is too far in the future", "mae {value} yn rhy bell yn y dyfodol"),
    "fu_bad_yes_no": ("'{value}' is not yes or no", "nid yw '{value}' yn yes neu no"),
    "fu_bad_end": ("'{value}' is not completed, revoked or transferred",
                   "nid yw '{value}' yn completed, revoked neu transferred"),
    "fu_bad_number": ("'{value}' is not a whole number from 0 to {high}",
                      "nid yw '{value}' yn rhif cyfan o 0 i {high}"),
    "fu_end_pair": ("how the order ended and the date it ended go together",
                    "mae sut y daeth y gorchymyn i ben a'r dyddiad yn mynd gyda'i gilydd"),
    "fu_before_sentence": ("is before the sentence on {sentenced}",
                           "mae cyn y ddedfryd ar {sentenced}"),
    "fu_attended_needs_date": ("attendance needs the first appointment's date",
                               "mae presenoldeb angen dyddiad yr apwyntiad cyntaf"),
    "fu_notified_needs_date": ("a notification needs the first appointment's date",
                               "mae hysbysiad angen dyddiad yr apwyntiad cyntaf"),
    "fu_notified_before": ("is before the first appointment", "mae cyn yr apwyntiad cyntaf"),
    # CSV import
    "import_title": ("Import what happened next", "Mewnforio beth ddigwyddodd nesaf"),
    "import_intro": ("A CSV file from a treatment provider or probation: first "
                     "appointments, attendance, warnings, breach proceedings, how orders "
                     "ended and the scores at the end of treatment. Every row is checked "
                     "first: a file with any bad row changes nothing, and each bad row is "
                     "named.",
                     "Ffeil CSV gan ddarparwr triniaeth neu'r gwasanaeth prawf: apwyntiadau "
                     "cyntaf, presenoldeb, rhybuddion, achosion torri amodau, sut y daeth "
                     "gorchmynion i ben a'r sgorau ar ddiwedd y driniaeth. Caiff pob rhes ei "
                     "gwirio yn gyntaf: nid yw ffeil ag unrhyw res wael yn newid dim, ac "
                     "enwir pob rhes wael."),
    "import_file": ("CSV file", "Ffeil CSV"),
    "import_file_hint": ("UTF-8, with a header row; at most 5 MiB.",
                         "UTF-8, gyda rhes pennawd; 5 MiB ar y mwyaf."),
    "import_button": ("Check and import", "Gwirio a mewnforio"),
    "import_done": ("{file}: {rows} rows imported for {cases} cases; {changed} values "
                    "changed.", "{file}: mewnforiwyd {rows} rhes ar gyfer {cases} achos; "
                    "newidiwyd {changed} gwerth."),
    "import_refused": ("Nothing was imported from {file}", "Ni fewnforiwyd dim o {file}"),
    "import_format": ("The file's format", "Fformat y ffeil"),
    "import_format_intro": ("Column names are not case-sensitive and may come in any order. "
                            "A blank cell leaves what central holds as it is. Dates are "
                            "YYYY-MM-DD.",
                            "Nid yw enwau colofnau yn sensitif i briflythrennau a gallant "
                            "ddod mewn unrhyw drefn. Mae cell wag yn gadael yr hyn sydd gan y "
                            "canol fel y mae. Mae dyddiadau ar ffurf BBBB-MM-DD."),
    "import_columns_caption": ("Columns", "Colofnau"),
    "import_example": ("For example:", "Er enghraifft:"),
    "col_column": ("Column", "Colofn"),
    "col_meaning": ("What it holds", "Beth sydd ynddi"),
    "csvcol_case_number": ("Required. The case number, as on the court list.",
                           "Gofynnol. Rhif yr achos, fel ar restr y llys."),
    "csvcol_assessment_id": ("Only when central holds two assessments for one case number: "
                             "which one (its id, shown on the record's page).",
                             "Dim ond pan fydd gan y canol ddau asesiad ar gyfer un rhif "
                             "achos: pa un (ei rif adnabod, a ddangosir ar dudalen y cofnod)."),
    "csvcol_requirement": ("mhtr, drr or atr: needed for the three columns about the first "
                           "appointment.", "mhtr, drr neu atr: ei angen ar gyfer y tair "
                           "colofn am yr apwyntiad cyntaf."),
    "csvcol_first_appointment_date": ("The date of the first treatment appointment offered.",
                                      "Dyddiad yr apwyntiad triniaeth cyntaf a gynigiwyd."),
    "csvcol_first_appointment_attended": ("yes or no.", "yes neu no."),
    "csvcol_attendance_notified_date": ("The date attendance was notified to probation.",
                                        "Y dyddiad yr hysbyswyd y gwasanaeth prawf am "
                                        "bresenoldeb."),
    "csvcol_warnings": ("The number of warnings given so far.",
                        "Nifer y rhybuddion a roddwyd hyd yma."),
    "csvcol_breach_proceedings_date": ("The date the case was referred for breach "
                                       "proceedings.", "Y dyddiad y cyfeiriwyd yr achos ar "
                                       "gyfer achos torri amodau."),
    "csvcol_order_end": ("completed, revoked or transferred.",
                         "completed, revoked neu transferred."),
    "csvcol_order_end_date": ("The date the order ended (with order_end).",
                              "Y dyddiad y daeth y gorchymyn i ben (gydag order_end)."),
    "csvcol_phq9_end": ("PHQ-9 total at the end of treatment, 0 to 27.",
                        "Cyfanswm PHQ-9 ar ddiwedd y driniaeth, 0 i 27."),
    "csvcol_gad7_end": ("GAD-7 total at the end of treatment, 0 to 21.",
                        "Cyfanswm GAD-7 ar ddiwedd y driniaeth, 0 i 21."),
    "csvcol_audit_end": ("AUDIT total at the end of treatment, 0 to 40.",
                         "Cyfanswm AUDIT ar ddiwedd y driniaeth, 0 i 40."),
    "csv_no_file": ("Choose a CSV file to import.", "Dewiswch ffeil CSV i'w mewnforio."),
    "csv_too_big": ("the file is larger than {mib} MiB", "mae'r ffeil yn fwy na {mib} MiB"),
    "csv_not_utf8": ("the file is not UTF-8 text (byte {byte}); save it as 'CSV UTF-8'",
                     "nid testun UTF-8 yw'r ffeil (beit {byte}); cadwch hi fel 'CSV UTF-8'"),
    "csv_not_csv": ("the file is not valid CSV: {detail}", "nid yw'r ffeil yn CSV dilys: "
                    "{detail}"),
    "csv_empty": ("the file is empty: a header row is required",
                  "mae'r ffeil yn wag: mae angen rhes pennawd"),
    "csv_no_rows": ("the file has a header but no rows",
                    "mae gan y ffeil bennawd ond dim rhesi"),
    "csv_too_many": ("the file has more than {most} rows: split it",
                     "mae gan y ffeil fwy na {most} rhes: rhannwch hi"),
    "csv_missing_column": ("header: missing column {column}",
                           "pennawd: colofn {column} ar goll"),
    "csv_unknown_columns": ("header: unknown column(s): {columns}",
                            "pennawd: colofn(au) anhysbys: {columns}"),
    "csv_repeated_columns": ("header: column(s) given twice: {columns}",
                             "pennawd: colofn(au) a roddwyd ddwywaith: {columns}"),
    "csv_row": ("row {row}: {reasons}", "rhes {row}: {reasons}"),
    "csv_field_count": ("has {got} fields, the header has {want}",
                        "mae ganddi {got} maes, mae gan y pennawd {want}"),
    "csv_no_case": ("case_number is empty", "mae case_number yn wag"),
    "csv_unknown_case": ("central holds no accepted record with case number {case}",
                         "nid oes gan y canol gofnod wedi'i dderbyn gyda rhif achos {case}"),
    "csv_wrong_assessment": ("assessment_id {id} is not an assessment of case {case}",
                             "nid yw assessment_id {id} yn asesiad o achos {case}"),
    "csv_ambiguous": ("case {case} has {n} assessments at central: add the assessment_id "
                      "column", "mae gan achos {case} {n} asesiad yn y canol: ychwanegwch y "
                      "golofn assessment_id"),
    "csv_requirement_needed": ("requirement (mhtr, drr or atr) is needed for {columns}",
                               "mae angen requirement (mhtr, drr neu atr) ar gyfer {columns}"),
    "csv_bad_requirement": ("requirement '{value}' is not mhtr, drr or atr",
                            "nid yw requirement '{value}' yn mhtr, drr neu atr"),
    "csv_not_imposed": ("the order recorded for this case has no {requirement}",
                        "nid oes {requirement} yn y gorchymyn a gofnodwyd ar gyfer yr achos "
                        "hwn"),
    "csv_repeat": ("repeats row {row} for the same case and requirement",
                   "yn ailadrodd rhes {row} ar gyfer yr un achos a gofyniad"),
    # The quarantine's outcome addenda
    "quarantine_outcomes": ("Court outcomes waiting for a decision",
                            "Canlyniadau llys yn aros am benderfyniad"),
    "quarantine_outcomes_intro": ("Outcome addenda that did not verify or conflict with one "
                                  "already held. Accept one to count it, or reject it with a "
                                  "reason.",
                                  "Atodiadau canlyniad na chawsant eu dilysu neu sy'n "
                                  "gwrthdaro ag un sydd eisoes wedi'i gadw. Derbyniwch un i'w "
                                  "gyfrif, neu ei wrthod gyda rheswm."),
    "outcome_need_reason": ("Give a reason to reject the outcome.",
                            "Rhowch reswm i wrthod y canlyniad."),
    "outcome_need_decision": ("Choose accept or reject.", "Dewiswch dderbyn neu wrthod."),
    "outcome_unusable": ("Its answers are not a usable outcome: reject it.",
                         "Nid yw ei atebion yn ganlyniad defnyddiadwy: gwrthodwch ef."),
    "outcome_accept_done": ("The outcome was accepted and now counts.",
                            "Derbyniwyd y canlyniad ac mae'n cyfrif nawr."),
    "outcome_reject_done": ("The outcome was rejected. It is kept.",
                            "Gwrthodwyd y canlyniad. Fe'i cedwir."),
    "outcome_decision_accept": ("Accept: it then counts", "Derbyn: mae'n cyfrif wedyn"),
    # The dashboard
    "dash_title": ("Dashboard", "Dangosfwrdd"),
    "dash_heading": ("{period}: {scope}", "{period}: {scope}"),
    "dash_intro": ("How CSTRs are working: the steering group's figures from the records at "
                   "central, each with how it is counted. Figures here are exact; the "
                   "steering report shows counts from 1 to 4 as <5.",
                   "Sut mae CSTRs yn gweithio: ffigurau'r grŵp llywio o'r cofnodion yn y "
                   "canol, pob un gyda sut y caiff ei gyfrif. Mae'r ffigurau yma'n union; "
                   "mae'r adroddiad llywio yn dangos cyfrifon o 1 i 4 fel <5."),
    "dash_all_courts": ("All courts", "Pob llys"),
    "dash_filters": ("Choose the period and the court", "Dewiswch y cyfnod a'r llys"),
    "dash_period": ("Period", "Cyfnod"),
    "dash_months": ("Months", "Misoedd"),
    "dash_quarters": ("Quarters", "Chwarteri"),
    "dash_years": ("Years", "Blynyddoedd"),
    "dash_court": ("Court", "Llys"),
    "dash_show": ("Show", "Dangos"),
    "dash_col_figure": ("Figure", "Ffigur"),
    "dash_col_value": ("This period", "Y cyfnod hwn"),
    "dash_col_rolling": ("12 months to its end", "12 mis hyd at ei ddiwedd"),
    "dash_col_formula": ("How it is counted", "Sut y caiff ei gyfrif"),
    "dash_trend": ("Twelve months", "Deuddeg mis"),
    "dash_counts_caption": ("Assessments, orders with a CSTR and orders completed, by month.",
                            "Asesiadau, gorchmynion gyda CSTR a gorchmynion a gwblhawyd, fesul "
                            "mis."),
    "dash_rates_caption": ("Sentenced on the day, first appointment attended and failed to "
                           "comply, by month (dotted lines: the pilots' figures).",
                           "Dedfrydwyd ar y diwrnod, mynychwyd yr apwyntiad cyntaf a methu "
                           "cydymffurfio, fesul mis (llinellau dotiog: ffigurau'r cynlluniau "
                           "peilot)."),
    "dash_chart_numbers": ("The numbers in this chart", "Y rhifau yn y siart hwn"),
    "dash_breakdowns": ("Breakdowns", "Dadansoddiadau"),
    "dash_category": ("Which", "Pa un"),
    "dash_count": ("Number", "Nifer"),
    "dash_none": ("None in this period.", "Dim yn y cyfnod hwn."),
    "dash_courts": ("Court by court", "Fesul llys"),
    "dash_uncertain": ("[UNCERTAIN] A first appointment in this period was counted with a "
                       "year whose bank holidays are not published: the count of working days "
                       "may miss a holiday.",
                       "[ANSICR] Cyfrifwyd apwyntiad cyntaf yn y cyfnod hwn gyda blwyddyn nad "
                       "yw ei gwyliau banc wedi'u cyhoeddi: gall cyfrif y diwrnodau gwaith "
                       "fethu gŵyl."),
    "dash_steering_title": ("The steering group's report", "Adroddiad y grŵp llywio"),
    "dash_steering_intro": ("A PDF of these figures and charts for the month, with a box for "
                            "commentary. Counts from 1 to 4 are shown as <5 in it.",
                            "PDF o'r ffigurau a'r siartiau hyn ar gyfer y mis, gyda blwch ar "
                            "gyfer sylwadau. Dangosir cyfrifon o 1 i 4 fel <5 ynddo."),
    "dash_report_month": ("Month", "Mis"),
    "dash_report_lang": ("Language", "Iaith"),
    "steer_lang_en": ("English", "Saesneg"),
    "steer_lang_cy": ("Welsh", "Cymraeg"),
    "steer_lang_both": ("English and Welsh", "Saesneg a Chymraeg"),
    "dash_commentary": ("Commentary (optional)", "Sylwadau (dewisol)"),
    "dash_commentary_hint": ("A few lines for the group. No names or case details: the "
                             "report leaves the building. Left empty, the box is printed for "
                             "writing on.",
                             "Ychydig linellau i'r grŵp. Dim enwau na manylion achos: mae'r "
                             "adroddiad yn gadael yr adeilad. Os caiff ei adael yn wag, caiff "
                             "y blwch ei argraffu i ysgrifennu arno."),
    "dash_make_pdf": ("Make the steering report (PDF)", "Gwneud yr adroddiad llywio (PDF)"),
    "dash_month_only": ("The steering report is monthly: choose a month.",
                        "Mae'r adroddiad llywio yn fisol: dewiswch fis."),
    # The steering report (PDF)
    "steer_title": ("CSTR steering group report", "Adroddiad grŵp llywio CSTR"),
    "steer_as_at": ("Figures from central records as at {at}.",
                    "Ffigurau o'r cofnodion canolog fel yr oeddent ar {at}."),
    "steer_made": ("Made {at} by cstr-central", "Gwnaed {at} gan cstr-central"),
    "steer_suppression": ("Counts from 1 to 4 are shown as <5, and a percentage or average "
                          "resting on one is not shown (–), so that no one can be picked "
                          "out.",
                          "Dangosir cyfrifon o 1 i 4 fel <5, ac ni ddangosir canran na "
                          "chyfartaledd sy'n dibynnu ar un (–), fel na ellir adnabod neb."),
    "steer_commentary": ("Commentary", "Sylwadau"),
    "steer_commentary_hint": ("For the steering group's comments.",
                              "Ar gyfer sylwadau'r grŵp llywio."),
    "steer_col_figure": ("Figure and how it is counted", "Ffigur a sut y caiff ei gyfrif"),
    "steer_col_rolling": ("12 months to date", "12 mis hyd yma"),
    "steer_notes": ("Notes", "Nodiadau"),
    "steer_working_days": ("Working days are Monday to Friday except bank holidays in England "
                           "and Wales, as listed in central's data "
                           "(central/data/bank_holidays.yaml). The 5th working day after a "
                           "Friday is the next Friday.",
                           "Diwrnodau gwaith yw dydd Llun i ddydd Gwener ac eithrio gwyliau "
                           "banc yng Nghymru a Lloegr, fel y'u rhestrir yn nata'r canol "
                           "(central/data/bank_holidays.yaml). Y 5ed diwrnod gwaith ar ôl dydd "
                           "Gwener yw'r dydd Gwener nesaf."),
    "steer_definitions": ("Each figure's definition is data (central/data/kpis.yaml); an "
                          "assessment counts once, in its newest version received, and only "
                          "when it verified.",
                          "Mae diffiniad pob ffigur yn ddata (central/data/kpis.yaml); mae "
                          "asesiad yn cyfrif unwaith, yn ei fersiwn ddiweddaraf a ddaeth i "
                          "law, a dim ond pan gafodd ei ddilysu."),
    # Audit actions
    "action_outcome_receive": ("court outcome received", "canlyniad llys wedi dod i law"),
    "action_outcome_accept": ("accepted a court outcome", "wedi derbyn canlyniad llys"),
    "action_outcome_reject": ("rejected a court outcome", "wedi gwrthod canlyniad llys"),
    "action_follow_up_change": ("changed what happened next",
                                "wedi newid beth ddigwyddodd nesaf"),
    "action_follow_up_import": ("imported follow-ups", "wedi mewnforio dilyniant"),
    "action_steering_report": ("made a steering report", "wedi gwneud adroddiad llywio"),
    "action_export_deidentified": ("exported de-identified data",
                                   "wedi allforio data dienw"),
    "action_dashboard_view": ("viewed the dashboard", "wedi gweld y dangosfwrdd"),
}
