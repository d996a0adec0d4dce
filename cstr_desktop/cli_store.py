"""The store commands of ``cstr-desktop`` (contract.md section 3).

Each signs in as ``--user`` with the password from ``CSTR_PASSWORD`` (or a
prompt at a terminal; never an argument) and is written to the audit trail.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from .answers import answers_document, read_answers_file
from .court_list import read_court_list
from .demo import create_demo_store
from .form_loader import load_bundle
from .paths import default_data_dir
from .store import Store, StoreError, list_backups, restore_backup


class CommandError(StoreError):
    """Bad use of a store command (exit 2)."""


class CheckFailed(Exception):
    """A check found a fault (exit 1)."""


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()


def _password(variable: str, prompt: str, env: dict[str, str], confirm: bool = False) -> str:
    value = env.get(variable)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CommandError(f"no password: set {variable} or run at a terminal")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != value:
        raise CommandError("the two passwords differ")
    return value


def sign_in(args: argparse.Namespace, env: dict[str, str]) -> Store:
    if not args.user:
        raise CommandError("sign in with --user NAME (the password comes from CSTR_PASSWORD)")
    folder = data_dir(args)
    if not (folder / "keyslots.json").exists():
        raise CommandError(f"there is no store in {folder}: create one with "
                           "'cstr-desktop init --user NAME' or 'cstr-desktop demo'")
    return Store.open(folder, args.user, _password("CSTR_PASSWORD", "Password: ", env))


def cmd_init(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    if not args.user:
        raise CommandError("name the first account with --user NAME")
    folder = data_dir(args)
    password = _password("CSTR_PASSWORD", "Password for the new account: ", env, confirm=True)
    with Store.create(folder, args.user, password):
        pass
    out.write(f"Created an encrypted store in {folder} with the admin account "
              f"'{args.user}'.\n")
    return 0


def cmd_user_add(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        password = _password("CSTR_NEW_PASSWORD", f"Password for {args.name}: ", env,
                             confirm=True)
        store.add_account(args.name, password, args.role)
    out.write(f"Added the {args.role} account '{args.name}'.\n")
    return 0


def cmd_user_profile(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    given = {field: getattr(args, field) for field in ("full_name", "profession",
                                                      "registration", "supervisor")
             if getattr(args, field) is not None}
    if not given:
        raise CommandError("give at least one of --full-name, --profession, --registration, "
                           "--supervisor")
    with sign_in(args, env) as store:
        account = store.set_profile(args.name, **given)
    out.write(f"Profile of '{args.name}': " + "; ".join(
        f"{field.replace('_', ' ')} {getattr(account, field) or '-'}"
        for field in ("full_name", "profession", "registration", "supervisor")) + ".\n")
    return 0


def cmd_marking(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        if args.value is not None:
            store.set_marking(args.value)
        marking = store.marking()
    out.write(f"Protective marking: {marking}\n")
    return 0


def cmd_demo(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    folder = data_dir(args)
    accounts, cases = create_demo_store(folder, load_bundle())
    out.write(f"Created a demo store in {folder} with {cases} fictional cases for today.\n"
              "Demo sign-ins (fictional data only):\n")
    for name, role, password in accounts:
        out.write(f"  {role:<9} {name:<14} password: {password}\n")
    return 0


def cmd_import_list(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    cases = read_court_list(args.csv)
    with sign_in(args, env) as store:
        plan = store.import_court_list(cases)
    out.write(f"Imported {len(cases)} listed case(s): {plan.summary()}.\n")
    for case, diff in plan.changed:
        changes = ", ".join(f"{k} {a or '-'} -> {b or '-'}" for k, (a, b) in diff.items())
        out.write(f"  changed {case.case_number}: {changes}\n")
    for case_number in plan.removed:
        out.write(f"  removed {case_number}\n")
    return 0


def cmd_cases(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        rows = store.cases(day=args.date, search=args.search)
        store.log("cases_listed", reason=f"date={args.date or '-'} search="
                                          f"{'yes' if args.search else 'no'}")
    if args.json:
        json.dump([{k: v for k, v in r.items() if k != "assessment_id"} for r in rows], out,
                  ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for r in rows:
        name = f"{r['family_name']}, {r['given_names']}"
        out.write(f"{r['hearing_date']} {r['list_time'] or '':5} {r['courtroom'] or '':>4}  "
                  f"{r['case_number']:<16} {name:<36} {r['status']}\n")
    out.write(f"{len(rows)} case(s)\n")
    return 0


def cmd_import_answers(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    bundle = load_bundle()
    answers = read_answers_file(args.file, bundle)
    with sign_in(args, env) as store:
        assessment = store.start_assessment(bundle, args.case)
        changed = store.import_answers(bundle, assessment, answers)
    out.write(f"Recorded {changed} answer(s) for case {args.case}.\n")
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        row = store.assessment_for_case(args.case_number)
        document = answers_document(store.answers(row["id"]))
        document.update({"case_number": args.case_number, "status": row["status"],
                         "version": row["version"], "form_id": row["form_id"],
                         "form_version": row["form_version"],
                         "content_hash": row["content_hash"]})
        path = Path(args.out)
        try:
            path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror}") from None
        store.log("export", "assessment", row["id"], reason=f"answers file {path.name}")
    out.write(f"Wrote {path}.\n")
    return 0


def cmd_audit_verify(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        report = store.verify_audit()
        if report.ok:
            store.log("audit_verified")
    if report.ok:
        out.write(f"The audit trail is intact: {report.entries} entries.\n")
        return 0
    raise CheckFailed(f"the audit trail is broken at entry {report.first_bad_seq}: "
                      f"{report.problem}")


def cmd_verify(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        found = store.find_verification(args.code)
        store.log("verification_checked", reason=args.code)
    if found is None:
        raise CheckFailed(f"no countersigned report in this store has the code {args.code}")
    language = {"en": "English", "cy": "Welsh", "both": "English and Welsh"}[found["lang"]]
    copy = "the one report" if found["reader"] in (None, "all") else \
        f"the {found['reader']} copy"
    out.write(f"{found['verification']} is the countersigned report of case "
              f"{found['case_number']}, version {found['version']} ({copy}, {language}), "
              f"countersigned by {found['countersigned_by']} at {found['countersigned_at']}.\n")
    if found["superseded"]:
        out.write(f"It has since been amended: the record is now version "
                  f"{found['current_version']} ({found['status']}).\n")
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    folder = data_dir(args)
    if not list_backups(folder) and not args.backup:
        raise CommandError(f"there is no backup in {folder}")
    used = restore_backup(folder, Path(args.backup) if args.backup else None)
    out.write(f"Restored {used.name}; the damaged file was kept beside it.\n")
    return 0


def environment() -> dict[str, str]:
    return dict(os.environ)
