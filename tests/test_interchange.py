"""The JSON interchange: exact round trips, and imports that are all or nothing."""

from __future__ import annotations

import copy
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.demo import load_demo
from casetracker.errors import ImportFormatError
from casetracker.interchange import export_document, import_document
from casetracker.interchange.export import dumps


@pytest.fixture
def demo_document(services, db):
    load_demo(services)
    services.attachments.attach_bytes(
        bytes(range(256)), "blob.bin", letter_id=services.listing.page("letters").rows[0]["id"]
    )
    return export_document(db)


def _fresh(tmp_path, name="fresh.db"):
    return open_database(resolve_url(str(tmp_path / name)), create=True)


def test_round_trip_gives_identical_json(demo_document, db_url, request, backend, tmp_path):
    from tests.conftest import new_pg_database

    if backend == "sqlite":
        target = _fresh(tmp_path)
    else:
        server = request.getfixturevalue("pg_server")
        target = open_database(
            resolve_url(new_pg_database(server, request.getfixturevalue("pg_template")))
        )
    try:
        counts = import_document(target, demo_document)
        assert counts["letter_signatories"] == 36
        assert dumps(export_document(target)) == dumps(demo_document)
    finally:
        target.close()


def test_cross_backend_round_trip(tmp_path, pg_server, pg_template):
    """A SQLite export imported into PostgreSQL exports to the same bytes."""
    from casetracker.services import Services
    from tests.conftest import new_pg_database

    lite = _fresh(tmp_path)
    pg = open_database(resolve_url(new_pg_database(pg_server, pg_template)))
    try:
        load_demo(Services(lite))
        document = export_document(lite)
        import_document(pg, document)
        assert dumps(export_document(pg)) == dumps(document)
    finally:
        lite.close()
        pg.close()


def _row_counts(db):
    return {k: len(v) for k, v in export_document(db)["collections"].items()}


def test_failed_import_changes_nothing(demo_document, tmp_path):
    target = _fresh(tmp_path)
    try:
        broken = copy.deepcopy(demo_document)
        broken["collections"]["asks"][-1]["letter_id"] = "00000000-0000-0000-0000-000000000001"
        before = _row_counts(target)
        with pytest.raises(ImportFormatError, match=r"asks\[2\]\.letter_id: refers to letters"):
            import_document(target, broken)
        assert _row_counts(target) == before
        # a check the database itself enforces (recipient with neither person nor office)
        broken = copy.deepcopy(demo_document)
        broken["collections"]["letter_recipients"][0]["person_id"] = None
        broken["collections"]["letter_recipients"][0]["organization_id"] = None
        with pytest.raises(ImportFormatError, match="nothing was imported"):
            import_document(target, broken)
        assert _row_counts(target) == before
    finally:
        target.close()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a CaseTracker interchange document"),
        (lambda d: d.update(format_version=99), "format version 99 is not supported"),
        (lambda d: d["collections"].update(spaceships=[]), "unknown collections: spaceships"),
        (lambda d: d["collections"]["people"][0].update(colour="red"), "unknown field 'colour'"),
        (
            lambda d: d["collections"]["people"][0].update(birth_date="1968-02-30"),
            "people[0].birth_date: day 30",
        ),
        (
            lambda d: d["collections"]["people"][0].pop("display_name"),
            "people[0].display_name: is required",
        ),
        (
            lambda d: d["collections"]["letters"][0].update(direction="sideways"),
            "'sideways' is not one of",
        ),
        (
            lambda d: d["collections"]["sanction_request_programs"][0].update(program_key="XX"),
            "is not a known program",
        ),
        (
            lambda d: d["collections"]["people"].append(d["collections"]["people"][0]),
            "duplicate key",
        ),
        (lambda d: d["collections"]["attachments"][0].update(content="***"), "not valid base64"),
    ],
)
def test_bad_documents_are_refused_with_a_clear_message(demo_document, tmp_path, mutate, message):
    target = _fresh(tmp_path)
    try:
        document = copy.deepcopy(demo_document)
        mutate(document)
        with pytest.raises(ImportFormatError, match=re.escape(message)):
            import_document(target, document)
        assert sum(_row_counts(target).values()) == 0
    finally:
        target.close()


def test_import_into_database_holding_the_same_records_is_refused(demo_document, db):
    with pytest.raises(ImportFormatError, match="already exists"):
        import_document(db, demo_document)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fuzzed_documents_never_crash_and_never_leave_partial_data(
    tmp_path_factory, sqlite_template, data
):
    """Take a valid document and break it in random places: a clean error or a full import."""
    import shutil

    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copyfile(sqlite_template, path)
    target = open_database(resolve_url(str(path)))
    try:
        base = _small_document()
        collections = base["collections"]
        name = data.draw(st.sampled_from(sorted(k for k, v in collections.items() if v)))
        row = data.draw(st.sampled_from(collections[name]))
        field = data.draw(st.sampled_from([*row.keys(), "extra"]))
        row[field] = data.draw(json_values)
        if data.draw(st.booleans()):
            base[data.draw(st.sampled_from(["format", "format_version", "collections"]))] = (
                data.draw(json_values)
            )
        text = json.dumps(base)
        try:
            counts = import_document(target, json.loads(text))
        except ImportFormatError:
            assert sum(_row_counts(target).values()) == 0
        else:
            assert sum(_row_counts(target).values()) == sum(counts.values())
    finally:
        target.close()


_SMALL: dict | None = None


def _small_document():
    """A small valid document with one row in most collections."""
    global _SMALL
    if _SMALL is None:
        import tempfile
        from pathlib import Path

        from casetracker.services import Services

        with tempfile.TemporaryDirectory() as folder:
            db = _fresh(Path(folder))
            load_demo(Services(db))
            document = export_document(db)
            db.close()
        for name, rows in document["collections"].items():
            document["collections"][name] = rows[:2]
        # keep references consistent: import only what the first rows need
        _SMALL = _consistent(document)
    return copy.deepcopy(_SMALL)


def _consistent(document):
    """Drop rows whose references point outside the document, until stable."""
    from casetracker.interchange.codec import tables

    by_name = {t.name: t for t in tables()}
    changed = True
    while changed:
        changed = False
        ids = {n: {r.get("id") for r in rows} for n, rows in document["collections"].items()}
        for name, rows in document["collections"].items():
            table = by_name[name]
            keep = []
            for row in rows:
                ok = True
                for column in table.columns:
                    for fk in column.foreign_keys:
                        value = row.get(column.name)
                        if value is not None and value not in ids[fk.column.table.name]:
                            ok = False
                if ok:
                    keep.append(row)
            if len(keep) != len(rows):
                changed = True
                document["collections"][name] = keep
    return document
