"""History commands: ``audit verify|head|log``, ``history``, ``revert``,
``revert-field``, ``bulk-set`` and ``purge``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from casetracker.cli.commands import _open, _parse_filters, _services
from casetracker.errors import CaseTrackerError, ValidationError

#: record kind -> the list whose filters ``bulk-set --filter`` takes
LIST_OF_KIND = {
    "letter": "letters",
    "detention": "detainees",
    "sanction": "sanctions",
    "response": "responses",
    "person": "people",
    "organization": "organizations",
}


def _value(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, dict) and "sha256" in value:
        return f"(file of {value.get('size')} bytes, sha256 {str(value['sha256'])[:12]}…)"
    if isinstance(value, str):
        return repr(value) if len(value) <= 120 else repr(value[:119] + "…")
    return json.dumps(value, ensure_ascii=False)


def _item_json(item: Any) -> dict[str, Any]:
    return {
        "seq": item.seq,
        "at": item.at.isoformat(),
        "actor": item.actor,
        "action": item.action,
        "entity": item.entity,
        "record_id": str(item.record_id) if item.record_id else None,
        "summary": item.summary,
        "changes": {c.field: [c.old, c.new] for c in item.changes},
        "details": item.details,
        "purged": item.purged,
    }


def _print_items(items: list[Any], *, as_json: bool, fields: bool) -> None:
    for item in items:
        if as_json:
            print(json.dumps(_item_json(item), ensure_ascii=False))
            continue
        summary = "(content purged)" if item.purged else item.summary or ""
        print(
            f"#{item.seq}  {item.at:%Y-%m-%d %H:%M}  {item.actor}  {item.action} "
            f"{item.entity}  {summary}"
        )
        if not fields:
            continue
        for change in item.changes:
            if item.action in ("update", "revert"):
                print(f"    {change.field}: {_value(change.old)} → {_value(change.new)}")
            else:
                shown = change.new if change.new is not None else change.old
                print(f"    {change.field}: {_value(shown)}")
        for key, value in item.details.items():
            print(f"    {key}: {_value(value)}")


# --------------------------------------------------------------------- audit
def cmd_audit_verify(args: argparse.Namespace) -> int:
    from casetracker.audit.verify import parse_head, verify_chain

    expected = parse_head(args.expect_head) if args.expect_head else None
    db = _open(args)
    try:
        report = verify_chain(db, expected_head=expected)
    finally:
        db.close()
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def cmd_audit_head(args: argparse.Namespace) -> int:
    from casetracker.audit.verify import current_head

    db = _open(args)
    try:
        seq, digest = current_head(db)
    finally:
        db.close()
    print(f"{seq}:{digest}")
    return 0


def cmd_audit_log(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        items = _services(db).history.log(record_id=args.record, limit=args.limit)
    finally:
        db.close()
    _print_items(items, as_json=args.json, fields=args.fields)
    return 0


# --------------------------------------------------------------------- history
def cmd_history(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        items = _services(db).history.for_record(
            args.kind, args.id, include_parts=not args.no_parts
        )
    finally:
        db.close()
    if not items and not args.json:
        print(f"no history for {args.kind} {args.id}")
    _print_items(items, as_json=args.json, fields=True)
    return 0


def cmd_revert(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        result = _services(db).history.revert_record(
            args.kind, args.id, args.to, expected_version=args.expect_version
        )
    finally:
        db.close()
    if result.undeleted:
        print(f"{args.kind} {result.record_id} was brought back as after entry #{args.to}")
    else:
        what = ", ".join(result.fields) if result.fields else "nothing to change"
        print(f"{args.kind} {result.record_id} is back as after entry #{args.to}: {what}")
    if result.restored:
        print(f"{result.restored} parts and links deleted with it were restored")
    for missing in result.not_restored:
        print(f"not restored: {missing}")
    return 0


def cmd_revert_field(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        result = _services(db).history.revert_field(
            args.seq, args.field, expected_version=args.expect_version, force=args.force
        )
    finally:
        db.close()
    print(f"{args.field} of {result.entity} {result.record_id} is back as before entry #{args.seq}")
    return 0


# --------------------------------------------------------------------- bulk edits
def _ids_from(args: argparse.Namespace, services: Any) -> list[str]:
    given = [bool(args.ids), bool(args.ids_file), bool(args.filter)]
    if sum(given) != 1:
        raise ValidationError.single("ids", "give exactly one of --ids, --ids-file or --filter")
    if args.ids:
        return [i.strip() for i in args.ids.split(",") if i.strip()]
    if args.ids_file:
        path = Path(args.ids_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CaseTrackerError(f"cannot read {path}: {exc.strerror or exc}") from None
        return [t for line in text.splitlines() for t in line.replace(",", " ").split()]
    kind = LIST_OF_KIND.get(args.kind)
    if kind is None:
        raise ValidationError.single(
            "--filter", f"{args.kind} records cannot be filtered; use --ids or --ids-file"
        )
    from casetracker.services.listing import MAX_PAGE

    filters = _parse_filters(args.filter)
    ids: list[str] = []
    after = None
    while True:
        page = services.listing.page(kind, filters=filters, limit=MAX_PAGE, after=after)
        ids += [str(row["id"]) for row in page.rows]
        after = page.next_cursor
        if after is None:
            return ids


def cmd_bulk_set(args: argparse.Namespace) -> int:
    from casetracker.cli.commands import _cli_value
    from casetracker.services.history import entity_of, service_of

    db = _open(args)
    try:
        services = _services(db)
        ids = _ids_from(args, services)
        column = service_of(db, entity_of(args.kind)).columns().get(args.field)
        value = _cli_value(column, args.value) if column is not None else args.value
        count = services.bulk.set_field(args.kind, ids, args.field, value)
    finally:
        db.close()
    from casetracker.audit.recorder import label_of

    label = label_of(entity_of(args.kind))
    print(f"updated {count} {label if count == 1 else label + 's'}")
    return 0


# --------------------------------------------------------------------- purge
def cmd_purge(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CaseTrackerError(
            "a purge cannot be undone: the record, its parts and its history's content are "
            "erased for good; add --yes to go ahead"
        )
    db = _open(args)
    try:
        report = _services(db).purge.purge(args.kind, args.id, reason=args.reason)
    finally:
        db.close()
    print(
        f"purged {args.kind} {report.record_id}: {report.records} rows removed, "
        f"{report.history_blanked} history entries blanked"
    )
    for note in report.notes:
        print(f"note: {note}")
    return 0 if report.compacted else 1


# --------------------------------------------------------------------- wiring
def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="verify the history's hash chain, show its head or log")
    asub = audit.add_subparsers(
        dest="audit_command", metavar="ACTION", required=True, parser_class=type(audit)
    )
    p = asub.add_parser("verify", help="check that no entry was altered, removed or reordered")
    p.add_argument(
        "--expect-head",
        metavar="SEQ:HASH",
        help="the head noted earlier (`audit head`): also detects removed newest entries",
    )
    p.set_defaults(handler=cmd_audit_verify)
    p = asub.add_parser("head", help="print the newest entry as SEQ:HASH, to note elsewhere")
    p.set_defaults(handler=cmd_audit_head)
    p = asub.add_parser("log", help="the newest entries of the history")
    p.add_argument("--record", metavar="ID", help="only entries about this record")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--fields", action="store_true", help="show each entry's fields")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=cmd_audit_log)

    p = sub.add_parser("history", help="a record's history, field by field (newest first)")
    p.add_argument("kind", metavar="KIND", help="letter, detention, person, sanction…")
    p.add_argument("id")
    p.add_argument("--no-parts", action="store_true", help="leave out its parts and links")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("revert", help="put a record back as it was after a history entry")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("id")
    p.add_argument("--to", type=int, required=True, metavar="SEQ", help="the entry to go back to")
    p.add_argument("--expect-version", type=int, metavar="N")
    p.set_defaults(handler=cmd_revert)

    p = sub.add_parser("revert-field", help="undo one field's change (history entry SEQ)")
    p.add_argument("seq", type=int)
    p.add_argument("field")
    p.add_argument("--expect-version", type=int, metavar="N")
    p.add_argument("--force", action="store_true", help="even if it was changed again since")
    p.set_defaults(handler=cmd_revert_field)

    p = sub.add_parser("bulk-set", help="set one field on many records in one go (all or nothing)")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("field", metavar="FIELD")
    p.add_argument("value", metavar="VALUE", help="the new value ('' for empty)")
    p.add_argument("--ids", metavar="ID,ID…")
    p.add_argument("--ids-file", metavar="FILE", help="ids separated by spaces, commas or lines")
    p.add_argument(
        "--filter", action="append", metavar="NAME=VALUE", help="every record `list` would show"
    )
    p.set_defaults(handler=cmd_bulk_set)

    p = sub.add_parser(
        "purge",
        help="erase a record for good: parts, links, files, search entries and its history's "
        "content",
    )
    p.add_argument("kind", metavar="KIND")
    p.add_argument("id")
    p.add_argument("--reason", required=True, help="kept in the history (do not name anyone)")
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    p.set_defaults(handler=cmd_purge)
