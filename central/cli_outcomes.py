"""``cstr-central`` commands about outcomes and the steering group:

    steering-report --month YYYY-MM --out PDF [--lang en|cy|both] [--court NAME]
                    [--commentary FILE] [--marking TEXT]
    export-deidentified --from YYYY-MM --to YYYY-MM --out CSV [--counts CSV]
    import-follow-ups FILE
    rebuild-facts [--all]
"""

from __future__ import annotations

import sys
from pathlib import Path

from central.config import Settings

MARKING_MAX = 40


def add_parsers(command) -> None:
    steering = command("steering-report", "the steering group's monthly report (PDF)")
    steering.add_argument("--month", required=True, help="YYYY-MM")
    steering.add_argument("--out", required=True, help="the PDF to write")
    steering.add_argument("--lang", choices=("en", "cy", "both"), default="en")
    steering.add_argument("--court", help="one court (its name); default all courts")
    steering.add_argument("--commentary", help="a UTF-8 text file for the commentary box")
    steering.add_argument("--marking", help="the protective marking (default "
                          "OFFICIAL-SENSITIVE)")
    export = command("export-deidentified", "de-identified rows and figures for evaluation")
    export.add_argument("--from", dest="start", required=True, help="first month, YYYY-MM")
    export.add_argument("--to", dest="end", required=True, help="last month, YYYY-MM")
    export.add_argument("--out", required=True, help="the rows (CSV)")
    export.add_argument("--counts", help="the figures by month and court (CSV; default "
                        "beside --out, .counts.csv)")
    follow = command("import-follow-ups", "a provider's CSV of what happened next")
    follow.add_argument("file")
    rebuild = command("rebuild-facts", "work out the figures' facts again")
    rebuild.add_argument("--all", action="store_true", help="every assessment, not only "
                         "those missing or out of date")


def _month(text: str, what: str):
    from central.cli import CliError
    from central.periods import Period, PeriodError

    try:
        period = Period.parse(text)
    except PeriodError as exc:
        raise CliError(f"{what}: {exc}") from exc
    if period.kind != "month":
        raise CliError(f"{what}: '{text}' is not a month (YYYY-MM)")
    return period


def _write(path: Path, data: bytes | str) -> None:
    from central.cli import CliError

    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from exc


def cmd_steering_report(args, settings: Settings) -> int:
    from central import dashboard_data, steering
    from central.audit import Actor, record_event
    from central.canonical import search_terms
    from central.cli import CliError, _db

    month = _month(args.month, "--month")
    commentary = ""
    if args.commentary:
        try:
            commentary = Path(args.commentary).read_text(encoding="utf-8")[:1500]
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read the commentary file {args.commentary}: "
                           f"{getattr(exc, 'strerror', None) or 'not UTF-8 text'}") from exc
    marking = (steering.DEFAULT_MARKING if args.marking is None else args.marking).strip()
    if not marking or len(marking) > MARKING_MAX:
        raise CliError(f"--marking: give a marking of 1 to {MARKING_MAX} characters")
    langs = {"en": ["en"], "cy": ["cy"], "both": ["en", "cy"]}[args.lang]
    db = _db(settings)
    with db.write() as session:
        courts = dashboard_data.courts(session)
        court = None
        if args.court:
            wanted = " ".join(search_terms(args.court))
            court = next((c for c in courts if c[0] == wanted), None)
            if court is None:
                known = ", ".join(name for _k, name in courts) or "none yet"
                raise CliError(f"--court: no court named '{args.court}' (courts: {known})")
        boards = [dashboard_data.build(session, month, lang, suppress=True, court=court)
                  for lang in langs]
        record_event(session, Actor.command_line(), "steering_report", detail={
            "month": month.key, "court": court[1] if court else None, "lang": args.lang})
    pdf = steering.render(boards, commentary, marking)
    out = Path(args.out)
    _write(out, pdf)
    print(f"cstr-central: steering report for {month.label('en')} "
          f"({court[1] if court else 'all courts'}, {args.lang}) written to {out}")
    return 0


def cmd_export_deidentified(args, settings: Settings) -> int:
    import io

    from central import dashboard_data, deidentified
    from central.audit import Actor, record_event
    from central.cli import CliError, _db

    start, end = _month(args.start, "--from"), _month(args.end, "--to")
    if end.start < start.start:
        raise CliError("--to is before --from")
    out = Path(args.out)
    counts_path = Path(args.counts) if args.counts else out.with_name(out.stem + ".counts.csv")
    if counts_path.resolve() == out.resolve():
        raise CliError("--counts names the same file as --out")
    try:
        key = deidentified.pseudonym_key(settings.key_dir)
    except (OSError, ValueError) as exc:
        raise CliError(f"the pseudonym key: {exc}") from exc
    db = _db(settings)
    with db.write() as session:
        rows = deidentified.rows(session, start, end, key)
        figures = deidentified.counts(session, start, end, dashboard_data.courts(session))
        record_event(session, Actor.command_line(), "export_deidentified", detail={
            "from": start.key, "to": end.key, "rows": len(rows)})
    for path, columns, items in ((out, deidentified.ROW_COLUMNS, rows),
                                 (counts_path, deidentified.COUNT_COLUMNS, figures)):
        buffer = io.StringIO()
        deidentified.write(buffer, columns, items)
        _write(path, buffer.getvalue())
    print(f"cstr-central: {len(rows)} de-identified rows written to {out}; figures by "
          f"month and court to {counts_path}")
    return 0


def cmd_import_follow_ups(args, settings: Settings) -> int:
    from central.audit import Actor
    from central.cli import CliError, _db
    from central.follow_up_csv import ImportRefused, english, import_csv

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from exc
    db = _db(settings)
    try:
        summary = import_csv(db, data, Actor.command_line(), path.name, english)
    except ImportRefused as exc:
        shown = exc.problems[:20] + ([f"... and {len(exc.problems) - 20} more"]
                                     if len(exc.problems) > 20 else [])
        raise CliError(f"{' | '.join(shown)} (nothing was imported)") from exc
    print(f"cstr-central: {summary.rows} rows imported for {summary.cases} cases; "
          f"{summary.changed} values changed")
    return 0


def cmd_rebuild_facts(args, settings: Settings) -> int:
    from central.cli import _db
    from central.facts import rebuild

    done = rebuild(_db(settings), everything=args.all)
    print(f"cstr-central: facts worked out for {done} assessments", file=sys.stderr)
    return 0


HANDLERS = {("steering-report", None): cmd_steering_report,
            ("export-deidentified", None): cmd_export_deidentified,
            ("import-follow-ups", None): cmd_import_follow_ups,
            ("rebuild-facts", None): cmd_rebuild_facts}
