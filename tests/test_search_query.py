"""The search query language: every feature, every error in plain words, and
hypothesis: no input makes the parser fail other than with a QuerySyntaxError."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casetracker.search import QuerySyntaxError, Term, fold_for_search, parse


def test_words_phrases_prefixes_or_and_exclusions():
    q = parse('vardanyan "trial monitoring" sanction* hearing OR trial -draft -"in progress"')
    assert q.groups == (
        (Term("vardanyan"),),
        (Term("trial monitoring", phrase=True),),
        (Term("sanction", prefix=True),),
        (Term("hearing"), Term("trial")),
    )
    assert q.excluded == (Term("draft"), Term("in progress", phrase=True))
    assert q.has_words


def test_or_chains_and_lowercase_or_is_a_word():
    assert parse("a1 OR b2 OR c3").groups == ((Term("a1"), Term("b2"), Term("c3")),)
    assert parse("war or peace").groups == ((Term("war"),), (Term("or"),), (Term("peace"),))


def test_filters():
    q = parse(
        'type:letter,response from:"State Department" to:Rubio signed-by:Goldman '
        "after:2024-06 before:2025 status:on-trial,Token_Reply"
    )
    assert q.types == {"letter", "response"}
    assert q.senders == ("State Department",)
    assert q.recipients == ("Rubio",)
    assert q.signers == ("Goldman",)
    assert q.after == dt.date(2024, 6, 1)
    assert q.before == dt.date(2025, 12, 31)
    assert q.statuses == {"on_trial", "token_reply"}
    assert not q.has_words  # filters alone are a query
    assert parse("type:People TYPE:detentions").types == {"person", "detainee"}
    assert parse("signed_by:Chu").signers == ("Chu",)
    with pytest.raises(QuerySyntaxError, match="status:open is not a status; use one of: "):
        parse("status:open")


def test_words_in_every_script_and_unknown_keys_stay_words():
    q = parse("Վարդանյան Варданян Əliyev 10:30 http://example.org")
    assert [g[0].text for g in q.groups] == [
        "Վարդանյան",
        "Варданян",
        "Əliyev",
        "10:30",
        "http://example.org",
    ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "type something"),
        ("   ", "type something"),
        ("-draft", "only leaves things out"),
        ('"trial monitoring', "quotation mark is not closed"),
        ('vardanyan "', "quotation mark is not closed"),
        ("OR trial", "between two words"),
        ("trial OR", "add a word after OR"),
        ("trial OR OR hearing", "between two words"),
        ("trial OR -hearing", "left-out word"),
        ("*", "must follow the start of a word"),
        ("s*", "at least two letters"),
        ("sanc*tion", "may only end a word"),
        ("type:memo", "use one of: letter, response, detainee, sanction, person, attachment"),
        ("type:", "needs a value"),
        ("from: State", "needs a value"),
        ("after:2025-13", "not a date"),
        ("after:yesterday", "write it as 2025"),
        ("after:2025 before:2024", "is later than"),
        ('""', "empty phrase"),
        ("-type:letter vardanyan", "leave out the minus"),
        ("x" * 501, "too long"),
        (" ".join(f"w{i}" for i in range(40)), "too many words"),
    ],
)
def test_malformed_queries_get_a_helpful_message(text, says):
    with pytest.raises(QuerySyntaxError) as caught:
        parse(text)
    assert says in str(caught.value)


def test_folding_for_search():
    assert fold_for_search("Əliyev") == fold_for_search("Aliyev") == "aliyev"
    assert fold_for_search("Sánchez") == "sanchez"
    assert fold_for_search("Şuşa") == "susa"
    assert fold_for_search("İlham ığ çöü") == "ilham ig cou"
    assert fold_for_search("ՎԱՐԴԱՆՅԱՆ") == "վարդանյան"
    assert fold_for_search("РУБЕН Варданян") == "рубен варданян"
    # apostrophes separate words: "Aliyev's" still holds the word aliyev
    assert fold_for_search("O’Brien") == "o’brien"


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120))
def test_no_input_breaks_the_parser(text):
    try:
        query = parse(text)
    except QuerySyntaxError as exc:
        assert str(exc)  # always says something
        return
    assert (
        query.groups
        or query.types
        or query.senders
        or query.recipients
        or query.signers
        or query.after
        or query.before
        or query.statuses
    )


_word = st.text(alphabet="abcdefgհայЖжəş", min_size=2, max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_word, min_size=1, max_size=5),
    st.lists(_word, max_size=2),
    st.booleans(),
)
def test_a_query_written_back_reads_the_same(words, excluded, prefix):
    text = " ".join([*words[:-1], words[-1] + ("*" if prefix else "")])
    text += "".join(f" -{w}" for w in excluded)
    text += ' "two words" type:letter after:2024-03'
    query = parse(text)
    again = parse(str(query))
    assert again == query


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZßև́ Σ İÞþǄəƏŞşВёЁ7_\u0301\U00013000Ꭰ")))
def test_folding_is_per_character_and_knows_where_each_letter_came_from(text):
    from casetracker.search.query import fold_character, fold_with_origins

    folded, origins = fold_with_origins(text)
    assert folded == fold_for_search(text) == "".join(fold_character(c) for c in text)
    expected = [i for i, ch in enumerate(text) for _ in fold_character(ch)]
    got = [origins(k) for k in range(len(folded))] if origins else list(range(len(folded)))
    assert got == expected
