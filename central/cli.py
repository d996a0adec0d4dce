"""``cstr-central``: serve, migrate, user add, device add/revoke/list, records, verify,
import-bundle, export (contract.md section 5); the outcome commands (steering-report,
export-deidentified, import-follow-ups, rebuild-facts) are in cli_outcomes.py.

Exit codes: 0 ok, 1 a check failed (no such code; a record quarantined), 2 bad input
(one line on stderr). Options follow the subcommand, in any order.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from central import __version__, cli_outcomes
from central.config import ConfigError, Settings, load


class CliError(Exception):
    """Bad input: one line on stderr, exit 2."""


_OPENED: list = []  # databases opened by this command, closed when it ends


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cstr-central", description="CSTR central records")
    parser.add_argument("--version", action="version", version=f"cstr-central {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--data-dir", help="central's data folder (SQLite database, keys)")
        return p

    serve = command("serve", "serve the API and the office pages")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--tls-cert", help="certificate chain (PEM)")
    serve.add_argument("--tls-key", help="private key of the certificate (PEM)")
    serve.add_argument("--workers", type=int, default=1)
    command("migrate", "bring the database schema up to date")
    user = sub.add_parser("user", help="office accounts").add_subparsers(dest="action",
                                                                          required=True)
    user_add = user.add_parser("add", help="add an office account")
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=("office", "manager", "admin"))
    user_add.add_argument("--data-dir")
    device = sub.add_parser("device", help="laptops").add_subparsers(dest="action",
                                                                     required=True)
    for action, text in (("add", "print a one-time enrolment code"),
                         ("revoke", "stop a device at once")):
        p = device.add_parser(action, help=text)
        p.add_argument("name")
        p.add_argument("--data-dir")
    device_list = device.add_parser("list", help="list devices")
    device_list.add_argument("--json", action="store_true")
    device_list.add_argument("--data-dir")
    records = command("records", "list received versions")
    records.add_argument("--json", action="store_true")
    verify = command("verify", "whose countersigned report a paper code belongs to")
    verify.add_argument("code")
    bundle = command("import-bundle", "take a bundle a laptop wrote without a network")
    bundle.add_argument("file")
    bundle.add_argument("--receipts", help="where to write the receipts file (default: "
                        "beside the bundle, .receipts.json)")
    export = command("export", "records as JSON lines for downstream systems")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.add_argument("--all", action="store_true", help="quarantined versions too")
    cli_outcomes.add_parsers(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load(getattr(args, "data_dir", None))
        handler = HANDLERS[(args.command, getattr(args, "action", None))]
        return handler(args, settings)
    except (CliError, ConfigError) as exc:
        print(f"cstr-central: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        while _OPENED:
            _OPENED.pop().dispose()


def _db(settings: Settings):
    from sqlalchemy.exc import OperationalError

    from central.db import Database

    db = Database(settings)
    _OPENED.append(db)
    try:
        if not db.is_current():
            db.migrate()
            _facts(db)
    except OperationalError as exc:
        raise CliError(f"cannot open the database: {str(exc.orig).strip().splitlines()[0]}"
                       ) from exc
    return db


def _keys(settings: Settings):
    from central.keys import load_keys

    return load_keys(settings.key_dir)


def cmd_serve(args, settings: Settings) -> int:
    from central.serve import ServeError, serve

    db = _db(settings)
    db.dispose()
    try:
        return serve(settings, host=args.host, port=args.port, tls_cert=args.tls_cert,
                     tls_key=args.tls_key, workers=args.workers)
    except ServeError as exc:
        raise CliError(str(exc)) from exc


def _facts(db) -> None:
    """After a migration: the figures' facts for every assessment missing them (those
    received before outcomes existed), or worked out by an older version of the code."""
    from central.facts import rebuild

    done = rebuild(db)
    if done:
        print(f"cstr-central: facts worked out for {done} assessments", file=sys.stderr)


def cmd_migrate(args, settings: Settings) -> int:
    db = _db(settings)
    _facts(db)
    print(f"cstr-central: database at revision {db.revision()} ({_where(settings)})")
    return 0


def _where(settings: Settings) -> str:
    if settings.is_sqlite:
        return f"SQLite {settings.data_dir / 'central.db'}"
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    return f"PostgreSQL {url.host or 'socket'}:{url.port or 5432}/{url.database}"


def _new_password() -> str:
    password = os.environ.get("CSTR_NEW_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise CliError("give the password in CSTR_NEW_PASSWORD (no terminal to ask at)")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Same again: ") != first:
        raise CliError("the two passwords differ")
    return first


def cmd_user_add(args, settings: Settings) -> int:
    from central import users
    from central.audit import Actor

    password = _new_password()
    db = _db(settings)
    try:
        with db.write() as session:
            user = users.add_user(session, args.name, args.role, password,
                                  Actor.command_line())
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    print(f"cstr-central: user {user.username} added ({user.role})")
    return 0


def cmd_device_add(args, settings: Settings) -> int:
    from central.audit import Actor
    from central.devices import DeviceError, add_device

    db = _db(settings)
    try:
        with db.write() as session:
            device, code = add_device(session, args.name, Actor.command_line())
    except DeviceError as exc:
        raise CliError(exc.message) from exc
    print(code)
    print(f"cstr-central: enrolment code for device '{device.name}': it works once, until "
          f"{device.code_expires_at} (24 hours)", file=sys.stderr)
    return 0


def cmd_device_revoke(args, settings: Settings) -> int:
    from central.audit import Actor
    from central.devices import DeviceError, revoke_device

    db = _db(settings)
    try:
        with db.write() as session:
            device = revoke_device(session, args.name, Actor.command_line())
    except DeviceError as exc:
        raise CliError(exc.message) from exc
    print(f"cstr-central: device '{device.name}' is revoked")
    return 0


def cmd_device_list(args, settings: Settings) -> int:
    from central.devices import list_devices

    db = _db(settings)
    with db.read() as session:
        rows = [{"name": d.name, "id": d.id, "status": d.status, "enrolled_at": d.enrolled_at,
                 "revoked_at": d.revoked_at, "last_seen_at": d.last_seen_at,
                 "key_fingerprint": d.key_fingerprint, "root_fingerprint": d.root_fingerprint}
                for d in list_devices(session)]
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        for row in rows:
            print(f"{row['name']:<30} {row['status']:<8} {row['enrolled_at'] or ''}")
    return 0


def cmd_records(args, settings: Settings) -> int:
    from central.exporting import record_rows

    db = _db(settings)
    rows = record_rows(db)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(f"{row['received_at']}  {row['case_number'] or '':<16} v{row['version']:<3} "
                  f"{row['status']:<12} {row['uuid']}")
    return 0


def cmd_verify(args, settings: Settings) -> int:
    from central.audit import Actor, record_event
    from central.canonical import normalise_code, show_code
    from central.office_records import lookup_code

    code = normalise_code(args.code)
    if code is None:
        raise CliError("not a verification code: 16 letters A-Z and digits 2-7, "
                       "e.g. ABCD-EFGH-IJKL-MNOP")
    db = _db(settings)
    with db.write() as session:
        result = lookup_code(session, code)
        record_event(session, Actor.command_line(), "verify_code", result.get("row"),
                     detail={"code": show_code(code)})
    if "row" not in result:
        print(f"No record at central has the code {show_code(code)}.")
        return 1
    row = result["row"]
    print(f"{show_code(code)}: the {result['copy_key']} copy of {row.family_name}, "
          f"{row.given_names}, case {row.case_number}, {row.court_name}, hearing "
          f"{row.hearing_date}: version {row.version}, countersigned by {row.countersigner} "
          f"at {row.countersigned_at}; received {row.received_at}.")
    if result["newest"]:
        print(f"It has been amended since: version {result['newest']} is the newest.")
    if row.status != "accepted":
        print(f"But this record is QUARANTINED ({row.reason}): do not rely on it.")
        return 1
    return 0


def cmd_import_bundle(args, settings: Settings) -> int:
    from central.exporting import BundleImportError, import_bundle

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such file: {path}")
    out = Path(args.receipts) if args.receipts else path.with_name(path.name + ".receipts.json")
    db = _db(settings)
    try:
        summary = import_bundle(db, _keys(settings), path.read_bytes(), out)
    except BundleImportError as exc:
        raise CliError(str(exc)) from exc
    counts = ", ".join(f"{n} {status}" for status, n in sorted(summary.items()))
    print(f"cstr-central: bundle imported: {counts}; receipts written to {out}")
    return 0 if set(summary) <= {"accepted", "duplicate"} else 1


def cmd_export(args, settings: Settings) -> int:
    from central.exporting import export_lines

    db = _db(settings)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            n = export_lines(db, out, include_quarantined=args.all)
        print(f"cstr-central: {n} records written to {args.out}", file=sys.stderr)
    else:
        export_lines(db, sys.stdout, include_quarantined=args.all)
    return 0


HANDLERS = {("serve", None): cmd_serve, ("migrate", None): cmd_migrate,
            ("user", "add"): cmd_user_add, ("device", "add"): cmd_device_add,
            ("device", "revoke"): cmd_device_revoke, ("device", "list"): cmd_device_list,
            ("records", None): cmd_records, ("verify", None): cmd_verify,
            ("import-bundle", None): cmd_import_bundle, ("export", None): cmd_export,
            **cli_outcomes.HANDLERS}
