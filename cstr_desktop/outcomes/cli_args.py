"""The ``outcome`` and ``outcomes`` commands' arguments: argparse only, so that building the
command line's parser (and so starting the app) loads nothing else. The values are checked
when the outcome is (``check_outcome``: coded errors, exit 2); the choices are listed in
docs/outcomes.md and ``forms/outcomes/``."""

from __future__ import annotations

import argparse

RESULTS = ("sentenced", "adjourned", "remanded", "other")


def add_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("outcome", parents=[common], help="record the court's outcome on a "
                       "case (with the assessment before approval, as a signed addendum after)")
    p.add_argument("case_number", metavar="CASE_NUMBER")
    p.add_argument("--result", required=True, choices=RESULTS)
    p.add_argument("--date", metavar="DATE", help="the hearing's date (default: the listed "
                                                   "day)")
    p.add_argument("--time", metavar="HH:MM", help="the time sentenced")
    p.add_argument("--sentence", metavar="SENTENCE", help="community_order, "
                   "suspended_sentence_order, custody or other")
    p.add_argument("--months", type=int, metavar="N", help="the order's length in months")
    p.add_argument("--requirement", action="append", default=[], metavar="CODE=LENGTH",
                   help="a requirement of the s.201 table imposed, and its length in its unit "
                        "(repeat): mhtr=6 (months), unpaid_work=120 (hours), ...")
    p.add_argument("--followed", metavar="yes|partly|no",
                   help="whether the recommendation was made")
    p.add_argument("--court-said", metavar="TEXT", help="what the court said, when not as "
                                                       "recommended")
    p.add_argument("--adjourned-to", metavar="DATE")
    p.add_argument("--reason", metavar="REASON", help="awaiting_assessment, report_not_ready, "
                                                      "no_treatment_place or other")
    p.add_argument("--reason-text", metavar="TEXT", help="the reason, when it is 'other'")
    p.add_argument("--detail", metavar="TEXT")
    p.add_argument("--corrects", metavar="OUTCOME_ID", help="an earlier addendum's id, or "
                   "'record', that this one corrects (after approval)")
    p.add_argument("--json", action="store_true", help="print what was kept as JSON")
    p.set_defaults(handler=".outcomes.cli_outcomes:cmd_outcome")
    p = sub.add_parser("outcomes", parents=[common], help="list the outcomes recorded on a "
                                                          "case")
    p.add_argument("case_number", metavar="CASE_NUMBER")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=".outcomes.cli_outcomes:cmd_outcomes")
