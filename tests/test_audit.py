"""The history (audit log): every change recorded field by field in the transaction
that makes it, a hash chain that shows any alteration, removal or reordering,
and triggers that keep it append-only; on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from casetracker.audit import current_head, record_action, verify_chain
from casetracker.cli.main import main
from casetracker.db.engine import make_engine, resolve_url
from casetracker.db.schema import open_database
from casetracker.errors import ValidationError
from casetracker.models import AuditEntry, Letter
from casetracker.services import Services
from tests.test_migrations import _alembic


def entries(services, **where) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.seq)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    with services.db.reading() as session:
        return list(session.scalars(query))


def changes(entry: AuditEntry) -> dict:
    return json.loads(entry.changes)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def tamper(services, *statements: str) -> None:
    """Drop the append-only triggers, as someone holding the file could, then run SQL."""
    drop = (
        ["DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"]
        if services.db.is_sqlite
        else [
            "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
            "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
        ]
    )
    with services.db.engine.begin() as conn:
        for statement in (*drop, *statements):
            conn.execute(text(statement))


def populate(services) -> None:
    letter = services.letters.create(title="Release the detainees", sent_on="2025-04-11")
    services.letters.update(letter.id, summary="Three asks")
    services.letters.add_ask(letter.id, "Free them")
    detention = services.detentions.create_detainee(
        {"display_name": "Vagif Khachatryan"}, [], {"category": "civilian"}
    )
    services.letters.link_detention(letter.id, detention.id)
    services.letters.set_tags(letter.id, ["urgent"])


# ------------------------------------------------------------------ recording
def test_create_update_delete_record_each_field_old_and_new(services):
    letter = services.letters.create(title="Release the detainees", sent_on="2025-04-11")
    services.letters.update(letter.id, title="Release them now", sent_on="2025-05")
    services.letters.delete(letter.id)
    created, updated, deleted = entries(services, record_id=letter.id)
    assert (created.action, created.entity) == ("create", "letters")
    assert created.summary == "letter 'Release the detainees' (2025-04-11)"
    assert changes(created)["title"] == "Release the detainees"
    assert changes(created)["direction"] == "outgoing"
    assert updated.action == "update"
    assert changes(updated) == {
        "title": ["Release the detainees", "Release them now"],
        "sent_on": ["2025-04-11", "2025-05"],
    }  # never version or updated_at
    assert deleted.action == "delete"
    assert changes(deleted)["title"] == "Release them now"


def test_an_update_that_changes_nothing_records_nothing(services):
    letter = services.letters.create(title="Same")
    services.letters.update(letter.id, title="Same")
    assert [e.action for e in entries(services, record_id=letter.id)] == ["create"]


def test_links_through_services_and_relationship_collections(services):
    letter = services.letters.create(title="Letter")
    detention = services.detentions.create(
        person_id=services.people.create(display_name="Arman Petrosyan").id, category="civilian"
    )
    services.letters.link_detention(letter.id, detention.id)
    services.letters.unlink_detention(letter.id, detention.id)
    links = entries(services, entity="letter_detentions")
    assert [e.action for e in links] == ["link", "unlink"]
    assert changes(links[0]) == {"letter_id": str(letter.id), "detention_id": str(detention.id)}

    services.letters.set_tags(letter.id, ["a", "b"])
    services.letters.set_tags(letter.id, ["b", "c"])  # b stays: no entry for it
    tag_ids = {e.summary.split("'")[1]: e.record_id for e in entries(services, entity="tags")}
    tags = [
        (e.action, next(k for k, v in tag_ids.items() if str(v) == changes(e)["tag_id"]))
        for e in entries(services, entity="letter_tags")
    ]
    assert tags == [("link", "a"), ("link", "b"), ("link", "c"), ("unlink", "a")]


def test_what_the_database_deletes_with_a_record_is_recorded(services):
    """Hearings, events and links go by ON DELETE CASCADE, unseen by the ORM."""
    detention = services.detentions.create_detainee(
        {"display_name": "Vagif Khachatryan"}, [], {"category": "civilian"}
    )
    hearing = services.detentions.add_hearing(detention.id, description="First hearing")
    event = services.events.create(title="Moved", kind="transferred", detention_id=detention.id)
    letter = services.letters.create(title="Letter")
    services.letters.link_detention(letter.id, detention.id)
    services.detentions.delete(detention.id)
    last = [e for e in entries(services) if e.action in ("delete", "unlink")]
    assert {(e.action, e.entity, e.record_id) for e in last} == {
        ("delete", "detentions", detention.id),
        ("delete", "hearings", hearing.id),
        ("delete", "events", event.id),
        ("unlink", "letter_detentions", letter.id),
    }
    (gone,) = [e for e in last if e.entity == "hearings"]
    assert changes(gone)["description"] == "First hearing"


def test_a_person_merge_records_every_row_moved(services):
    keep = services.people.create(display_name="Tom Kean")
    drop = services.people.create(display_name="Thomas Kean")
    position = services.positions.create(person_id=drop.id, title="Senator")
    detention = services.detentions.create(person_id=drop.id, category="civilian")
    services.people.merge(keep.id, drop.id)
    moved = {
        e.record_id: changes(e)
        for e in entries(services, action="update")
        if e.record_id in (position.id, detention.id)
    }
    assert moved == {
        position.id: {"person_id": [str(drop.id), str(keep.id)]},
        detention.id: {"person_id": [str(drop.id), str(keep.id)]},
    }
    assert entries(services, record_id=drop.id)[-1].action == "delete"


def test_a_rolled_back_savepoint_records_nothing_of_its_own(services):
    with services.db.transaction():
        kept = services.letters.create(title="Kept")
        with pytest.raises(ValidationError), services.db.transaction():
            services.letters.create(title="Dropped")
            services.letters.update(kept.id, title="Also dropped")  # flushed, then undone
            raise ValidationError.single("title", "changed my mind")
        with pytest.raises(ValidationError):  # a nested service call refused by a rule
            services.letters.update(kept.id, sent_on="2025-05-01", follow_up_due="2024-01-01")
    assert [(e.action, e.summary) for e in entries(services)] == [("create", "letter 'Kept'")]


def test_a_failed_transaction_records_nothing(services):
    with pytest.raises(RuntimeError), services.db.transaction():
        services.letters.create(title="Never")
        raise RuntimeError("crash before commit")
    assert entries(services) == []
    services.letters.create(title="After")
    assert [e.seq for e in entries(services)] == [1]


def test_a_failed_commit_records_nothing(services):
    """The entries are written in the committing transaction: when the commit
    fails they are rolled back with the records."""
    letter = services.letters.create(title="Original")
    stale = services.letters.get(letter.id)
    services.letters.update(letter.id, title="Changed elsewhere")
    before = len(entries(services))
    with pytest.raises(Exception), services.db.transaction() as session:  # noqa: B017
        session.merge(stale, load=False).title = "Stale edit"
    assert len(entries(services)) == before
    assert verify_chain(services.db).ok


def test_the_actor_comes_from_casetracker_user(db_url, monkeypatch):
    monkeypatch.setenv("CASETRACKER_USER", "alice")
    db = open_database(resolve_url(db_url))
    try:
        services = Services(db)
        services.letters.create(title="By Alice")
        db.actor = "Bob (configured in the app)"
        services.letters.create(title="By Bob")
        assert [e.actor for e in entries(services)] == ["alice", "Bob (configured in the app)"]
    finally:
        db.close()


def test_export_report_and_backup_each_append_one_entry(services, tmp_path, backend):
    from casetracker.db.maintenance import backup
    from casetracker.interchange import write_export

    services.letters.create(title="Letter")
    write_export(services.db, tmp_path / "out.json")
    (entry,) = entries(services, action="export")
    assert changes(entry)["path"] == str(tmp_path / "out.json")
    assert changes(entry)["counts"]["letters"] == 1

    options = services.reports.options("correspondence", audience="internal")
    services.reports.write(options, tmp_path / "report.pdf")
    (entry,) = entries(services, action="report")
    assert changes(entry)["kind"] == "correspondence"
    assert changes(entry)["audience"] == "internal"
    assert changes(entry)["pages"] >= 1

    if backend == "sqlite":
        backup(services.db, tmp_path / "copy.db")
        (entry,) = entries(services, action="backup")
        assert changes(entry) == {"path": str(tmp_path / "copy.db")}
    record_action(services.db, "restore", summary="restored", details={"from": "x"})
    assert verify_chain(services.db).ok


def test_an_interchange_import_records_every_row(services, tmp_path):
    from casetracker.interchange import import_document

    letter_id = "7f1b6b3e-0000-4000-8000-000000000001"
    document = {
        "format": "casetracker-interchange",
        "format_version": 1,
        "collections": {"letters": [{"id": letter_id, "title": "Imported letter"}]},
    }
    import_document(services.db, document)
    (entry,) = entries(services, action="import")
    assert (entry.entity, str(entry.record_id)) == ("letters", letter_id)
    assert changes(entry)["title"] == "Imported letter"
    assert verify_chain(services.db).ok


# ------------------------------------------------------------------ the chain
def test_verify_is_ok_on_a_populated_database(services):
    populate(services)
    report = verify_chain(services.db)
    assert report.ok and report.entries == len(entries(services)) > 5
    assert report.head == current_head(services.db)
    assert verify_chain(services.db, expected_head=current_head(services.db)).ok


def test_an_altered_entry_is_named(services):
    populate(services)
    target = entries(services, action="update")[0]
    forged = json.dumps({"summary": [None, "Nothing to see"]})
    tamper(
        services,
        f"UPDATE audit_log SET changes = '{forged}' WHERE seq = {target.seq}",
    )
    report = verify_chain(services.db)
    assert not report.ok and report.first_bad_seq == target.seq
    assert report.first_problem == (
        f"entry {target.seq} ({target.at:%Y-%m-%d %H:%M}, update of letters "
        f"{str(target.record_id)[:8]}…) was altered: its content does not match its hash"
    )


def test_altered_details_are_named(services):
    populate(services)
    tamper(services, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")
    report = verify_chain(services.db)
    assert report.first_bad_seq == 2
    assert "its details do not match its hash" in report.first_problem


def test_a_deleted_middle_entry_is_missing(services):
    populate(services)
    tamper(services, "DELETE FROM audit_log WHERE seq = 3")
    report = verify_chain(services.db)
    assert (report.ok, report.first_bad_seq, report.first_problem) == (
        False,
        3,
        "entry 3 is missing",
    )


def test_a_truncated_tail_is_found_only_against_a_noted_head(services):
    populate(services)
    noted = current_head(services.db)
    tamper(services, f"DELETE FROM audit_log WHERE seq > {noted[0] - 2}")
    assert verify_chain(services.db).ok  # what is left is a valid chain
    report = verify_chain(services.db, expected_head=noted)
    assert not report.ok
    assert report.first_problem.startswith(f"the history ends at entry {noted[0] - 2}")


def test_a_forged_or_reordered_chain_is_found(services):
    populate(services)
    rows = entries(services)
    tamper(services, f"UPDATE audit_log SET prev_hash = '{'0' * 64}' WHERE seq = 4")
    report = verify_chain(services.db)
    assert report.first_bad_seq == 4 and "does not follow entry 3" in report.first_problem

    # swap two entries' positions (seq) but keep their contents: the links break
    tamper(
        services,
        f"UPDATE audit_log SET prev_hash = '{rows[3].prev_hash}' WHERE seq = 4",
        "UPDATE audit_log SET seq = -5 WHERE seq = 5",
        "UPDATE audit_log SET seq = 5 WHERE seq = 6",
        "UPDATE audit_log SET seq = 6 WHERE seq = -5",
    )
    report = verify_chain(services.db)
    assert report.first_bad_seq == 5 and "does not follow entry 4" in report.first_problem


def test_content_blanked_outside_a_purge_is_found(services):
    populate(services)
    tamper(
        services, "UPDATE audit_log SET changes = NULL, summary = NULL, salt = NULL WHERE seq = 2"
    )
    report = verify_chain(services.db)
    assert report.first_bad_seq == 2
    assert "had its content removed outside a purge" in report.first_problem


def test_the_database_refuses_to_change_or_delete_entries(services):
    populate(services)
    for statement in (
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1",
        "UPDATE audit_log SET changes = NULL WHERE seq = 1",  # partial blanking
        "DELETE FROM audit_log WHERE seq = 1",
    ):
        with pytest.raises(DBAPIError, match="append-only"), services.db.engine.begin() as conn:
            conn.execute(text(statement))
    # a purge's blanking is the one change allowed
    with services.db.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET changes = NULL, summary = NULL, salt = NULL WHERE seq = 1")
        )
    if not services.db.is_sqlite:
        with pytest.raises(DBAPIError, match="append-only"), services.db.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_log"))
    with services.db.reading() as session:
        assert session.get(AuditEntry, 1).actor != "mallory"


def test_concurrent_writers_keep_one_chain(services):
    """Four threads committing at once: every entry lands once, in one chain."""
    import threading

    letter = services.letters.create(title="0")
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(5):
                services.letters.create(title=f"{n}-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = verify_chain(services.db)
    assert report.ok and report.entries == 21
    with services.db.reading() as session:
        assert session.query(Letter).count() == 21
    del letter


# ------------------------------------------------------------------ CLI
def test_cli_verify_head_and_log(services, db_url, capsys):
    populate(services)
    code, out, _ = run(capsys, "--db", db_url, "audit", "head")
    assert code == 0
    head = out.strip()
    code, out, _ = run(capsys, "--db", db_url, "audit", "verify", "--expect-head", head)
    assert code == 0 and "the chain is intact" in out
    code, out, _ = run(capsys, "--db", db_url, "audit", "log", "--limit", "3", "--json")
    assert code == 0 and len(out.splitlines()) == 3
    assert json.loads(out.splitlines()[0])["seq"] == int(head.split(":")[0])
    tamper(services, "DELETE FROM audit_log WHERE seq = 2")
    code, out, _ = run(capsys, "--db", db_url, "audit", "verify")
    assert (code, out.strip()) == (1, "PROBLEM entry 2 is missing")
    code, _, err = run(capsys, "--db", db_url, "audit", "verify", "--expect-head", "12:abc")
    assert code == 1 and "is not SEQ:HASH" in err and len(err.splitlines()) == 1


def test_cli_verify_as_a_real_process(tmp_path):
    db = tmp_path / "x.db"
    exe = [sys.executable, "-m", "casetracker", "--db", str(db)]
    env = {"CASETRACKER_USER": "carol", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([*exe, "init"], check=True, capture_output=True, env=env)
    subprocess.run([*exe, "create", "letter", "title=From the CLI"], check=True, env=env)
    done = subprocess.run([*exe, "audit", "verify"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok      1 entries, the chain is intact")
    database = open_database(resolve_url(str(db)))
    try:
        (entry,) = entries(Services(database))
        assert (entry.actor, entry.action, entry.entity) == ("carol", "create", "letters")
    finally:
        database.close()


# ------------------------------------------------------------------ migration 0007
def test_migration_0007_down_and_up_on_a_populated_database(services, db_url):
    """Down to 0006 drops the history only (records and their parts stay); up again
    brings back an empty, append-only history that starts a new chain."""
    populate(services)
    with services.db.engine.connect() as conn:
        before = {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("letters", "asks", "letter_tags", "letter_detentions", "person_names")
        }
    services.db.close()
    _alembic(db_url, ("downgrade", "0006"))
    engine = make_engine(resolve_url(db_url))
    with engine.connect() as conn:
        assert "audit_log" not in inspect(conn).get_table_names()
        after = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in before}
    engine.dispose()
    assert after == before and before["asks"] == 1
    _alembic(db_url, ("upgrade", "head"))
    db = open_database(resolve_url(db_url))
    try:
        again = Services(db)
        assert verify_chain(db).entries == 0
        again.letters.create(title="After the upgrade")
        assert verify_chain(db).ok and verify_chain(db).entries == 1
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
    finally:
        db.close()


# ------------------------------------------------------------------ purge entries
def forge_purge(services, actor: str, details) -> int:
    """Append a purge entry with valid hashes, as someone holding the file could."""
    from casetracker.audit.chain import NewEntry, append

    with services.db.engine.begin() as conn:
        return append(conn, actor, [NewEntry("purge", "letters", None, "purge", details)])


@pytest.mark.parametrize(
    "blanked",
    [[["1", "2"]], [[1]], "1-3", [[3, 1]], [[1, 10**12]], [[True, 1]], [[1.5, 2]], [[0, 1]], 7],
)
def test_a_malformed_purge_entry_is_a_problem_not_a_crash(services, db_url, capsys, blanked):
    populate(services)
    seq = forge_purge(services, "mallory", {"reason": "tidy", "blanked": blanked})
    report = verify_chain(services.db)
    assert not report.ok and report.first_bad_seq == seq
    assert f"entry {seq} " in report.first_problem
    assert "malformed purge entry" in report.first_problem
    code, out, err = run(capsys, "--db", db_url, "audit", "verify")
    assert code == 1 and err == "" and out.startswith("PROBLEM ") and len(out.splitlines()) == 1


def test_verify_names_the_purge_that_explains_each_blanked_entry(services, db_url, capsys):
    """A forged purge entry (blanking done by hand, then a purge entry appended)
    passes the hash checks but is shown with its actor and date."""
    populate(services)
    letter = services.letters.create(title="To go", sensitivity="confidential")
    services.letters.update(letter.id, title="To go soon")
    report = services.purge.purge("letter", letter.id, reason="duplicate of another")
    real = entries(services, action="purge")[0].seq
    tamper(
        services,
        "UPDATE audit_log SET changes = NULL, summary = NULL, salt = NULL WHERE seq IN (2, 3)",
    )
    forged = forge_purge(services, "mallory", {"reason": "routine", "blanked": [[2, 3]]})
    outcome = verify_chain(services.db)
    assert outcome.ok and outcome.purged == report.history_blanked + 2
    day = entries(services, seq=forged)[0].at.strftime("%Y-%m-%d")
    first, last = entries(services, record_id=letter.id)[0].seq, real - 1
    assert outcome.purges == (
        f"entries {first}–{last} blanked by purge #{real} ({day}, by "
        f"{entries(services, seq=real)[0].actor}: duplicate of another)",
        f"entries 2–3 blanked by purge #{forged} ({day}, by mallory: routine)",
    )
    code, out, _ = run(capsys, "--db", db_url, "audit", "verify")
    assert code == 0 and f"purged  entries 2–3 blanked by purge #{forged}" in out


def test_an_entry_numbered_below_one_is_out_of_place(services):
    populate(services)
    tamper(services, "UPDATE audit_log SET seq = 0 WHERE seq = 1")
    report = verify_chain(services.db)
    assert report.first_bad_seq == 0
    assert report.first_problem == "entry 0 is out of place: the history starts at entry 1"
