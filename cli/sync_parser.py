"""The sync commands' arguments (argparse only: building the parser loads no store)."""

from __future__ import annotations

import argparse

from cstr_desktop.sync.settings import DEFAULT_GRACE_DAYS


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("enrol", parents=[common], help="enrol this laptop with central "
                                                       "records (administrator)")
    p.add_argument("url", metavar="URL", help="central's address, e.g. https://records.example")
    p.add_argument("code", metavar="CODE", help="the one-time code from central")
    p.add_argument("--ca-file", metavar="PEM", help="trust central's certificate if this "
                   "authority signed it (default: the system's authorities)")
    p.add_argument("--tls-fingerprint", metavar="SHA256", help="trust central's certificate "
                   "if it has this SHA-256 fingerprint (read out by central's administrator)")
    p.set_defaults(handler="sync:cmd_enrol")
    p = sub.add_parser("sync", parents=[common], help="send every queued version to central "
                                                      "and take the receipts")
    p.set_defaults(handler="sync:cmd_sync")
    p = sub.add_parser("purge", parents=[common], help="clear received versions older than "
                                                       "the grace period, keeping stubs")
    p.add_argument("--grace", type=int, metavar="DAYS", help="days after the receipt "
                   f"(default: the setting, {DEFAULT_GRACE_DAYS})")
    p.add_argument("--dry-run", action="store_true", help="list what would go; clear nothing")
    p.set_defaults(handler="sync:cmd_purge")
    p = sub.add_parser("export-bundle", parents=[common], help="write the queued versions "
                       "sealed to central's key, for a laptop with no network")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler="sync:cmd_export_bundle")
    p = sub.add_parser("import-receipts", parents=[common], help="take central's receipts "
                       "file for a bundle")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler="sync:cmd_import_receipts")
    p = sub.add_parser("outbox", parents=[common], help="list what waits to sync, and the "
                                                        "stubs of what went")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler="sync:cmd_outbox")
