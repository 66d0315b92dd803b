"""Every importer against hostile input: the JSON interchange, letters, the
congress-legislators roster and the search box.

Properties: no exception but a ``CaseTrackerError`` (whose message is one
non-empty line), and no partial write: after a refused import every table holds
exactly the rows it held before. Inputs are valid documents with one part broken
(wrong types, huge or control-laden text, lone surrogates, deep nesting,
duplicate ids, dangling references, NaN and infinities, impossible dates) and
raw bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from casetracker.db.engine import Database, resolve_url
from casetracker.db.schema import open_database
from casetracker.errors import CaseTrackerError
from tests.conftest import SHARED, new_pg_database

ROSTER_FILE = SHARED / "data" / "legislators-current-2025-04.yaml"
SEED_LETTER = SHARED / "seed" / "letter-2025-04-11-magnitsky.txt"
MAX_MESSAGE = 2_000

needs_shared = pytest.mark.skipif(
    not ROSTER_FILE.exists() or not SEED_LETTER.exists(), reason="../shared is not available"
)
_FUZZ = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


def fuzz(examples: int) -> settings:
    """Settings for a fuzz target: ``examples`` runs, no deadline (databases are slow)."""
    return settings(_FUZZ, max_examples=examples)


# ------------------------------------------------------------------ helpers
def assert_clean(exc: BaseException) -> None:
    """A refusal the user can read: a CaseTrackerError with one short line."""
    assert isinstance(exc, CaseTrackerError), f"{type(exc).__name__}: {exc!r}"[:3000]
    message = str(exc)
    assert message.strip(), "empty message"
    assert "\n" not in message and "\r" not in message, message[:3000]
    assert "Traceback" not in message
    assert len(message) <= MAX_MESSAGE, f"{len(message)} characters: {message[:300]}…"


def row_counts(db: Database) -> dict[str, int]:
    """The number of rows of every table in the database (search and history included)."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            names = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            ).scalars()
        else:
            names = conn.execute(
                text(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'public' ORDER BY table_name"
                )
            ).scalars()
        return {
            name: conn.execute(select(func.count()).select_from(text(f'"{name}"'))).scalar_one()
            for name in list(names)
        }


class Databases:
    """Fresh databases at the current schema, one per example, on one backend."""

    def __init__(self, backend: str, request: pytest.FixtureRequest) -> None:
        self.backend = backend
        self.request = request
        self.folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
        self.opened: list[Database] = []

    @contextmanager
    def fresh(self, template: Path | None = None) -> Iterator[Database]:
        if self.backend == "sqlite":
            path = self.folder / f"{uuid.uuid4().hex}.db"
            shutil.copyfile(template or self.request.getfixturevalue("sqlite_template"), path)
            url = str(path)
        else:
            server = self.request.getfixturevalue("pg_server")
            url = new_pg_database(server, self.request.getfixturevalue("pg_template"))
        db = open_database(resolve_url(url))
        try:
            yield db
        finally:
            db.close()
            if self.backend == "sqlite":
                for leftover in self.folder.glob(f"{Path(url).name}*"):
                    leftover.unlink()

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def databases(backend, request):
    found = Databases(backend, request)
    yield found
    found.cleanup()


def check_import(db: Database, run: Any) -> Any:
    """Run an import: a clean refusal that changed nothing, or a result."""
    before = row_counts(db)
    try:
        return run()
    except Exception as exc:
        assert_clean(exc)
        assert row_counts(db) == before, "a refused import left rows behind"
        return None


def nested(depth: int, leaf: Any = "x") -> Any:
    value = leaf
    for number in range(depth):
        value = [value] if number % 2 else {"k": value}
    return value


HOSTILE_TEXT = [
    "",
    "   ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202egpj.exe",
    "line\nbreak\r\n",
    "\x1b[31mred",
    '=HYPERLINK("http://evil")',
    "x" * 100_000,
    "Վարդանյան",
    "Əliyev İlham",
    "2025-02-30",
    "2025-13",
    "99999-01-01",
    "0000-00-00",
    "2025-04-11~",
    "~2025",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2025-04-11T10:00:00",
    "NaN",
    "Infinity",
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "public",
    "outgoing",
    "US-GLOMAG",
    "'; DROP TABLE people; --",
    "%s%s%n",
    "{}",
    "[]",
]
hostile_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 2**31, -(2**31) - 1, 2**63, 10**30]),
    st.floats(),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0, 1e308]),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(HOSTILE_TEXT),
)
hostile_values = st.one_of(
    st.sampled_from(HOSTILE_TEXT),  # the known troublemakers, drawn often
    hostile_scalars,
    st.recursive(
        hostile_scalars,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=6), children, max_size=3)
        ),
        max_leaves=8,
    ),
    st.integers(50, 2_500).map(nested),
)


# ------------------------------------------------------------------ JSON interchange
_SMALL_DOCUMENT: dict[str, Any] | None = None


def small_document() -> dict[str, Any]:
    """A valid interchange document with a few consistent rows in most collections."""
    global _SMALL_DOCUMENT
    if _SMALL_DOCUMENT is None:
        from casetracker.demo import load_demo
        from casetracker.interchange import export_document
        from casetracker.interchange.codec import tables
        from casetracker.services import Services

        with tempfile.TemporaryDirectory() as folder:
            db = open_database(resolve_url(str(Path(folder) / "demo.db")), create=True)
            services = Services(db)
            load_demo(services)
            letter = services.listing.page("letters").rows[0]["id"]
            services.attachments.attach_bytes(b"%PDF-1.4 tiny", "brief.pdf", letter_id=letter)
            document = export_document(db)
            db.close()
        collections = document["collections"]
        for name, rows in collections.items():
            collections[name] = rows[:2]
        by_name = {t.name: t for t in tables()}
        changed = True
        while changed:  # drop rows that refer to rows left out, until stable
            changed = False
            ids = {n: {r.get("id") for r in rows} for n, rows in collections.items()}
            for name, rows in collections.items():
                keep = [
                    row
                    for row in rows
                    if all(
                        row.get(c.name) is None or row.get(c.name) in ids[fk.column.table.name]
                        for c in by_name[name].columns
                        for fk in c.foreign_keys
                    )
                ]
                if len(keep) != len(rows):
                    collections[name] = keep
                    changed = True
        _SMALL_DOCUMENT = document
    return copy.deepcopy(_SMALL_DOCUMENT)


WORST = [None, "", "\x00", "\ud800", "x" * 100_000, "a\nb", [], {}, True, 2**70, float("nan")]


def values_for(column: Any) -> st.SearchStrategy[Any]:
    """The values most likely to break a column of this type."""
    from sqlalchemy import Enum, Integer, LargeBinary, Uuid

    from casetracker.db.types import PartialDateType, UTCDateTime

    kind = column.type
    if isinstance(kind, UTCDateTime):
        special: list[Any] = [
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "2025-04-11T10:00:00",
            "2025-02-30T00:00:00+00:00",
            "2025-04-11T10:00:00+25:00",
        ]
    elif isinstance(kind, PartialDateType):
        special = ["2025-02-30", "0000", "99999", "2025-13", "~", "2025-04-11~", 2025, 1e308]
    elif isinstance(kind, Uuid):
        special = [str(uuid.uuid4()), "not-a-uuid", str(uuid.UUID(int=0)), 12]
    elif isinstance(kind, Enum):
        special = ["PUBLIC", "x" * 100_000, nested(1_500), ["public"], "‮public"]
    elif isinstance(kind, Integer):
        special = [2**31, -(2**63), 1.5, "1", float("inf"), -1]
    elif isinstance(kind, LargeBinary):
        special = ["not base64!", "", "AAAA", "=" * 8, "AA==AA=="]
    else:
        special = ["x" * 5_000, "\u202e", "=cmd", " padded ", "\x1b[0m"]
    return st.sampled_from(special + WORST) | st.integers(50, 2_500).map(nested)


@st.composite
def broken_documents(draw: st.DrawFn) -> Any:
    """A valid document with one (sometimes two) parts broken."""
    from casetracker.interchange.codec import tables

    document = small_document()
    collections = document["collections"]
    filled = sorted(name for name, rows in collections.items() if rows)
    for _ in range(draw(st.integers(1, 2))):
        how = draw(
            st.sampled_from(
                [
                    "value",
                    "value",
                    "value",
                    "drop field",
                    "unknown field",
                    "duplicate row",
                    "dangling reference",
                    "same id elsewhere",
                    "row not an object",
                    "collection not a list",
                    "header",
                    "unknown collection",
                ]
            )
        )
        name = draw(st.sampled_from(filled))
        rows = collections[name]
        if not isinstance(rows, list) or not rows:
            continue
        index = draw(st.integers(0, len(rows) - 1))
        row = rows[index]
        if not isinstance(row, dict):
            continue
        if how == "value":
            table = {t.name: t for t in tables()}[name]
            field = draw(st.sampled_from(sorted(row)))
            column = table.c.get(field)
            pool = values_for(column) if column is not None else hostile_values
            row[field] = draw(st.one_of(pool, pool, hostile_values))
        elif how == "drop field":
            row.pop(draw(st.sampled_from(sorted(row))))
        elif how == "unknown field":
            row[draw(st.text(max_size=10))] = draw(hostile_scalars)
        elif how == "duplicate row":
            rows.append(dict(row))  # the same values: nested ones shared, not copied
        elif how == "dangling reference":
            table = {t.name: t for t in tables()}[name]
            references = [c.name for c in table.columns if c.foreign_keys]
            if references:
                row[draw(st.sampled_from(references))] = str(uuid.uuid4())
        elif how == "same id elsewhere" and "id" in row:
            other = draw(st.sampled_from(filled))
            others = collections[other]
            if isinstance(others, list) and others and isinstance(others[0], dict):
                others[0]["id"] = row["id"]
        elif how == "row not an object":
            rows[index] = draw(hostile_scalars)
        elif how == "collection not a list":
            collections[name] = draw(hostile_values)
        elif how == "header":
            key = draw(st.sampled_from(["format", "format_version", "collections", "extra"]))
            document[key] = draw(hostile_values)
        elif how == "unknown collection":
            collections[draw(st.text(max_size=20) | st.sampled_from(HOSTILE_TEXT))] = []
    return document


def _import_json(db: Database, document: Any) -> None:
    from casetracker.interchange import import_document

    before = row_counts(db)
    counts = check_import(db, lambda: import_document(db, document))
    if counts is not None:
        after = row_counts(db)
        for name, added in counts.items():
            assert after[name] == before[name] + added


@pytest.mark.parametrize("backend", ["sqlite"])
@fuzz(90)
@given(document=broken_documents())
def test_json_import_of_broken_documents(databases, document):
    with databases.fresh() as db:
        _import_json(db, document)


@pytest.mark.parametrize("backend", ["postgresql"])
@fuzz(30)
@given(document=broken_documents())
def test_json_import_of_broken_documents_postgresql(databases, document):
    with databases.fresh() as db:
        _import_json(db, document)


def _valid_json_text() -> bytes:
    return json.dumps(small_document(), ensure_ascii=False).encode("utf-8")


@fuzz(200)
@given(
    raw=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.integers(1, 5_000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(1, 5_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
        st.just(b"\xef\xbb\xbf{}"),
        st.just(b'{"format": NaN, "collections": Infinity}'),
        st.builds(
            lambda cut, patch: (lambda v: v[:cut] + patch + v[cut + len(patch) :])(
                _valid_json_text()
            ),
            st.integers(0, 3_000),
            st.binary(min_size=1, max_size=8),
        ),
    )
)
def test_json_file_reading_of_raw_bytes(tmp_path, raw):
    from casetracker.interchange import read_document

    path = tmp_path / "in.json"
    path.write_bytes(raw)
    try:
        read_document(path)
    except Exception as exc:
        assert_clean(exc)


def test_json_file_reading_refuses_folders_and_missing_files(tmp_path):
    from casetracker.interchange import read_document

    for path in (tmp_path, tmp_path / "absent.json"):
        with pytest.raises(CaseTrackerError) as caught:
            read_document(path)
        assert_clean(caught.value)


# ------------------------------------------------------------------ roster
_ROSTER_SAMPLE: list[Any] | None = None


def roster_sample() -> list[Any]:
    """Four real entries, cut to their last three terms: a senator, one with a
    suffix, one with a nickname, and a representative."""
    global _ROSTER_SAMPLE
    if _ROSTER_SAMPLE is None:
        with ROSTER_FILE.open("rb") as handle:
            entries = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        picks = [entries[0]]
        picks.append(next(e for e in entries if e["name"].get("suffix")))
        picks.append(next(e for e in entries if e["name"].get("nickname")))
        picks.append(next(e for e in entries if e["terms"][-1]["type"] == "rep"))
        for entry in picks:  # a few terms and identifiers each: enough places to break
            entry["terms"] = entry["terms"][-3:]
            entry["id"] = dict(list(entry["id"].items())[:6])
        _ROSTER_SAMPLE = picks
    return copy.deepcopy(_ROSTER_SAMPLE)


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
    st.text(max_size=20),
    st.sampled_from(HOSTILE_TEXT),
)
yaml_values = st.one_of(
    yaml_scalars,
    st.recursive(
        yaml_scalars,
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
        max_leaves=6,
    ),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a YAML value that can be replaced."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


ROSTER_KEYS = [
    ("id", "bioguide"),
    ("id", "govtrack"),
    ("name", "first"),
    ("name", "last"),
    ("name", "middle"),
    ("name", "nickname"),
    ("name", "official_full"),
    ("bio", "birthday"),
    ("bio", "gender"),
    ("terms", 0, "type"),
    ("terms", 0, "start"),
    ("terms", -1, "end"),
    ("terms", -1, "state"),
    ("terms", -1, "district"),
    ("terms", 0, "party"),
    ("terms", 0),
]
ROSTER_WORST = [
    ["rep"],
    {"a": 1},
    "\x00",
    "\ud800",
    float("inf"),
    "x" * 5_000,
    None,
    10**6,
    dt.date(1, 1, 1),
    "Charles (Chuck)",
]
#: one key of an entry and what it becomes: every worst value at every key, or
#: any value at any key
ROSTER_CHANGES = st.sampled_from(
    [(key, value) for key in ROSTER_KEYS for value in ROSTER_WORST]
) | st.tuples(st.sampled_from(ROSTER_KEYS), yaml_values)


@st.composite
def broken_rosters(draw: st.DrawFn) -> bytes:
    entries: Any = roster_sample()
    for _ in range(draw(st.integers(1, 8))):
        how = draw(st.sampled_from(["field"] * 6 + ["value", "drop", "duplicate", "swap", "top"]))
        if how == "field" and isinstance(entries, list) and entries:
            entry = entries[draw(st.integers(0, len(entries) - 1))]
            key, value = draw(ROSTER_CHANGES)
            *steps, last = key
            parent: Any = entry
            for step in steps:
                try:
                    parent = parent[step]
                except (KeyError, IndexError, TypeError):
                    parent = None
                    break
            if isinstance(parent, dict) or (isinstance(parent, list) and isinstance(last, int)):
                with suppress(IndexError):
                    parent[last] = value
            continue
        paths = _paths(entries)
        where = draw(st.sampled_from(paths)) if paths else ()
        if not where:
            continue
        parent = entries
        for step in where[:-1]:
            parent = parent[step]
        if how == "value":
            parent[where[-1]] = draw(yaml_values)
        elif how == "drop":
            del parent[where[-1]]
        elif how == "duplicate" and isinstance(entries, list):
            entries.append(copy.deepcopy(entries[0]))
        elif how == "swap" and isinstance(entries, list) and len(entries) > 1:
            if isinstance(entries[0], dict) and isinstance(entries[1], dict):
                entries[0]["id"] = copy.deepcopy(entries[1].get("id"))
        elif how == "top":
            entries = draw(yaml_values)
    try:
        data = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False).encode(
            "utf-8", "surrogatepass"
        )
    except (yaml.YAMLError, RecursionError):
        assume(False)
    damage = draw(st.sampled_from(["none", "none", "bytes", "unquote"]))
    if damage == "bytes":  # damage the text itself
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        data = data[:position] + draw(st.binary(max_size=12)) + data[position + 3 :]
    elif damage == "unquote":  # a date YAML reads as a date, and an impossible one
        data = re.sub(rb"'(\d{4})-\d\d-\d\d'", rb"\1-02-30", data, count=1)
    return data


def _import_roster(db: Database, tmp_path: Path, data: bytes) -> None:
    from casetracker.letters.roster import import_roster

    path = tmp_path / f"{uuid.uuid4().hex}.yaml"
    path.write_bytes(data)
    report = check_import(db, lambda: import_roster(db, path))
    if report is not None:
        assert report.legislators >= 1


@needs_shared
@pytest.mark.parametrize("backend", ["sqlite"])
@fuzz(80)
@given(data=broken_rosters())
def test_roster_import_of_broken_files(databases, tmp_path, data):
    with databases.fresh() as db:
        _import_roster(db, tmp_path, data)


@needs_shared
@pytest.mark.parametrize("backend", ["postgresql"])
@fuzz(30)
@given(data=broken_rosters())
def test_roster_import_of_broken_files_postgresql(databases, tmp_path, data):
    with databases.fresh() as db:
        _import_roster(db, tmp_path, data)


#: nine levels of nine aliases: 387 million strings once expanded
LAUGHS = (
    b"- id: {bioguide: X000001}\n"
    b"  bio: {a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol], "
    + b", ".join(
        b"%c: &%c [%s]" % (c, c, b", ".join([b"*%c" % (c - 1)] * 9)) for c in range(98, 106)
    )
    + b"}\n"
    b"  name: {first: *i, last: Laugh, official_full: *i}\n"
    b"  terms:\n"
    b"  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: CA, PLACE: *i}\n"
)


@needs_shared
@pytest.mark.parametrize(
    "data",
    [
        b"[" * 20_000 + b"]" * 20_000,
        b"- " * 5_000 + b"x",
        LAUGHS.replace(b"PLACE", b"type"),
        LAUGHS.replace(b"PLACE", b"party"),
        LAUGHS.replace(b"PLACE", b"state"),
        b"- id: {bioguide: X000001}\n  name: {first: A, last: B}\n  terms:\n"
        + b"  - &t {type: rep, start: '2025-01-03', end: '2027-01-03', state: CA, district: 1}\n"
        + b"  - *t\n" * 3,
        b"\xff\xfe\x00\x00garbage",
        b"",
        b"{}",
        b"- 1\n- 2\n",
    ],
    ids=[
        "deep-flow",
        "deep-block",
        "laughs-in-type",
        "laughs-in-party",
        "laughs-in-state",
        "aliased-terms",
        "bad-bytes",
        "empty",
        "mapping",
        "numbers",
    ],
)
def test_roster_pathological_yaml_is_refused_quickly(db, tmp_path, data):
    import time

    started = time.perf_counter()
    _import_roster(db, tmp_path, data)
    assert time.perf_counter() - started < 3


# ------------------------------------------------------------------ letters
FRAGMENTS = [
    "",
    "April 11, 2025",
    "11 April 2025",
    "2025-04-11",
    "February 30, 2025",
    "The Honorable Marco Rubio",
    "Secretary of State",
    "U.S. Department of State",
    "Dear Secretary Rubio,",
    "Dear Mr. President:",
    "We urge you to:",
    "1. Demand the immediate release of all prisoners.",
    "• Impose sanctions under the Global Magnitsky Act.",
    "Sincerely,",
    "Respectfully,",
    "Dina Titus",
    "Member of Congress",
    "United States Senator",
    "Christopher H. Smith\t\tGus M. Bilirakis",
    "Member of Congress\t\tMember of Congress",
    "led by Rep. Jane Roe (D-CA) and signed by Senators John Doe (R-TX), Ann Poe (I-VT)",
    "Rep. X (D-CA-99999999999999999999)",
    "(D-",
    "Sen. (R-TX)",
    "____________________",
    "cc: Antony Blinken",
    "Վարդանյան Ռուբեն",
    "Əliyev İlham",
    "\x00",
    "\ud800",
    "\u202e",
    "\f",
    "\x0b",
    " " * 3_000,
    "A" * 5_000,
    "Jr., Sr., III",
    "Dear ,",
    "Sincerely,,,,",
]


_COMPACT: list[list[str]] = []


def compact_seed() -> list[str]:
    """The seed letter's lines with its long paragraphs shortened and eight of its
    36 signatories (saving it is what costs time), plus a second recipient."""
    if not _COMPACT:
        lines = SEED_LETTER.read_text(encoding="utf-8").splitlines() if SEED_LETTER.exists() else []
        lines = [line[:120] for line in lines]
        if "Sincerely," in lines:
            closing = lines.index("Sincerely,")
            lines = lines[: closing + 33]  # eight name and title pairs
        if "Washington, DC 20520" in lines:
            at = lines.index("Washington, DC 20520") + 1
            lines[at:at] = [
                "",
                "The Honorable Scott Bessent",
                "Secretary of the Treasury",
                "U.S. Department of the Treasury",
            ]
        _COMPACT.append(lines)
    return list(_COMPACT[0])


SPRINKLED = ["\x00", "\ud800", "\u202e", "\t\t", "(", ",", ":", "\r", "\u2028", "Ə"]


@st.composite
def letter_texts(draw: st.DrawFn) -> str:
    seed = compact_seed()
    kind = draw(st.sampled_from(["fragments", "seed", "seed", "text"]))
    if kind == "text":
        return draw(st.text(max_size=2_000))
    lines = seed if kind == "seed" else []
    lines = list(lines)
    for _ in range(draw(st.integers(1, 30 if kind == "fragments" else 8))):
        how = draw(
            st.sampled_from(["insert", "insert", "delete", "duplicate", "replace", "sprinkle"])
        )
        position = draw(st.integers(0, len(lines)))
        if how == "sprinkle" and lines:  # a hostile character inside every k-th line
            bad = draw(st.sampled_from(SPRINKLED))
            step = draw(st.integers(1, 4))
            for number in range(position % step, len(lines), step):
                middle = len(lines[number]) // 2
                lines[number] = lines[number][:middle] + bad + lines[number][middle:]
        elif how == "insert" or not lines:
            piece = draw(st.sampled_from(FRAGMENTS) | st.text(max_size=80))
            lines.insert(position, piece)
        elif how == "delete":
            del lines[min(position, len(lines) - 1)]
        elif how == "duplicate":
            lines.insert(position, lines[min(position, len(lines) - 1)])
        else:
            lines[min(position, len(lines) - 1)] = draw(st.sampled_from(FRAGMENTS))
    separator = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    return separator.join(lines)


class _Warnings(logging.Handler):
    """Collects warnings of the letter parser: its last guard means a crash."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def parser_warnings() -> Iterator[_Warnings]:
    handler = _Warnings()
    logger = logging.getLogger("casetracker.letters.parse")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@needs_shared
@fuzz(300)
@given(letter=letter_texts())
def test_letter_parser_never_fails(letter):
    from casetracker.letters.parse import ParsedLetter, parse_letter

    with parser_warnings() as warnings:
        parsed = parse_letter(letter)
    assert isinstance(parsed, ParsedLetter)
    crashes = [r for r in warnings.records if r.exc_info]
    assert not crashes, "".join(logging.Formatter().formatException(crashes[0].exc_info))
    assert parsed.date is None or isinstance(parsed.date, dt.date)
    assert all(isinstance(a, str) for a in parsed.asks)
    assert all(isinstance(s.name, str) and s.name for s in parsed.signatories)


@fuzz(80)
@given(
    raw=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=300).map(lambda b: b"\xff\xfe" + b),
    ),
    suffix=st.sampled_from([".txt", ".md", ".pdf", ".docx", ".TXT"]),
)
def test_letter_file_reading_of_raw_bytes(tmp_path, raw, suffix):
    from casetracker.letters.parse import read_letter_file

    path = tmp_path / f"letter{suffix}"
    path.write_bytes(raw)
    try:
        result = read_letter_file(path)
    except Exception as exc:
        assert_clean(exc)
    else:
        assert isinstance(result, str) and result.strip() and "\x00" not in result


def _preview_and_save(db: Database, letter: str, choose: list[Any]) -> None:
    from casetracker.services import Services

    service = Services(db).letter_import
    try:
        preview = service.preview_text(letter)
    except Exception as exc:
        assert_clean(exc)
        return
    json.dumps(preview.to_json())  # the --json output can always be written
    choices = {n: c for n, c in enumerate(choose) if n < len(preview.signatories)}
    saved = check_import(db, lambda: service.save(preview, choices=choices))
    if saved is not None:
        assert Services(db).letters.get(saved).title


people_choices = st.lists(st.one_of(st.none(), st.just(uuid.UUID(int=0)), st.uuids()), max_size=3)


#: texts that broke the letter import once (a lone surrogate or NUL in a recipient
#: that is looked up before anything is validated)
LETTER_REGRESSIONS = [
    "April 11, 2025\n\nThe Honorable Marco Rubio\nSecretary of State\n"
    "U.S. Department of {bad}State\n\nThe Honorable Scott Bes{bad}sent\n"
    "Secretary of the Treasury\n\nDear Secretary Rubio,\n\nWe urge you to act.\n\n"
    "Sincerely,\n\nDina Titus\nMember of Congress\n".replace("{bad}", bad)
    for bad in ("\ud800", "\x00", "\udfff\x00")
]


@needs_shared
@fuzz(50)
@given(letter=letter_texts(), choose=people_choices)
@example(letter=LETTER_REGRESSIONS[0], choose=[])
@example(letter=LETTER_REGRESSIONS[1], choose=[])
@example(letter=LETTER_REGRESSIONS[2], choose=[None, uuid.UUID(int=0)])
def test_letter_preview_and_save(db, tmp_path, letter, choose):
    """One database for every example (each is checked against the counts just
    before it), with the four sample legislators to match signatories against."""
    from casetracker.letters.roster import import_roster

    if not row_counts(db)["people"]:
        sample = tmp_path / "sample.yaml"
        sample.write_text(yaml.safe_dump(roster_sample(), allow_unicode=True), encoding="utf-8")
        import_roster(db, sample)
    _preview_and_save(db, letter, choose)


# ------------------------------------------------------------------ search box
QUERY_PIECES = [
    '"',
    '""',
    '"trial monitoring"',
    "*",
    "sanction*",
    "s*",
    "*x",
    "a*b",
    "OR",
    "or",
    "AND",
    "NOT",
    "NEAR",
    "NEAR(a b)",
    "-",
    "--",
    "-draft",
    "type:",
    "type:letter",
    "type:nonsense",
    "from:",
    'from:"State Department"',
    "to:Rubio",
    "signed-by:Goldman",
    "by:",
    "after:2024-06",
    "before:2025",
    "after:2025-02-30",
    "before:99999",
    "status:open",
    "status:",
    ":",
    "::",
    "(",
    ")",
    "^",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\\",
    "%",
    "_",
    "\x00",
    "\ud800",
    "Վարդանյան",
    "Əliyev",
    "ß",
    "İ",
    "ﬁ",
    "x" * 600,
    "\u200b",
    "col:val",
    "rank",
    "MATCH",
    "search_fts",
]


@st.composite
def queries(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(st.text(max_size=80))
    pieces = draw(st.lists(st.sampled_from(QUERY_PIECES) | st.text(max_size=6), max_size=10))
    joiner = draw(st.sampled_from([" ", "", "  ", "\t"]))
    return joiner.join(pieces)


@fuzz(300)
@given(query=queries())
@example(query='" \n')  # the unclosed quote's message once echoed the line break
def test_query_parser_gives_a_query_or_a_clear_error(query):
    from casetracker.search.query import Query, parse

    try:
        parsed = parse(query)
    except Exception as exc:
        assert_clean(exc)
    else:
        assert isinstance(parsed, Query)


@pytest.fixture
def searchable(services):
    letter = services.letters.create(title="Appeal for Ruben Vardanyan (Վարդանյան)", body="trial")
    services.people.create(display_name="Əliyev İlham")
    services.attachments.attach_bytes(b"trial monitoring notes", "notes.txt", letter_id=letter.id)
    return services


def _search(services: Any, query: str, types: list[str], limit: int, per_type: bool) -> None:
    before = row_counts(services.db)
    try:
        services.search.search(query, types=types, limit=limit, per_type=per_type)
    except Exception as exc:
        assert_clean(exc)
    assert row_counts(services.db) == before


search_arguments = {
    "query": queries(),
    "types": st.lists(st.sampled_from(["letter", "person", "attachment", "nope", ""]), max_size=2),
    "limit": st.sampled_from([1, 5, 50, 0, -1, 10_000]),
    "per_type": st.booleans(),
}


@pytest.mark.parametrize("backend", ["sqlite"])
@fuzz(150)
@given(**search_arguments)
def test_search_service_never_fails(searchable, query, types, limit, per_type):
    _search(searchable, query, types, limit, per_type)


@pytest.mark.parametrize("backend", ["postgresql"])
@fuzz(40)
@given(**search_arguments)
def test_search_service_never_fails_postgresql(searchable, query, types, limit, per_type):
    _search(searchable, query, types, limit, per_type)
