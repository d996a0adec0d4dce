"""``cstr-desktop outcome`` and ``cstr-desktop outcomes``: the court's outcome on a case
from the command line, in the style of the other store commands (contract.md §3: options
after the subcommand, a bad value is one line and exit 2, the audit trail records it)."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from ..cli_parser import UsageError
from ..cli_store import sign_in
from ..form_loader import load_bundle
from ..uk_formats import EntryError, parse_date, parse_time


def _when(parse, text: str | None, option: str) -> str | None:
    if text is None:
        return None
    try:
        return parse(text)
    except EntryError as exc:
        raise UsageError(f"{option}: {exc}") from None


def answers_from(args: argparse.Namespace, listed_day: str) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "outcome_result": args.result,
        "outcome_date": _when(parse_date, args.date, "--date") or listed_day,
        "outcome_time_sentenced": _when(parse_time, args.time, "--time"),
        "outcome_sentence": args.sentence, "outcome_order_months": args.months,
        "outcome_recommendation_followed": args.followed,
        "outcome_court_said": args.court_said,
        "outcome_adjourned_to": _when(parse_date, args.adjourned_to, "--adjourned-to"),
        "outcome_adjournment_reason": args.reason,
        "outcome_adjournment_other": args.reason_text, "outcome_detail": args.detail}
    codes = []
    for given in args.requirement:
        code, sep, length = given.partition("=")
        if not sep or not length.strip().isdigit():
            raise UsageError(f"--requirement {given!r}: write it as CODE=LENGTH, for example "
                             "mhtr=6")
        codes.append(code.strip())
        answers[f"outcome_length_{code.strip()}"] = int(length)
    if codes:
        answers["outcome_requirements"] = codes
    return {k: v for k, v in answers.items() if v is not None}


def cmd_outcome(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        case = store.case(args.case_number)
        kept = store.record_outcome(load_bundle(), args.case_number,
                                    answers_from(args, case["hearing_date"]), args.corrects)
    if args.json:
        out.write(json.dumps(kept, ensure_ascii=False, indent=1) + "\n")
    elif kept["kind"] == "addendum":
        out.write(f"Recorded the outcome of {args.case_number} as signed addendum "
                  f"{kept['outcome_id']}, to be sent to central records.\n")
    else:
        out.write(f"Recorded the outcome of {args.case_number} with its assessment (it goes "
                  "with the record).\n")
    return 0


def cmd_outcomes(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        found = store.outcomes(args.case_number)
        store.log("outcomes_listed", "case", args.case_number)
    if args.json:
        out.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return 0
    for o in found:
        a = o["answers"]
        parts = [a.get("outcome_date", "?"), a["outcome_result"]]
        parts += [a[k] for k in ("outcome_time_sentenced", "outcome_sentence",
                                 "outcome_adjourned_to", "outcome_adjournment_reason") if k in a]
        parts += [f"{c} {a.get('outcome_length_' + c, '?')}"
                  for c in a.get("outcome_requirements", [])]
        where = "with the assessment" if o["kind"] == "record" else (
            f"addendum {o['outcome_id']}, " + ("received by central" if o["sent_at"]
                                                else "not yet sent"))
        note = " (corrected by a later one)" if o["superseded"] else ""
        out.write(f"{' '.join(str(p) for p in parts)}  [{where}]{note}\n")
    if not found:
        out.write(f"No outcome is recorded for {args.case_number}.\n")
    return 0
