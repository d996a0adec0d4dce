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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .answers import answers_document, read_answers_file
from .court_list import read_court_list
from .demo import create_demo_store
from .folder_lock import FolderLock
from .form_loader import load_bundle
from .paths import default_data_dir
from .store import Store, StoreError, list_backups


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


def folder_lock(args: argparse.Namespace) -> FolderLock:
    """The store's folder, held for this command (StoreBusy when the app has it open)."""
    return FolderLock(data_dir(args), f"the command 'cstr-desktop {args.command}'")


def _existing(args: argparse.Namespace) -> Path:
    if not args.user:
        raise CommandError("sign in with --user NAME (the password comes from CSTR_PASSWORD)")
    folder = data_dir(args)
    if not (folder / "keyslots.json").exists():
        raise CommandError(f"there is no store in {folder}: create one with "
                           "'cstr-desktop init --user NAME' or 'cstr-desktop demo'")
    return folder


@contextmanager
def sign_in(args: argparse.Namespace, env: dict[str, str]) -> Iterator[Store]:
    """The signed-in store, with its folder held until the command is done."""
    folder = _existing(args)
    with folder_lock(args):
        with Store.open(folder, args.user, _password("CSTR_PASSWORD", "Password: ", env)) as store:
            yield store


def recovery_lines(store: Store) -> str:
    return ("\nRECOVERY KEY (shown once: print it or write it down, and keep it locked away; "
            "it opens the store and gives back the administrator's access if every password "
            f"is lost):\n\n    {store.recovery_key}\n\n"
            f"Root key fingerprint (to enrol with central records): {store.root_fingerprint()}\n")


def cmd_init(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    if not args.user:
        raise CommandError("name the first account with --user NAME")
    folder = data_dir(args)
    password = _password("CSTR_PASSWORD", "Password for the new account: ", env, confirm=True)
    with folder_lock(args), Store.create(folder, args.user, password) as store:
        recovery = recovery_lines(store)
    out.write(f"Created an encrypted store in {folder} with the admin account "
              f"'{args.user}'.\n{recovery}")
    return 0


def cmd_user_add(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        password = _password("CSTR_NEW_PASSWORD", f"Password for {args.name}: ", env,
                             confirm=True)
        store.add_account(args.name, password, args.role)
    out.write(f"Added the {args.role} account '{args.name}'.\n")
    return 0


def cmd_user_remove(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        store.remove_account(args.name)
    out.write(f"Removed the account '{args.name}' and re-keyed the store: older copies of the "
              "key file open nothing.\n")
    return 0


def cmd_rekey(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        kept = store.rekey()
    out.write(f"Re-keyed the store and {kept} backup(s): older copies of the key file open "
              "nothing.\n")
    return 0


def cmd_fingerprint(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    from .key_slots import KeySlots

    folder = data_dir(args)
    slots = KeySlots(folder)
    if not slots.exists():
        raise CommandError(f"there is no store in {folder}")
    out.write(f"{slots.read().root_fingerprint}\n")
    return 0


def cmd_recover(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    from .store_recovery import recover

    folder = data_dir(args)
    if not (folder / "keyslots.json").exists():
        raise CommandError(f"there is no store in {folder}")
    text = env.get("CSTR_RECOVERY_KEY") or (getpass.getpass("Recovery key: ")
                                            if sys.stdin.isatty() else "")
    if not text:
        raise CommandError("no recovery key: set CSTR_RECOVERY_KEY or run at a terminal")
    with folder_lock(args):
        try:
            new = _password("CSTR_NEW_PASSWORD", "New password: ", env, confirm=True)
            store = recover(folder, text, new)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        with store:
            name = store.user.username
    out.write(f"The administrator account '{name}' has a new password.\n")
    return 0


def cmd_upgrade(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    from .upgrade import upgrade

    folder = _existing(args)
    with folder_lock(args):
        result = upgrade(folder, args.user, _password("CSTR_PASSWORD", "Password: ", env))
        recovery = recovery_lines(result.store)
        result.store.close()
    out.write(f"Upgraded the store in {folder}: '{args.user}' holds the root key; every "
              "account is certified and the database re-keyed.\n")
    if result.passwords:
        out.write("Each other account has a one-time password (give it to its owner, who "
                  "changes it at once with File > Change my password):\n")
        for name, role, password in result.passwords:
            out.write(f"  {role:<9} {name:<20} {password}\n")
    out.write(recovery)
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


def cmd_demo(args: argparse.Namespace, out: TextIO, env: dict[str, str],
             countersigned: Callable[..., object] | None = None) -> int:
    folder = data_dir(args)
    with folder_lock(args):
        accounts, cases = create_demo_store(folder, load_bundle(), countersigned=countersigned)
    out.write(f"Created a demo store in {folder} with {cases} fictional cases for today.\n"
              "Demo sign-ins (fictional data only):\n")
    for name, role, password in accounts:
        out.write(f"  {role:<9} {name:<14} password: {password}\n")
    return 0


def cmd_import_list(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    cases = read_court_list(args.csv)
    with sign_in(args, env) as store:
        if args.dry_run:
            plan = store.plan_court_list(cases)
            store.log("court_list_previewed", "cases", None, reason=plan.summary())
        else:
            plan = store.import_court_list(cases)
    listed = plural(len(cases), "listed case")
    if args.dry_run:
        out.write(f"Dry run, nothing was changed. Importing {listed} would give: "
                  f"{plan.summary()}.\n")
    else:
        out.write(f"Imported {listed}: {plan.summary()}.\n")
    for line in plan.lines():
        out.write(line + "\n")
    return 0


def plural(n: int, noun: str, many: str | None = None) -> str:
    """ "1 case", "2 cases" (or the plural given)."""
    return f"{n} {noun if n == 1 else many or noun + 's'}"


def cmd_cases(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        rows = store.cases(day=args.date, search=args.search)
        store.log("cases_listed", reason=f"date={args.date or '-'} search="
                                          f"{'yes' if args.search else 'no'}")
    if args.json:
        json.dump([{**{k: v for k, v in r.items() if k not in ("assessment_id", "outcome")},
                    "outcome": r["outcome"]["answers"] if r.get("outcome") else None}
                   for r in rows], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    for r in rows:
        name = f"{r['family_name']}, {r['given_names']}"
        out.write(f"{r['hearing_date']} {r['list_time'] or '':5} {r['courtroom'] or '':>4}  "
                  f"{r['case_number']:<16} {name:<36} {r['status']}\n")
    out.write(f"{plural(len(rows), 'case')}\n")
    return 0


def cmd_import_answers(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    bundle = load_bundle()
    answers = read_answers_file(args.file, bundle)
    with sign_in(args, env) as store:
        assessment = store.start_assessment(bundle, args.case)
        changed = store.import_answers(bundle, assessment, answers)
    out.write(f"Recorded {plural(changed, 'answer')} for case {args.case}.\n")
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
            # Personal data: readable by its owner only (0600).
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
            os.chmod(path, 0o600)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror}") from None
        store.log("export", "assessment", row["id"], reason=f"answers file {path.name}")
    out.write(f"Wrote {path}.\n")
    return 0


def cmd_audit_verify(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        report = store.verify_audit()
        store.log("audit_verified" if report.ok else "audit_verify_failed",
                  reason=None if report.ok else report.problem[:500])
        restores = [e for e in store.db["audit"].rows_where(
            "action = 'store_restored'", order_by="seq")]
    for notice in report.notices:
        out.write(f"Note: {notice}.\n")
    for entry in restores:
        out.write(f"Note: entry {entry['seq']}, {entry['at'][:16]}: {entry['reason']}.\n")
    if report.ok:
        out.write(f"The audit trail is intact: {report.entries} entries, every signature "
                  "verified, and the head and count match the store and the key file.\n")
        return 0
    for extra in report.problems[1:6]:
        out.write(f"Also: {extra}.\n")
    where = f" at entry {report.first_bad_seq}" if report.first_bad_seq else ""
    raise CheckFailed(f"the audit trail is broken{where}: {report.problem}")


def cmd_verify(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    with sign_in(args, env) as store:
        found = store.find_verification(args.code)
        store.log("verification_checked", reason=args.code)
    if found is None:
        raise CheckFailed(f"no countersigned report in this store has the code {args.code}")
    if found["problem"]:
        raise CheckFailed(f"{found['verification']} is recorded for case {found['case_number']}, "
                          f"version {found['version']}, but it does not verify: "
                          f"{found['problem']}. Treat the paper copy as unconfirmed")
    language = {"en": "English", "cy": "Welsh", "both": "English and Welsh"}[found["lang"]]
    copy = "the one report" if found["reader"] in (None, "all") else \
        f"the {found['reader']} copy"
    out.write(f"{found['verification']} is the countersigned report of case "
              f"{found['case_number']}, version {found['version']} ({copy}, {language}), "
              f"countersigned by {found['countersigned_by']} at {found['countersigned_at']}.\n")
    if found.get("legacy"):
        out.write("It was countersigned before signatures existed: the administrator who "
                  "upgraded the store attested it, and its content is unchanged since.\n")
    if found["superseded"]:
        out.write(f"It has since been amended: the record is now version "
                  f"{found['current_version']} ({found['status']}).\n")
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    """Put a checked backup in place: an administrator's sign-in while the store still
    opens; any account's password when it does not (it unlocks the key that checks the
    backup)."""
    from .store_recovery import restore

    folder = data_dir(args)
    if not list_backups(folder) and not args.backup:
        raise CommandError(f"there is no backup in {folder}")
    if not args.user:
        raise CommandError("sign in with --user NAME to restore (an administrator, unless the "
                           "store cannot be opened)")
    with folder_lock(args):
        done = restore(folder, args.user, _password("CSTR_PASSWORD", "Password: ", env),
                       Path(args.backup) if args.backup else None)
    for skipped in done.skipped:
        out.write(f"Skipped: {skipped}.\n")
    if done.key_file_from:
        out.write(f"The key file was damaged: put back the copy kept with "
                  f"{done.key_file_from.name}.\n")
    if not done.store_replaced:
        out.write("The store itself was not damaged and stays as it was.\n")
        return 0
    kept = ", ".join(p.name for p in done.kept) or "nothing to keep"
    if done.entries_before is None:
        lost = f"; it holds {done.entries_after} audit entries"
    elif done.entries_before > done.entries_after:
        lost = (f"; the audit trail went back from {done.entries_before} to "
                f"{done.entries_after} entries")
    else:
        lost = f"; no audit entry was lost ({done.entries_after} entries)"
    out.write(f"Restored {done.backup.name}{lost}. Kept aside: {kept}. The restore is in "
              "the audit trail.\n")
    return 0


def environment() -> dict[str, str]:
    return dict(os.environ)
