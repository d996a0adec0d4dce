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

from platformdirs import user_data_dir

from .answers import answers_document, read_answers_file
from .court_list import read_court_list
from .demo import create_demo_store
from .form_loader import load_bundle
from .store import Store, StoreError, list_backups, restore_backup

APP_NAME = "cstr-desktop"


class CommandError(StoreError):
    """Bad use of a store command (exit 2)."""


class CheckFailed(Exception):
    """A check found a fault (exit 1)."""


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


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


def add_store_commands(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, metavar="DIR",
                        help="the store's folder (default: the user data folder)")
    common.add_argument("--user", default=None, metavar="NAME", help="the account to sign in")

    p = sub.add_parser("init", parents=[common], help="create the encrypted store and its "
                                                      "first account (admin)")
    p.set_defaults(handler=cmd_init)
    p = sub.add_parser("user", parents=[common], help="manage accounts")
    user_sub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", parents=[common], help="add an account")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=("assessor", "reviewer", "admin"))
    add.set_defaults(handler=cmd_user_add)
    p = sub.add_parser("demo", parents=[common], help="create a demo store with a fictional "
                                                      "court day")
    p.set_defaults(handler=cmd_demo)
    p = sub.add_parser("import-list", parents=[common], help="import a court list (CSV)")
    p.add_argument("csv", metavar="CSV")
    p.set_defaults(handler=cmd_import_list)
    p = sub.add_parser("cases", parents=[common], help="list cases")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cases)
    p = sub.add_parser("import-answers", parents=[common], help="record an answers file "
                                                                "against a listed case")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--case", required=True, metavar="CASE_NUMBER")
    p.set_defaults(handler=cmd_import_answers)
    p = sub.add_parser("export", parents=[common], help="write a case's answers file")
    p.add_argument("case_number", metavar="CASE_NUMBER")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser("report", parents=[common], help="render the court report to a PDF "
                                                        "(from an answers file or a case)")
    p.add_argument("file", metavar="FILE", nargs="?", help="an answers file")
    p.add_argument("--case", metavar="CASE_NUMBER", help="a case in the store instead")
    p.add_argument("--out", required=True, metavar="PDF")
    p.add_argument("--lang", choices=("en", "cy", "both"), help="default: bilingual when the "
                   "person chose Welsh, otherwise English")
    p.add_argument("--summary", action="store_true", help="the one-page summary card instead")
    p.set_defaults(handler=None, needs="report")
    p = sub.add_parser("audit-verify", parents=[common], help="check the audit trail's "
                                                              "hash chain")
    p.set_defaults(handler=cmd_audit_verify)
    p = sub.add_parser("restore", parents=[common], help="put the newest backup in place of "
                                                         "a damaged store")
    p.add_argument("--backup", metavar="FILE", help="a particular backup (default: the newest)")
    p.set_defaults(handler=cmd_restore)


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


def cmd_restore(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    folder = data_dir(args)
    if not list_backups(folder) and not args.backup:
        raise CommandError(f"there is no backup in {folder}")
    used = restore_backup(folder, Path(args.backup) if args.backup else None)
    out.write(f"Restored {used.name}; the damaged file was kept beside it.\n")
    return 0


def environment() -> dict[str, str]:
    return dict(os.environ)
