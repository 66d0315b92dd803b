"""Sub-commands of ``casetracker``. Each one opens the database, calls services, prints."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casetracker.cli.output import print_rows, to_plain
from casetracker.db.engine import Database, resolve_url
from casetracker.errors import CaseTrackerError, ValidationError

RECORD_KINDS = {
    "person": "people",
    "organization": "organizations",
    "position": "positions",
    "detention": "detentions",
    "letter": "letters",
    "sanction": "sanctions",
    "response": "responses",
    "event": "events",
    "source": "sources",
}


def _open(args: argparse.Namespace, *, create: bool = False) -> Database:
    """Open the database; an encrypted one is unlocked first (passphrase file,
    recovery code file, or a prompt on the terminal)."""
    from casetracker import paths
    from casetracker.cli.encryption import database_key
    from casetracker.db.schema import open_database

    url = resolve_url(args.db, default=paths.default_database_path())
    return open_database(url, create=create, key=database_key(args, url))


def _services(db: Database) -> Any:
    from casetracker.services import Services

    return Services(db)


def open_gui(args: argparse.Namespace) -> int:
    """No command: start the desktop app."""
    from casetracker.gui.app import run

    return run(args.db)


# --------------------------------------------------------------------- init
def cmd_init(args: argparse.Namespace) -> int:
    from casetracker.demo import load_demo

    code = None
    if args.encrypt:
        db, code = _create_encrypted(args)
    else:
        db = _open(args, create=True)
    try:
        print(f"database ready: {db.describe()}{' (encrypted)' if db.key else ''}")
        if code is not None:
            from casetracker.cli.encryption import print_recovery_code

            print_recovery_code(code)
        if args.demo:
            counts = load_demo(_services(db))
            print(
                "demo data loaded: "
                + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
            )
    finally:
        db.close()
    return 0


def _create_encrypted(args: argparse.Namespace) -> tuple[Database, Any]:
    """``init --encrypt``: a new encrypted SQLite file; asks the passphrase twice."""
    from casetracker import paths
    from casetracker.cli.encryption import encryptable_path, new_passphrase
    from casetracker.db.schema import create_encrypted_database

    url = resolve_url(args.db, default=paths.default_database_path())
    path = encryptable_path(url)
    if path.exists() and path.stat().st_size > 0:
        raise CaseTrackerError(
            f"{path} already exists; make an encrypted copy of it with "
            "`casetracker db encrypt --out NEW`"
        )
    return create_encrypted_database(url, new_passphrase(args))


# --------------------------------------------------------------------- export/import
def cmd_export(args: argparse.Namespace) -> int:
    from casetracker.interchange import write_export

    if args.format != "json":
        raise ValidationError.single("--format", "only json is supported")
    db = _open(args)
    try:
        counts = write_export(db, args.out)
    finally:
        db.close()
    if args.out != "-":
        print(f"exported {sum(counts.values())} records to {args.out}")
    return 0


def _import_interchange(args: argparse.Namespace, path: Path) -> int:
    from casetracker.interchange import import_document, read_document

    document = read_document(path)
    db = _open(args)
    try:
        counts = import_document(db, document)
    finally:
        db.close()
    print(f"imported {sum(counts.values())} records from {path}")
    return 0


def _import_roster(args: argparse.Namespace, path: Path) -> int:
    from casetracker.letters.roster import import_roster

    db = _open(args)
    try:
        report = import_roster(db, path)
    finally:
        db.close()
    print(report)
    return 0


#: ``casetracker import FILE``: the handler for each kind of file, by suffix
def _import_letter(args: argparse.Namespace, path: Path) -> int:
    """A letter (.txt, .md, .pdf, .docx): read it, match its signatories, print
    what was found; save it unless --dry-run."""
    db = _open(args)
    try:
        service = _services(db).letter_import
        preview = service.preview_file(path)
        letter_id = None if args.dry_run else service.save(preview)
    finally:
        db.close()
    if args.json:
        found = preview.to_json()
        found["saved_id"] = str(letter_id) if letter_id else None
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    letter = preview.letter
    print(f"letter:      {preview.title}")
    print(f"date:        {letter.date.isoformat() if letter.date else 'not found'}")
    for recipient in letter.recipients:
        print(f"to:          {', '.join(x for x in (recipient.name, recipient.title) if x)}")
    for number, ask in enumerate(letter.asks, start=1):
        print(f"ask {number}:       {' '.join(ask.split())[:110]}")
    print(
        f"signatories: {len(preview.signatories)}, {preview.matched} linked "
        f"(roster of {preview.roster_size} people)"
    )
    for signatory in preview.signatories:
        lead = " (lead)" if signatory.lead else ""
        if signatory.bioguide:
            print(
                f"  {signatory.name}{lead} -> {signatory.matched_name} [{signatory.bioguide}] "
                f"{signatory.confidence:.0%}"
            )
        else:
            others = ", ".join(f"{a['name']} [{a['bioguide']}]" for a in signatory.alternatives)
            hint = f"; could be {others}" if others else ""
            print(f"  {signatory.name}{lead} -> not linked: {signatory.reason}{hint}")
    if letter_id:
        print(f"saved as letter {letter_id}")
    else:
        print("not saved (--dry-run)")
    return 0


IMPORTERS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    ".json": _import_interchange,
    ".yaml": _import_roster,
    ".yml": _import_roster,
    ".txt": _import_letter,
    ".md": _import_letter,
    ".pdf": _import_letter,
    ".docx": _import_letter,
}


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    handler = IMPORTERS.get(path.suffix.lower())
    if handler is None:
        raise CaseTrackerError(
            f"cannot import {path.name}: only CaseTracker JSON files (.json), "
            "congress-legislators rosters (.yaml, .yml) and letters (.txt, .md, .pdf, .docx) "
            "are supported"
        )
    return handler(args, path)


# --------------------------------------------------------------------- search
def cmd_search(args: argparse.Namespace) -> int:
    from casetracker.cli.output import print_hits

    types = [t.strip() for value in args.type or [] for t in value.split(",") if t.strip()]
    db = _open(args)
    try:
        results = _services(db).search.search(" ".join(args.query), types=types, limit=args.limit)
    finally:
        db.close()
    print_hits(results, as_json=args.json)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        reports = _services(db).reports
        options = reports.options(
            args.kind,
            audience=args.audience,
            record_id=args.id,
            date_from=args.date_from,
            date_to=args.date_to,
            organization=args.organization or "",
        )
        result = reports.write(options, Path(args.out))
    finally:
        db.close()
    withheld = f"; {result.withheld} names withheld" if result.withheld else ""
    print(
        f"{options.audience.value} {args.kind} report written to {result.path}: "
        f"{result.pages} pages in {result.seconds:.1f} s{withheld}"
    )
    return 0


def cmd_db_reindex(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        report = _services(db).search.reindex()
    finally:
        db.close()
    counts = ", ".join(f"{t}: {n}" for t, n in report.documents.items() if n)
    if report.extracted:
        print(f"text read from {report.extracted} attached files for the first time")
    print(
        f"search index rebuilt: {sum(report.documents.values())} records ({counts or 'none'}) "
        f"in {report.seconds:.1f} s"
    )
    return 0


# --------------------------------------------------------------------- db
def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from casetracker import paths
    from casetracker.cli.encryption import unopened_database
    from casetracker.db.schema import upgrade

    url = resolve_url(args.db, default=paths.default_database_path())
    path = Path(url.database or "") if url.get_backend_name() == "sqlite" else None
    if path is not None and not path.exists():
        raise CaseTrackerError(f"no database at {path}; create one with `casetracker init`")
    db = unopened_database(args, url)
    try:
        backup = upgrade(db, backup=not args.no_backup)
    finally:
        db.close()
    if backup:
        print(f"backup written to {backup}")
    print("database is at the current schema")
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    from casetracker import paths
    from casetracker.cli.encryption import unopened_database
    from casetracker.db.maintenance import check

    url = resolve_url(args.db, default=paths.default_database_path())
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        raise CaseTrackerError(f"no database at {url.database}")
    db = unopened_database(args, url)
    try:
        report = check(db)
    finally:
        db.close()
    print("\n".join(report.lines))
    print("all checks passed" if report.ok else "problems found")
    return 0 if report.ok else 1


def cmd_db_backup(args: argparse.Namespace) -> int:
    from casetracker.db.maintenance import backup

    if not args.scheduled and any(x is not None for x in (args.every, args.keep, args.folder)):
        raise ValidationError.single("--scheduled", "--every, --keep and --folder go with it")
    if args.scheduled:
        return _scheduled_backup(args)
    db = _open(args)
    try:
        path = backup(db, Path(args.out) if args.out else None)
    finally:
        db.close()
    print(f"backup written to {path}")
    return 0


def _scheduled_backup(args: argparse.Namespace) -> int:
    """``db backup --scheduled``: for cron; writes one only when due."""
    import datetime as dt

    from casetracker.db import backups

    if args.every is not None and not 0 < args.every <= 24 * 366:
        raise ValidationError.single("--every", "give a number of hours above 0")
    policy = backups.BackupPolicy(
        folder=Path(args.folder).expanduser() if args.folder else backups.default_folder(),
        every=dt.timedelta(hours=args.every or backups.DEFAULT_EVERY.total_seconds() / 3600),
        keep=backups.DEFAULT_KEEP if args.keep is None else args.keep,
    )
    db = _open(args)
    try:
        now = dt.datetime.now().replace(microsecond=0)
        written = backups.scheduled_backup(db, policy, now)
        own = policy.folder_for(db.path)
        newest = None if written else backups.newest_backup(own, db.path.stem)
    finally:
        db.close()
    if written is not None:
        print(f"backup written to {written}")
    elif newest is not None:
        print(
            f"not due yet: newest backup is {backups.describe_age(now - newest.taken)} old "
            f"({newest.path})"
        )
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from casetracker.cli.encryption import restore_key
    from casetracker.db.maintenance import restore

    source = Path(args.file).expanduser()
    db = _open(args)
    try:
        safety = restore(db, source, restore_key(args, db, source))
    finally:
        db.close()
    print(f"restored from {args.file}; the previous content was saved to {safety}")
    return 0


# --------------------------------------------------------------------- list/show
def _parse_filters(pairs: list[str]) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValidationError.single("--filter", f"{pair!r} is not NAME=VALUE")
        values = [v for v in value.split(",") if v]
        filters[key] = values if len(values) > 1 else value
    return filters


def cmd_list(args: argparse.Namespace) -> int:
    fmt = _list_format(args)
    if fmt in ("csv", "xlsx"):
        return _export_list(args, fmt)
    db = _open(args)
    try:
        listing = _services(db).listing
        page = listing.page(
            args.kind,
            filters=_parse_filters(args.filter or []),
            text=args.search,
            sort=args.sort,
            descending=args.desc,
            limit=args.limit,
            after=args.after,
        )
    finally:
        db.close()
    print_rows(page.rows, page.columns, as_json=fmt == "json")
    if page.next_cursor and fmt != "json":
        print(f"-- more: --after {page.next_cursor}", file=sys.stderr)
    return 0


def _list_format(args: argparse.Namespace) -> str:
    """--format, else --json, else the --out file's suffix, else a table."""
    fmt = args.format or ("json" if args.json else None)
    if fmt is None and args.out:
        fmt = Path(args.out).suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise ValidationError.single("--out", "name a .csv or .xlsx file, or give --format")
    fmt = fmt or "table"
    if args.out and fmt not in ("csv", "xlsx"):
        raise ValidationError.single("--out", "only csv and xlsx lists are written to a file")
    if fmt in ("csv", "xlsx") and not args.out:
        raise ValidationError.single("--out", f"give the file to write the {fmt.upper()} list to")
    return fmt


def _export_list(args: argparse.Namespace, fmt: str) -> int:
    """The whole filtered list (every page) as a CSV or XLSX file."""
    from casetracker.interchange.lists import export_list

    db = _open(args)
    try:
        count = export_list(
            _services(db),
            args.kind,
            args.out,
            fmt,
            filters=_parse_filters(args.filter or []),
            text=args.search,
            sort=args.sort,
            descending=args.desc,
        )
    finally:
        db.close()
    print(f"exported {count} {args.kind} to {args.out}")
    return 0


def _service_for(services: Any, kind: str) -> Any:
    return getattr(services, RECORD_KINDS[kind])


def _parse_fields(service: Any, pairs: list[str]) -> dict[str, Any]:
    columns = service.columns()
    fields: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValidationError.single("fields", f"{pair!r} is not FIELD=VALUE")
        column = columns.get(key)
        fields[key] = _cli_value(column, value) if column is not None else value
    return fields


def _cli_value(column: Any, text: str) -> Any:
    from sqlalchemy import Boolean, Integer

    if text == "":
        return None
    if isinstance(column.type, Boolean):
        lowered = text.lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0"):
            return False
        raise ValidationError.single(column.name, "use true or false")
    if isinstance(column.type, Integer):
        try:
            return int(text)
        except ValueError:
            raise ValidationError.single(column.name, f"{text!r} is not a whole number") from None
    return text


def _record_dict(record: Any) -> dict[str, Any]:
    table = record.__table__
    return {c.name: to_plain(getattr(record, c.key)) for c in table.columns if c.name != "content"}


def _print_record(record: Any, as_json: bool) -> None:
    data = _record_dict(record)
    if as_json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        width = max(len(k) for k in data)
        for key, value in data.items():
            print(f"{key.ljust(width)}  {'' if value is None else value}")


def cmd_show(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        record = _service_for(_services(db), args.kind).get(args.id)
        _print_record(record, args.json)
    finally:
        db.close()
    return 0


def cmd_create(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        service = _service_for(_services(db), args.kind)
        record = service.create(**_parse_fields(service, args.fields))
        _print_record(record, args.json) if args.json else print(record.id)
    finally:
        db.close()
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        service = _service_for(_services(db), args.kind)
        record = service.update(args.id, args.expect_version, **_parse_fields(service, args.fields))
        _print_record(record, args.json) if args.json else print(
            f"updated {args.kind} {record.id} (version {record.version})"
        )
    finally:
        db.close()
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        _service_for(_services(db), args.kind).delete(args.id, args.expect_version)
    finally:
        db.close()
    print(f"deleted {args.kind} {args.id}")
    return 0


# --------------------------------------------------------------------- letter/detention ops
def _run(args: argparse.Namespace, action: Callable[[Any], Any]) -> int:
    db = _open(args)
    try:
        result = action(_services(db))
    finally:
        db.close()
    if result is not None:
        print(getattr(result, "id", result))
    return 0


def cmd_add_ask(args: argparse.Namespace) -> int:
    return _run(args, lambda s: s.letters.add_ask(args.letter, args.text, position=args.position))


def cmd_set_ask(args: argparse.Namespace) -> int:
    return _run(args, lambda s: s.letters.set_ask_status(args.ask, args.status, args.note))


def cmd_add_signatory(args: argparse.Namespace) -> int:
    return _run(
        args,
        lambda s: s.letters.add_signatory(
            args.letter, args.person, is_lead=args.lead, signed_as=args.signed_as
        ),
    )


def cmd_add_recipient(args: argparse.Namespace) -> int:
    return _run(
        args,
        lambda s: s.letters.add_recipient(
            args.letter,
            person_id=args.person,
            organization_id=args.organization,
            role="copy" if args.copy else "direct",
        ),
    )


def cmd_link(args: argparse.Namespace) -> int:
    def action(s: Any) -> str:
        if args.what == "detention":
            added = s.letters.link_detention(args.letter, args.target)
        elif args.what == "sanction":
            added = s.letters.link_sanction_request(args.letter, args.target)
        else:
            added = s.responses.add_letter(args.target, args.letter)
        return "linked" if added else "already linked"

    return _run(args, action)


def cmd_detention_status(args: argparse.Namespace) -> int:
    return _run(
        args, lambda s: s.detentions.set_status(args.detention, args.status, args.on, args.note)
    )


def cmd_sanction_status(args: argparse.Namespace) -> int:
    return _run(
        args, lambda s: s.sanctions.set_status(args.sanction, args.status, args.on, args.note)
    )


# --------------------------------------------------------------------- wiring
def _passphrase_option(p: argparse.ArgumentParser, help_text: str, code: bool = False) -> None:
    """``--passphrase-file`` (and ``--recovery-code-file``) after the command too;
    the global option stays when they are not given."""
    p.add_argument("--passphrase-file", metavar="FILE", default=argparse.SUPPRESS, help=help_text)
    if code:
        p.add_argument(
            "--recovery-code-file",
            metavar="FILE",
            default=argparse.SUPPRESS,
            help="open it with its recovery code instead (the key file may be missing)",
        )


def _register_encryption(dbsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from casetracker.cli import encryption

    p = dbsub.add_parser(
        "encrypt",
        help="write an encrypted copy of this plain database to a new file",
        description="The plain original stays where it is until you delete it.",
    )
    p.add_argument("--out", required=True, metavar="NEW", help="the encrypted copy to write")
    _passphrase_option(p, "the passphrase of the copy: the first line of FILE")
    p.set_defaults(handler=encryption.cmd_db_encrypt)
    p = dbsub.add_parser(
        "decrypt", help="write a plain (unencrypted) copy of this encrypted database"
    )
    p.add_argument("--out", required=True, metavar="PLAIN", help="the plain copy to write")
    _passphrase_option(p, "the database's passphrase: the first line of FILE", code=True)
    p.set_defaults(handler=encryption.cmd_db_decrypt)
    for name, help_text in (
        ("passphrase", "change the passphrase (the recovery code stays the same)"),
        ("rekey", "re-encrypt with a new key and print a new recovery code (close the app first)"),
    ):
        p = dbsub.add_parser(name, help=help_text)
        _passphrase_option(p, "the current passphrase: the first line of FILE", code=True)
        p.add_argument(
            "--new-passphrase-file",
            metavar="FILE",
            help="the new passphrase (rekey: default, keep the current one)",
        )
        if name == "rekey":
            p.add_argument(
                "--yes",
                action="store_true",
                help="apply the new key without asking (the new code is printed first)",
            )
        p.set_defaults(handler=getattr(encryption, f"cmd_db_{name}"))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from casetracker.services.listing import LIST_KINDS

    p = sub.add_parser("init", help="create or upgrade the database")
    p.add_argument("--demo", action="store_true", help="also load the demo data")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="create it encrypted (SQLCipher): asks a passphrase, prints a recovery code",
    )
    _passphrase_option(p, "the new passphrase: the first line of FILE")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("export", help="export every record to a JSON interchange file")
    p.add_argument("--format", default="json", choices=["json"])
    p.add_argument("--out", required=True, metavar="FILE", help="output file, or - for stdout")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import",
        help="import a JSON interchange file, a congress-legislators roster (.yaml, .yml) "
        "or a letter (.txt, .md, .pdf, .docx), all or nothing",
    )
    p.add_argument("file", metavar="FILE", help="FILE.json, FILE.yaml, or a letter")
    p.add_argument(
        "--dry-run", action="store_true", help="letters: show what was read, save nothing"
    )
    p.add_argument("--json", action="store_true", help="letters: print the extraction as JSON")
    p.set_defaults(handler=cmd_import)

    db = sub.add_parser("db", help="upgrade, check, back up or restore the database")
    dbsub = db.add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=type(db)
    )
    p = dbsub.add_parser("upgrade", help="migrate to the current schema (backs up first)")
    p.add_argument(
        "--no-backup",
        action="store_true",
        help="skip the backup (PostgreSQL: after your own pg_dump)",
    )
    p.set_defaults(handler=cmd_db_upgrade)
    p = dbsub.add_parser("reindex", help="rebuild the search index from every record")
    p.set_defaults(handler=cmd_db_reindex)
    p = dbsub.add_parser(
        "check", help="integrity, references, schema, encryption and history, in plain words"
    )
    p.set_defaults(handler=cmd_db_check)
    p = dbsub.add_parser(
        "backup",
        help="copy the database safely while in use (encrypted if the database is)",
        description="With --scheduled (for cron or a task scheduler): back up into the "
        "backup folder only when the newest backup there is older than --every hours, "
        "and keep the last --keep of them. Each database gets a subfolder there, "
        "NAME-XXXXXXXX (a hash of its full path), so databases never share backups.",
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument("--out", metavar="FILE")
    when.add_argument("--scheduled", action="store_true", help="only when one is due")
    p.add_argument("--every", type=float, metavar="HOURS", help="--scheduled: interval (24)")
    p.add_argument("--keep", type=int, metavar="N", help="--scheduled: backups kept (10)")
    p.add_argument(
        "--folder", metavar="DIR", help="--scheduled: where (default: backups in the data folder)"
    )
    p.set_defaults(handler=cmd_db_backup)
    p = dbsub.add_parser("restore", help="replace the database with a verified backup")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--backup-passphrase-file",
        metavar="FILE",
        help="an encrypted backup with another key: the passphrase it had",
    )
    p.add_argument(
        "--backup-recovery-code-file",
        metavar="FILE",
        help="an encrypted backup with another key: its recovery code",
    )
    p.set_defaults(handler=cmd_db_restore)
    _register_encryption(dbsub)

    p = sub.add_parser(
        "search",
        help="full-text search of every record and attached file",
        description='Words must all match; "exact phrases", prefix*, OR, -left-out, and '
        "filters type: from: to: signed-by: after: before: status:. Quote a query that "
        "starts with a minus sign.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument(
        "--type",
        action="append",
        metavar="T",
        help="letter, response, detainee, sanction, person or attachment (repeatable)",
    )
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per line: type, id, title, date, score, snippet",
    )
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "report",
        help="write a briefing PDF",
        description="briefing: situation briefing; dossier: one detainee (--id: the "
        "detention); sanctions: a Global Magnitsky-style dossier for one sanction request "
        "(--id); correspondence: letters, asks and responses in a date range; signatories: "
        "which legislators signed which letters. A public report leaves out everything "
        "marked internal or confidential.",
    )
    p.add_argument(
        "kind", choices=["briefing", "dossier", "sanctions", "correspondence", "signatories"]
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--audience", default="public", choices=["public", "internal", "confidential"])
    p.add_argument("--id", metavar="ID", help="the detention or sanction request (dossiers)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="2025, 2025-04 or 2025-04-11")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--organization", metavar="NAME", help="printed on the cover and footer")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("list", help="list records, filtered and sorted")
    p.add_argument("kind", choices=LIST_KINDS)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--filter",
        action="append",
        metavar="NAME=VALUE",
        help="e.g. status=on_trial, captured_from=2023, direction=outgoing",
    )
    p.add_argument("--search", metavar="TEXT", help="quick filter on names and titles")
    p.add_argument("--sort", metavar="FIELD")
    p.add_argument("--desc", action="store_true", help="newest / last first")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--after", metavar="CURSOR", help="continue after a previous page")
    p.add_argument(
        "--format",
        choices=["table", "json", "csv", "xlsx"],
        help="table or json print one page; csv and xlsx write the whole list to --out",
    )
    p.add_argument("--out", metavar="FILE", help="the .csv or .xlsx file to write")
    p.set_defaults(handler=cmd_list)

    for name, handler, help_text in (
        ("show", cmd_show, "show one record"),
        ("create", cmd_create, "create a record from FIELD=VALUE pairs"),
        ("update", cmd_update, "change fields of a record"),
        ("delete", cmd_delete, "delete a record"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("kind", choices=sorted(RECORD_KINDS))
        if name != "create":
            p.add_argument("id")
        if name in ("create", "update"):
            p.add_argument("fields", nargs="*", metavar="FIELD=VALUE")
        if name in ("update", "delete"):
            p.add_argument(
                "--expect-version",
                type=int,
                metavar="N",
                help="refuse if the record is no longer at version N",
            )
        if name != "delete":
            p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)

    letter = sub.add_parser("letter", help="asks, signatories, recipients and links of a letter")
    lsub = letter.add_subparsers(
        dest="letter_command", metavar="ACTION", required=True, parser_class=type(letter)
    )
    p = lsub.add_parser("add-ask")
    p.add_argument("letter")
    p.add_argument("text")
    p.add_argument("--position", type=int, help="0-based place in the list")
    p.set_defaults(handler=cmd_add_ask)
    p = lsub.add_parser("set-ask-status")
    p.add_argument("ask")
    p.add_argument("status")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_set_ask)
    p = lsub.add_parser("add-signatory")
    p.add_argument("letter")
    p.add_argument("person")
    p.add_argument("--lead", action="store_true")
    p.add_argument("--signed-as")
    p.set_defaults(handler=cmd_add_signatory)
    p = lsub.add_parser("add-recipient")
    p.add_argument("letter")
    p.add_argument("--person")
    p.add_argument("--organization")
    p.add_argument("--copy", action="store_true", help="copied (cc), not addressed")
    p.set_defaults(handler=cmd_add_recipient)
    p = lsub.add_parser("link", help="link a detention, a sanction request or a response")
    p.add_argument("letter")
    p.add_argument("what", choices=["detention", "sanction", "response"])
    p.add_argument("target")
    p.set_defaults(handler=cmd_link)

    p = sub.add_parser("detention-status", help="add a dated status change to a detention")
    p.add_argument("detention")
    p.add_argument("status")
    p.add_argument("--on", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD, ~ if estimated")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_detention_status)

    p = sub.add_parser("sanction-status", help="add a dated status change to a sanction request")
    p.add_argument("sanction")
    p.add_argument("status")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_sanction_status)

    from casetracker.cli import audit_commands  # history, revert, bulk-set, purge

    audit_commands.register(sub)
