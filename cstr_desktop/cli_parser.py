"""The ``cstr-desktop`` argument parser: argparse only, so that starting the app stays quick.

Each command names its handler; :mod:`cstr_desktop.cli` imports it when the
command runs.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from . import __version__


class UsageError(Exception):
    """Bad command-line use; reported in one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cstr-desktop",
        description="CSTR Court Day: on-the-day assessment for treatment requirements.",
    )
    parser.add_argument("--version", action="version", version=f"cstr-desktop {__version__}")
    parser.add_argument("--data-dir", help="the folder of the local store (default: the "
                                           "platform's user data folder)")
    parser.add_argument("--check-start", action="store_true",
                        help="start the desktop app up to its sign-in window, then quit "
                             "(exit 0): checks an installation")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    assess = sub.add_parser("assess", help="score instruments and check the statutory "
                                           "criteria for one answers file")
    assess.add_argument("file", metavar="FILE", help="an answers file (cstr-answers/1 JSON)")
    assess.add_argument("--json", action="store_true", help="print the result as JSON")
    add_store_commands(sub)
    return parser


def add_store_commands(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, metavar="DIR",
                        help="the store's folder (default: the user data folder)")
    common.add_argument("--user", default=None, metavar="NAME", help="the account to sign in")

    p = sub.add_parser("init", parents=[common], help="create the encrypted store and its "
                                                      "first account (admin)")
    p.set_defaults(handler="cmd_init")
    p = sub.add_parser("user", parents=[common], help="manage accounts")
    user_sub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", parents=[common], help="add an account")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=("assessor", "reviewer", "admin"))
    add.set_defaults(handler="cmd_user_add")
    remove = user_sub.add_parser("remove", parents=[common], help="remove an account (and "
                                                                  "re-key the store)")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler="cmd_user_remove")
    profile = user_sub.add_parser("profile", parents=[common], help="set the name, profession, "
                                  "registration and supervising clinician printed where the "
                                  "account signs a report")
    profile.add_argument("name", metavar="NAME")
    for option, what in (("--full-name", "the name as printed"),
                         ("--profession", "e.g. 'Mental health nurse'"),
                         ("--registration", "e.g. 'NMC 12A3456E' or 'HCPC PYL01234'"),
                         ("--supervisor", "the supervising clinician, with registration")):
        profile.add_argument(option, help=what)
    profile.set_defaults(handler="cmd_user_profile")
    p = sub.add_parser("marking", parents=[common], help="show or set the protective marking "
                                                         "printed on reports (administrators)")
    p.add_argument("value", metavar="MARKING", nargs="?",
                   help="e.g. OFFICIAL-SENSITIVE (the default) or OFFICIAL")
    p.set_defaults(handler="cmd_marking")
    p = sub.add_parser("demo", parents=[common], help="create a demo store with a fictional "
                                                      "court day")
    p.set_defaults(handler="cmd_demo")
    p = sub.add_parser("import-list", parents=[common], help="import a court list (CSV)")
    p.add_argument("csv", metavar="CSV")
    p.add_argument("--dry-run", action="store_true", help="print what the import would add, "
                   "change and remove, and change nothing")
    p.set_defaults(handler="cmd_import_list")
    p = sub.add_parser("cases", parents=[common], help="list cases")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--search", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler="cmd_cases")
    p = sub.add_parser("import-answers", parents=[common], help="record an answers file "
                                                                "against a listed case")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--case", required=True, metavar="CASE_NUMBER")
    p.set_defaults(handler="cmd_import_answers")
    p = sub.add_parser("export", parents=[common], help="write a case's answers file")
    p.add_argument("case_number", metavar="CASE_NUMBER")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler="cmd_export")
    p = sub.add_parser("report", parents=[common], help="render the court report to a PDF "
                                                        "(from an answers file or a case)")
    p.add_argument("file", metavar="FILE", nargs="?", help="an answers file")
    p.add_argument("--case", metavar="CASE_NUMBER", help="a case in the store instead")
    p.add_argument("--out", required=True, metavar="PDF")
    p.add_argument("--lang", choices=("en", "cy", "both"), help="default: bilingual when the "
                   "person chose Welsh, otherwise English")
    p.add_argument("--for", dest="reader", choices=("court", "probation", "provider"),
                   help="the reader's copy (default: court); each needs the person's "
                        "agreement to share with that reader")
    p.add_argument("--summary", action="store_true", help="the one-page summary card instead")
    p.set_defaults(handler="report")
    p = sub.add_parser("verify", parents=[common], help="check a paper report's verification "
                                                        "code against the store")
    p.add_argument("code", metavar="CODE", help="the code printed on the report "
                                                "(e.g. BAGC-MTCZ-IRCA-GAFQ)")
    p.set_defaults(handler="cmd_verify")
    p = sub.add_parser("audit-verify", parents=[common], help="check the audit trail's "
                                                              "hash chain")
    p.set_defaults(handler="cmd_audit_verify")
    p = sub.add_parser("restore", parents=[common], help="put the newest good backup in place "
                                                         "(an administrator, unless the store "
                                                         "cannot be opened)")
    p.add_argument("--backup", metavar="FILE", help="a particular backup (default: the newest)")
    p.set_defaults(handler="cmd_restore")
    p = sub.add_parser("rekey", parents=[common], help="re-encrypt the store and its backups "
                                                       "under a new key (administrator)")
    p.set_defaults(handler="cmd_rekey")
    p = sub.add_parser("fingerprint", parents=[common], help="print the store's root key "
                                                             "fingerprint")
    p.set_defaults(handler="cmd_fingerprint")
    p = sub.add_parser("recover", parents=[common], help="every password lost: a new password "
                       "for the first administrator, with the recovery key (CSTR_RECOVERY_KEY)")
    p.set_defaults(handler="cmd_recover")
    p = sub.add_parser("upgrade", parents=[common], help="upgrade a store made by an earlier "
                                                         "version (administrator)")
    p.set_defaults(handler="cmd_upgrade")
    from .sync.command_line import add_parsers

    add_parsers(sub, common)
    from .outcomes.cli_args import add_commands as add_outcome_commands

    add_outcome_commands(sub, common)


