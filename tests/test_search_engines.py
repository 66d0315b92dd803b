"""Both engines find exactly what the reference meaning of a query finds: documents
are written into the real index (``search_documents`` with FTS5 on SQLite, the
generated ``tsvector`` on the PostgreSQL test server) and queried through
:class:`SearchEngine`; hypothesis draws the queries."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casetracker.db.engine import resolve_url
from casetracker.db.schema import open_database
from casetracker.partialdate import PartialDate
from casetracker.search import parse
from casetracker.search.documents import SearchDocument
from casetracker.search.engine import SearchEngine
from casetracker.search.index import PART_WORDS, SearchIndex, split_parts
from casetracker.search.query import Query, QuerySyntaxError
from casetracker.search.reference import matches
from tests.conftest import BACKENDS, new_pg_database

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
TYPES = ("letter", "response", "detainee", "sanction", "person", "attachment")
STATUSES = (None, "outgoing", "detained", "released")
DATES = (None, "2024", "2025-04", "2025-04-11", "2023-12-31")
SENDERS = (
    (),
    ("Marco Rubio", "Adam Schiff"),
    ("U.S. Department of State", "State Department"),
    ("Linda T. Sánchez",),
)


def _doc(number: int, text: str) -> SearchDocument:
    record = uuid.UUID(int=number + 1)
    senders = SENDERS[number % len(SENDERS)]
    return SearchDocument(
        type=TYPES[number % len(TYPES)],
        record_id=record,
        opens="letters",
        opens_id=record,
        title=text.split(" ")[0] if text else "",
        date=PartialDate.coerce(DATES[number % len(DATES)]),
        status=STATUSES[number % len(STATUSES)],
        text=text,
        senders=senders,
        recipients=SENDERS[(number + 1) % len(SENDERS)],
        signers=senders[:1],
    )


DOCS = [_doc(i, t) for i, t in enumerate(TEXTS * 2)]


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("engines") / "engines.db")
    else:
        server = request.getfixturevalue("pg_server")
        if server is None:
            pytest.skip("PostgreSQL is off (CASETRACKER_TEST_NO_PG)")
        url = new_pg_database(server, request.getfixturevalue("pg_template"))
    db = open_database(resolve_url(url), create=True)
    with db.transaction() as session:
        SearchIndex(session)._insert(DOCS)
    session = db.sessions()
    yield SearchEngine(session)
    session.close()
    db.close()


def hits(engine: SearchEngine, query: Query) -> set[uuid.UUID]:
    return {h.record_id for h in engine.search(query, limit=100).hits}


def expected(query: Query) -> set[uuid.UUID]:
    return {d.record_id for d in DOCS if matches(query, d)}


@pytest.mark.parametrize(
    "text",
    [
        "vardanyan",
        "Վարդանյան",
        "ВАРДАНЯН",
        "aliyev",
        "Əliyev",
        "ilham",
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
        "type:letter",
        "type:person,detainee hearing",
        "trial type:sanction",
        "status:outgoing",
        "status:detained -hearing",
        "after:2025",
        "before:2024-06",
        "after:2025-04-11 before:2025-04-11",
        "from:rubio",
        'from:"marco rubio"',
        'from:"rubio adam"',
        "from:schiff to:sanchez",
        'to:"state department"',
        "signed-by:marco",
        "signed-by:schiff",
        "from:sánchez trial",
        "type:letter -trial",
        "from:!!!",
    ],
)
def test_known_queries_match_the_reference(engine, text):
    query = parse(text)
    assert hits(engine, query) == expected(query), text


_VOCAB = st.sampled_from(
    [
        "vardanyan",
        "vardan*",
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
        "type:letter",
        "type:detainee",
        "status:outgoing",
        "after:2025",
        "before:2025-04",
        "from:rubio",
        "to:state",
        "signed-by:sanchez",
        "-trial",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_VOCAB, min_size=1, max_size=6))
def test_any_query_matches_the_reference(engine, tokens):
    text = " ".join(tokens)
    try:
        query = parse(text)
    except QuerySyntaxError:
        return
    assert hits(engine, query) == expected(query), text


def test_ranking_puts_title_and_frequency_first(engine):
    found = engine.search(parse("sanction*"), limit=10).hits
    assert found[0].score >= found[-1].score
    assert all(h.snippet.highlighted for h in found if h.snippet.plain())


def test_per_type_groups_and_counts(engine):
    results = engine.search(parse("hearing OR trial OR sanction*"), limit=1, per_type=True)
    expected_counts: dict[str, int] = {}
    for d in DOCS:
        if matches(parse("hearing OR trial OR sanction*"), d):
            expected_counts[d.type] = expected_counts.get(d.type, 0) + 1
    assert results.counts == expected_counts
    assert sorted(h.type for h in results.hits) == sorted(expected_counts)


def test_long_texts_are_indexed_in_overlapping_parts():
    words = [f"w{i}" for i in range(PART_WORDS * 2 + 500)]
    parts = split_parts(" ".join(words))
    assert len(parts) == 3
    assert all(len(folded) <= PART_WORDS for _, folded in parts)
    # every pair of neighbouring words is whole in some part (phrases across a cut)
    for i in range(0, len(words) - 1, 997):
        pair = f"{words[i]} {words[i + 1]}"
        assert any(pair in text for text, _ in parts), pair
    assert split_parts("Short Text") == [("Short Text", ["short", "text"])]


def test_parts_keep_within_what_a_tsvector_holds():
    from collections import Counter

    from casetracker.search.index import PART_BYTES, PART_REPEATS

    repeated = " ".join(f"the court heard witness {i}" for i in range(600))
    parts = split_parts(repeated)
    assert len(parts) > 1
    assert all(max(Counter(folded).values()) <= PART_REPEATS for _, folded in parts)
    long_words = " ".join("字" * 90 + str(i) for i in range(3000))
    parts = split_parts(long_words)
    assert len(parts) > 1
    assert all(sum(len(w.encode()) + 1 for w in folded) <= PART_BYTES for _, folded in parts)
