"""Both engines' query expressions find exactly what the reference meaning of a
query finds: SQLite FTS5 ``MATCH`` on an in-memory table, PostgreSQL ``tsquery`` on
the test server; hypothesis draws the queries."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casetracker.search import parse
from casetracker.search.documents import SearchDocument
from casetracker.search.fts5 import TOKENIZER, index_text, to_match
from casetracker.search.query import Query, QuerySyntaxError
from casetracker.search.reference import matches
from casetracker.search.tsquery import CONFIG as PG_CONFIG
from casetracker.search.tsquery import index_text as pg_index_text
from casetracker.search.tsquery import to_tsquery

TEXTS = [
    "Ruben Vardanyan Ռուբեն Վարդանյան Рубен Варданян on trial in Baku",
    "İlham Əliyev met the delegation; Şuşa 10:30 hearing",
    "Global Magnitsky sanctions against officials, trial monitoring requested",
    "Linda T. Sánchez signed the letter to Secretary Rubio",
    "sanctioned sanctioning sanction — ICRC access denied",
    "Davit Babayan, Arkadi Ghukasyan: closed hearing, military court",
    "under_score word_joined O’Brien d'Artagnan",
    "",
]


def _doc(number: int, text: str) -> SearchDocument:
    import uuid

    return SearchDocument(
        type="letter",
        record_id=uuid.UUID(int=number),
        opens="letters",
        opens_id=uuid.UUID(int=number),
        title=str(number),
        date=None,
        status=None,
        text=text,
    )


DOCS = [_doc(i, t) for i, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='{TOKENIZER}')")
    conn.executemany(
        "INSERT INTO docs(rowid, body) VALUES (?, ?)",
        [(i, index_text(d.text)) for i, d in enumerate(DOCS)],
    )
    return conn


@pytest.fixture(scope="module")
def pg(pg_server):
    from sqlalchemy import create_engine

    from tests.conftest import new_pg_database

    if pg_server is None:
        pytest.skip("PostgreSQL is off (CASETRACKER_TEST_NO_PG)")
    engine = create_engine(new_pg_database(pg_server, None))
    conn = engine.raw_connection()
    cursor = conn.cursor()
    cursor.execute("CREATE TABLE docs (id integer PRIMARY KEY, body tsvector)")
    for i, d in enumerate(DOCS):
        cursor.execute(
            f"INSERT INTO docs VALUES (%s, to_tsvector('{PG_CONFIG}', %s))",
            (i, pg_index_text(d.text)),
        )
    conn.commit()
    yield cursor
    conn.close()
    engine.dispose()


def hits(conn: sqlite3.Connection, query: Query) -> set[int]:
    expression = to_match(query)
    if expression is None:
        return set(range(len(DOCS)))
    return {r[0] for r in conn.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (expression,))}


def pg_hits(cursor, query: Query) -> set[int]:
    expression = to_tsquery(query)
    if expression is None:
        return set(range(len(DOCS)))
    cursor.execute(
        f"SELECT id FROM docs WHERE body @@ to_tsquery('{PG_CONFIG}', %s)", (expression,)
    )
    return {r[0] for r in cursor.fetchall()}


def expected(query: Query) -> set[int]:
    return {i for i, d in enumerate(DOCS) if matches(query, d)}


@pytest.mark.parametrize(
    "text",
    [
        "vardanyan",
        "Վարդանյան",
        "ВАРДАНЯН",
        "aliyev",
        "Əliyev",
        "susa",
        "sanchez",
        "sanction*",
        "sanction",
        "sanctions",
        '"trial monitoring"',
        '"monitoring trial"',
        "hearing OR magnitsky",
        "hearing -military",
        "trial -baku -magnitsky",
        "10:30",
        "10:3*",
        "o’brien",
        "obrien",
        "under_score",
        "artagnan",
        "d'artagnan",
        '"closed hearing" OR "icrc access"',
        "NOT",
        "AND",
        "near",
        "ab*",
    ],
)
def test_known_queries_match_the_reference(fts, pg, text):
    query = parse(text)
    assert hits(fts, query) == expected(query), to_match(query)
    assert pg_hits(pg, query) == expected(query), to_tsquery(query)


_VOCAB = st.sampled_from(
    [
        "vardanyan",
        "vardan",
        "baku",
        "trial",
        "hearing",
        "sanction",
        "sanctions",
        "Şuşa",
        "Əliyev",
        "Варданян",
        "Վարդանյան",
        "icrc",
        "10:30",
        "o’brien",
        "NOT",
        "OR",
        "AND",
        "NEAR",
        "(",
        ")",
        ":",
        "^",
        "+",
        "-",
        '"',
        "*",
        "the",
        "military",
        "court",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_VOCAB, min_size=1, max_size=6))
def test_any_query_matches_the_reference(fts, pg, tokens):
    text = " ".join(tokens)
    try:
        query = parse(text)
    except QuerySyntaxError:
        return
    assert hits(fts, query) == expected(query), (text, to_match(query))
    assert pg_hits(pg, query) == expected(query), (text, to_tsquery(query))
